/** The production build of this app that the benchmark measures and serves. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT, WORK_DIR } from './paths.js';

/** A copy of build/ taken under the build lock: other builds may rewrite build/ while the benchmark serves it. */
export const APP_SNAPSHOT_DIR = join(WORK_DIR, 'app-build');

interface BuildTool {
  isBuildFresh(): boolean;
  buildApp(opts?: { force?: boolean }): void;
}

export interface AppBuild {
  /** The folder measured and served. */
  dir: string;
  /** True when this run built it; false when an up-to-date build/ (or APP_DIR) was reused. */
  builtNow: boolean;
}

/**
 * Returns the app build to measure: `APP_DIR` from the environment as it is, else `<repo>/build`,
 * rebuilt with tools/build-app.mjs (`eca build` under the shared .ng.lock) unless it is newer than
 * every source file, then copied to bench/.work/app-build under the same lock.
 *
 * @throws Error when APP_DIR has no index.html, the build fails or the copy has no index.html.
 */
export async function ensureAppBuild(): Promise<AppBuild> {
  const fromEnv = process.env.APP_DIR;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'index.html')))
      throw new Error(`APP_DIR=${fromEnv} holds no index.html`);
    return { dir: fromEnv, builtNow: false };
  }
  // A runtime URL keeps TypeScript from looking for declarations of the plain .mjs tool.
  const tool = (await import(
    pathToFileURL(join(REPO_ROOT, 'tools', 'build-app.mjs')).href
  )) as BuildTool;
  const fresh = tool.isBuildFresh();
  if (!fresh) tool.buildApp();
  rmSync(APP_SNAPSHOT_DIR, { recursive: true, force: true });
  mkdirSync(WORK_DIR, { recursive: true });
  execFileSync('flock', [
    join(REPO_ROOT, '.ng.lock'),
    'cp',
    '-a',
    join(REPO_ROOT, 'build'),
    APP_SNAPSHOT_DIR,
  ]);
  if (!existsSync(join(APP_SNAPSHOT_DIR, 'index.html')))
    throw new Error('the copy of build/ has no index.html');
  return { dir: APP_SNAPSHOT_DIR, builtNow: !fresh };
}
