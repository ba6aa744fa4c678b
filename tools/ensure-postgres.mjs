// Makes sure Debian's PostgreSQL server binaries are present for the proxy's store tests and the
// benchmark; installs the "postgresql" package with apt-get when running as root on a Debian-like
// machine (as ensure-chromium.mjs does for Chromium). Never downloads a server of its own.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findPgBin } from './pg-cluster.mjs';

/** @returns the folder of initdb/pg_ctl/postgres. @throws Error when PostgreSQL is missing and cannot be installed. */
export function ensurePostgres() {
  const found = findPgBin();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log('[setup] installing Debian postgresql');
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql',
      { stdio: 'inherit', shell: '/bin/bash' },
    );
  }
  const bin = findPgBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL not found under /usr/lib/postgresql/*/bin. Install Debian\'s "postgresql" package (apt-get install postgresql) or set PG_BIN.',
    );
  }
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(ensurePostgres());
