// `npm run lint`: ESLint (typescript-eslint, angular-eslint and the folder rules in
// eslint.config.mjs) and Prettier's check over the whole repository. Exits non-zero when either
// finds a problem; `--fix` lets each repair what it can first.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = (pkg, file) => join(root, 'node_modules', pkg, 'bin', file);

/** The lint checks, each a command run from the repository root. */
export const LINT_CHECKS = [
  { name: 'eslint', args: [bin('eslint', 'eslint.js'), '.'], fixArgs: ['--fix'] },
  { name: 'prettier', args: [bin('prettier', 'prettier.cjs'), '--check', '.'], fixArgs: [] },
];

/** Runs every check; returns the names of those that failed. */
export function runLint({ fix = false } = {}) {
  const failed = [];
  for (const check of LINT_CHECKS) {
    let args = check.args;
    if (fix)
      args = check.name === 'prettier' ? [args[0], '--write', '.'] : [...args, ...check.fixArgs];
    console.log(`[lint] ${check.name}`);
    const res = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
    if (res.status !== 0) failed.push(check.name);
  }
  return failed;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const failed = runLint({ fix: process.argv.includes('--fix') });
  if (failed.length) console.error(`[lint] failed: ${failed.join(', ')}`);
  process.exit(failed.length ? 1 : 0);
}
