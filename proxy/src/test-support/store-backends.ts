import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPgCluster, TEST_DATABASE_URL_VAR } from '../../../tools/pg-cluster.mjs';
import type { StoreLocation } from '../store/index.ts';

/** A database kind the store tests run on. */
export interface StoreBackend {
  name: 'SQLite' | 'PostgreSQL';
  /** A new, empty store location (SQLite: a new folder; PostgreSQL: a new database). */
  fresh(): Promise<StoreLocation>;
  /** Removes what `fresh` made (folders; PostgreSQL databases go with the throw-away cluster). */
  cleanup(): void;
}

let clusterUrl: Promise<string> | undefined;

/**
 * URL of the test PostgreSQL cluster: the one the test runner started (PROXY_TEST_DATABASE_URL), or
 * else one this process starts and stops at exit. Rejects (so the PostgreSQL tests fail, never skip)
 * when PostgreSQL cannot be had.
 */
export function testClusterUrl(): Promise<string> {
  clusterUrl ??= (async () => {
    const given = process.env[TEST_DATABASE_URL_VAR];
    if (given) return given;
    const cluster = await startPgCluster();
    process.once('exit', () => cluster.stop());
    return cluster.url;
  })();
  return clusterUrl;
}

/** A new empty database in the test cluster, as a `postgres://` URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const base = await testClusterUrl();
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

/** SQLite and PostgreSQL, for `for (const backend of storeBackends()) describe(...)`. */
export function storeBackends(): StoreBackend[] {
  const dirs: string[] = [];
  return [
    {
      name: 'SQLite',
      async fresh() {
        const dir = mkdtempSync(join(tmpdir(), 'wsb-store-test-'));
        dirs.push(dir);
        return { dataDir: dir };
      },
      cleanup() {
        for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
      },
    },
    {
      name: 'PostgreSQL',
      async fresh() {
        return { databaseUrl: await freshPostgresDatabase() };
      },
      cleanup() {},
    },
  ];
}
