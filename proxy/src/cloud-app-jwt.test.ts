import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Harness } from './test-support/harness.ts';
import { createHarness, OTHER_INST } from './test-support/harness.ts';
import { listenOnLocalhost } from './test-support/http-fixture.ts';
import { TEST_APP_ID } from './test-support/jwt-issuer.ts';

describe('Cloud App JWT check', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  const send = (authorization: string | undefined) =>
    h.request({
      method: 'GET',
      url: '/ILL/request/data/1',
      headers: {
        'x-proxy-host': h.upstream.host,
        ...(authorization === undefined ? {} : { authorization }),
      },
    });

  const expectRefused = async (
    authorization: string | undefined,
    status: number,
    code: string,
  ): Promise<void> => {
    const before = h.upstream.received.length;
    const res = await send(authorization);
    assert.equal(res.statusCode, status, res.body);
    const body = res.json();
    assert.equal(body.error.code, code);
    assert.equal(typeof body.error.message, 'string');
    assert.ok(body.error.message.length > 10, 'message is readable');
    assert.equal(h.upstream.received.length, before, 'nothing reached the upstream');
  };

  it('accepts a valid token and forwards', async () => {
    const res = await send(`Bearer ${await h.issuer.sign()}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true });
  });

  it('accepts the scheme case-insensitively and aud as a one-element array', async () => {
    const jwt = await h.issuer.sign({ aud: [`ExlCloudApp:${TEST_APP_ID}`] });
    assert.equal((await send(`bearer ${jwt}`)).statusCode, 200);
  });

  it('accepts a second allowed app and a second known institution', async () => {
    const jwt = await h.issuer.sign({ aud: 'ExlCloudApp:another-app', inst_code: OTHER_INST });
    assert.equal((await send(`Bearer ${jwt}`)).statusCode, 200);
  });

  it('refuses a request without token with 401', async () => {
    await expectRefused(undefined, 401, 'jwt_missing');
  });

  for (const [label, header] of [
    ['not a JWT', 'Bearer not-a-jwt'],
    ['two segments', 'Bearer aaa.bbb'],
    ['wrong scheme', 'Basic dXNlcjpwYXNz'],
    ['empty bearer', 'Bearer '],
    ['garbage segments', 'Bearer !!!.???.###'],
    ['undecodable header', 'Bearer eyJub3Rqc29u.eyJ9.c2ln'],
  ] as const) {
    it(`refuses a malformed token (${label}) with 401`, async () => {
      await expectRefused(header, 401, 'jwt_malformed');
    });
  }

  it('refuses a token signed by another key under the published kid with 401', async () => {
    await expectRefused(
      `Bearer ${await h.issuer.sign({}, { key: 'other' })}`,
      401,
      'jwt_bad_signature',
    );
  });

  it('refuses a token signed by another key with an unknown kid with 401', async () => {
    await expectRefused(
      `Bearer ${await h.issuer.sign({}, { key: 'other', kid: 'forged' })}`,
      401,
      'jwt_bad_signature',
    );
  });

  it('refuses a token whose payload was altered after signing with 401', async () => {
    const [head, , sig] = (await h.issuer.sign()).split('.');
    const payload = Buffer.from(
      JSON.stringify({
        iss: h.issuer.issuer,
        aud: `ExlCloudApp:${TEST_APP_ID}`,
        inst_code: OTHER_INST,
        exp: 9999999999,
      }),
    ).toString('base64url');
    await expectRefused(`Bearer ${head}.${payload}.${sig}`, 401, 'jwt_bad_signature');
  });

  it('refuses an unsigned (alg none) token with 401', async () => {
    const head = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(
      JSON.stringify({
        iss: h.issuer.issuer,
        aud: `ExlCloudApp:${TEST_APP_ID}`,
        inst_code: 'x',
        exp: 9999999999,
      }),
    ).toString('base64url');
    const res = await send(`Bearer ${head}.${payload}.`);
    assert.equal(res.statusCode, 401);
  });

  it('refuses a token signed with an algorithm other than RS256 even when its key is published', async () => {
    await expectRefused(
      `Bearer ${await h.issuer.sign({}, { alg: 'PS256' })}`,
      401,
      'jwt_algorithm_not_allowed',
    );
  });

  it('refuses an expired token with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      `Bearer ${await h.issuer.sign({ iat: now - 7200, exp: now - 3600 })}`,
      401,
      'jwt_expired',
    );
  });

  it('refuses a token without exp with 401', async () => {
    await expectRefused(`Bearer ${await h.issuer.sign({ exp: undefined })}`, 401, 'jwt_invalid');
  });

  it('refuses a token that is not valid yet with 401', async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRefused(
      `Bearer ${await h.issuer.sign({ nbf: now + 3600 })}`,
      401,
      'jwt_not_yet_valid',
    );
  });

  it('refuses a token from another issuer with 401', async () => {
    await expectRefused(
      `Bearer ${await h.issuer.sign({ iss: 'https://evil.test/auth' })}`,
      401,
      'jwt_wrong_issuer',
    );
  });

  for (const [label, aud] of [
    ['another app', 'ExlCloudApp:some-other-app'],
    ['bare app id', TEST_APP_ID],
    ['prefix case changed', `exlcloudapp:${TEST_APP_ID}`],
    ['app id with suffix', `ExlCloudApp:${TEST_APP_ID}x`],
    ['two audiences', [`ExlCloudApp:${TEST_APP_ID}`, 'ExlCloudApp:some-other-app']],
    ['no aud', undefined],
  ] as const) {
    it(`refuses a wrong aud (${label}) with 403`, async () => {
      await expectRefused(`Bearer ${await h.issuer.sign({ aud })}`, 403, 'app_not_allowed');
    });
  }

  for (const [label, inst] of [
    ['unknown code', '01UNKNOWN'],
    ['case changed', '01test_inst'],
    ['prototype key', '__proto__'],
    ['inherited key', 'constructor'],
    ['not a string', 42],
    ['missing', undefined],
  ] as const) {
    it(`refuses an unknown inst_code (${label}) with 403`, async () => {
      await expectRefused(
        `Bearer ${await h.issuer.sign({ inst_code: inst })}`,
        403,
        'unknown_institution',
      );
    });
  }

  it('asked OCLC for no token for any refused request', () => {
    const forwarded = h.upstream.received.length;
    assert.equal(forwarded, 3, 'only the three accepted requests reached the upstream');
    assert.ok(h.tokenEndpoint.requests.length <= 2, 'at most one token per institution');
  });

  it('answers 503 when the issuer keys cannot be fetched', async () => {
    const closed = await listenOnLocalhost(() => undefined);
    await closed.close();
    await h.restartProxy({ jwksUrl: `${closed.origin}/jwks.json` });
    try {
      const res = await send(`Bearer ${await h.issuer.sign()}`);
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'jwks_unavailable');
    } finally {
      await h.restartProxy();
    }
  });

  it('never echoed a token or secret in any answer or log line', () => {
    assert.ok(h.logLines.length > 0, 'logs were captured');
    assert.deepEqual(h.findLeaks(), []);
  });
});
