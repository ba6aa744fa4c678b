/** Where the benchmark reads and writes, relative to the repository. */
import { dirname, join, resolve } from 'node:path';

/** Repository root (this file is in bench/). */
export const REPO_ROOT = resolve(dirname(__filename), '..');
export const BENCH_DIR = join(REPO_ROOT, 'bench');
/** Scratch space, git-ignored: the template app copy and build logs. */
export const WORK_DIR = join(BENCH_DIR, '.work');
export const RESULTS_FILE = join(BENCH_DIR, 'results.json');
export const README_FILE = join(REPO_ROOT, 'README.md');
