import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import type { Harness } from './support/harness.js';
import { useHarness } from './support/harness.js';
import { translated } from './support/languages.js';
import { entityOf } from './support/records.js';
import { generateTaskList, type TaskList } from './support/task-list.js';

/** Opens the task list `g` on Alma's page, with a WorldShare rate the fake OCLC's limit allows. */
async function openList(
  h: Harness,
  g: TaskList,
  extra: Record<string, unknown> = {},
): Promise<BrowserSession> {
  return h.open({
    reset: {
      requests: g.requests,
      worldshare: { requests: g.worldshare },
      config: { ...h.stack.institutionConfig, worldshareCallsPerSecond: 20 },
      almaRateLimit: 25,
      ...extra,
    },
    page: { entities: g.requests.map(entityOf) },
  });
}

describe('bulk reconcile of a task list', () => {
  const h = useHarness({ oclcRateLimitPerSec: 25 });
  let s: BrowserSession;

  async function open(g: TaskList, extra: Record<string, unknown> = {}) {
    s = await openList(h, g, extra);
  }

  async function reviewAndCancel() {
    const review = s.app.locator('[data-testid="bulk-reconcile"]');
    await review.waitFor();
    await s.app
      .locator('[data-testid="bulk-reconcile"]:not([disabled])')
      .waitFor({ timeout: 150_000 });
    await review.click();
    await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
    const closed = await s.app
      .locator('[data-testid="bulk-group"][data-group="closed"]')
      .getAttribute('data-count');
    await s.app.locator('[data-testid="bulk-cancel-closed"]').click();
    assert.equal(
      ((await s.app.locator('[data-testid="confirm-text"]').textContent()) ?? '').trim(),
      translated('bulk.confirm.cancelClosed', {
        count: String(closed),
        reason: String(h.stack.institutionConfig.cancelReasonCode),
      }),
      'cancel the closed ones in Alma without notifying the patrons',
    );
    await s.app.locator('[data-testid="confirm-ok"]').click();
    await s.app.locator('[data-testid="bulk-summary"]').waitFor({ timeout: 120_000 });
  }

  test(
    "200 exported requests: every group right, closed ones cancelled once without notifying, open ones untouched, and the fake Alma's limits never refused a call",
    { timeout: 360_000 },
    async () => {
      const g = generateTaskList(200);
      await open(g);
      await reviewAndCancel();

      for (const [group, count] of Object.entries(countBy([...g.expected.values()]))) {
        assert.equal(
          await s.app
            .locator(`[data-testid="bulk-group"][data-group="${group}"]`)
            .getAttribute('data-count'),
          String(count),
          `group ${group}`,
        );
      }
      const rows = await s.app
        .locator('[data-testid="bulk-row"]')
        .evaluateAll((els) =>
          els.map(
            (e) => [e.getAttribute('data-request-id'), e.getAttribute('data-group')] as const,
          ),
        );
      assert.equal(rows.length, g.requests.length);
      assert.deepEqual(new Map(rows), g.expected);

      const state = await h.stack.state();
      const deletes = state.alma.calls.filter((c) => c.method === 'DELETE');
      const closedIds = g.closedIds;
      assert.equal(deletes.length, closedIds.length, 'one cancel per closed request');
      assert.deepEqual(deletes.map((d) => d.url.split('/').pop()).sort(), closedIds.sort());
      for (const d of deletes) {
        assert.equal(d.query.notify_user, 'false');
        assert.equal(d.query.reason, h.stack.institutionConfig.cancelReasonCode);
      }
      const remaining = new Set(state.alma.requests.map((r) => r.request_id));
      for (const [id, group] of g.expected)
        assert.equal(remaining.has(id), group !== 'closed', `${id} (${group})`);
      // The app keeps to Alma's limits (25 a second per institution, the Cloud App limits per user):
      // the fake Alma, which enforces them, refused nothing.
      assert.equal(state.alma.throttled, 0, "no 429 from the fake Alma's limits");

      // The CSV report lists every request with both statuses and what was done.
      const [download] = await Promise.all([
        s.page.waitForEvent('download'),
        s.app.locator('[data-testid="bulk-csv"]').click(),
      ]);
      const csv = await readFile(await download.path(), 'utf8');
      const lines = csv.trim().split('\r\n');
      assert.equal(lines.length, g.requests.length + 1);
      assert.match(lines[0], /almaRequestId.*worldShareStatus.*action/);
      assert.ok(lines.some((l) => l.includes('"7700000000"') && l.includes('"cancelled"')));
      assert.ok(
        lines.some(
          (l) => l.includes('"7700000001"') && l.includes('"PENDING"') && l.includes('"reviewed"'),
        ),
      );
    },
  );

  test(
    'two temporary items still on loan (one only on the second page of loans): those two are left and named, every other closed request is cancelled',
    { timeout: 240_000 },
    async () => {
      const g = generateTaskList(24);
      const closed = g.closedIds;
      const [first, second] = [closed[1], closed[4]];
      const byId = new Map(g.requests.map((r) => [r.request_id, r]));
      for (const id of closed) byId.get(id)!.barcode = `ILLTEMP${id}`;
      const patronOf = (id: string) => String(byId.get(id)?.requester?.value);
      // The second patron has 150 other loans first, so the temporary item's loan is on the second page.
      const filler = Array.from({ length: 150 }, (_, i) => ({
        loan_id: `F${i}`,
        user_id: patronOf(second),
        item_barcode: `3900100${i}`,
        due_date: '2027-06-30T23:59:00Z',
      }));
      const loans = [
        {
          loan_id: 'T1',
          user_id: patronOf(first),
          item_barcode: `ILLTEMP${first}`,
          due_date: '2027-06-30T23:59:00Z',
        },
        ...filler,
        {
          loan_id: 'T2',
          user_id: patronOf(second),
          item_barcode: `ILLTEMP${second}`,
          due_date: '2027-06-30T23:59:00Z',
        },
        // A returned loan of another closed request's item does not hold its cancel back.
        {
          loan_id: 'T3',
          user_id: patronOf(closed[0]!),
          item_barcode: `ILLTEMP${closed[0]}`,
          due_date: '2027-01-30T23:59:00Z',
          loan_status: 'COMPLETE',
        },
      ];
      await open(g, { loans });
      await reviewAndCancel();

      const state = await h.stack.state();
      const cancelled = state.alma.calls
        .filter((c) => c.method === 'DELETE' && c.status === 204)
        .map((c) => c.url.split('/').pop()!);
      assert.deepEqual(
        [...cancelled].sort(),
        closed.filter((id) => id !== first && id !== second).sort(),
      );
      const remaining = new Set(state.alma.requests.map((r) => r.request_id));
      assert.ok(remaining.has(first) && remaining.has(second), 'the two on loan are still in Alma');
      assert.ok(
        state.alma.calls.some(
          (c) => c.url.endsWith(`/users/${patronOf(second)}/loans`) && c.query.offset === '100',
        ),
        'the second page of loans was read',
      );
      assert.ok(
        state.alma.calls
          .filter((c) => c.url.endsWith('/loans'))
          .every((c) => Number(c.query.limit) <= 100),
      );

      for (const id of [first, second]) {
        const row = s.app.locator(`[data-testid="bulk-row"][data-request-id="${id}"]`);
        assert.equal(await row.getAttribute('data-action'), 'on-loan', id);
        assert.ok(
          ((await row.locator('[data-testid="bulk-row-detail"]').textContent()) ?? '').includes(
            translated('bulk.detail.loanActive', { value: `ILLTEMP${id}` }),
          ),
          `${id}: the item on loan is named`,
        );
      }
      const actions = await s.app
        .locator('[data-testid="bulk-row"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-action') ?? ''));
      assert.equal(actions.filter((a) => a === 'on-loan').length, 2);
      const count = (action: string) => String(actions.filter((a) => a === action).length);
      assert.equal(
        ((await s.app.locator('[data-testid="bulk-summary"]').textContent()) ?? '').trim(),
        translated('bulk.summary', {
          cancelled: count('cancelled'),
          applied: count('renewal-applied'),
          failed: count('failed'),
          notDone: count('not-done'),
          open: count('left-open'),
          onLoan: count('on-loan'),
        }),
        'the summary counts what the rows show',
      );
    },
  );

  test(
    'hosted-proxy mode: eight workers share one OCLC token request',
    { timeout: 120_000 },
    async () => {
      const g = generateTaskList(16);
      const inst = h.stack.sim.oclcInstitutions[0]!;
      const base = h.stack.institutionConfig as { proxy: Record<string, unknown> };
      await open(g, {
        config: {
          ...base,
          proxy: {
            ...base.proxy,
            mode: 'exlibris',
            url: h.stack.proxyUrl,
            wskey: inst.wskey,
            secret: inst.secret,
          },
          worldshareCallsPerSecond: 20,
        },
      });
      await s.app
        .locator('[data-testid="bulk-reconcile"]:not([disabled])')
        .waitFor({ timeout: 60_000 });
      await s.app.locator('[data-testid="bulk-reconcile"]').click();
      await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
      const state = await h.stack.state();
      assert.equal(
        state.worldshare.calls.filter(
          (c) => c.method === 'GET' && /\/ILL\/request\/data\/\d+$/.test(c.url),
        ).length,
        g.requests.filter((r) => r.external_id).length,
        'every exported request read',
      );
      assert.equal(state.worldshare.tokenRequests.length, 1, 'one token request');
    },
  );

  test(
    'faults on 10% of calls: the report names each failed item; a re-run finishes them and repeats nothing',
    { timeout: 240_000 },
    async () => {
      const g = generateTaskList(40);
      const closedIds = g.closedIds;
      const failingCancels = closedIds.slice(0, 3);
      const failingReads = g.worldshare
        .filter((w) => w.requestStatus === 'PENDING')
        .slice(0, 1)
        .map((w) => w.requestId);
      await open(g, {
        faults: [
          ...failingCancels.map((id) => ({
            target: 'alma',
            method: 'DELETE',
            path: `/resource-sharing-requests/${id}$`,
            status: 500,
            times: 1,
          })),
          ...failingReads.map((id) => ({
            target: 'oclc',
            method: 'GET',
            path: `/ILL/request/data/${id}$`,
            status: 500,
            times: 1,
          })),
        ],
      });
      await reviewAndCancel();
      for (const id of failingCancels) {
        assert.equal(
          await s.app
            .locator(`[data-testid="bulk-row"][data-request-id="${id}"]`)
            .getAttribute('data-action'),
          'failed',
          id,
        );
      }
      const failedRead = g.worldshare.find((w) => w.requestId === failingReads[0])!.referenceId;
      assert.equal(
        await s.app
          .locator(`[data-testid="bulk-row"][data-request-id="${failedRead}"]`)
          .getAttribute('data-action'),
        'failed',
      );
      let state = await h.stack.state();
      assert.equal(
        state.alma.calls.filter((c) => c.method === 'DELETE' && c.status === 204).length,
        closedIds.length - failingCancels.length,
      );

      // Re-run: Alma's list now holds only what is left; the failed cancels go through, nothing is cancelled twice.
      await reviewAndCancel();
      state = await h.stack.state();
      const done = state.alma.calls
        .filter((c) => c.method === 'DELETE' && c.status === 204)
        .map((c) => c.url.split('/').pop());
      assert.deepEqual(
        [...done].sort(),
        [...closedIds].sort(),
        'every closed request cancelled exactly once',
      );
      assert.equal(new Set(done).size, done.length);
      for (const id of failingCancels) {
        assert.equal(
          await s.app
            .locator(`[data-testid="bulk-row"][data-request-id="${id}"]`)
            .getAttribute('data-action'),
          'cancelled',
          id,
        );
      }
      assert.ok(
        state.alma.calls
          .filter((c) => c.method === 'DELETE')
          .every((c) => c.query.notify_user === 'false'),
      );
    },
  );
});

describe('bulk reconcile at a WorldShare rate below one a second', () => {
  // The fake OCLC takes one call in any 1.5 s: a client that kept to 0.5 a second (one every 2 s)
  // is never refused, whatever the network adds or takes; one that kept to 1 a second would be.
  const h = useHarness({ oclcRateLimit: { calls: 1, windowMs: 1500 } });

  test(
    'a WorldShare rate of 0.5 a second is honoured: the fake OCLC refuses none of the reads',
    { timeout: 120_000 },
    async () => {
      const g = generateTaskList(4);
      const s = await openList(h, g, {
        config: { ...h.stack.institutionConfig, worldshareCallsPerSecond: 0.5 },
      });
      await s.app
        .locator('[data-testid="bulk-reconcile"]:not([disabled])')
        .waitFor({ timeout: 60_000 });
      await s.app.locator('[data-testid="bulk-reconcile"]').click();
      await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
      const state = await h.stack.state();
      assert.equal(state.worldshare.calls.filter((c) => c.method === 'GET').length, 4);
      assert.equal(state.worldshare.throttled, 0, 'no 429 from the fake OCLC');
    },
  );
});

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
