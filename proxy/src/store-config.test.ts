import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CONFIG_DEFAULTS, ProxyConfigError } from './config.ts';
import { DEFAULT_DATA_DIR, loadConfigFromEnv } from './config-env.ts';
import { parseInstitutionsJson } from './institutions.ts';
import { createIpAllowList, parseIpRange } from './ip-ranges.ts';
import { openProxyStore } from './store/index.ts';
import { describePostgres, SQLITE_FILE } from './store/open-store.ts';

const INST = { wskey: 'k', secret: 's-never-printed', registryId: '1', scopes: 'WorldShareILL' };
const baseEnv = {
  PROXY_JWKS_URL: 'https://issuer.test/auth/jwks.json',
  PROXY_ISSUER: 'https://issuer.test/auth',
  PROXY_ALLOWED_APPS: 'worldshare-bridge',
  PROXY_ALLOWED_UPSTREAMS: 'https://oauth.oclc.org',
  PROXY_INSTITUTIONS_JSON: JSON.stringify({ '01A': INST }),
};

describe('store and inbox configuration', () => {
  it('reads PROXY_DATA_DIR, PROXY_DATABASE_URL and PROXY_INBOX_MAX_BYTES, with durable defaults', () => {
    const d = loadConfigFromEnv(baseEnv);
    assert.equal(d.dataDir, DEFAULT_DATA_DIR);
    assert.equal(d.databaseUrl, '');
    assert.equal(d.inboxMaxBytes, CONFIG_DEFAULTS.inboxMaxBytes);
    const c = loadConfigFromEnv({
      ...baseEnv,
      PROXY_DATA_DIR: '/var/lib/wsb',
      PROXY_DATABASE_URL: 'postgres://u:p@db:5432/wsb',
      PROXY_INBOX_MAX_BYTES: '65536',
    });
    assert.equal(c.dataDir, '/var/lib/wsb');
    assert.equal(c.databaseUrl, 'postgres://u:p@db:5432/wsb');
    assert.equal(c.inboxMaxBytes, 65536);
  });

  it('refuses a database URL that is not PostgreSQL and a tiny inbox limit', () => {
    assert.throws(
      () => loadConfigFromEnv({ ...baseEnv, PROXY_DATABASE_URL: 'mysql://x/y' }),
      (e: unknown) => e instanceof ProxyConfigError && /postgres:\/\//.test(e.message),
    );
    assert.throws(
      () => loadConfigFromEnv({ ...baseEnv, PROXY_INBOX_MAX_BYTES: '10' }),
      /PROXY_INBOX_MAX_BYTES/,
    );
  });

  it('checks inboxSecret, symbol and inboxAllowedIps of an institution without quoting the secret', () => {
    const bad = parseInstitutionsJson(
      JSON.stringify({
        '01A': {
          ...INST,
          inboxSecret: 'short-secret',
          symbol: 'has space',
          inboxAllowedIps: ['10.0.0.0/33', 'example.org'],
        },
      }),
      'test',
    );
    assert.ok(Array.isArray(bad));
    const text = (bad as string[]).join('\n');
    assert.match(text, /inboxSecret.*16 characters/);
    assert.match(text, /symbol/);
    assert.match(text, /10\.0\.0\.0\/33/);
    assert.match(text, /example\.org/);
    assert.doesNotMatch(text, /short-secret/);
    const good = parseInstitutionsJson(
      JSON.stringify({
        '01A': {
          ...INST,
          inboxSecret: 'a-long-enough-secret',
          symbol: 'ABCDE',
          inboxAllowedIps: ['192.0.2.0/24', '2001:db8::/32'],
        },
      }),
      'test',
    );
    assert.ok(!Array.isArray(good));
  });

  it('matches client addresses against IPs and CIDR ranges', () => {
    assert.deepEqual(parseIpRange('192.0.2.0/24'), {
      family: 'ipv4',
      address: '192.0.2.0',
      prefix: 24,
    });
    assert.equal(parseIpRange('192.0.2.1/x'), null);
    const allowed = createIpAllowList(['192.0.2.0/24', '2001:db8::/32', '198.51.100.7']);
    assert.equal(allowed('192.0.2.200'), true);
    assert.equal(allowed('::ffff:192.0.2.3'), true);
    assert.equal(allowed('2001:db8:1::5'), true);
    assert.equal(allowed('198.51.100.7'), true);
    assert.equal(allowed('198.51.100.8'), false);
    assert.equal(allowed('not an ip'), false);
  });

  it('describes a PostgreSQL location without its password', () => {
    assert.equal(
      describePostgres('postgres://bridge:Pa55word@db.example:5432/wsb'),
      'db.example:5432/wsb',
    );
  });

  it('creates the SQLite file in a missing data folder, and removes a temporary store on close', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wsb-cfg-'));
    try {
      const dir = join(root, 'nested', 'data');
      const s = await openProxyStore({ dataDir: dir });
      await s.close();
      assert.ok(existsSync(join(dir, SQLITE_FILE)));
      const temp = await openProxyStore({});
      const file = /^SQLite (.*) \(temporary\)$/.exec(temp.description)?.[1];
      assert.ok(file && existsSync(file), temp.description);
      await temp.close();
      assert.equal(existsSync(file), false);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('fails to start with a readable message when the data folder cannot be created', async () => {
    const root = mkdtempSync(join(tmpdir(), 'wsb-cfg-'));
    try {
      const file = join(root, 'a-file');
      writeFileSync(file, 'not a folder');
      await assert.rejects(
        openProxyStore({ dataDir: join(file, 'data') }),
        /SQLite store .* cannot be opened/,
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
