import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { createRemoteJWKSet, decodeProtectedHeader, exportJWK, importSPKI, jwtVerify } from 'jose';
import { SIM_APP_ID, SIM_ISSUER } from '../index.js';
import { startTestSim, type TestSim } from '../testing/harness.js';

describe('Cloud App JWTs', () => {
  let t: TestSim;
  let jwks: ReturnType<typeof createRemoteJWKSet>;
  const verify = (jwt: string) =>
    jwtVerify(jwt, jwks, {
      issuer: SIM_ISSUER,
      audience: `ExlCloudApp:${SIM_APP_ID}`,
      algorithms: ['RS256'],
    });

  before(async () => {
    t = await startTestSim();
    jwks = createRemoteJWKSet(new URL(t.sim.jwksUrl));
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('the host token verifies against the JWKS and carries iss, aud, sub, inst_code, iat, exp', async () => {
    const { jwt } = (await t.call('GET', '/__sim/host/jwt')).body;
    const { payload, protectedHeader } = await verify(jwt);
    assert.equal(protectedHeader.alg, 'RS256');
    const keys = (await t.call('GET', '/__sim/jwks.json')).body.keys;
    assert.equal(keys.length, 1);
    assert.equal(protectedHeader.kid, keys[0].kid);
    assert.equal(keys[0].kty, 'RSA');
    assert.equal(keys[0].d, undefined, 'no private part in the JWKS');
    assert.equal(payload.iss, 'https://apps01.ext.exlibrisgroup.com/auth');
    assert.equal(payload.aud, 'ExlCloudApp:some-org/worldshare-bridge');
    assert.equal(payload.sub, 'staff.robin');
    assert.equal(payload.inst_code, 'SIM_INST');
    assert.equal(payload.exp! - payload.iat!, 3600);
  });

  test('the same public key is served as PEM, and host tokens verify against it', async () => {
    const res = await fetch(t.sim.publicKeyUrl);
    assert.equal(res.status, 200);
    const pem = await res.text();
    assert.equal(pem, t.sim.publicKeyPem);
    assert.match(pem, /^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n?$/);
    const key = await importSPKI(pem, 'RS256', { extractable: true });
    const jwk = await exportJWK(key);
    const published = (await t.call('GET', '/__sim/jwks.json')).body.keys[0];
    assert.deepEqual([jwk.n, jwk.e], [published.n, published.e], 'PEM and JWKS hold the same key');
    const { jwt } = (await t.call('GET', '/__sim/host/jwt')).body;
    const { payload } = await jwtVerify(jwt, key, {
      issuer: SIM_ISSUER,
      audience: `ExlCloudApp:${SIM_APP_ID}`,
      algorithms: ['RS256'],
    });
    assert.equal(payload.inst_code, 'SIM_INST');
  });

  test('sub follows the staff user of the reset', async () => {
    await t.reset({ user: { primaryId: 'jo.smith' } });
    const { payload } = await verify((await t.call('GET', '/__sim/host/jwt')).body.jwt);
    assert.equal(payload.sub, 'jo.smith');
  });

  test('/__sim/jwt mints tokens with overridden and removed claims', async () => {
    const res = await t.call('POST', '/__sim/jwt', {
      claims: { inst_code: 'OTHER_INST', sub: null, extra: 7 },
    });
    const { payload } = await verify(res.body.jwt);
    assert.equal(payload.inst_code, 'OTHER_INST');
    assert.equal('sub' in payload, false);
    assert.equal(payload.extra, 7);
    const wrongAud = (
      await t.call('POST', '/__sim/jwt', { claims: { aud: 'ExlCloudApp:someone-else' } })
    ).body.jwt;
    await assert.rejects(verify(wrongAud), { code: 'ERR_JWT_CLAIM_VALIDATION_FAILED' });
  });

  test('an expired token fails verification as expired', async () => {
    const { jwt } = (await t.call('POST', '/__sim/jwt', { expiresInSec: -120 })).body;
    await assert.rejects(verify(jwt), { code: 'ERR_JWT_EXPIRED' });
  });

  test('a token signed with a foreign key has the JWKS kid but fails the signature check', async () => {
    const { jwt } = (await t.call('POST', '/__sim/jwt', { signWithForeignKey: true })).body;
    const kid = (await t.call('GET', '/__sim/jwks.json')).body.keys[0].kid;
    assert.equal(decodeProtectedHeader(jwt).kid, kid);
    await assert.rejects(verify(jwt), { code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED' });
  });

  test('reset jwt overrides change what the host page hands the app', async () => {
    await t.reset({ jwt: { expiresInSec: -60 } });
    await assert.rejects(verify((await t.call('GET', '/__sim/host/jwt')).body.jwt), {
      code: 'ERR_JWT_EXPIRED',
    });
    await t.reset();
    await verify((await t.call('GET', '/__sim/host/jwt')).body.jwt);
  });

  test('/__sim/jwt refuses malformed options', async () => {
    assert.equal((await t.call('POST', '/__sim/jwt', { claims: 'x' })).status, 400);
    assert.equal((await t.call('POST', '/__sim/jwt', { expiresInSec: '60' })).status, 400);
  });
});

describe('Cloud App JWTs with configured identity', () => {
  test('issuer, app id and institution come from the startSim options', async () => {
    const t = await startTestSim({
      issuer: 'Other-Issuer',
      appId: 'my-app',
      instCode: '01ABC_INST',
    });
    try {
      assert.deepEqual(
        [t.sim.issuer, t.sim.appId, t.sim.instCode],
        ['Other-Issuer', 'my-app', '01ABC_INST'],
      );
      const { jwt } = (await t.call('GET', '/__sim/host/jwt')).body;
      const { payload } = await jwtVerify(jwt, createRemoteJWKSet(new URL(t.sim.jwksUrl)), {
        issuer: 'Other-Issuer',
        audience: 'ExlCloudApp:my-app',
      });
      assert.equal(payload.inst_code, '01ABC_INST');
      assert.equal((await t.call('GET', '/__sim/host/init')).body.instCode, '01ABC_INST');
    } finally {
      await t.close();
    }
  });
});
