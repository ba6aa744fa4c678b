/**
 * Scenario 2: Alma calls, WorldShare calls and OAuth token requests per staff action, counted from
 * the simulator's call log between the action's click and the moment calls stop arriving.
 */
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../tools/stack.js';
import { act, openApp, shown, type AppSession } from './app-frame.js';
import { countCalls, waitForQuiet, type CallCounts } from './call-log.js';
import { entityOf, EXPORTED_WS_ID, exportedCase, readyRequest, tenCases } from './fixtures.js';
import type { Targets } from './targets.js';
import { until } from './wait.js';

export interface ActionCalls {
  action: string;
  description: string;
  /** Borrowing requests the panel showed. */
  requestsShown: number;
  /** Click (or PAGE_LOAD) to the last call of the action, in ms (no simulated API delay). */
  durationMs: number;
  /** Every call from the click until calls stop: what the target is checked against. */
  counts: CallCounts;
  /** The part of `counts` made before the outcome showed; the rest refreshed the panel after it. */
  beforeOutcome: CallCounts;
}

export interface TokenReuse {
  /** OAuth token requests during the first export of a freshly started proxy. */
  firstExportTokenRequests: number;
  /** Exports made after it, within the token's lifetime. */
  laterExports: number;
  laterTokenRequests: number;
  /** WorldShare requests created by all of them (a check that every export went through). */
  worldshareRequestsCreated: number;
}

export interface CallsPerAction {
  actions: ActionCalls[];
  tokenReuse: TokenReuse;
}

const READY = '[data-testid="hint"]';
const EXPORT_ENABLED = '[data-testid="action-export"]:not([disabled])';

/**
 * Runs every action scenario on one stack serving the app from `appDir` (its proxy warmed by one unmeasured export, so token
 * requests show only in the fresh-stack scenario), then the token scenario on a fresh stack.
 *
 * @throws Error when a scenario breaks: a selector never shows, or a call in the window failed.
 */
export async function measureCallsPerAction(
  browser: Browser,
  targets: Targets,
  appDir: string,
): Promise<CallsPerAction> {
  const stack = await startStack({ appDir });
  const actions: ActionCalls[] = [];
  let s: AppSession | undefined;
  const open = async (reset: Record<string, unknown>) => {
    await s?.close().catch(() => undefined);
    await stack.reset(reset);
    s = await openApp(browser, stack.sim.hostUrl, READY);
    return s;
  };
  const record = async (
    action: string,
    description: string,
    requestsShown: number,
    run: () => Promise<void>,
  ) => {
    const t0 = Date.now();
    await run();
    const shownAt = Date.now();
    const last = await waitForQuiet(stack, t0);
    const state = await stack.state();
    const failed = [...state.alma.calls, ...state.worldshare.calls].filter(
      (c) => c.t >= t0 && (c.status ?? 0) >= 400,
    );
    if (failed.length)
      throw new Error(
        `${action}: ${failed.map((c) => `${c.method} ${c.url} answered ${c.status}`).join('; ')}`,
      );
    const entry: ActionCalls = {
      action,
      description,
      requestsShown,
      durationMs: last - t0,
      counts: countCalls(state, t0, Date.now()),
      beforeOutcome: countCalls(state, t0, shownAt),
    };
    actions.push(entry);
    const c = entry.counts;
    console.log(
      `[calls] ${action}: Alma ${c.alma.total} (${c.alma.reads} read, ${c.alma.writes} write), WorldShare ${c.worldshare.total}, tokens ${c.tokenRequests}`,
    );
    return entry;
  };

  try {
    const ready = readyRequest('1987654320004');
    // Warm-up: the proxy fetches and caches its OCLC token here, outside every measured window.
    await open({ requests: [readyRequest('9100000001')] });
    await stack.page({ entities: [entityOf(readyRequest('9100000001'))] });
    await act(s!, 'action-export', '[data-testid="export-result"]');

    await open({ requests: [ready] });
    const one = await record(
      'open panel (one request)',
      'PAGE_LOAD with one exportable request until Export is enabled and calls stop',
      1,
      async () => {
        await stack.page({ entities: [entityOf(ready)] });
        await shown(s!, EXPORT_ENABLED);
      },
    );

    const loaned = exportedCase('loaned');
    await open({
      requests: [loaned.request],
      loans: loaned.loans,
      worldshare: { requests: loaned.worldshare },
    });
    await record(
      'open panel (one exported request)',
      'PAGE_LOAD with a request exported and loaned until Renew is offered and calls stop',
      1,
      async () => {
        await stack.page({ entities: [entityOf(loaned.request)] });
        await shown(s!, '[data-testid="action-renew"]:not([disabled])');
      },
    );

    const list = tenCases();
    await open({
      requests: list,
      worldshare: {
        requests: [
          { requestId: EXPORTED_WS_ID, referenceId: list[5].request_id, requestStatus: 'PENDING' },
        ],
      },
    });
    const ten = await record(
      'open panel (task list of 10)',
      'PAGE_LOAD with the ten shared cases until every card is loaded and calls stop',
      list.length,
      async () => {
        await stack.page({ entities: list.map(entityOf) });
        await shown(s!, '[data-testid="bulk-reconcile"]:not([disabled])');
      },
    );

    await open({ requests: [ready] });
    await stack.page({ entities: [entityOf(ready)] });
    await shown(s!, EXPORT_ENABLED);
    await waitForQuiet(stack, Date.now());
    const exp = await record(
      'export',
      'Export clicked until the result shows and calls stop',
      1,
      () => act(s!, 'action-export', '[data-testid="export-result"]'),
    );

    await open({
      requests: [loaned.request],
      loans: loaned.loans,
      worldshare: { requests: loaned.worldshare },
    });
    await stack.page({ entities: [entityOf(loaned.request)] });
    await shown(s!, '[data-testid="action-renew"]:not([disabled])');
    await waitForQuiet(stack, Date.now());
    const renew = await record(
      'renew (ask the lender)',
      'Renew clicked and confirmed until the app waits for the lender',
      1,
      () => act(s!, 'action-renew', '[data-testid="action-check-renewal"]'),
    );
    const check = await record(
      'check renewal',
      "Check renewal clicked until the lender's approval shows",
      1,
      () => act(s!, 'action-check-renewal', '[data-testid="action-apply-renewal"]'),
    );
    const apply = await record(
      'apply renewal',
      'Apply renewal clicked and confirmed until Alma has the new due date',
      1,
      () => act(s!, 'action-apply-renewal', '[data-testid="renewal-status"][data-key^="applied"]'),
    );

    const closed = exportedCase('closed');
    await open({ requests: [closed.request], worldshare: { requests: closed.worldshare } });
    await stack.page({ entities: [entityOf(closed.request)] });
    await shown(s!, '[data-testid="action-clean-cancel"]:not([disabled])');
    await waitForQuiet(stack, Date.now());
    const cancel = await record(
      'clean cancel',
      'Clean cancel clicked and confirmed until the request is removed',
      1,
      () => act(s!, 'action-clean-cancel', '[data-testid="removed"]'),
    );

    targets.atMost(
      'calls.open.one',
      'open panel, one request: Alma calls per request shown',
      one.counts.alma.total,
      1,
      'calls',
    );
    targets.atMost(
      'calls.open.list10',
      'open panel, task list of 10: Alma calls per request shown',
      ten.counts.alma.total / ten.requestsShown,
      1,
      'calls',
    );
    // Through the project's proxy (idempotent create, no search): Alma 1 read + 1 write, WorldShare 1 create;
    // the panel shows the create's and the Alma update's answers, so nothing is read again afterwards.
    targets.exactly(
      'calls.export.almaReads',
      'export: Alma reads (the fresh record)',
      exp.counts.alma.reads,
      1,
      'calls',
    );
    targets.exactly(
      'calls.export.almaUpdates',
      'export: Alma updates (the partner assignment)',
      exp.counts.alma.writes,
      1,
      'calls',
    );
    targets.exactly(
      'calls.export.worldshareCreates',
      'export: WorldShare creates',
      exp.counts.worldshare.creates,
      1,
      'calls',
    );
    targets.exactly(
      'calls.export.worldshare',
      'export: WorldShare calls in all (the create only)',
      exp.counts.worldshare.total,
      1,
      'calls',
    );
    const warmTokens = [one, ten, exp, renew, check, apply, cancel].reduce(
      (n, a) => n + a.counts.tokenRequests,
      0,
    );
    targets.exactly(
      'calls.tokens.warm',
      'OAuth token requests in all actions once the proxy holds a token',
      warmTokens,
      0,
      'requests',
    );
  } finally {
    await s?.close().catch(() => undefined);
    await stack.close();
  }

  const tokenReuse = await measureTokenReuse(browser, 20, appDir);
  targets.exactly(
    'calls.tokens.first',
    'OAuth token requests for the first export of a fresh proxy',
    tokenReuse.firstExportTokenRequests,
    1,
    'requests',
  );
  targets.exactly(
    'calls.tokens.later',
    `OAuth token requests for ${tokenReuse.laterExports} more exports in the token's lifetime`,
    tokenReuse.laterTokenRequests,
    0,
    'requests',
  );
  return { actions, tokenReuse };
}

/** A fresh stack (a proxy with no token yet): one export, then `later` more, counting token requests. */
async function measureTokenReuse(
  browser: Browser,
  later: number,
  appDir: string,
): Promise<TokenReuse> {
  const stack: Stack = await startStack({ appDir });
  let s: AppSession | undefined;
  try {
    const requests = Array.from({ length: later + 1 }, (_, i) =>
      readyRequest(`92000000${String(i).padStart(2, '0')}`),
    );
    await stack.reset({ requests });
    s = await openApp(browser, stack.sim.hostUrl, READY);
    let firstExportTokenRequests = 0;
    for (const [i, request] of requests.entries()) {
      await stack.page({ entities: [entityOf(request)] });
      await shown(s, `[data-testid="request-card"][data-request-id="${request.request_id}"]`);
      await act(s, 'action-export', '[data-testid="export-result"]');
      // The previous request's result may still be on screen: the log says when this export landed.
      await until(
        `export ${i + 1} in WorldShare`,
        async () => (await stack.state()).worldshare.requests.length > i,
      );
      if (i === 0) firstExportTokenRequests = (await stack.state()).worldshare.tokenRequests.length;
    }
    const state = await stack.state();
    const created = state.worldshare.requests.length;
    if (created !== requests.length)
      throw new Error(
        `token scenario: ${created} WorldShare requests for ${requests.length} exports`,
      );
    const result = {
      firstExportTokenRequests,
      laterExports: later,
      laterTokenRequests: state.worldshare.tokenRequests.length - firstExportTokenRequests,
      worldshareRequestsCreated: created,
    };
    console.log(
      `[calls] token reuse: first export ${result.firstExportTokenRequests} token request(s), ${later} more exports ${result.laterTokenRequests}`,
    );
    return result;
  } finally {
    await s?.close().catch(() => undefined);
    await stack.close();
  }
}
