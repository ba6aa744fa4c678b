/**
 * `npm run bench`: what each staff action costs, how fast the panel and bulk runs are, and how large
 * the app is, measured against the simulator on 127.0.0.1. Writes bench/results.json and prints a
 * table. A figure that misses its target is reported (MISS), never a failure; a scenario that breaks
 * (a selector never shows, a call fails) ends the run with exit code 1.
 *
 * Options: `--only=size,calls,panel,bulk,proxy,store,report` runs a subset (results go to bench/.work/ instead),
 * `--reuse-template` keeps an earlier template build, `--readme` also rewrites README's table,
 * `--report-only` measures nothing and prints (with `--readme`, writes) the table of bench/results.json.
 */
import { readFileSync } from 'node:fs';
import { cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';
import { ensureAppBuild } from './app-build.js';
import { measureBulk, type BulkSettings } from './bulk.js';
import { measureBulkReport } from './bulk-report.js';
import { measureCallsPerAction } from './calls-per-action.js';
import { GZIP_LEVEL, measureJs } from './js-size.js';
import { measurePanelTime } from './panel-time.js';
import { README_FILE, REPO_ROOT, RESULTS_FILE, WORK_DIR } from './paths.js';
import { measureStore, STORE_LOAD } from './inbox-load.js';
import { measureProxy } from './proxy-load.js';
import {
  machineLine,
  readResults,
  resultsTable,
  updateReadme,
  writeResults,
  type BenchResults,
  type SizeResult,
} from './report.js';
import { round } from './stats.js';
import { Targets } from './targets.js';
import { buildTemplate } from './template-build.js';

const PARTS = ['size', 'calls', 'panel', 'bulk', 'proxy', 'store', 'report'] as const;
type Part = (typeof PARTS)[number];

const BULK_SIZES = [200, 1000];
const BULK_SETTINGS: BulkSettings = {
  almaRateLimitPerSec: 25,
  worldshareCallsPerSecond: 50,
  oclcRateLimitPerSec: 60,
};
const PANEL_RUNS = 10;
const PANEL_API_DELAY_MS = 50;
const PROXY_LOAD = { calls: 1000, concurrency: 10, warmup: 200, batches: 10 };

function parseArgs(argv: string[]) {
  const only = argv
    .find((a) => a.startsWith('--only='))
    ?.slice('--only='.length)
    .split(',') ?? [...PARTS];
  const unknown = only.filter((p) => !(PARTS as readonly string[]).includes(p));
  if (unknown.length)
    throw new Error(`unknown part(s) ${unknown.join(', ')}; known: ${PARTS.join(', ')}`);
  return {
    parts: new Set(only as Part[]),
    reuseTemplate: argv.includes('--reuse-template'),
    readme: argv.includes('--readme'),
    reportOnly: argv.includes('--report-only'),
  };
}

function stage(name: string): void {
  console.log(`\n=== ${name} (${new Date().toISOString().slice(11, 19)})`);
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.reportOnly) {
    report(readResults(RESULTS_FILE), args.readme);
    return;
  }
  const started = Date.now();
  const targets = new Targets();
  const results: Partial<BenchResults> = {};

  stage('builds');
  const needsTemplate = args.parts.has('size') || args.parts.has('panel');
  // The template builds in its own process while the app builds and the call counts run: neither
  // the builds' results nor the counts depend on timing. Everything timed waits for both builds.
  const templateBuild = needsTemplate
    ? buildTemplate({ reuse: args.reuseTemplate })
    : Promise.resolve(undefined);
  templateBuild.catch(() => undefined); // awaited below; not an unhandled rejection meanwhile
  if (needsTemplate)
    console.log('[build] template: eca build started (log in bench/.work/template-build.log)');
  const app = await ensureAppBuild();
  console.log(
    `[build] app: ${app.builtNow ? 'built now' : 'up-to-date build reused'}, served from ${app.dir}`,
  );

  let browser: Browser | undefined;
  let template: Awaited<typeof templateBuild>;
  try {
    if (
      args.parts.has('calls') ||
      args.parts.has('panel') ||
      args.parts.has('bulk') ||
      args.parts.has('report')
    )
      browser = await launchBrowser();
    if (args.parts.has('calls') && browser) {
      stage('2. calls per action');
      results.callsPerAction = await measureCallsPerAction(browser, targets, app.dir);
    }

    template = await templateBuild;
    if (template)
      console.log(
        `[build] template (exl-cloudapp-base ${template.baseVersion}): ${template.builtNow ? `built in ${round(template.buildSeconds)} s` : 'earlier build reused'}`,
      );

    if (args.parts.has('size') && template) {
      stage('1. size');
      const a = measureJs(app.dir);
      const t = measureJs(template.dir);
      const size: SizeResult = {
        gzipLevel: GZIP_LEVEL,
        app: a,
        template: { ...t, baseVersion: template.baseVersion },
        initialGzipRatio: round(a.initialGzipBytes / t.initialGzipBytes, 3),
        initialRawRatio: round(a.initialRawBytes / t.initialRawBytes, 3),
        totalGzipRatio: round(a.totalGzipBytes / t.totalGzipBytes, 3),
      };
      console.log(
        `[size] initial gzip app ${a.initialGzipBytes} B, template ${t.initialGzipBytes} B; lazy ${a.lazy.length} chunks ${a.lazyGzipBytes} B gzip`,
      );
      targets.atMost(
        'size.initialGzipRatio',
        'initial JS gzip, app / template',
        size.initialGzipRatio,
        1.0,
        'x',
      );
      results.size = size;
    }

    if (args.parts.has('proxy')) {
      stage('5. proxy');
      results.proxy = await measureProxy(PROXY_LOAD);
      const p = results.proxy;
      const t = p.throughput;
      console.log(
        `[proxy] ${t.proxied.calls} calls, ${t.proxied.concurrency} at a time: direct ${t.direct.requestsPerSec} req/s p99 ${t.direct.p99Ms} ms; proxied ${t.proxied.requestsPerSec} req/s p99 ${t.proxied.p99Ms} ms`,
      );
      console.log(`[proxy] one at a time: added p50 ${p.addedP50Ms} ms, p99 ${p.addedP99Ms} ms`);
    }

    if (args.parts.has('store')) {
      stage('6. proxy store');
      results.store = await measureStore(STORE_LOAD);
      for (const f of results.store.inbox)
        console.log(
          `[store] ${f.backend}: ${f.messages} inbox messages, ${f.concurrency} at a time: ${f.messagesPerSec} stored+confirmed/s, p99 ${f.p99Ms} ms`,
        );
      for (const f of results.store.statesRead)
        console.log(
          `[store] ${f.backend}: states of ${f.ids} requests in one call: p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms, ${f.responseBytes} B`,
        );
    }

    if (args.parts.has('panel') && browser && template) {
      stage('3. time to usable panel');
      results.panelTime = await measurePanelTime(browser, {
        appDir: app.dir,
        templateDir: template.dir,
        runs: PANEL_RUNS,
        apiDelayMs: PANEL_API_DELAY_MS,
      });
    }
    if (args.parts.has('bulk') && browser) {
      stage('4. bulk');
      results.bulk = {
        settings: BULK_SETTINGS,
        runs: await measureBulk(browser, BULK_SIZES, BULK_SETTINGS, targets, app.dir),
      };
    }
    if (args.parts.has('report') && browser) {
      stage('7. bulk from the Analytics report');
      results.bulkReport = await measureBulkReport(browser, targets, app.dir);
    }
    results.meta = {
      date: new Date().toISOString(),
      node: process.version,
      chromium: browser ? browser.version() : 'not started',
      playwrightCore: JSON.parse(
        readFileSync(join(REPO_ROOT, 'node_modules', 'playwright-core', 'package.json'), 'utf8'),
      ).version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      platform: `${platform()} ${release()}`,
      runSeconds: round((Date.now() - started) / 1000),
      appBuiltThisRun: app.builtNow,
      templateBuildSeconds: round(template?.buildSeconds ?? 0),
      units:
        'Bytes = bytes, Ms = milliseconds, PerSec = per second, ratio and x = dimensionless; other numbers are counts',
    };
  } finally {
    await browser?.close();
    // A broken run must not leave the template's eca build running behind it.
    await templateBuild.catch(() => undefined);
  }
  results.targets = targets.checks;

  const complete = PARTS.every((p) => args.parts.has(p));
  const out = complete ? RESULTS_FILE : join(WORK_DIR, 'partial-results.json');
  writeResults(out, results as BenchResults);
  stage('results');
  if (complete) report(results as BenchResults, args.readme);
  const misses = targets.checks.filter((t) => t.verdict === 'MISS');
  console.log(
    `\n${targets.checks.length - misses.length} targets met, ${misses.length} missed${misses.length ? `: ${misses.map((m) => m.id).join(', ')}` : ''}`,
  );
  console.log(`results: ${out} (${round((Date.now() - started) / 1000)} s)`);
}

function report(r: BenchResults, readme: boolean): void {
  const table = resultsTable(r);
  console.log(table);
  if (readme)
    console.log(
      updateReadme(README_FILE, table, machineLine(r))
        ? '[readme] Benchmark table updated'
        : '[readme] no bench table markers in README.md; left alone',
    );
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(
      '\n*** BENCHMARK BROKEN: a scenario could not run, so no figures were written for it.',
    );
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
