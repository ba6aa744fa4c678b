// Cloud App tokens in the shape Ex Libris issues them (docs/contracts.md, "Cloud App host and tokens"):
// issuer https://apps01.ext.exlibrisgroup.com/auth, RS256, the app's GitHub owner/repository after
// "ExlCloudApp:" in aud, "!~" before it for an app served from a developer's machine. The proxy is
// configured from environment variables, as `npm run proxy` and the container configure it.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfigFromEnv } from './config-env.ts';
import type { Harness } from './test-support/harness.ts';
import { createHarness } from './test-support/harness.ts';

const EXL_ISSUER = 'https://apps01.ext.exlibrisgroup.com/auth';
const APP = 'some-org/worldshare-bridge';

describe('Cloud App tokens as Ex Libris issues them', () => {
  let h: Harness;
  let dir: string;
  let keyFile: string;

  /** Restarts the proxy from environment variables (plus the harness's upstream and institutions). */
  const startFromEnv = async (more: Record<string, string | undefined>): Promise<void> => {
    const c = loadConfigFromEnv({
      PROXY_ALLOWED_APPS: APP,
      PROXY_ALLOWED_UPSTREAMS: h.upstream.origin,
      PROXY_INSTITUTIONS_JSON: JSON.stringify(h.config.institutions),
      ...more,
    });
    await h.restartProxy({
      publicKeyPem: c.publicKeyPem,
      jwksUrl: c.jwksUrl,
      issuer: c.issuer,
      allowedApps: c.allowedApps,
      allowLocalDev: c.allowLocalDev,
    });
  };
  const token = (
    claims: Record<string, unknown> = {},
    opts: { key?: 'issuer' | 'other'; alg?: 'RS256' | 'PS256' } = {},
  ) =>
    h.issuer.sign(
      { iss: EXL_ISSUER, aud: 'ExlCloudApp:Some-Org/WorldShare-Bridge', ...claims },
      opts,
    );
  const send = async (jwt: string) => {
    const before = h.upstream.received.length;
    const res = await h.request({
      method: 'GET',
      url: '/ILL/request/data/1',
      headers: { authorization: `Bearer ${jwt}`, 'x-proxy-host': h.upstream.host },
    });
    return { res, forwarded: h.upstream.received.length - before };
  };
  const expectAccepted = async (jwt: string): Promise<void> => {
    const { res, forwarded } = await send(jwt);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(forwarded, 1);
  };
  const expectRefused = async (jwt: string, status: number, code: string): Promise<string> => {
    const { res, forwarded } = await send(jwt);
    assert.equal(res.statusCode, status, res.body);
    assert.equal(res.json().error.code, code);
    assert.equal(forwarded, 0, 'nothing reached the upstream');
    return res.json().error.message as string;
  };

  before(async () => {
    h = await createHarness();
    dir = mkdtempSync(join(tmpdir(), 'proxy-key-'));
    keyFile = join(dir, 'public-key.pem');
    writeFileSync(keyFile, h.issuer.publicKeyPem);
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  describe('key from PROXY_PUBLIC_KEY_FILE, default issuer, local development off', () => {
    before(() => startFromEnv({ PROXY_PUBLIC_KEY_FILE: keyFile }));

    it('accepts aud ExlCloudApp:Some-Org/WorldShare-Bridge (the app id compared ignoring case)', async () => {
      await expectAccepted(await token());
    });

    it('accepts the id in lower and upper case, and aud as a one-element array', async () => {
      await expectAccepted(await token({ aud: `ExlCloudApp:${APP}` }));
      await expectAccepted(await token({ aud: `ExlCloudApp:${APP.toUpperCase()}` }));
      await expectAccepted(await token({ aud: ['ExlCloudApp:Some-Org/WorldShare-Bridge'] }));
    });

    it('refuses ExlCloudApp:!~<app id> and names PROXY_ALLOW_LOCAL_DEV', async () => {
      const message = await expectRefused(
        await token({ aud: `ExlCloudApp:!~${APP}` }),
        403,
        'app_not_allowed',
      );
      assert.match(message, /PROXY_ALLOW_LOCAL_DEV=true/);
      await expectRefused(
        await token({ aud: 'ExlCloudApp:!~Some-Org/WorldShare-Bridge' }),
        403,
        'app_not_allowed',
      );
    });

    it("refuses a token signed by a key other than the PEM file's", async () => {
      await expectRefused(await token({}, { key: 'other' }), 401, 'jwt_bad_signature');
    });

    it('refuses an RS256 look-alike algorithm', async () => {
      await expectRefused(await token({}, { alg: 'PS256' }), 401, 'jwt_algorithm_not_allowed');
    });

    it('refuses another issuer', async () => {
      await expectRefused(
        await token({ iss: 'https://apps01.ext.exlibrisgroup.com/auth/' }),
        401,
        'jwt_wrong_issuer',
      );
      await expectRefused(await token({ iss: h.issuer.issuer }), 401, 'jwt_wrong_issuer');
      await expectRefused(await token({ iss: undefined }), 401, 'jwt_wrong_issuer');
    });

    it('refuses an expired token', async () => {
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(await token({ iat: now - 7200, exp: now - 3600 }), 401, 'jwt_expired');
    });

    for (const [label, aud] of [
      ['another app of the same owner', 'ExlCloudApp:some-org/other-app'],
      ['the same repository name under another owner', 'ExlCloudApp:other-org/worldshare-bridge'],
      ['the app id as a prefix', 'ExlCloudApp:some-org/worldshare-bridge-evil'],
      ['the app id as a suffix', 'ExlCloudApp:evil/some-org/worldshare-bridge'],
      ['the repository name alone', 'ExlCloudApp:worldshare-bridge'],
      ['the marker without an id', 'ExlCloudApp:!~'],
      ['the prefix alone', 'ExlCloudApp:'],
      ['the prefix in another case', 'exlcloudapp:some-org/worldshare-bridge'],
    ] as const) {
      it(`refuses ${label} (${aud})`, async () => {
        await expectRefused(await token({ aud }), 403, 'app_not_allowed');
      });
    }

    it('refuses the older form that names the app in iss, saying so', async () => {
      const message = await expectRefused(
        await token({ iss: `ExlCloudApp:${APP}`, aud: undefined }),
        401,
        'jwt_wrong_issuer',
      );
      assert.match(message, /older form/);
      await expectRefused(await token({ iss: `ExlCloudApp:${APP}` }), 401, 'jwt_wrong_issuer');
    });
  });

  describe('PROXY_ALLOW_LOCAL_DEV=true', () => {
    before(() => startFromEnv({ PROXY_PUBLIC_KEY_FILE: keyFile, PROXY_ALLOW_LOCAL_DEV: 'true' }));

    it('accepts ExlCloudApp:!~<app id>, in any case, and still the published form', async () => {
      await expectAccepted(await token({ aud: `ExlCloudApp:!~${APP}` }));
      await expectAccepted(await token({ aud: 'ExlCloudApp:!~Some-Org/WorldShare-Bridge' }));
      await expectAccepted(await token());
    });

    it('still refuses another app, a foreign key and an expired token', async () => {
      await expectRefused(
        await token({ aud: 'ExlCloudApp:!~some-org/other-app' }),
        403,
        'app_not_allowed',
      );
      await expectRefused(
        await token({ aud: `ExlCloudApp:!~${APP}` }, { key: 'other' }),
        401,
        'jwt_bad_signature',
      );
      const now = Math.floor(Date.now() / 1000);
      await expectRefused(
        await token({ aud: `ExlCloudApp:!~${APP}`, iat: now - 7200, exp: now - 3600 }),
        401,
        'jwt_expired',
      );
    });
  });

  describe('key from PROXY_JWKS_URL', () => {
    before(() => startFromEnv({ PROXY_JWKS_URL: h.issuer.jwksUrl }));

    it('accepts the same token through the JWKS', async () => {
      await expectAccepted(await token());
    });

    it('refuses a foreign key, a wrong issuer, another app and !~', async () => {
      await expectRefused(await token({}, { key: 'other' }), 401, 'jwt_bad_signature');
      await expectRefused(await token({ iss: h.issuer.issuer }), 401, 'jwt_wrong_issuer');
      await expectRefused(
        await token({ aud: 'ExlCloudApp:some-org/other-app' }),
        403,
        'app_not_allowed',
      );
      await expectRefused(await token({ aud: `ExlCloudApp:!~${APP}` }), 403, 'app_not_allowed');
    });
  });

  describe("a PEM key that is not the issuer's", () => {
    before(async () => {
      const otherFile = join(dir, 'other.pem');
      writeFileSync(otherFile, h.issuer.otherPublicKeyPem);
      await startFromEnv({ PROXY_PUBLIC_KEY_FILE: otherFile });
    });

    it('refuses every token the issuer signed', async () => {
      await expectRefused(await token(), 401, 'jwt_bad_signature');
    });
  });

  it('never echoed a token in any answer or log line', () => {
    assert.deepEqual(h.findLeaks(), []);
  });
});
