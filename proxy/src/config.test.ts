import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ProxyConfigError, resolveConfig } from './config.ts';
import { loadConfigFromEnv } from './config-env.ts';

const SECRET = 'Cfg-S3cret-Never-Printed-61aa';

describe('loadConfigFromEnv', () => {
  let dir: string;
  let goodFile: string;
  const write = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const env = (
    more: Record<string, string | undefined> = {},
  ): Record<string, string | undefined> => ({
    PROXY_JWKS_URL: 'https://issuer.test/auth/jwks.json',
    PROXY_ISSUER: 'https://issuer.test/auth',
    PROXY_ALLOWED_APPS: 'worldshare-bridge, other-app',
    PROXY_ALLOWED_UPSTREAMS: 'https://oauth.oclc.org, https://128807.share.worldcat.org/',
    PROXY_INSTITUTIONS_FILE: goodFile,
    ...more,
  });
  const problemsOf = (e: Record<string, string | undefined>): string => {
    try {
      loadConfigFromEnv(e);
    } catch (err) {
      assert.ok(err instanceof ProxyConfigError, String(err));
      assert.ok(!err.message.includes(SECRET), 'the secret is never printed');
      return err.message;
    }
    assert.fail('expected a ProxyConfigError');
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'proxy-config-'));
    goodFile = write(
      'institutions.json',
      JSON.stringify({
        '01MY_INST': { wskey: 'k', secret: SECRET, registryId: 128807, scopes: 'WorldShareILL' },
      }),
    );
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a minimal environment and fills the defaults', () => {
    const c = loadConfigFromEnv(env());
    assert.equal(c.port, 4303);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.oauthTokenUrl, 'https://oauth.oclc.org/token');
    assert.equal(c.upstreamTimeoutMs, 30_000);
    assert.equal(c.rateLimitPerMinute, 600);
    assert.equal(c.ipRateLimitPerMinute, 600);
    assert.equal(c.trustProxy, false);
    assert.deepEqual(c.allowedApps, ['worldshare-bridge', 'other-app']);
    assert.deepEqual(c.allowedUpstreams, [
      'https://oauth.oclc.org',
      'https://128807.share.worldcat.org',
    ]);
    assert.deepEqual(c.allowedOrigins, []);
    assert.deepEqual(c.institutions['01MY_INST'], {
      wskey: 'k',
      secret: SECRET,
      registryId: '128807',
      scopes: 'WorldShareILL',
    });
  });

  it('reads every optional variable', () => {
    const c = loadConfigFromEnv(
      env({
        PROXY_PORT: '0',
        PROXY_HOST: '0.0.0.0',
        PROXY_ALLOWED_ORIGINS: 'https://apps01.ext.exlibrisgroup.com,https://Apps.Example.org',
        PROXY_OAUTH_TOKEN_URL: 'http://127.0.0.1:9/token',
        PROXY_UPSTREAM_TIMEOUT_MS: '1500',
        PROXY_RATE_LIMIT_PER_MINUTE: '50',
        PROXY_IP_RATE_LIMIT_PER_MINUTE: '70',
        PROXY_TRUST_PROXY: 'true',
      }),
    );
    assert.equal(c.port, 0);
    assert.equal(c.host, '0.0.0.0');
    assert.deepEqual(c.allowedOrigins, [
      'https://apps01.ext.exlibrisgroup.com',
      'https://apps.example.org',
    ]);
    assert.equal(c.oauthTokenUrl, 'http://127.0.0.1:9/token');
    assert.equal(c.upstreamTimeoutMs, 1500);
    assert.equal(c.rateLimitPerMinute, 50);
    assert.equal(c.ipRateLimitPerMinute, 70);
    assert.equal(c.trustProxy, true);
  });

  it("defaults the issuer to Ex Libris's and refuses tokens from developers' machines", () => {
    const c = loadConfigFromEnv(env({ PROXY_ISSUER: undefined }));
    assert.equal(c.issuer, 'https://apps01.ext.exlibrisgroup.com/auth');
    assert.equal(c.allowLocalDev, false);
    assert.equal(c.publicKeyPem, '');
  });

  it('reads the token key from a PEM file and the local-development flag', async () => {
    const { generateKeyPair, exportSPKI } = await import('jose');
    const { publicKey } = await generateKeyPair('RS256', { extractable: true });
    const pem = await exportSPKI(publicKey);
    const c = loadConfigFromEnv(
      env({
        PROXY_JWKS_URL: undefined,
        PROXY_PUBLIC_KEY_FILE: write('key.pem', pem),
        PROXY_ALLOW_LOCAL_DEV: 'true',
      }),
    );
    assert.equal(c.publicKeyPem, pem.trim());
    assert.equal(c.jwksUrl, '');
    assert.equal(c.allowLocalDev, true);
  });

  it('refuses a key file that is not an RSA public key, without quoting it', async () => {
    const notPem = write(
      'not.pem',
      `-----BEGIN PUBLIC KEY-----\n${SECRET}\n-----END PUBLIC KEY-----\n`,
    );
    assert.match(
      problemsOf(env({ PROXY_JWKS_URL: undefined, PROXY_PUBLIC_KEY_FILE: notPem })),
      /is not a PEM public key or certificate/,
    );
    const { generateKeyPair, exportSPKI } = await import('jose');
    const ec = await exportSPKI((await generateKeyPair('ES256', { extractable: true })).publicKey);
    assert.match(
      problemsOf(env({ PROXY_JWKS_URL: undefined, PROXY_PUBLIC_KEY_FILE: write('ec.pem', ec) })),
      /holds a ec key; Cloud App tokens are RS256/,
    );
  });

  it('accepts the institutions inline in PROXY_INSTITUTIONS_JSON', () => {
    const c = loadConfigFromEnv(
      env({
        PROXY_INSTITUTIONS_FILE: undefined,
        PROXY_INSTITUTIONS_JSON: JSON.stringify({
          A: { wskey: 'k', secret: SECRET, registryId: '1', scopes: 's' },
        }),
      }),
    );
    assert.deepEqual(Object.keys(c.institutions), ['A']);
  });

  it('lists every missing variable in one readable error', () => {
    const message = problemsOf({});
    for (const name of [
      'PROXY_PUBLIC_KEY_FILE',
      'PROXY_JWKS_URL',
      'PROXY_ALLOWED_APPS',
      'PROXY_ALLOWED_UPSTREAMS',
      'PROXY_INSTITUTIONS_FILE',
    ]) {
      assert.match(message, new RegExp(name), `${name} is named`);
    }
    assert.match(message, /^Invalid proxy configuration:/);
  });

  for (const [label, more, pattern] of [
    ['a port that is not a number', { PROXY_PORT: 'http' }, /PROXY_PORT must be a whole number/],
    ['a port out of range', { PROXY_PORT: '70000' }, /PROXY_PORT must be 0\.\.65535/],
    ['a zero timeout', { PROXY_UPSTREAM_TIMEOUT_MS: '0' }, /PROXY_UPSTREAM_TIMEOUT_MS/],
    ['a negative rate limit', { PROXY_RATE_LIMIT_PER_MINUTE: '-5' }, /PROXY_RATE_LIMIT_PER_MINUTE/],
    [
      'a fractional rate limit',
      { PROXY_RATE_LIMIT_PER_MINUTE: '2.5' },
      /PROXY_RATE_LIMIT_PER_MINUTE/,
    ],
    ['a bad boolean', { PROXY_TRUST_PROXY: 'maybe' }, /PROXY_TRUST_PROXY/],
    [
      'a JWKS URL that is not a URL',
      { PROXY_JWKS_URL: 'jwks.json' },
      /jwksUrl must be an http\(s\) URL/,
    ],
    [
      'an upstream with a path',
      { PROXY_ALLOWED_UPSTREAMS: 'https://oauth.oclc.org/token' },
      /origin only/,
    ],
    [
      'an upstream with user info',
      { PROXY_ALLOWED_UPSTREAMS: 'https://u:p@oauth.oclc.org' },
      /user info/,
    ],
    [
      'an upstream with a query',
      { PROXY_ALLOWED_UPSTREAMS: 'https://oauth.oclc.org?x' },
      /origin only/,
    ],
    ['an upstream that is a bare host', { PROXY_ALLOWED_UPSTREAMS: 'oauth.oclc.org' }, /not a URL/],
    [
      'an ftp upstream',
      { PROXY_ALLOWED_UPSTREAMS: 'ftp://oauth.oclc.org' },
      /https:\/\/ or http:\/\//,
    ],
    ['a wildcard CORS origin', { PROXY_ALLOWED_ORIGINS: '*' }, /allowedOrigins/],
    [
      'both institution sources',
      { PROXY_INSTITUTIONS_JSON: '{}' },
      /only one of PROXY_INSTITUTIONS_FILE and PROXY_INSTITUTIONS_JSON/,
    ],
    [
      'an unreadable institutions file',
      { PROXY_INSTITUTIONS_FILE: '/nonexistent/institutions.json' },
      /cannot be read \(ENOENT\)/,
    ],
    [
      'both token key sources',
      { PROXY_PUBLIC_KEY_FILE: '/nonexistent/key.pem' },
      /only one of PROXY_PUBLIC_KEY_FILE and PROXY_JWKS_URL/,
    ],
    [
      'an unreadable public key file',
      { PROXY_JWKS_URL: undefined, PROXY_PUBLIC_KEY_FILE: '/nonexistent/key.pem' },
      /PROXY_PUBLIC_KEY_FILE "\/nonexistent\/key.pem" cannot be read \(ENOENT\)/,
    ],
    [
      'a bad local-development flag',
      { PROXY_ALLOW_LOCAL_DEV: 'sometimes' },
      /PROXY_ALLOW_LOCAL_DEV must be true or false/,
    ],
  ] as const) {
    it(`refuses ${label} with a readable message`, () => {
      assert.match(problemsOf(env(more)), pattern);
    });
  }

  it('refuses an institutions file that is not JSON, without quoting its text', () => {
    const p = write('broken.json', `{"01MY_INST": {"secret": "${SECRET}" oops}}`);
    const message = problemsOf(env({ PROXY_INSTITUTIONS_FILE: p }));
    assert.match(message, /is not valid JSON/);
  });

  it('refuses an institutions file that is an array or empty', () => {
    assert.match(
      problemsOf(env({ PROXY_INSTITUTIONS_FILE: write('array.json', '[]') })),
      /object keyed by inst_code/,
    );
    assert.match(
      problemsOf(env({ PROXY_INSTITUTIONS_FILE: write('empty.json', '{}') })),
      /at least one inst_code/,
    );
  });

  it('names each missing or invalid institution field', () => {
    const p = write(
      'fields.json',
      JSON.stringify({
        A: { wskey: 'k', secret: SECRET, registryId: 'abc', scopes: 'WorldShareILL' },
        B: { secret: SECRET, registryId: '1', scopes: '' },
        C: 'not an object',
      }),
    );
    const message = problemsOf(env({ PROXY_INSTITUTIONS_FILE: p }));
    assert.match(message, /"A": "registryId" must be digits only/);
    assert.match(message, /"B": "wskey" must be a non-empty string/);
    assert.match(message, /"B": "scopes" must be a non-empty string/);
    assert.match(message, /"C" must be an object/);
  });
});

describe('resolveConfig', () => {
  const base = {
    host: '127.0.0.1',
    port: 0,
    jwksUrl: 'http://127.0.0.1:1/jwks',
    issuer: 'iss',
    allowedApps: ['a'],
    allowedUpstreams: ['http://127.0.0.1:2'],
    allowedOrigins: [],
    institutions: { I: { wskey: 'k', secret: SECRET, registryId: '1', scopes: 's' } },
    oauthTokenUrl: 'http://127.0.0.1:3/token',
    upstreamTimeoutMs: 1000,
    rateLimitPerMinute: 10,
  };

  it('fills optional fields with defaults', () => {
    const c = resolveConfig(base);
    assert.equal(c.tokenRefreshMarginMs, 60_000);
    assert.equal(c.ipRateLimitPerMinute, 10);
    assert.equal(c.bodyLimitBytes, 1024 * 1024);
  });

  it('refuses an in-process configuration with bad values', () => {
    assert.throws(
      () =>
        resolveConfig({ ...base, allowedUpstreams: [], institutions: {}, upstreamTimeoutMs: -1 }),
      (e: unknown) => {
        assert.ok(e instanceof ProxyConfigError);
        assert.equal(e.problems.length, 3, e.message);
        return true;
      },
    );
  });
});

describe('main.ts', () => {
  it('exits non-zero with the configuration problems when started without configuration', () => {
    const main = join(dirname(fileURLToPath(import.meta.url)), 'main.ts');
    const res = spawnSync(process.execPath, ['--import', 'tsx', main], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    assert.equal(res.status, 1);
    assert.match(res.stderr, /Invalid proxy configuration/);
    assert.match(res.stderr, /PROXY_PUBLIC_KEY_FILE .* or PROXY_JWKS_URL .* is required/);
    assert.doesNotMatch(res.stderr, /at .*\.ts:\d+/, 'no stack trace, just the message');
  });
});
