/**
 * The benchmark's outputs: bench/results.json (every figure, units in the field names: Bytes, Ms,
 * PerSec, or counts), a Markdown table printed at the end, and, on request, README's Benchmark table.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { BulkRun, BulkSettings } from './bulk.js';
import type { BulkReportRun } from './bulk-report.js';
import type { CallCounts } from './call-log.js';
import type { CallsPerAction } from './calls-per-action.js';
import type { JsSizes } from './js-size.js';
import type { PanelTime } from './panel-time.js';
import type { StoreLoad } from './inbox-load.js';
import type { ProxyLoad } from './proxy-load.js';
import type { TargetCheck } from './targets.js';

export interface SizeResult {
  gzipLevel: number;
  app: JsSizes;
  template: JsSizes & { baseVersion: string };
  /** app / template. */
  initialGzipRatio: number;
  initialRawRatio: number;
  totalGzipRatio: number;
}

export interface BenchResults {
  meta: {
    date: string;
    node: string;
    chromium: string;
    playwrightCore: string;
    cpus: number;
    cpuModel: string;
    platform: string;
    runSeconds: number;
    appBuiltThisRun: boolean;
    templateBuildSeconds: number;
    units: string;
  };
  targets: TargetCheck[];
  size: SizeResult;
  callsPerAction: CallsPerAction;
  panelTime: PanelTime;
  bulk: { settings: BulkSettings; runs: BulkRun[] };
  proxy: ProxyLoad;
  /** Absent in results written before the store existed. */
  store?: StoreLoad;
  /** Reviewing 1,000 exported requests from the Analytics report (scenario 7). */
  bulkReport?: BulkReportRun;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (v: number) => `${Math.round(v)} ms`;
const s = (v: number) => `${(v / 1000).toFixed(1)} s`;
const perSec = (calls: number, wallMs: number) =>
  wallMs > 0 ? ((calls / wallMs) * 1000).toFixed(1) : '0';

/** The results as one Markdown table: measure, figure, target, verdict. */
export function resultsTable(r: BenchResults): string {
  const verdictOf = (id: string) => r.targets.find((t) => t.id === id);
  const rows: string[][] = [];
  const row = (measure: string, figure: string, targetId?: string) => {
    const t = targetId ? verdictOf(targetId) : undefined;
    rows.push([
      measure,
      figure,
      t ? t.target + (t.unit === 'x' ? 'x' : '') : '',
      t ? t.verdict : '',
    ]);
  };
  /** A row judged by several targets: MISS when any of them missed. */
  const rowOf = (measure: string, figure: string, target: string, ids: string[]) => {
    const checks = ids.map(verdictOf).filter((t): t is TargetCheck => t !== undefined);
    rows.push([
      measure,
      figure,
      target,
      checks.length ? (checks.every((t) => t.verdict === 'PASS') ? 'PASS' : 'MISS') : '',
    ]);
  };

  const z = r.size;
  row(
    'Initial JS, gzip (app / template)',
    `${kb(z.app.initialGzipBytes)} / ${kb(z.template.initialGzipBytes)} = ${z.initialGzipRatio}`,
    'size.initialGzipRatio',
  );
  row(
    'Initial JS, raw (app / template)',
    `${kb(z.app.initialRawBytes)} / ${kb(z.template.initialRawBytes)} = ${z.initialRawRatio}`,
  );
  row(
    'Lazy chunks (app)',
    `${z.app.lazy.length} files, ${kb(z.app.lazyRawBytes)} raw, ${kb(z.app.lazyGzipBytes)} gzip`,
  );

  for (const a of r.callsPerAction.actions) {
    const perRequest =
      a.requestsShown > 1
        ? ` = ${(a.counts.alma.total / a.requestsShown).toFixed(1)} per request`
        : '';
    const refresh =
      a.counts.alma.total +
      a.counts.worldshare.total -
      a.beforeOutcome.alma.total -
      a.beforeOutcome.worldshare.total;
    const after =
      refresh > 0
        ? `; after the outcome showed: Alma ${a.counts.alma.total - a.beforeOutcome.alma.total}, WorldShare ${a.counts.worldshare.total - a.beforeOutcome.worldshare.total}`
        : '';
    const figure = `${describeCounts(a.counts, perRequest)}${after}`;
    if (a.action.startsWith('open panel (one request)'))
      row(`Calls: ${a.action}`, figure, 'calls.open.one');
    else if (a.action.startsWith('open panel (task list'))
      row(`Calls: ${a.action}`, figure, 'calls.open.list10');
    else if (a.action === 'export') {
      rowOf(
        `Calls: ${a.action}`,
        figure,
        '= 1 Alma read + 1 Alma update + 1 WorldShare create, nothing else',
        [
          'calls.export.almaReads',
          'calls.export.almaUpdates',
          'calls.export.worldshareCreates',
          'calls.export.worldshare',
        ],
      );
    } else row(`Calls: ${a.action}`, figure);
  }
  const tr = r.callsPerAction.tokenReuse;
  row(
    'OAuth token: first export of a fresh proxy',
    `${tr.firstExportTokenRequests} request`,
    'calls.tokens.first',
  );
  row(
    `OAuth token: ${tr.laterExports} more exports`,
    `${tr.laterTokenRequests} requests`,
    'calls.tokens.later',
  );

  const p = r.panelTime;
  row(
    `PAGE_LOAD to usable, median (p90) of ${p.runs}, ${p.apiDelayMs} ms per API call`,
    `app ${ms(p.app.pageLoad.medianMs)} (${ms(p.app.pageLoad.p90Ms)}), template ${ms(p.template.pageLoad.medianMs)} (${ms(p.template.pageLoad.p90Ms)}), ratio ${p.pageLoadMedianRatio}`,
  );
  row(
    'Cold open (page navigation) to usable, median (p90)',
    `app ${ms(p.app.coldOpen.medianMs)} (${ms(p.app.coldOpen.p90Ms)}), template ${ms(p.template.coldOpen.medianMs)} (${ms(p.template.coldOpen.p90Ms)}), ratio ${p.coldOpenMedianRatio}` +
      (p.app.coldOpenMissedPage
        ? `; the app missed the open request on ${p.app.coldOpenMissedPage} more cold open(s) (see results.json notes)`
        : ''),
  );

  const b = r.bulk.settings;
  for (const run of r.bulk.runs) {
    const size = run.requests - 1;
    const l = run.listLoad;
    const c = run.reconcile;
    row(
      `Bulk ${run.requests} requests: list load (Alma ${b.almaRateLimitPerSec}/s)`,
      `${s(l.wallMs)} for ${l.almaCalls} Alma calls (minimum ${s(l.minimumMs)}) = ${l.ratio}x, 429s ${l.alma429}, peak ${l.almaPeakPerSecond}/s`,
      `bulk.${size}.listLoadRatio`,
    );
    row(
      `Bulk ${run.requests} requests: review + cancel closed`,
      `${s(c.wallMs)} for ${c.almaCalls} Alma calls (minimum ${s(c.minimumMs)}) = ${c.ratio}x, 429s ${c.alma429}, peak ${c.almaPeakPerSecond}/s, ` +
        `cancelled ${run.cancelled}/${run.expectedCancelled}`,
      `bulk.${size}.ratio`,
    );
    row(
      `Bulk ${run.requests} requests: the two parts`,
      `review ${s(run.review.wallMs)} (${run.review.worldshareCalls} WorldShare calls, ${perSec(run.review.worldshareCalls, run.review.wallMs)}/s of ${b.worldshareCallsPerSecond}/s allowed; ${run.review.almaCalls} Alma), ` +
        `cancel ${s(run.cancelClosed.wallMs)} (${run.cancelClosed.almaCalls} Alma); ` +
        `${(c.wallMs / (run.review.bothLimitsMinimumMs + run.cancelClosed.bothLimitsMinimumMs)).toFixed(2)}x the minimum both limits allow`,
    );
    const a = run.afterSummary;
    row(
      `Bulk ${run.requests} requests: after the summary`,
      a
        ? `${a.almaCalls} Alma calls in ${s(a.wallMs)} (Alma's list refreshed and re-read), 429s ${a.alma429}`
        : `not measured (a re-read of ${run.requests - run.cancelled} requests)`,
    );
    row(
      `Bulk ${run.requests} requests: Alma 429 answers`,
      `${l.alma429 + c.alma429 + (a?.alma429 ?? 0)}`,
      `bulk.${size}.alma429`,
    );
  }

  const x = r.proxy;
  const t = x.throughput;
  row(
    `Proxy: ${t.proxied.calls} calls, ${t.proxied.concurrency} at a time, loopback`,
    `${t.proxied.requestsPerSec} req/s through the proxy (direct ${t.direct.requestsPerSec}); p99 ${t.proxied.p99Ms} ms (direct ${t.direct.p99Ms})`,
  );
  row(
    `Proxy: added latency, ${x.sequential.proxied.calls} calls one at a time`,
    `p50 +${x.addedP50Ms} ms, p99 +${x.addedP99Ms} ms; ${x.tokenRequests} OAuth token request in all`,
  );

  for (const f of r.store?.inbox ?? []) {
    row(
      `Proxy inbox on ${f.backend}: ${f.messages} ISO 18626 messages, ${f.concurrency} at a time`,
      `${f.messagesPerSec} stored and confirmed per second; p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms`,
    );
  }
  for (const f of r.store?.statesRead ?? []) {
    row(
      `Proxy read API on ${f.backend}: states of ${f.ids} requests in one call`,
      `p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms (${f.calls} calls, ${Math.round(f.responseBytes / 1024)} KiB each)`,
    );
  }

  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const header = ['Measure', 'Figure', 'Target', 'Verdict'];
  return [header, header.map(() => '---'), ...rows]
    .map((cells) => `| ${cells.map(escape).join(' | ')} |`)
    .join('\n');
}

/** "Alma 3 (2 read, 1 write)<almaSuffix>, WorldShare 3 (1 create, 2 read), token 0". */
function describeCounts(c: CallCounts, almaSuffix = ''): string {
  const ws = c.worldshare;
  const wsParts = [
    ws.creates ? `${ws.creates} create` : '',
    ws.reads ? `${ws.reads} read` : '',
    ws.isoMessages ? `${ws.isoMessages} ISO 18626` : '',
    ws.other ? `${ws.other} other` : '',
  ].filter(Boolean);
  return `Alma ${c.alma.total} (${c.alma.reads} read, ${c.alma.writes} write)${almaSuffix}, WorldShare ${ws.total}${wsParts.length ? ` (${wsParts.join(', ')})` : ''}, token ${c.tokenRequests}`;
}

export function writeResults(file: string, results: BenchResults): void {
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** The results of an earlier complete run. @throws Error when the file is missing or not JSON. */
export function readResults(file: string): BenchResults {
  return JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
}

/** The line above the README table: where and when the figures were measured. */
export function machineLine(r: BenchResults): string {
  return `Figures from one run on ${r.meta.cpus} cores (${r.meta.cpuModel}), Node ${r.meta.node}, Chromium ${r.meta.chromium}, ${r.meta.date.slice(0, 10)}.`;
}

const START = '<!-- bench:table:start -->';
const END = '<!-- bench:table:end -->';

/**
 * Replaces what lies between README's bench table markers with `table` and a line naming the machine.
 *
 * @returns false (README untouched) when the markers are missing.
 */
export function updateReadme(file: string, table: string, machine: string): boolean {
  const text = readFileSync(file, 'utf8');
  const from = text.indexOf(START);
  const to = text.indexOf(END);
  if (from < 0 || to < from) return false;
  const body = `${START}\n${machine}\n\n${table}\n${END}`;
  writeFileSync(file, text.slice(0, from) + body + text.slice(to + END.length));
  return true;
}
