/**
 * Scenario 4: bulk reconcile of long task lists with the fake Alma enforcing its per-second limit.
 * The figure of merit is wall time over the least time the limit allows for the Alma calls made.
 */
import type { Browser } from 'playwright-core';
import type { Call, SimSnapshot, Stack } from '../tools/stack.js';
import { startStack } from '../tools/stack.js';
import { act, enabledAt, openApp, STEP_TIMEOUT_MS, type AppSession } from './app-frame.js';
import { waitForQuiet } from './call-log.js';
import { until } from './wait.js';
import { generateTaskList } from '../e2e/support/task-list.js';
import { entityOf } from './fixtures.js';
import { CLOUD_APP_LIMITS } from './bulk-report.js';
import { peakInWindow, round } from './stats.js';
import type { Targets } from './targets.js';

export interface BulkSettings {
  /** Calls per second the fake Alma accepts before answering 429. */
  almaRateLimitPerSec: number;
  /** The app's own WorldShare pace (institution config `worldshareCallsPerSecond`). */
  worldshareCallsPerSecond: number;
  /** Calls per second per token the fake OCLC accepts. */
  oclcRateLimitPerSec: number;
}

export interface PhaseFigures {
  wallMs: number;
  almaCalls: number;
  /** almaCalls / limit, in ms: the least time the Alma limit allows. */
  minimumMs: number;
  /** wallMs / minimumMs. */
  ratio: number;
  /** The least time both limits allow: the larger of Alma calls / Alma limit and WorldShare calls / WorldShare pace, in ms. */
  bothLimitsMinimumMs: number;
  /** wallMs / bothLimitsMinimumMs. */
  bothLimitsRatio: number;
  alma429: number;
  /** Most Alma calls that arrived within any 1000 ms. */
  almaPeakPerSecond: number;
  /** Alma calls in each successive 10 s of the phase: shows whether the pace holds as the list grows. */
  almaCallsPer10s: number[];
  worldshareCalls: number;
  worldshare429: number;
  /** Other 4xx answers: expected ones included (WorldShare 404 for a request it never had). */
  alma4xx: number;
  worldshare4xx: number;
}

export interface BulkRun {
  /** Borrowing requests on the task list (the generated ones plus one never exported). */
  requests: number;
  /** PAGE_LOAD until every card is loaded (Review enabled). */
  listLoad: PhaseFigures;
  /** Review clicked until the summary shows (review, cancel of the closed group, confirmation included). */
  reconcile: PhaseFigures;
  /** Its two parts: Review clicked until the groups show; the confirmation's OK until the summary shows. */
  review: PhaseFigures;
  cancelClosed: PhaseFigures;
  expectedCancelled: number;
  cancelled: number;
  /**
   * After the summary: Alma's list refreshed and re-read by the app until calls stop. Measured for
   * lists up to AFTER_SUMMARY_MAX_REQUESTS only (a longer re-read would double the run); else null.
   */
  afterSummary: { wallMs: number; almaCalls: number; alma429: number } | null;
}

/** Longest task list whose re-read after the summary is waited for and counted. */
export const AFTER_SUMMARY_MAX_REQUESTS = 250;

/** Alma calls a second the app can make: the per-second threshold or the Cloud App limit per user, whichever is lower. */
const almaPerSec = (settings: BulkSettings) =>
  Math.min(
    settings.almaRateLimitPerSec,
    CLOUD_APP_LIMITS.perWindow / CLOUD_APP_LIMITS.windowSeconds,
  );

const STEP_MS = (requests: number, perSec: number) =>
  60_000 + Math.ceil((requests / perSec) * 1000 * 3);

/**
 * Runs bulk reconcile for each list size on one stack serving the app from `appDir`.
 *
 * @throws Error when a phase breaks: a selector never shows, or a call fails with anything but 429.
 */
export async function measureBulk(
  browser: Browser,
  sizes: number[],
  settings: BulkSettings,
  targets: Targets,
  appDir: string,
): Promise<BulkRun[]> {
  const stack = await startStack({ appDir, oclcRateLimitPerSec: settings.oclcRateLimitPerSec });
  const runs: BulkRun[] = [];
  try {
    for (const size of sizes) {
      const run = await bulkRun(browser, stack, size, settings);
      runs.push(run);
      const ratioLimit = 1.2;
      targets.atMost(
        `bulk.${size}.ratio`,
        `bulk ${size}: reconcile wall time / Alma minimum`,
        run.reconcile.ratio,
        ratioLimit,
        'x',
      );
      targets.exactly(
        `bulk.${size}.alma429`,
        `bulk ${size}: Alma 429 answers (list load and reconcile)`,
        run.listLoad.alma429 + run.reconcile.alma429 + (run.afterSummary?.alma429 ?? 0),
        0,
        'answers',
      );
      targets.atMost(
        `bulk.${size}.peak`,
        `bulk ${size}: Alma calls in any 1000 ms`,
        Math.max(run.listLoad.almaPeakPerSecond, run.reconcile.almaPeakPerSecond),
        settings.almaRateLimitPerSec,
        'calls',
      );
      targets.atMost(
        `bulk.${size}.listLoadRatio`,
        `bulk ${size}: list load wall time / Alma minimum`,
        run.listLoad.ratio,
        ratioLimit,
        'x',
      );
    }
  } finally {
    await stack.close();
  }
  return runs;
}

async function bulkRun(
  browser: Browser,
  stack: Stack,
  size: number,
  settings: BulkSettings,
): Promise<BulkRun> {
  const list = generateTaskList(size);
  const n = list.requests.length;
  await stack.reset({
    requests: list.requests,
    worldshare: { requests: list.worldshare },
    config: {
      ...stack.institutionConfig,
      worldshareCallsPerSecond: settings.worldshareCallsPerSecond,
    },
    almaRateLimit: settings.almaRateLimitPerSec,
  });
  let s: AppSession | undefined;
  try {
    s = await openApp(browser, stack.sim.hostUrl, '[data-testid="hint"]');
    const loaded = enabledAt(
      s.frame,
      '[data-testid="bulk-reconcile"]',
      STEP_MS(n, almaPerSec(settings)),
    );
    await s.frame.evaluate(() => 0);
    const t0 = Date.now();
    await stack.page({ entities: list.requests.map(entityOf) });
    const t1 = await loaded;
    await waitForQuiet(stack, t1, 1000, 60_000);
    let state = await stack.state();
    const listLoad = phase(state, t0, t1, settings);
    console.log(
      `[bulk] ${n} requests: list loaded in ${listLoad.wallMs} ms, ${listLoad.almaCalls} Alma calls, ratio ${listLoad.ratio}, 429s ${listLoad.alma429}`,
    );

    const t2 = Date.now();
    await act(
      s,
      'bulk-reconcile',
      '[data-testid="bulk-cancel-closed"]:not([disabled])',
      STEP_MS(n, settings.worldshareCallsPerSecond),
    );
    const reviewedAt = Date.now();
    await s.app.locator('[data-testid="bulk-cancel-closed"]').click({ timeout: STEP_TIMEOUT_MS });
    const summary = enabledAt(
      s.frame,
      '[data-testid="bulk-summary"]',
      STEP_MS(n, almaPerSec(settings)),
    );
    await s.frame.evaluate(() => 0);
    const cancelAt = Date.now();
    await s.app.locator('[data-testid="confirm-ok"]').click({ timeout: STEP_TIMEOUT_MS });
    const t3 = await summary;
    let afterSummary: BulkRun['afterSummary'] = null;
    if (n <= AFTER_SUMMARY_MAX_REQUESTS) {
      // The app asks Alma to refresh its list once the report is up; the re-read starts a moment later.
      await until(
        'Alma list re-read after the summary',
        async () => (await stack.state()).alma.calls.some((c) => c.t > t3),
        30_000,
      );
      const last = await waitForQuiet(stack, t3, 2000, STEP_MS(n, almaPerSec(settings)));
      const after = (await stack.state()).alma.calls.filter((c) => c.t > t3);
      afterSummary = {
        wallMs: last - t3,
        almaCalls: after.length,
        alma429: after.filter((c) => c.status === 429).length,
      };
    }
    state = await stack.state();
    const reconcile = phase(state, t2, t3, settings);
    const deletes = state.alma.calls.filter(
      (c) => c.method === 'DELETE' && c.status === 204,
    ).length;
    const run: BulkRun = {
      requests: n,
      listLoad,
      reconcile,
      review: phase(state, t2, reviewedAt, settings),
      cancelClosed: phase(state, cancelAt, t3, settings),
      expectedCancelled: list.closedIds.length,
      cancelled: deletes,
      afterSummary,
    };
    console.log(
      `[bulk] ${n} requests: review ${run.review.wallMs} ms (Alma ${run.review.almaCalls}, WorldShare ${run.review.worldshareCalls}), ` +
        `cancel ${run.cancelClosed.wallMs} ms (Alma ${run.cancelClosed.almaCalls}, WorldShare ${run.cancelClosed.worldshareCalls})`,
    );
    console.log(
      `[bulk] ${n} requests: reconciled in ${reconcile.wallMs} ms, ${reconcile.almaCalls} Alma calls, ratio ${reconcile.ratio}, ` +
        `429s ${reconcile.alma429}, peak ${reconcile.almaPeakPerSecond}/s, cancelled ${deletes}/${list.closedIds.length}` +
        (afterSummary
          ? `; after the summary ${afterSummary.almaCalls} Alma calls in ${afterSummary.wallMs} ms`
          : ''),
    );
    return run;
  } finally {
    await s?.close().catch(() => undefined);
  }
}

/**
 * Figures for the calls logged between `from` and `to`. Nothing is faulted here, so any 5xx answer
 * breaks the scenario; 4xx answers are counted (the task list holds requests WorldShare never had).
 */
function phase(state: SimSnapshot, from: number, to: number, settings: BulkSettings): PhaseFigures {
  const inWindow = (calls: Call[]) => calls.filter((c) => c.t >= from && c.t <= to);
  const alma = inWindow(state.alma.calls);
  const ws = inWindow(state.worldshare.calls);
  const broken = [...alma, ...ws].filter((c) => (c.status ?? 0) >= 500);
  if (broken.length)
    throw new Error(
      `bulk: ${broken.length} calls failed, first ${broken[0].method} ${broken[0].url} answered ${broken[0].status}`,
    );
  const wallMs = to - from;
  // The least time the Alma limits allow: the per-second threshold and the Cloud App limit per user
  // (perWindow calls per windowSeconds; Ex Libris's 25 in 5 s), whichever is slower.
  const minimumMs = Math.max(
    (alma.length / settings.almaRateLimitPerSec) * 1000,
    (alma.length / CLOUD_APP_LIMITS.perWindow) * CLOUD_APP_LIMITS.windowSeconds * 1000,
  );
  const bothLimitsMinimumMs = Math.max(
    minimumMs,
    (ws.length / settings.worldshareCallsPerSecond) * 1000,
  );
  return {
    wallMs,
    almaCalls: alma.length,
    minimumMs: round(minimumMs, 0),
    ratio: minimumMs > 0 ? round(wallMs / minimumMs, 2) : 0,
    bothLimitsMinimumMs: round(bothLimitsMinimumMs, 0),
    bothLimitsRatio: bothLimitsMinimumMs > 0 ? round(wallMs / bothLimitsMinimumMs, 2) : 0,
    alma429: alma.filter((c) => c.status === 429).length,
    almaPeakPerSecond: peakInWindow(alma.map((c) => c.t)),
    almaCallsPer10s: Array.from(
      { length: Math.ceil(wallMs / 10_000) },
      (_, i) =>
        alma.filter((c) => c.t >= from + i * 10_000 && c.t < from + (i + 1) * 10_000).length,
    ),
    worldshareCalls: ws.length,
    worldshare429: ws.filter((c) => c.status === 429).length,
    alma4xx: alma.filter(is4xxNot429).length,
    worldshare4xx: ws.filter(is4xxNot429).length,
  };
}

const is4xxNot429 = (c: Call) =>
  (c.status ?? 0) >= 400 && (c.status ?? 0) < 500 && c.status !== 429;
