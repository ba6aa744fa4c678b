import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import { useHarness, waitUntil } from './support/harness.js';
import { translated } from './support/languages.js';
import { entityOf } from './support/records.js';
import {
  SIM_REPORT_PATH,
  generateAnalyticsList,
  pushLenderStatuses,
  type AnalyticsList,
} from './support/analytics-list.js';

/** Ex Libris's documented Cloud App limits, which the fake Alma enforces per staff user unless told otherwise. */
const DOCUMENTED = { concurrent: 10, perWindow: 25, windowSeconds: 5 };

describe('bulk reconcile from the Analytics report', () => {
  const h = useHarness({ oclcRateLimitPerSec: 25 });
  let s: BrowserSession;

  async function open(
    list: AnalyticsList,
    config: Record<string, unknown> = {},
    extra: Record<string, unknown> = {},
  ) {
    s = await h.open({
      reset: {
        requests: list.requests,
        worldshare: { requests: list.worldshare },
        config: {
          ...h.stack.institutionConfig,
          analytics: { reportPath: SIM_REPORT_PATH, columnOrder: '' },
          almaCallLimits: DOCUMENTED,
          ...config,
        },
        ...extra,
      },
      // Alma shows 20 rows of the list; the report knows them all.
      page: { entities: list.requests.slice(0, 20).map(entityOf) },
    });
  }

  test(
    '1,000 exported in the report, 20 on the page: every one reviewed with one report call and one lender-states call; only the closed cancelled, each read fresh from Alma first, notify_user=false; no 429 under the Cloud App limits',
    { timeout: 300_000 },
    async () => {
      const list = generateAnalyticsList(1000);
      await open(list);
      await pushLenderStatuses(h.stack.inbox, list.lenderStatuses);
      const proxyCalls: string[] = [];
      s.page.on('request', (r) => {
        if (r.url().startsWith(h.stack.proxyUrl) && r.method() !== 'OPTIONS')
          proxyCalls.push(`${r.method()} ${new URL(r.url()).pathname}`);
      });

      // The 20 requests on the page are loaded first (the page's own bulk button enables then).
      await s.app
        .locator('[data-testid="bulk-reconcile"]:not([disabled])')
        .waitFor({ timeout: 90_000 });
      const start = s.app.locator('[data-testid="bulk-source-analytics"]:not([disabled])');
      await start.waitFor({ timeout: 60_000 });
      // Calls before this index came from loading the page; what review does comes after.
      const before = await h.stack.state();
      await start.click();
      const found = s.app.locator('[data-testid="report-found"]');
      await found.waitFor({ timeout: 120_000 });
      assert.equal(
        await found.getAttribute('data-count'),
        String(list.exported),
        'review finds every exported request',
      );
      assert.equal(await found.getAttribute('data-not-exported'), '0');
      for (const [group, ids] of [
        ['closed', list.closedIds],
        ['stale', list.staleIds],
      ] as const) {
        assert.equal(
          await s.app
            .locator(`[data-testid="report-group"][data-group="${group}"]`)
            .getAttribute('data-count'),
          String(ids.length),
          group,
        );
      }
      const rows = await s.app
        .locator('[data-testid="report-row"]')
        .evaluateAll((els) =>
          els.map(
            (e) => [e.getAttribute('data-request-id'), e.getAttribute('data-group')] as const,
          ),
        );
      assert.deepEqual(new Map(rows), list.expected);
      assert.ok(
        ((await s.app.locator('[data-testid="report-age"]').textContent()) ?? '').includes(
          translated('bulkReport.ageDaily'),
        ),
        'says Analytics data can be a day old',
      );

      // Before any action: one Analytics call (limit 1000) and one lender-states call, nothing else.
      let state = await h.stack.state();
      const reportCalls = state.alma.calls.filter((c) => c.url.endsWith('/analytics/reports'));
      assert.equal(reportCalls.length, 1);
      assert.equal(reportCalls[0]?.query.limit, '1000');
      assert.deepEqual(proxyCalls, ['POST /bridge/lender-states']);
      assert.equal(
        state.alma.calls
          .slice(before.alma.calls.length)
          .filter((c) => !c.url.endsWith('/analytics/reports')).length,
        0,
        'no Alma read per request during review',
      );
      assert.equal(
        state.worldshare.calls.length,
        before.worldshare.calls.length,
        'no WorldShare read during review',
      );

      await s.app.locator('[data-testid="report-cancel-closed"]').click();
      assert.equal(
        ((await s.app.locator('[data-testid="confirm-text"]').textContent()) ?? '').trim(),
        translated('bulkReport.confirm', {
          count: String(list.closedIds.length),
          reason: String(h.stack.institutionConfig.cancelReasonCode),
        }),
        'cancel in Alma without notifying the patrons, each read again first',
      );
      const confirmedAt = (await h.stack.state()).alma.calls.length;
      await s.app.locator('[data-testid="confirm-ok"]').click();
      await s.app.locator('[data-testid="report-summary"]').waitFor({ timeout: 180_000 });

      state = await h.stack.state();
      const deletes = state.alma.calls.filter((c) => c.method === 'DELETE');
      assert.deepEqual(
        deletes.map((d) => d.url.split('/').pop()).sort(),
        [...list.closedIds].sort(),
        'one cancel per closed request, nothing else',
      );
      for (const d of deletes) {
        assert.equal(d.query.notify_user, 'false');
        assert.equal(d.query.reason, h.stack.institutionConfig.cancelReasonCode);
        // The fake logs calls in the order they arrive: the read sits between the confirmation and the cancel.
        const fresh = state.alma.calls
          .slice(confirmedAt, state.alma.calls.indexOf(d))
          .find((c) => c.method === 'GET' && c.url === d.url);
        assert.ok(fresh, `a fresh Alma read of ${d.url} before its cancel`);
      }
      const remaining = new Set(state.alma.requests.map((r) => r.request_id));
      for (const [id, group] of list.expected)
        assert.equal(remaining.has(id), group !== 'closed', `${id} (${group})`);
      const untouched = state.alma.requests.filter(
        (r) => list.expected.get(r.request_id) !== undefined,
      );
      assert.ok(
        untouched.every((r) => r.status?.value === 'REQUEST_SENT'),
        'the others keep their status',
      );

      // Within the Cloud App limits as the fake Alma counts them: it would have answered 429 otherwise.
      assert.ok(
        state.alma.calls.length > 0 && state.alma.calls.every((c) => c.cloudAppUser),
        'every Alma call went through the Cloud App host',
      );
      assert.equal(state.alma.throttled, 0, "no 429 from the fake Alma's limits");
      assert.deepEqual(
        (state.alma as { patronNotifications?: unknown[] }).patronNotifications ?? [],
        [],
      );

      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.app.locator('[data-testid="report-csv"]').click(),
      ]);
      const lines = (await readFile(await download.path(), 'utf8')).trim().split('\r\n');
      assert.equal(lines.length, list.exported + 1);
      assert.ok(
        lines.some((l) => l.includes(`"${list.closedIds[0]}"`) && l.includes('"cancelled"')),
      );
      assert.ok(
        lines.some(
          (l) =>
            l.includes(`"${list.staleIds[0]}"`) &&
            l.includes('"stale"') &&
            l.includes('last activity 2025-01-15'),
        ),
      );
    },
  );

  test(
    'the fake Alma holds the app to the limits: an app allowed more than Alma takes gets 429s',
    { timeout: 120_000 },
    async () => {
      const list = generateAnalyticsList(60);
      // Alma (the fake) takes 10 calls in 5 s per user; the app is configured for 25.
      await open(list, {}, { cloudAppLimits: { concurrent: 10, perWindow: 10, windowMs: 5000 } });
      // Loading the 20 requests on the page takes 20 Alma calls in about 4.4 s: more than this Alma takes.
      await waitUntil(
        async () => (await h.stack.state()).alma.throttled > 0,
        'loading 20 requests at 25 per 5 s meets 429s from a fake allowing 10',
        60_000,
      );
      const state = await h.stack.state();
      const staff = state.user?.primaryId;
      assert.ok(
        state.alma.calls.filter((c) => c.status === 429).every((c) => c.cloudAppUser === staff),
        'counted for the signed-in staff user',
      );
    },
  );

  test(
    'hosted proxy: WorldShare read for each; a report path Alma does not know is named in words',
    { timeout: 240_000 },
    async () => {
      const list = generateAnalyticsList(100, 10, 1000, true);
      const inst =
        h.stack.sim.oclcInstitutions.find((i) => i.instCode === h.stack.sim.instCode) ??
        h.stack.sim.oclcInstitutions[0]!;
      const hosted = {
        proxy: { mode: 'exlibris', url: h.stack.proxyUrl, wskey: inst.wskey, secret: inst.secret },
        worldshareCallsPerSecond: 20,
      };
      await open(list, {
        ...hosted,
        analytics: { reportPath: '/shared/Nowhere/Report', columnOrder: '' },
      });
      await s.app
        .locator('[data-testid="bulk-source-analytics"]:not([disabled])')
        .click({ timeout: 60_000 });
      const problem = s.app.locator('[data-testid="report-problem"]');
      await problem.waitFor({ timeout: 60_000 });
      // The app's words for "no report at this path", then Alma's own message.
      const said = ((await problem.textContent()) ?? '').trim();
      assert.ok(
        said.startsWith(translated('analytics.problem.not-found', { detail: '' }).trim()),
        said,
      );
      assert.ok(said.includes('Path not found (/shared/Nowhere/Report)'), said);

      await open(list, hosted);
      await s.app
        .locator('[data-testid="bulk-source-analytics"]:not([disabled])')
        .click({ timeout: 60_000 });
      const found = s.app.locator('[data-testid="report-found"]');
      await found.waitFor({ timeout: 120_000 });
      assert.equal(await found.getAttribute('data-count'), '100');
      assert.equal(
        await found.getAttribute('data-not-exported'),
        '1',
        'the request of another partner is in the report and left out',
      );
      assert.equal(
        await s.app
          .locator('[data-testid="report-group"][data-group="closed"]')
          .getAttribute('data-count'),
        String(list.closedIds.length),
      );
      const state = await h.stack.state();
      assert.equal(
        state.worldshare.calls.filter(
          (c) => c.method === 'GET' && /\/ILL\/request\/data\/6\d{8}$/.test(c.url),
        ).length,
        100,
      );
    },
  );
});
