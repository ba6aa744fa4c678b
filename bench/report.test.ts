import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { updateReadme } from './report.js';
import { Targets } from './targets.js';

describe('README table and targets', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-readme-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('only the text between the markers is replaced, and again on the next run', () => {
    const file = join(dir, 'README.md');
    writeFileSync(
      file,
      '# Title\n\n## Benchmark\nHow to run.\n\n<!-- bench:table:start -->\nold\n<!-- bench:table:end -->\n\n## After\nkept\n',
    );
    assert.equal(updateReadme(file, '| a |', 'machine one'), true);
    assert.equal(updateReadme(file, '| b |', 'machine two'), true);
    assert.equal(
      readFileSync(file, 'utf8'),
      '# Title\n\n## Benchmark\nHow to run.\n\n<!-- bench:table:start -->\nmachine two\n\n| b |\n<!-- bench:table:end -->\n\n## After\nkept\n',
    );
  });

  test('without the markers the README is left alone', () => {
    const file = join(dir, 'plain.md');
    writeFileSync(file, '# Title\n');
    assert.equal(updateReadme(file, '| a |', 'machine'), false);
    assert.equal(readFileSync(file, 'utf8'), '# Title\n');
  });

  test('a target is PASS only within its limit', () => {
    const t = new Targets();
    assert.equal(t.atMost('a', 'ratio', 1.2, 1.2, 'x').verdict, 'PASS');
    assert.equal(t.atMost('b', 'ratio', 1.21, 1.2, 'x').verdict, 'MISS');
    assert.equal(t.exactly('c', '429s', 0, 0, 'answers').verdict, 'PASS');
    assert.equal(t.exactly('d', 'tokens', 2, 1, 'requests').verdict, 'MISS');
    assert.deepEqual(
      t.checks.map((c) => c.id),
      ['a', 'b', 'c', 'd'],
    );
  });
});
