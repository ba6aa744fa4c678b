/**
 * Scenario 7: reviewing 1,000 exported requests from the Alma Analytics report (the page shows 20) and
 * clean-cancelling the closed ones, with the fake Alma enforcing Ex Libris's Cloud App limits per user
 * (10 at once, 25 in 5 s). Counted before any action: Analytics page calls (1 at limit 1000) and proxy
 * calls (1 lender-states call per 1,000). Timed: the cancels, over the least time the Alma limit allows
 * for the Alma calls they made (a fresh read and a cancel each).
 */
import type { Browser } from 'playwright-core';
import { startStack, type Call, type Stack } from '../tools/stack.js';
import {
  SIM_REPORT_PATH,
  generateAnalyticsList,
  pushLenderStatuses,
} from '../e2e/support/analytics-list.js';
import { entityOf } from './fixtures.js';
import { enabledAt, openApp, STEP_TIMEOUT_MS, type AppSession } from './app-frame.js';
import { waitForQuiet } from './call-log.js';
import { round } from './stats.js';
import type { Targets } from './targets.js';

/** Ex Libris's documented Cloud App limits: the app's configuration and the fake Alma's, alike. */
export const CLOUD_APP_LIMITS = { concurrent: 10, perWindow: 25, windowSeconds: 5 };

export interface BulkReportRun {
  /** Exported requests in the report, requests on the page, closed ones. */
  exported: number;
  onPage: number;
  closed: number;
  /** Review: the button until the groups show. */
  reviewWallMs: number;
  /** Before any action: Analytics API calls, other Alma calls, proxy calls (the app's), WorldShare calls. */
  analyticsCalls: number;
  otherAlmaCallsInReview: number;
  proxyCallsInReview: number;
  worldshareCallsInReview: number;
  /** Clean cancel of the closed group: confirmation until the summary. */
  cancelWallMs: number;
  cancelAlmaCalls: number;
  /** cancelAlmaCalls at perWindow per windowSeconds, in ms. */
  cancelMinimumMs: number;
  cancelRatio: number;
  cancelled: number;
  alma429: number;
}

/**
 * @throws Error when a step breaks (a selector never shows, a call fails with 5xx).
 */
export async function measureBulkReport(
  browser: Browser,
  targets: Targets,
  appDir: string,
  exported = 1000,
): Promise<BulkReportRun> {
  const stack = await startStack({ appDir, oclcRateLimitPerSec: 60 });
  try {
    const run = await reportRun(browser, stack, exported);
    targets.exactly(
      'bulkReport.analyticsCalls',
      `report ${exported}: Analytics page calls before any action`,
      run.analyticsCalls,
      1,
      'calls',
    );
    targets.exactly(
      'bulkReport.proxyCalls',
      `report ${exported}: proxy calls before any action`,
      run.proxyCallsInReview,
      Math.ceil(exported / 1000),
      'calls',
    );
    targets.exactly(
      'bulkReport.reviewAlmaCalls',
      `report ${exported}: other Alma calls during review`,
      run.otherAlmaCallsInReview,
      0,
      'calls',
    );
    targets.atMost(
      'bulkReport.cancelRatio',
      `report ${exported}: cancel of ${run.closed} closed, wall time / Alma minimum`,
      run.cancelRatio,
      1.2,
      'x',
    );
    targets.exactly(
      'bulkReport.alma429',
      `report ${exported}: Alma 429 answers`,
      run.alma429,
      0,
      'answers',
    );
    return run;
  } finally {
    await stack.close();
  }
}

async function reportRun(browser: Browser, stack: Stack, exported: number): Promise<BulkReportRun> {
  const list = generateAnalyticsList(exported, 20);
  const onPage = 20;
  await stack.reset({
    requests: list.requests,
    worldshare: { requests: list.worldshare },
    config: {
      ...stack.institutionConfig,
      analytics: { reportPath: SIM_REPORT_PATH, columnOrder: '' },
      almaCallLimits: CLOUD_APP_LIMITS,
    },
  });
  await pushLenderStatuses(stack.inbox, list.lenderStatuses);
  let s: AppSession | undefined;
  try {
    s = await openApp(browser, stack.sim.hostUrl, '[data-testid="hint"]');
    const proxyCalls: number[] = [];
    s.page.on('request', (r) => {
      if (r.url().startsWith(stack.proxyUrl) && r.method() !== 'OPTIONS')
        proxyCalls.push(Date.now());
    });
    await stack.page({ entities: list.requests.slice(0, onPage).map(entityOf) });
    const t0loaded = await enabledAt(
      s.frame,
      '[data-testid="bulk-source-analytics"]',
      STEP_TIMEOUT_MS * 2,
    );
    await waitForQuiet(stack, t0loaded, 1000, 60_000);

    const t0 = Date.now();
    await s.app
      .locator('[data-testid="bulk-source-analytics"]')
      .click({ timeout: STEP_TIMEOUT_MS });
    const t1 = await enabledAt(
      s.frame,
      '[data-testid="report-cancel-closed"]',
      STEP_TIMEOUT_MS * 2,
    );
    let state = await stack.state();
    const inReview = (calls: Call[]) => calls.filter((c) => c.t >= t0 && c.t <= t1);
    const reviewAlma = inReview(state.alma.calls);
    const analyticsCalls = reviewAlma.filter((c) => c.url.endsWith('/analytics/reports')).length;
    const proxyCallsInReview = proxyCalls.filter((t) => t >= t0 && t <= t1).length;
    console.log(
      `[report] ${exported} exported, ${onPage} on the page: reviewed in ${t1 - t0} ms with ${analyticsCalls} Analytics call(s), ${proxyCallsInReview} proxy call(s)`,
    );

    await s.app.locator('[data-testid="report-cancel-closed"]').click({ timeout: STEP_TIMEOUT_MS });
    const t2 = Date.now();
    await s.app.locator('[data-testid="confirm-ok"]').click({ timeout: STEP_TIMEOUT_MS });
    await s.app.locator('[data-testid="report-summary"]').waitFor({ timeout: STEP_TIMEOUT_MS * 5 });
    const t3 = Date.now();
    state = await stack.state();
    const cancelAlma = state.alma.calls.filter((c) => c.t >= t2 && c.t <= t3);
    const broken = [...state.alma.calls, ...state.worldshare.calls].filter(
      (c) => (c.status ?? 0) >= 500,
    );
    if (broken.length)
      throw new Error(
        `report: ${broken.length} calls failed, first ${broken[0].method} ${broken[0].url} answered ${broken[0].status}`,
      );
    const minimumMs =
      (cancelAlma.length / CLOUD_APP_LIMITS.perWindow) * CLOUD_APP_LIMITS.windowSeconds * 1000;
    const run: BulkReportRun = {
      exported,
      onPage,
      closed: list.closedIds.length,
      reviewWallMs: t1 - t0,
      analyticsCalls,
      otherAlmaCallsInReview: reviewAlma.length - analyticsCalls,
      proxyCallsInReview,
      worldshareCallsInReview: inReview(state.worldshare.calls).length,
      cancelWallMs: t3 - t2,
      cancelAlmaCalls: cancelAlma.length,
      cancelMinimumMs: round(minimumMs, 0),
      cancelRatio: minimumMs > 0 ? round((t3 - t2) / minimumMs, 2) : 0,
      cancelled: state.alma.calls.filter((c) => c.method === 'DELETE' && c.status === 204).length,
      alma429: state.alma.calls.filter((c) => c.status === 429).length,
    };
    console.log(
      `[report] cancel of ${run.closed} closed: ${run.cancelWallMs} ms for ${run.cancelAlmaCalls} Alma calls (minimum ${run.cancelMinimumMs} ms, ratio ${run.cancelRatio}), cancelled ${run.cancelled}, 429s ${run.alma429}`,
    );
    return run;
  } finally {
    await s?.close().catch(() => undefined);
  }
}
