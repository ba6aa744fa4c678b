import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './test-support/harness.ts';
import { createHarness, TEST_SECRET } from './test-support/harness.ts';

interface LogLine {
  reqId?: string;
  msg?: string;
  method?: string;
  host?: string;
  path?: string;
  status?: number;
  latencyMs?: number;
  instCode?: string;
  [k: string]: unknown;
}

describe('structured logging', () => {
  let h: Harness;
  const parsed = (): LogLine[] => h.logLines.map((l) => JSON.parse(l) as LogLine);
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('writes one completion line per request with request id, method, host, path, status, latency and inst_code', async () => {
    const res = await h.call('/ILL/request/data/42?apikey=should-not-be-logged-77', {
      method: 'POST',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    const reqId = res.headers['x-request-id'];
    assert.equal(typeof reqId, 'string');
    const lines = parsed().filter((l) => l.reqId === reqId && l.msg === 'request completed');
    assert.equal(lines.length, 1);
    const line = lines[0];
    assert.equal(line.method, 'POST');
    assert.equal(line.host, h.upstream.host);
    assert.equal(line.path, '/ILL/request/data/42', 'the query string is not logged');
    assert.equal(line.status, 200);
    assert.equal(typeof line.latencyMs, 'number');
    assert.equal(line.instCode, '01TEST_INST');
    assert.ok(!h.logLines.some((l) => l.includes('should-not-be-logged-77')));
  });

  it('logs refused requests with their status and the host that was asked for', async () => {
    const res = await h.call('/x', { headers: { 'x-proxy-host': 'evil.test' } });
    const line = parsed().find(
      (l) => l.reqId === res.headers['x-request-id'] && l.msg === 'request completed',
    );
    assert.equal(line?.status, 403);
    assert.equal(line?.host, 'evil.test');
    assert.ok(
      parsed().some(
        (l) => l.reqId === res.headers['x-request-id'] && l.code === 'upstream_not_allowed',
      ),
    );
  });

  it('logs no header at all, so no Authorization, X-Proxy-Auth or cookie', async () => {
    h.markSensitive('Basic Y2FsbGVyOnNlY3JldA-8c2');
    await h.call('/x', {
      headers: {
        'x-proxy-auth': 'Basic Y2FsbGVyOnNlY3JldA-8c2',
        cookie: 'alma=session-cookie-4b1',
      },
    });
    for (const l of h.logLines) {
      assert.doesNotMatch(l, /authorization|x-proxy-auth|session-cookie-4b1/i, l);
    }
  });

  it('scrubs secrets and tokens even if code logs them by mistake', async () => {
    await h.call('/x');
    const token = h.tokenEndpoint.issued.at(-1) ?? '';
    const jwtLikeHeader = 'Bearer accidental-jwt-value-0a9';
    h.proxy.log.info(
      { secret: TEST_SECRET, headers: { authorization: jwtLikeHeader }, detail: `token=${token}` },
      `oops ${TEST_SECRET}`,
    );
    const last = h.logLines.at(-1) ?? '';
    assert.ok(last.includes('oops'), last);
    assert.ok(!last.includes(TEST_SECRET), last);
    assert.ok(!last.includes(token), last);
    assert.ok(!last.includes('accidental-jwt-value-0a9'), last);
  });

  it('never wrote a token or secret in any answer or log line', () => {
    assert.deepEqual(h.findLeaks(), []);
  });
});
