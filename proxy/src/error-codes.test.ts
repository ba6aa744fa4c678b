/**
 * The list of error codes (error-codes.ts) matches what the proxy's source really sends: every
 * code listed is sent somewhere, with the status listed beside it. (The compiler already refuses
 * a `ProxyError` or `errorBody` whose code is not listed.)
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { PROXY_ERROR_CODES, PROXY_ERROR_CODE_LIST } from './error-codes.ts';

const SRC = dirname(fileURLToPath(import.meta.url));
const source = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter(
    (f) =>
      f.endsWith('.ts') &&
      !f.endsWith('.test.ts') &&
      !f.startsWith('test-support') &&
      f !== 'error-codes.ts',
  )
  .map((f) => readFileSync(join(SRC, f), 'utf8'))
  .join('\n');

/** `new ProxyError(403, 'code'` (possibly over several lines) -> [status, code]. */
const thrown = [...source.matchAll(/ProxyError\(\s*(\d{3})\s*,\s*'([a-z_]+)'/g)].map(
  (m) => [Number(m[1]), m[2]!] as const,
);
/** `reply.code(404).send(errorBody('code'` (possibly over several lines) -> [status, code]. */
const sent = [...source.matchAll(/code\((\d{3})\)\s*\.send\(\s*errorBody\(\s*'([a-z_]+)'/g)].map(
  (m) => [Number(m[1]), m[2]!] as const,
);

describe('proxy error codes', () => {
  it('finds the refusals in the source (the scan itself works)', () => {
    assert.ok(thrown.length >= 15, `only ${thrown.length} ProxyError refusals found`);
    assert.ok(sent.length >= 1, 'errorBody replies found');
  });

  it('every code the source sends is listed, with the status listed', () => {
    const wrong = [...thrown, ...sent].filter(
      ([status, code]) => (PROXY_ERROR_CODES as Record<string, number>)[code] !== status,
    );
    assert.deepEqual(wrong, []);
  });

  it('every listed code is sent somewhere (no stale entries)', () => {
    const used = new Set([...thrown, ...sent].map(([, code]) => code));
    // bad_request and internal_error are sent by the error handler with a status of their own making.
    const unused = PROXY_ERROR_CODE_LIST.filter(
      (c) => !used.has(c) && !new RegExp(`errorBody\\(\\s*'${c}'`).test(source),
    );
    assert.deepEqual(unused, []);
  });
});
