import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  LIBRARY,
  OTHER_LIBRARY,
  startTestOclc,
  tokenRequest,
  type TestOclc,
} from './test-support.js';

describe('fake OCLC: POST /token (client credentials)', () => {
  let oclc: TestOclc;
  before(async () => {
    oclc = await startTestOclc();
  });
  after(() => oclc.close());

  const scope = `WorldShareILL context:${LIBRARY.registryId}`;

  it('issues a token in the shape of access_token.json, expires_in as a string', async () => {
    const res = await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, scope);
    assert.equal(res.status, 200);
    assert.match(String(res.body.access_token), /^tk_[A-Za-z0-9_-]{20,}$/);
    assert.equal(res.body.token_type, 'bearer');
    assert.equal(res.body.expires_in, '1199');
    assert.equal(typeof res.body.expires_in, 'string');
    assert.equal(res.body.contextInstitutionId, '128807');
    assert.equal(res.body.expires_at, '2026-12-01 12:19:59Z');
    assert.equal(res.body.refresh_token, undefined);
    assert.equal(res.headers.get('cache-control'), 'no-store');
  });

  it('gives a fresh token on every request', async () => {
    const a = await oclc.token();
    const b = await oclc.token();
    assert.notEqual(a, b);
  });

  it('honours tokenLifetimeSec', async () => {
    const short = await startTestOclc(undefined, { tokenLifetimeSec: 60 });
    try {
      const res = await tokenRequest(short.url, LIBRARY.wskey, LIBRARY.secret, scope);
      assert.equal(res.body.expires_in, '60');
      assert.equal(res.body.expires_at, '2026-12-01 12:01:00Z');
    } finally {
      await short.close();
    }
  });

  it('accepts the parameters as a form body too', async () => {
    const res = await fetch(`${oclc.url}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${LIBRARY.wskey}:${LIBRARY.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope }).toString(),
    });
    assert.equal(res.status, 200);
  });

  it('refuses a wrong secret with 401 invalid_client', async () => {
    const res = await tokenRequest(oclc.url, LIBRARY.wskey, 'wrong', scope);
    assert.equal(res.status, 401);
    assert.equal(res.body.error, 'invalid_client');
    assert.match(res.headers.get('www-authenticate') ?? '', /^Basic/);
  });

  it('refuses an unknown WSKey and missing credentials with 401', async () => {
    assert.equal((await tokenRequest(oclc.url, 'nobody', LIBRARY.secret, scope)).status, 401);
    const none = await tokenRequest(oclc.url, undefined, undefined, scope);
    assert.equal(none.status, 401);
    assert.equal(none.body.error, 'invalid_client');
  });

  it('refuses another WSKey paired with this secret (secrets are per key)', async () => {
    const res = await tokenRequest(
      oclc.url,
      OTHER_LIBRARY.wskey,
      LIBRARY.secret,
      `WorldShareILL context:${OTHER_LIBRARY.registryId}`,
    );
    assert.equal(res.status, 401);
  });

  it('refuses a grant type other than client_credentials with 400', async () => {
    const res = await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, scope, 'refresh_token');
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'unsupported_grant_type');
  });

  it('refuses a scope not granted to the WSKey', async () => {
    const res = await tokenRequest(
      oclc.url,
      OTHER_LIBRARY.wskey,
      OTHER_LIBRARY.secret,
      `WorldShareILL SCIM context:${OTHER_LIBRARY.registryId}`,
    );
    assert.equal(res.status, 400);
    assert.equal(res.body.error, 'invalid_scope');
    assert.match(String(res.body.error_description), /SCIM/);
  });

  it("refuses a context that is not the institution's registry id, or none", async () => {
    const foreign = await tokenRequest(
      oclc.url,
      LIBRARY.wskey,
      LIBRARY.secret,
      `WorldShareILL context:${OTHER_LIBRARY.registryId}`,
    );
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error, 'invalid_scope');
    const missing = await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, 'WorldShareILL');
    assert.equal(missing.body.error, 'invalid_scope');
    const onlyContext = await tokenRequest(
      oclc.url,
      LIBRARY.wskey,
      LIBRARY.secret,
      `context:${LIBRARY.registryId}`,
    );
    assert.equal(onlyContext.body.error, 'invalid_scope');
  });

  it('records token requests with the WSKey and never the secret', async () => {
    const before = oclc.state.worldshare.tokenRequests.length;
    await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, scope);
    await tokenRequest(oclc.url, LIBRARY.wskey, 'wrong-secret', scope);
    const recorded = oclc.state.worldshare.tokenRequests.slice(before);
    assert.equal(recorded.length, 2);
    assert.deepEqual(
      recorded.map((r) => [r.wskey, r.status, r.url]),
      [
        [LIBRARY.wskey, 200, '/token'],
        [LIBRARY.wskey, 401, '/token'],
      ],
    );
    assert.equal(recorded[0].query.scope, scope);
    const everything = JSON.stringify(oclc.state);
    assert.ok(!everything.includes(LIBRARY.secret));
    assert.ok(!everything.includes('wrong-secret'));
    assert.equal(oclc.state.worldshare.calls.filter((c) => c.url === '/token').length, 0);
  });

  it('redacts a client_secret sent in a form body', async () => {
    await fetch(`${oclc.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: LIBRARY.wskey,
        client_secret: LIBRARY.secret,
      }).toString(),
    });
    const last = oclc.state.worldshare.tokenRequests.at(-1);
    assert.deepEqual(last?.body, {
      grant_type: 'client_credentials',
      client_id: LIBRARY.wskey,
      client_secret: '<redacted>',
    });
    assert.equal(last?.status, 401);
  });

  it('never puts the secret in an answer', async () => {
    const ok = await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, scope);
    const bad = await tokenRequest(oclc.url, LIBRARY.wskey, LIBRARY.secret, 'Nope context:1');
    assert.ok(!ok.text.includes(LIBRARY.secret));
    assert.ok(!bad.text.includes(LIBRARY.secret));
  });
});
