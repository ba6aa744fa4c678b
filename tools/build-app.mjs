// Builds the Cloud App with the eca CLI into build/, unless build/ is newer than every source file.
// `--force` rebuilds regardless. A lock file keeps two builds from sharing .ng/ at once.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateConnectSrc } from './gen-connect-src.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const buildIndex = join(root, 'build', 'index.html');

function newestMtime(path) {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

export function isBuildFresh() {
  if (!existsSync(buildIndex)) return false;
  const built = statSync(buildIndex).mtimeMs;
  const sources = [
    join(root, 'cloudapp'),
    join(root, 'manifest.json'),
    join(root, 'package-lock.json'),
  ];
  return sources.filter(existsSync).every((p) => newestMtime(p) <= built);
}

export function buildApp({ force = false } = {}) {
  // The configuration page's list of allowed proxy addresses comes from the manifest (one source).
  if (generateConnectSrc()) console.log('[build] manifest connectSrc written into the app');
  if (!force && isBuildFresh()) {
    console.log('[build] build/ is up to date');
    return;
  }
  console.log('[build] eca build');
  execSync('flock .ng.lock npx eca build', { cwd: root, stdio: 'inherit', shell: '/bin/bash' });
  if (!existsSync(buildIndex)) throw new Error('eca build produced no build/index.html');
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  buildApp({ force: process.argv.includes('--force') });
