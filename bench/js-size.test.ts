import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { measureJs } from './js-size.js';

describe('measureJs', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  function build(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'bench-size-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
  }

  test('initial chunks are the scripts index.html loads; every other .js is lazy', () => {
    const main = 'console.log("main");'.repeat(50);
    const dir = build({
      'index.html':
        '<html><body><script src="runtime.1.js" type="module"></script><script src="main.2.js" type="module"></script></body></html>',
      'runtime.1.js': 'r',
      'main.2.js': main,
      '98.3.js': 'lazy chunk',
      'styles.4.css': 'body{}',
    });
    const sizes = measureJs(dir);
    assert.deepEqual(
      sizes.initial.map((c) => c.file),
      ['main.2.js', 'runtime.1.js'],
    );
    assert.deepEqual(
      sizes.lazy.map((c) => c.file),
      ['98.3.js'],
    );
    assert.equal(sizes.initialRawBytes, main.length + 1);
    assert.equal(sizes.lazyRawBytes, 'lazy chunk'.length);
    assert.equal(sizes.initial[0].gzipBytes, gzipSync(main).length);
    assert.ok(sizes.initial[0].gzipBytes < main.length, 'repetitive text compresses');
    assert.equal(sizes.totalRawBytes, sizes.initialRawBytes + sizes.lazyRawBytes);
  });

  test('a folder whose index.html loads no script is not a build', () => {
    const dir = build({ 'index.html': '<html></html>', 'a.js': 'x' });
    assert.throws(() => measureJs(dir), /loads no script/);
  });

  test('a script index.html names but the folder lacks is an error, not a smaller figure', () => {
    const dir = build({
      'index.html': '<script src="main.js"></script><script src="gone.js"></script>',
      'main.js': 'x',
    });
    assert.throws(() => measureJs(dir), /not in the folder/);
  });

  test('no index.html: the read error surfaces', () => {
    const dir = build({ 'main.js': 'x' });
    assert.throws(() => measureJs(dir), /ENOENT/);
  });
});
