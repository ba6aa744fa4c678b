import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ProxyError } from './errors.ts';
import { OclcTokenCache } from './oclc-token-cache.ts';
import { SecretRegistry } from './secret-registry.ts';
import type { FakeTokenEndpoint } from './test-support/fake-token-endpoint.ts';
import { startFakeTokenEndpoint } from './test-support/fake-token-endpoint.ts';
import type { Harness } from './test-support/harness.ts';
import { createHarness, OTHER_INST, TEST_SECRET, TEST_WSKEY } from './test-support/harness.ts';
import { listenOnLocalhost } from './test-support/http-fixture.ts';

describe('OCLC token through the proxy', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());
  beforeEach(async () => {
    await h.restartProxy();
    h.tokenEndpoint.reset();
    h.upstream.reset();
  });

  it('asks for the token with client credentials, Basic WSKey:secret and the registry context', async () => {
    await h.call('/x');
    assert.equal(h.tokenEndpoint.requests.length, 1);
    const t = h.tokenEndpoint.requests[0];
    assert.equal(t.method, 'POST');
    assert.equal(t.grantType, 'client_credentials');
    assert.equal(t.scope, 'WorldShareILL context:128807');
    assert.equal(t.wskey, TEST_WSKEY, 'the Basic credentials were accepted');
  });

  it('uses each institution own credentials and scopes', async () => {
    await h.call('/x', { inst: OTHER_INST });
    const t = h.tokenEndpoint.requests[0];
    assert.equal(t.scope, 'WorldShareILL refresh_token context:91475');
    assert.equal(t.wskey, 'wskey-test-inst-b');
    assert.match(
      h.upstream.received[0].headers.authorization ?? '',
      /^Bearer tk_wskey-test-inst-b_/,
    );
  });

  it('makes exactly one token request for 100 sequential calls', async () => {
    for (let i = 0; i < 100; i++) assert.equal((await h.call(`/x/${i}`)).statusCode, 200);
    assert.equal(h.tokenEndpoint.requests.length, 1);
    assert.equal(h.upstream.received.length, 100);
    assert.equal(new Set(h.upstream.received.map((r) => r.headers.authorization)).size, 1);
  });

  it('makes exactly one token request for 100 concurrent calls', async () => {
    const results = await Promise.all(Array.from({ length: 100 }, (_, i) => h.call(`/x/${i}`)));
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal(h.tokenEndpoint.requests.length, 1);
    assert.equal(h.upstream.received.length, 100);
  });

  it('keeps one token per institution', async () => {
    await Promise.all([
      h.call('/a'),
      h.call('/b', { inst: OTHER_INST }),
      h.call('/c'),
      h.call('/d', { inst: OTHER_INST }),
    ]);
    assert.equal(h.tokenEndpoint.requests.length, 2);
    assert.deepEqual(h.tokenEndpoint.requests.map((r) => r.wskey).sort(), [
      'wskey-test-inst-a',
      'wskey-test-inst-b',
    ]);
  });

  it('drops the token and retries once with a fresh one when the upstream answers 401', async () => {
    await h.call('/warm');
    const first = h.tokenEndpoint.issued.at(-1);
    h.upstream.reset();
    let refusals = 0;
    h.upstream.behave((req, res) => {
      if (req.headers.authorization === `Bearer ${first}`) {
        refusals += 1;
        res.statusCode = 401;
        res.end('{"message":"token expired"}');
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end('{"ok":"fresh"}');
    });
    const res = await h.call('/ILL/request/data/1');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body, '{"ok":"fresh"}');
    assert.equal(refusals, 1);
    assert.equal(h.tokenEndpoint.requests.length, 2);
    const fresh = h.tokenEndpoint.issued.at(-1);
    assert.notEqual(fresh, first);
    assert.deepEqual(
      h.upstream.received.map((r) => r.headers.authorization),
      [`Bearer ${first}`, `Bearer ${fresh}`],
    );

    // the fresh token is cached from now on
    await h.call('/again');
    assert.equal(h.tokenEndpoint.requests.length, 2);
  });

  it('retries only once: a second 401 goes back to the caller', async () => {
    h.upstream.behave((_req, res) => {
      res.statusCode = 401;
      res.setHeader('content-type', 'application/json');
      res.end('{"message":"no access"}');
    });
    const res = await h.call('/x', {
      method: 'POST',
      payload: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(res.statusCode, 401);
    assert.equal(res.body, '{"message":"no access"}');
    assert.equal(h.upstream.received.length, 2);
    assert.equal(h.tokenEndpoint.requests.length, 2);
    assert.equal(h.upstream.received[1].body.toString(), '<x/>', 'the retry carries the same body');
  });

  it('refreshes once when many concurrent calls are refused with the same stale token', async () => {
    await h.call('/warm');
    const stale = h.tokenEndpoint.issued.at(-1);
    h.upstream.behave((req, res) => {
      res.statusCode = req.headers.authorization === `Bearer ${stale}` ? 401 : 200;
      res.end('{}');
    });
    const results = await Promise.all(Array.from({ length: 20 }, () => h.call('/x')));
    assert.ok(results.every((r) => r.statusCode === 200));
    assert.equal(h.tokenEndpoint.requests.length, 2);
  });

  for (const [mode, pattern] of [
    ['fail-500', /HTTP 500/],
    ['refuse-401', /refused the credentials/],
    ['not-json', /not JSON/],
    ['no-expiry', /expires_in/],
  ] as const) {
    it(`answers 502 with a clear message when the token endpoint fails (${mode}), never with the secret`, async () => {
      h.tokenEndpoint.mode = mode;
      const res = await h.call('/x');
      assert.equal(res.statusCode, 502);
      const body = res.json();
      assert.equal(body.error.code, 'oclc_token_failed');
      assert.match(body.error.message, pattern);
      assert.match(body.error.message, /01TEST_INST/);
      assert.ok(!res.body.includes(TEST_SECRET));
      assert.ok(!res.body.includes(TEST_WSKEY), 'not even the WSKey');
      assert.equal(h.upstream.received.length, 0);
    });
  }

  it('tries again on the next call after a token failure', async () => {
    h.tokenEndpoint.mode = 'fail-500';
    assert.equal((await h.call('/x')).statusCode, 502);
    h.tokenEndpoint.mode = 'ok';
    assert.equal((await h.call('/x')).statusCode, 200);
    assert.equal(h.tokenEndpoint.requests.length, 2);
  });

  it('answers 502 when the token endpoint cannot be reached', async () => {
    const gone = await listenOnLocalhost(() => undefined);
    await gone.close();
    await h.restartProxy({ oauthTokenUrl: `${gone.origin}/token` });
    const res = await h.call('/x');
    assert.equal(res.statusCode, 502);
    assert.match(res.json().error.message, /cannot be reached/);
  });

  it('never echoed a token or secret in any answer or log line', () => {
    assert.ok(
      h.logLines.some((l) => l.includes('oclc_token_failed')),
      'token failures were logged',
    );
    assert.deepEqual(h.findLeaks(), []);
  });
});

describe('OclcTokenCache lifetime', () => {
  let endpoint: FakeTokenEndpoint;
  let clock = 1_000_000;
  const institutions = {
    INST: { wskey: TEST_WSKEY, secret: TEST_SECRET, registryId: '128807', scopes: 'WorldShareILL' },
  };
  const cache = (secrets = new SecretRegistry()) =>
    new OclcTokenCache({
      tokenUrl: endpoint.url,
      institutions,
      timeoutMs: 5000,
      refreshMarginMs: 60_000,
      secrets,
      now: () => clock,
    });

  before(async () => {
    endpoint = await startFakeTokenEndpoint({ [TEST_WSKEY]: TEST_SECRET });
  });
  after(() => endpoint.close());
  beforeEach(() => endpoint.reset());

  it('reads expires_in given as a string and renews 60 s before expiry', async () => {
    endpoint.expiresIn = '3599';
    const c = cache();
    const t1 = await c.getToken('INST');
    clock += (3599 - 61) * 1000;
    assert.equal(await c.getToken('INST'), t1, 'still cached 61 s before expiry');
    clock += 2000;
    const t2 = await c.getToken('INST');
    assert.notEqual(t2, t1, 'renewed within the last minute');
    assert.equal(endpoint.requests.length, 2);
  });

  it('keeps a short-lived token for half its lifetime instead of not caching it', async () => {
    endpoint.expiresIn = '40';
    const c = cache();
    const t1 = await c.getToken('INST');
    clock += 19_000;
    assert.equal(await c.getToken('INST'), t1);
    clock += 2000;
    assert.notEqual(await c.getToken('INST'), t1);
  });

  it('falls back to expires_at when expires_in is unusable', async () => {
    endpoint.expiresIn = 'soon';
    const c = cache();
    clock = Date.parse('2019-08-23T18:00:00Z');
    const t1 = await c.getToken('INST');
    clock += 40 * 60 * 1000;
    assert.equal(await c.getToken('INST'), t1, 'valid until 18:45:29Z minus the margin');
    clock += 5 * 60 * 1000;
    assert.notEqual(await c.getToken('INST'), t1);
  });

  it('invalidate only drops the token it was given', async () => {
    endpoint.expiresIn = '3599';
    const c = cache();
    const t1 = await c.getToken('INST');
    c.invalidate('INST', 'some-older-token');
    assert.equal(await c.getToken('INST'), t1);
    c.invalidate('INST', t1);
    assert.notEqual(await c.getToken('INST'), t1);
    assert.equal(endpoint.requests.length, 2);
  });

  it('registers the secret, the Basic credentials and live tokens for log scrubbing', async () => {
    const secrets = new SecretRegistry();
    const c = cache(secrets);
    const t1 = await c.getToken('INST');
    const basic = Buffer.from(`${TEST_WSKEY}:${TEST_SECRET}`).toString('base64');
    assert.equal(
      secrets.scrub(`a ${TEST_SECRET} b ${basic} c ${t1}`),
      'a [redacted] b [redacted] c [redacted]',
    );
  });

  it('throws a 502 ProxyError for an unknown answer shape', async () => {
    endpoint.mode = 'no-expiry';
    await assert.rejects(
      cache().getToken('INST'),
      (e: unknown) => e instanceof ProxyError && e.statusCode === 502,
    );
  });
});
