import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, test } from 'node:test';
import type { Call } from '../tools/stack.js';
import type { BrowserSession } from './support/browser.js';
import { useHarness } from './support/harness.js';
import { generateTaskList, type TaskList } from './support/task-list.js';

const entities = (requests: Record<string, any>[]) =>
  requests.map((r) => ({
    id: r.request_id,
    type: 'BORROWING_REQUEST',
    link: `/users/${r.requester.value}/resource-sharing-requests/${r.request_id}`,
    description: r.title,
  }));

/** Largest number of calls that arrived within any 1000 ms window. */
function peakPerSecond(calls: Call[]): number {
  const t = calls.map((c) => c.t).sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe('bulk reconcile of a task list', () => {
  const h = useHarness({ oclcRateLimitPerSec: 25 });
  let s: BrowserSession;

  async function open(g: TaskList, extra: Record<string, unknown> = {}) {
    s = await h.open({
      reset: {
        requests: g.requests,
        worldshare: { requests: g.worldshare },
        config: { ...h.stack.institutionConfig, worldshareCallsPerSecond: 20 },
        almaRateLimit: 25,
        ...extra,
      },
      page: { entities: entities(g.requests) },
    });
  }

  async function reviewAndCancel() {
    const review = s.app.locator('[data-testid="bulk-reconcile"]');
    await review.waitFor();
    await s.app
      .locator('[data-testid="bulk-reconcile"]:not([disabled])')
      .waitFor({ timeout: 150_000 });
    await review.click();
    await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
    await s.app.locator('[data-testid="bulk-cancel-closed"]').click();
    assert.match(
      (await s.app.locator('[data-testid="confirm-text"]').textContent()) ?? '',
      /without notifying the patrons/,
    );
    await s.app.locator('[data-testid="confirm-ok"]').click();
    await s.app.locator('[data-testid="bulk-summary"]').waitFor({ timeout: 120_000 });
  }

  test(
    '200 exported requests: every group right, closed ones cancelled once without notifying, open ones untouched, Alma never over 25 calls a second',
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
      if (process.env.DEBUG_PEAK) {
        const t = state.alma.calls.map((c) => c.t).sort((a, b) => a - b);
        const t0 = t[0];
        const hist: Record<string, string[]> = {};
        for (const c of state.alma.calls)
          (hist[Math.floor((c.t - t0) / 250)] ??= []).push(c.method);
        console.log(
          Object.entries(hist)
            .map(([k, v]) => `${k}:${v.length}${[...new Set(v)].join('')}`)
            .join(' '),
        );
        console.log(`peak ${peakPerSecond(state.alma.calls)} Alma calls in any second`);
      }
      assert.ok(
        peakPerSecond(state.alma.calls) <= 25,
        `Alma peak ${peakPerSecond(state.alma.calls)} calls in a second`,
      );
      assert.equal(state.alma.calls.filter((c) => c.status === 429).length, 0, 'no 429 from Alma');

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
      const patronOf = (id: string) => byId.get(id)!.requester.value as string;
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
          user_id: patronOf(closed[0]),
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

      for (const [id, barcode] of [
        [first, `ILLTEMP${first}`],
        [second, `ILLTEMP${second}`],
      ]) {
        const row = s.app.locator(`[data-testid="bulk-row"][data-request-id="${id}"]`);
        assert.equal(await row.getAttribute('data-action'), 'on-loan', id);
        assert.match(
          (await row.textContent()) ?? '',
          new RegExp(`still on loan.*still has temporary item ${barcode} on loan`),
          id,
        );
      }
      assert.equal(
        await s.app.locator('[data-testid="bulk-row"][data-action="on-loan"]').count(),
        2,
      );
      assert.match(
        (await s.app.locator('[data-testid="bulk-summary"]').textContent()) ?? '',
        /2 still on loan/,
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
    'a WorldShare rate of 0.5 a second is honoured: reads start at least 2 s apart',
    { timeout: 120_000 },
    async () => {
      const g = generateTaskList(4);
      await open(g, { config: { ...h.stack.institutionConfig, worldshareCallsPerSecond: 0.5 } });
      await s.app
        .locator('[data-testid="bulk-reconcile"]:not([disabled])')
        .waitFor({ timeout: 60_000 });
      await s.app.locator('[data-testid="bulk-reconcile"]').click();
      await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
      const reads = (await h.stack.state()).worldshare.calls
        .filter((c) => c.method === 'GET')
        .map((c) => c.t)
        .sort((a, b) => a - b);
      assert.equal(reads.length, 4);
      // A ceiling, not a speed: the gate lets one call start per 2 s (arrival jitter allowed for).
      for (let i = 1; i < reads.length; i++)
        assert.ok(
          reads[i]! - reads[i - 1]! >= 1800,
          `reads ${i - 1} and ${i} ${reads[i]! - reads[i - 1]!} ms apart`,
        );
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

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}
