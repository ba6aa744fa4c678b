// A throw-away PostgreSQL cluster for tests: initdb in a new temporary folder, started with pg_ctl
// on a free 127.0.0.1 port (trust authentication, nothing listens elsewhere), removed on stop.
// PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (Debian's
// package creates it). Binaries come from PG_BIN, or the newest /usr/lib/postgresql/<version>/bin.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Environment variable through which the test runner hands the cluster's URL to the tests. */
export const TEST_DATABASE_URL_VAR = 'PROXY_TEST_DATABASE_URL';

/** Folder of Debian's PostgreSQL server binaries, or undefined when none is installed. */
export function findPgBin() {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function lookupUid(name) {
  const out = execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim();
  const gid = execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim();
  return { uid: Number(out), gid: Number(gid) };
}

/**
 * Starts a cluster and returns `{ url, stop() }`; `url` is `postgres://postgres@127.0.0.1:<port>/postgres`.
 * With `durable: false` (tests) fsync and synchronous commit are off; the benchmark keeps them on.
 * `stop()` is synchronous (usable from an exit handler): fast shutdown, then the folder is removed.
 *
 * @throws Error naming what is missing (no PostgreSQL installed, no `postgres` user as root) or what failed.
 */
export async function startPgCluster({ durable = false } = {}) {
  const bin = findPgBin();
  if (!bin)
    throw new Error(
      'PostgreSQL server binaries not found (install Debian\'s "postgresql" package: node tools/ensure-postgres.mjs, or set PG_BIN)',
    );
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'wsb-pg-'));
  const data = join(dir, 'data');
  let owner;
  if (isRoot) {
    try {
      owner = lookupUid('postgres');
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(
        'running as root but there is no "postgres" user to run PostgreSQL as (Debian\'s postgresql package creates it)',
      );
    }
    chownSync(dir, owner.uid, owner.gid);
  }
  const run = (cmd, args) =>
    execFileSync(join(bin, cmd), args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      encoding: 'utf8',
      cwd: dir,
      ...(owner ? { uid: owner.uid, gid: owner.gid } : {}),
      env: { ...process.env, LC_ALL: 'C' },
    });
  const port = await freePort();
  try {
    run('initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--no-instructions',
    ]);
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-t',
      '60',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c max_connections=200${durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off'}`,
      'start',
    ]);
  } catch (e) {
    const detail = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim();
    let log = '';
    try {
      log = readFileSync(join(dir, 'log'), 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      /* no log yet */
    }
    rmSync(dir, { recursive: true, force: true });
    throw new Error(
      `PostgreSQL could not be started: ${detail || e.message}${log ? `\n${log}` : ''}`,
    );
  }
  let stopped = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } catch {
        /* already gone */
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

// `node tools/pg-cluster.mjs`: starts a cluster, prints its URL, stops it on Ctrl-C.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  startPgCluster().then(
    (cluster) => {
      console.log(cluster.url);
      const stop = () => {
        cluster.stop();
        process.exit(0);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      setInterval(() => {}, 1 << 30);
    },
    (e) => {
      console.error(e.message);
      process.exit(1);
    },
  );
}
