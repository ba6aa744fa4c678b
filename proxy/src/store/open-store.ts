import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { StoreDialect } from './migrations.ts';
import { storeMigrationProvider } from './migrations.ts';
import type { StoreDatabase } from './schema.ts';

/** Where the store lives. */
export interface StoreLocation {
  /** `postgres://user:pass@host:port/db`: PostgreSQL (several proxy instances may share it). */
  databaseUrl?: string;
  /** Folder of the SQLite file `proxy.sqlite` (created when missing). */
  dataDir?: string;
}

/** An open, migrated store. */
export interface OpenStore {
  db: Kysely<StoreDatabase>;
  dialect: StoreDialect;
  /** Where it is, for the start-up log line: the SQLite file, or the PostgreSQL host and database (never the password). */
  description: string;
  close(): Promise<void>;
}

// Temporary stores of proxies that are never closed (e.g. a Lambda handler in a test) go at exit.
const openTemporaryDirs = new Set<string>();
process.once('exit', () => {
  for (const dir of openTemporaryDirs) rmSync(dir, { recursive: true, force: true });
});

/** File name of the SQLite database inside the data folder. */
export const SQLITE_FILE = 'proxy.sqlite';

/**
 * Opens the store and brings its schema up to date (Kysely Migrator; PostgreSQL migrations take
 * Kysely's lock, so instances starting together migrate once).
 *
 * - `databaseUrl` set: PostgreSQL through a `pg` pool.
 * - else `dataDir` set: SQLite file `<dataDir>/proxy.sqlite` (better-sqlite3), WAL journal,
 *   `synchronous=FULL` so a committed message survives a power cut, 5 s busy timeout.
 * - neither: SQLite in a new temporary folder that `close()` deletes (in-process use such as the
 *   simulator stack and tests; nothing survives the process).
 *
 * @throws Error when the database cannot be opened or migrated (the message names where, never a password).
 */
export async function openStore(location: StoreLocation): Promise<OpenStore> {
  if (location.databaseUrl) return openPostgres(location.databaseUrl);
  const temporary = location.dataDir ? undefined : mkdtempSync(join(tmpdir(), 'wsb-proxy-store-'));
  const dir = resolve(location.dataDir ?? (temporary as string));
  const file = join(dir, SQLITE_FILE);
  let sqlite: SQLite.Database;
  try {
    mkdirSync(dir, { recursive: true });
    sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('busy_timeout = 5000');
  } catch (e) {
    if (temporary) rmSync(temporary, { recursive: true, force: true });
    throw new Error(`The proxy's SQLite store ${file} cannot be opened: ${(e as Error).message}`);
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: sqlite }) });
  if (temporary) openTemporaryDirs.add(temporary);
  const close = async (): Promise<void> => {
    await db.destroy();
    if (temporary) {
      rmSync(temporary, { recursive: true, force: true });
      openTemporaryDirs.delete(temporary);
    }
  };
  await migrateOrClose(db, 'sqlite', `SQLite store ${file}`, close);
  return {
    db,
    dialect: 'sqlite',
    description: `SQLite ${file}${temporary ? ' (temporary)' : ''}`,
    close,
  };
}

async function openPostgres(url: string): Promise<OpenStore> {
  const where = describePostgres(url);
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 10_000 });
  // An idle client's network error must not crash the process; the next query reports it.
  pool.on('error', () => {});
  const db = new Kysely<StoreDatabase>({ dialect: new PostgresDialect({ pool }) });
  const close = async (): Promise<void> => {
    await db.destroy();
  };
  await migrateOrClose(db, 'postgres', `PostgreSQL store ${where}`, close);
  return { db, dialect: 'postgres', description: `PostgreSQL ${where}`, close };
}

async function migrateOrClose(
  db: Kysely<StoreDatabase>,
  dialect: StoreDialect,
  where: string,
  close: () => Promise<void>,
): Promise<void> {
  const migrator = new Migrator({ db, provider: storeMigrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await close().catch(() => {});
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(
      `The proxy's ${where} cannot be migrated${failed ? ` (migration ${failed})` : ''}: ${(error as Error).message ?? String(error)}`,
    );
  }
}

/** `host:port/database` of a PostgreSQL URL, without user or password. */
export function describePostgres(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return '(unparseable PROXY_DATABASE_URL)';
  }
}
