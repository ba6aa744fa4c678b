/**
 * The unmodified `eca` template app (the Cloud App SDK's base project), built in this run as the
 * size and first-render reference.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, WORK_DIR } from './paths.js';

const BASE_DIR = join(REPO_ROOT, 'node_modules', '@exlibris', 'exl-cloudapp-base', 'base');
export const TEMPLATE_DIR = join(WORK_DIR, 'template');
export const TEMPLATE_BUILD_DIR = join(TEMPLATE_DIR, 'build');
const LOG_FILE = join(WORK_DIR, 'template-build.log');

export interface TemplateBuild {
  dir: string;
  /** Version of @exlibris/exl-cloudapp-base the template came from. */
  baseVersion: string;
  buildSeconds: number;
  builtNow: boolean;
}

/**
 * Copies the SDK's base project into bench/.work/template (its cloudapp/, manifest.json and the
 * package files the eca CLI reads), gives it a minimal config.json, links the repository's
 * node_modules and runs `eca build` there. It has its own .ng/, so the repository's .ng.lock is not
 * needed. With `reuse`, an existing template build is kept (for iterating on the benchmark itself).
 *
 * @throws Error with the tail of the build log when `eca build` fails or writes no index.html.
 */
export async function buildTemplate(opts: { reuse?: boolean } = {}): Promise<TemplateBuild> {
  const baseVersion = JSON.parse(readFileSync(join(BASE_DIR, '..', 'package.json'), 'utf8'))
    .version as string;
  if (opts.reuse && existsSync(join(TEMPLATE_BUILD_DIR, 'index.html'))) {
    return { dir: TEMPLATE_BUILD_DIR, baseVersion, buildSeconds: 0, builtNow: false };
  }
  rmSync(TEMPLATE_DIR, { recursive: true, force: true });
  mkdirSync(TEMPLATE_DIR, { recursive: true });
  for (const name of ['cloudapp', 'manifest.json', 'package.json', 'package-lock.json']) {
    cpSync(join(BASE_DIR, name), join(TEMPLATE_DIR, name), { recursive: true });
  }
  writeFileSync(
    join(TEMPLATE_DIR, 'config.json'),
    JSON.stringify({ env: 'https://example.org', port: 4200 }),
  );
  // The eca CLI resolves the SDK and Angular from <cwd>/node_modules; the repository's are the same versions.
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(TEMPLATE_DIR, 'node_modules'), 'dir');

  const started = Date.now();
  const code = await runLogged(
    join(REPO_ROOT, 'node_modules', '.bin', 'eca'),
    ['build'],
    TEMPLATE_DIR,
    LOG_FILE,
  );
  if (code !== 0 || !existsSync(join(TEMPLATE_BUILD_DIR, 'index.html'))) {
    const tail = readFileSync(LOG_FILE, 'utf8').split('\n').slice(-30).join('\n');
    throw new Error(
      `eca build of the template failed (exit ${code}); end of ${LOG_FILE}:\n${tail}`,
    );
  }
  return {
    dir: TEMPLATE_BUILD_DIR,
    baseVersion,
    buildSeconds: (Date.now() - started) / 1000,
    builtNow: true,
  };
}

/**
 * Runs `cmd` with its output going straight to `logFile` (not through this process), so the child
 * keeps going while this process is blocked, e.g. by the app's own synchronous build.
 */
function runLogged(cmd: string, args: string[], cwd: string, logFile: string): Promise<number> {
  const fd = openSync(logFile, 'w');
  return new Promise<number>((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  }).finally(() => closeSync(fd));
}
