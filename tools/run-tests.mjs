// `npm test`: installs what is missing, builds the app, then runs every suite:
//   lint   ESLint and Prettier's check over the repository (tools/lint.mjs), one check each
//   types  the TypeScript compiler over every Node-side project (root tsconfig, proxy, sim), one check each
//   unit   Karma/Jasmine specs of the Cloud App (cloudapp/src/**/*.spec.ts) in headless Chromium
//   contract node:test suites of the app's domain code against published schemas (cloudapp/src/**/*.contract.test.ts)
//   proxy  node:test suites of the proxy package (proxy/src/**/*.test.ts), store tests on SQLite and on a
//          throw-away PostgreSQL cluster started here (Debian's postgresql, installed when missing)
//   sim    node:test suites of the simulator package (sim/src/**/*.test.ts)
//   bench  node:test suites of the benchmark's own helpers (bench/**/*.test.ts; not the benchmark)
//   e2e    node:test suites that drive the built app inside the simulator (e2e/**/*.test.ts)
// and ends with one line "N passed, N failed" for all of them together.
// `npm test -- unit proxy` runs only the named suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstall } from './ensure-install.mjs';
import { ensureChromium } from './ensure-chromium.mjs';
import { ensurePostgres } from './ensure-postgres.mjs';
import { LINT_CHECKS, runLint } from './lint.mjs';
import { startPgCluster, TEST_DATABASE_URL_VAR } from './pg-cluster.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tmp = join(root, '.tmp', 'test-results');

function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...findFiles(p, suffix));
    else if (entry.name.endsWith(suffix)) out.push(p);
  }
  return out.sort();
}

function run(cmd, args, env = {}) {
  const res = spawnSync(cmd, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return res.status ?? 1;
}

function runKarma() {
  const summaryFile = join(tmp, 'unit.json');
  const code = run(
    'flock',
    ['.ng.lock', 'npx', 'eca', 'test', '--watch=false', '--karma-config=karma.conf.js'],
    {
      KARMA_SUMMARY_FILE: summaryFile,
      CHROME_BIN: ensureChromium(),
    },
  );
  if (!existsSync(summaryFile))
    return { passed: 0, failed: 1, note: `karma exited ${code} without a summary` };
  const s = JSON.parse(readFileSync(summaryFile, 'utf8'));
  const failed = s.failed + (s.error || (code !== 0 && s.failed === 0) ? 1 : 0);
  return {
    passed: s.passed,
    failed,
    note: s.error ? 'karma reported an error outside the specs' : '',
  };
}

function runNodeTests(name, files, extraArgs = [], env = {}) {
  if (files.length === 0) return { passed: 0, failed: 0, note: 'no test files' };
  const tap = join(tmp, `${name}.tap`);
  const code = run(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      ...extraArgs,
      '--test-reporter=spec',
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...files.map((f) => relative(root, f)),
    ],
    { CHROME_BIN: process.env.CHROME_BIN || '/usr/bin/chromium', ...env },
  );
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const count = (label) =>
    Number((text.match(new RegExp(`^# ${label} (\\d+)$`, 'm')) || [])[1] || 0);
  const passed = count('pass');
  let failed = count('fail') + count('cancelled');
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed, note: code !== 0 ? `exit ${code}` : '' };
}

function runTypeChecks() {
  let passed = 0;
  let failed = 0;
  const failures = [];
  for (const project of ['tsconfig.json', 'proxy/tsconfig.json', 'sim/tsconfig.json']) {
    const code = run(process.execPath, [
      join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
      '--noEmit',
      '-p',
      project,
    ]);
    if (code === 0) passed++;
    else {
      failed++;
      failures.push(project);
    }
  }
  return { passed, failed, note: failures.length ? `type errors in ${failures.join(', ')}` : '' };
}

const suites = {
  lint: () => {
    const failedChecks = runLint();
    return {
      passed: LINT_CHECKS.length - failedChecks.length,
      failed: failedChecks.length,
      note: failedChecks.length
        ? `problems found by ${failedChecks.join(', ')} (npm run lint)`
        : '',
    };
  },
  types: () => runTypeChecks(),
  unit: () => runKarma(),
  contract: () =>
    runNodeTests('contract', findFiles(join(root, 'cloudapp', 'src'), '.contract.test.ts')),
  proxy: async () => {
    // One cluster for every proxy test file; each test makes its own database in it. Should it not
    // start, the PostgreSQL tests try once more themselves and fail with the reason (never skip).
    let cluster;
    try {
      ensurePostgres();
      cluster = await startPgCluster();
    } catch (e) {
      console.error(`[proxy] PostgreSQL unavailable, its store tests will fail: ${e.message}`);
    }
    try {
      return runNodeTests(
        'proxy',
        findFiles(join(root, 'proxy', 'src'), '.test.ts'),
        [],
        cluster ? { [TEST_DATABASE_URL_VAR]: cluster.url } : {},
      );
    } finally {
      cluster?.stop();
    }
  },
  sim: () => runNodeTests('sim', findFiles(join(root, 'sim', 'src'), '.test.ts')),
  bench: () => runNodeTests('bench', findFiles(join(root, 'bench'), '.test.ts')),
  e2e: () => {
    ensureChromium();
    const build = run(process.execPath, [join(root, 'tools', 'build-app.mjs')]);
    if (build !== 0) return { passed: 0, failed: 1, note: 'app build failed' };
    return runNodeTests('e2e', findFiles(join(root, 'e2e'), '.test.ts'), ['--test-concurrency=1']);
  },
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(suites);
for (const n of names)
  if (!suites[n]) {
    console.error(`unknown suite "${n}"; known: ${Object.keys(suites).join(', ')}`);
    process.exit(2);
  }

ensureInstall();
rmSync(tmp, { recursive: true, force: true });
mkdirSync(tmp, { recursive: true });

let passed = 0;
let failed = 0;
const lines = [];
for (const n of names) {
  console.log(`\n=== ${n} ===`);
  let r;
  try {
    r = await suites[n]();
  } catch (e) {
    r = { passed: 0, failed: 1, note: String((e && e.message) || e) };
  }
  passed += r.passed;
  failed += r.failed;
  lines.push(
    `${n.padEnd(8)} ${String(r.passed).padStart(4)} passed, ${String(r.failed).padStart(3)} failed${r.note ? `  (${r.note})` : ''}`,
  );
}
console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
