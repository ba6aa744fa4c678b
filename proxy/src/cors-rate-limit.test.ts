import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './test-support/harness.ts';
import { ALLOWED_ORIGIN, createHarness, OTHER_INST } from './test-support/harness.ts';

describe('CORS', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('answers an allowed origin with its CORS headers, on success and on refusal', async () => {
    const ok = await h.call('/x', { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    assert.match(String(ok.headers.vary), /Origin/i);
    const refused = await h.request({
      method: 'GET',
      url: '/x',
      headers: { origin: ALLOWED_ORIGIN, 'x-proxy-host': h.upstream.host },
    });
    assert.equal(refused.statusCode, 401);
    assert.equal(
      refused.headers['access-control-allow-origin'],
      ALLOWED_ORIGIN,
      'the app can read why it was refused',
    );
    assert.equal(
      ok.headers['access-control-allow-credentials'],
      undefined,
      'no cookies are involved',
    );
  });

  for (const origin of [
    'https://evil.test',
    'https://apps.exl.test.evil.test',
    'http://apps.exl.test',
    'null',
  ]) {
    it(`gives no CORS headers to ${origin}`, async () => {
      const res = await h.call('/x', { headers: { origin } });
      assert.equal(res.headers['access-control-allow-origin'], undefined);
      assert.equal(res.headers['access-control-allow-methods'], undefined);
    });
  }

  it('answers the preflight of an allowed origin with the proxy headers and methods', async () => {
    const forwardedBefore = h.upstream.received.length;
    const res = await h.request({
      method: 'OPTIONS',
      url: '/ILL/request/data',
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,x-proxy-host,content-type',
      },
    });
    assert.equal(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
    const allowed = String(res.headers['access-control-allow-headers']).toLowerCase().split(/,\s*/);
    for (const name of ['authorization', 'x-proxy-host', 'x-proxy-auth', 'content-type', 'accept'])
      assert.ok(allowed.includes(name), name);
    const methods = String(res.headers['access-control-allow-methods']).split(/,\s*/);
    for (const m of ['GET', 'POST', 'PUT', 'DELETE']) assert.ok(methods.includes(m), m);
    assert.equal(h.upstream.received.length, forwardedBefore, 'a preflight is never forwarded');
  });

  it('gives a preflight from another origin no CORS headers', async () => {
    const res = await h.request({
      method: 'OPTIONS',
      url: '/ILL/request/data',
      headers: {
        origin: 'https://evil.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization',
      },
    });
    assert.notEqual(res.statusCode, 204);
    assert.equal(res.headers['access-control-allow-origin'], undefined);
    assert.equal(res.headers['access-control-allow-headers'], undefined);
  });

  it('never echoed a token or secret in any answer or log line', () => {
    assert.deepEqual(h.findLeaks(), []);
  });
});

describe('rate limits', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({ rateLimitPerMinute: 3, ipRateLimitPerMinute: 100 });
  });
  after(() => h.close());

  it('answers 429 with Retry-After once an institution exceeds its requests per minute', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await h.call('/x')).statusCode, 200);
    const res = await h.call('/x', { headers: { origin: ALLOWED_ORIGIN } });
    assert.equal(res.statusCode, 429);
    assert.equal(res.json().error.code, 'rate_limited');
    assert.match(res.json().error.message, /3 per minute/);
    const retryAfter = Number(res.headers['retry-after']);
    assert.ok(
      Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 60,
      `Retry-After ${res.headers['retry-after']}`,
    );
    assert.equal(
      res.headers['access-control-allow-origin'],
      ALLOWED_ORIGIN,
      'the app can read the 429',
    );
    assert.equal(h.upstream.received.length, 3, 'the fourth call was not forwarded');
  });

  it('counts each institution separately', async () => {
    assert.equal((await h.call('/x', { inst: OTHER_INST })).statusCode, 200);
  });

  it('limits per client IP before the token is checked', async () => {
    await h.restartProxy({ ipRateLimitPerMinute: 2 });
    const anonymous = () =>
      h.request({ method: 'GET', url: '/x', headers: { 'x-proxy-host': h.upstream.host } });
    assert.equal((await anonymous()).statusCode, 401);
    assert.equal((await anonymous()).statusCode, 401);
    const res = await anonymous();
    assert.equal(res.statusCode, 429);
    assert.ok(Number(res.headers['retry-after']) > 0);
    const otherIp = await h.request({
      method: 'GET',
      url: '/x',
      remoteAddress: '10.9.8.7',
      headers: { 'x-proxy-host': h.upstream.host },
    });
    assert.equal(otherIp.statusCode, 401, 'another address has its own budget');
  });

  it('never limits /healthz', async () => {
    for (let i = 0; i < 5; i++)
      assert.equal((await h.request({ method: 'GET', url: '/healthz' })).statusCode, 200);
  });
});
