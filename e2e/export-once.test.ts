/**
 * One WorldShare request per Alma request, whatever staff do: through the real proxy, whose store
 * keys each create by institution and Alma request id (Idempotency-Key), and with each staff user's
 * own Cloud App store, as Alma keeps it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import { caseOf } from './support/cases.js';
import { useHarness, waitUntil } from './support/harness.js';
import { translated } from './support/languages.js';

/** How long the fake OCLC takes to create the request in the slow scenario: longer than the app waits (30 s). */
const SLOW_CREATE_MS = 50_000;
const COLLEAGUE = { primaryId: 'staff.sam', firstName: 'Sam', lastName: 'Reyes' };

describe('export happens once through the real proxy', () => {
  // The proxy waits for OCLC longer than the app does, so a create the app gave up on still lands.
  const h = useHarness({ proxyUpstreamTimeoutMs: 90_000 });

  const creates = async () =>
    (await h.stack.state()).worldshare.calls.filter(
      (c) => c.method === 'POST' && /\/ILL\/request\/data$/.test(c.url),
    );

  /** Waits for the panel to show the request with its Alma status, and the Export button to be usable. */
  async function ready(s: BrowserSession): Promise<void> {
    await s.app.locator('[data-testid="status-alma"]').waitFor();
    await s.app.locator('[data-testid="action-export"]:not([disabled])').waitFor();
  }

  test(
    'ten rapid clicks, a reload during the create, a retry after the app timed out and a colleague at another desk make one WorldShare request',
    { timeout: 180_000 },
    async () => {
      const c = caseOf('01');
      const a = await h.open({
        reset: {
          requests: [c.alma_request],
          users: [COLLEAGUE],
          faults: [
            {
              target: 'oclc',
              method: 'POST',
              path: '/ILL/request/data$',
              delayMs: SLOW_CREATE_MS,
              times: 1,
            },
          ],
        },
        page: { entities: [c.entity] },
      });
      await ready(a);

      // Ten rapid clicks; the create reaches WorldShare, which takes its time.
      await a.app.locator('[data-testid="action-export"]').evaluate((el: HTMLElement) => {
        for (let i = 0; i < 10; i++) el.click();
      });
      await waitUntil(async () => (await creates()).length === 1, 'the create reached WorldShare');

      // Staff reload while it runs, and export again: the proxy waits for the first create.
      await a.page.reload();
      await h.stack.page({ entities: [c.entity] });
      await ready(a);
      await a.app.locator('[data-testid="action-export"]').click();

      // A colleague opens the same request in their own Alma session and exports it too.
      // (Alma already shows the request: the new page asks for it; a new PAGE_LOAD would also reload A's panel mid-export.)
      const b = await h.openAnother({ user: COLLEAGUE.primaryId });
      await b.page.locator('#alma-user', { hasText: 'Sam Reyes' }).waitFor();
      await ready(b);
      await b.app.locator('[data-testid="action-export"]').click();

      // The app gives up after 30 s and says so; nothing is reported as created.
      const timedOut = a.app.locator('[data-testid="error"][data-kind="unavailable"]');
      await timedOut.waitFor({ timeout: 45_000 });
      await a.app.locator('[data-testid="action-export"]').click();
      const resultA = a.app.locator('[data-testid="export-result"]');
      await resultA.waitFor({ timeout: SLOW_CREATE_MS });

      // The colleague ends on the same request, whether their click timed out first or not.
      const doneOrFailed = b.app
        .locator('[data-testid="worldshare-id"], [data-testid="error"]')
        .first();
      await doneOrFailed.waitFor({ timeout: SLOW_CREATE_MS });
      if ((await doneOrFailed.getAttribute('data-testid')) === 'error')
        await b.app.locator('[data-testid="action-export"]').click();
      await b.app.locator('[data-testid="worldshare-id"]').waitFor({ timeout: 30_000 });

      const state = await h.stack.state();
      assert.equal((await creates()).length, 1, 'one create reached WorldShare');
      assert.equal(state.worldshare.requests.length, 1, 'WorldShare holds one request');
      assert.equal(
        state.worldshare.calls.filter((x) => x.method === 'GET' && 'referenceId' in x.query).length,
        0,
        'no WorldShare search by reference id',
      );
      const wsId = String(state.worldshare.requests[0]?.requestId);
      assert.equal(String(state.alma.requests[0]?.external_id), wsId);
      assert.match((await resultA.textContent()) ?? '', new RegExp(`#${wsId}\\b`));
      assert.equal(
        (await b.app.locator('[data-testid="worldshare-id"]').textContent())?.trim(),
        `#${wsId}`,
      );
      await b.close();
      await a.close();
    },
  );

  test('two staff users exporting at the same moment make one WorldShare request; both panels show it', async () => {
    const c = caseOf('02');
    const a = await h.open({
      reset: {
        requests: [c.alma_request],
        users: [COLLEAGUE],
        faults: [
          { target: 'oclc', method: 'POST', path: '/ILL/request/data$', delayMs: 1500, times: 1 },
        ],
      },
      page: { entities: [c.entity] },
    });
    const b = await h.openAnother({ user: COLLEAGUE.primaryId });
    await h.stack.page({ entities: [c.entity] });
    await ready(a);
    await ready(b);
    await Promise.all([
      a.app.locator('[data-testid="action-export"]').click(),
      b.app.locator('[data-testid="action-export"]').click(),
    ]);
    await a.app.locator('[data-testid="worldshare-id"]').waitFor();
    await b.app.locator('[data-testid="worldshare-id"]').waitFor();

    const state = await h.stack.state();
    assert.equal((await creates()).length, 1);
    assert.equal(state.worldshare.requests.length, 1);
    const wsId = String(state.worldshare.requests[0]?.requestId);
    for (const s of [a, b])
      assert.equal(
        (await s.app.locator('[data-testid="worldshare-id"]').textContent())?.trim(),
        `#${wsId}`,
      );
    assert.deepEqual(a.errors, []);
    assert.deepEqual(b.errors, []);
    await b.close();
    await a.close();
  });

  test('hosted Ex Libris proxy: a colleague does not see what another user kept in their own store, and the search by reference id still finds the request', async () => {
    const c = caseOf('08');
    const inst = h.stack.sim.oclcInstitutions[0]!;
    const config = {
      ...h.stack.institutionConfig,
      proxy: { mode: 'exlibris', url: h.stack.proxyUrl, wskey: inst.wskey, secret: inst.secret },
    };
    const a = await h.open({
      reset: {
        requests: [c.alma_request],
        users: [COLLEAGUE],
        config,
        faults: [{ target: 'alma', method: 'POST', path: 'rapido', status: 500, times: 1 }],
      },
      page: { entities: [c.entity] },
    });
    await a.app.locator('[data-testid="action-export"]').click();
    await a.app.locator('[data-testid="export-partial"]').waitFor();
    let state = await h.stack.state();
    const wsId = String(state.worldshare.requests[0]?.requestId);
    const pendingKey = `export-pending:${c.alma_request.request_id}`;
    assert.equal(
      (state.stores['staff.robin']?.[pendingKey] as { worldShareRequestId?: string } | undefined)
        ?.worldShareRequestId,
      wsId,
      "kept in the exporting user's store",
    );
    assert.deepEqual(state.stores['staff.sam'], {}, "the colleague's store holds nothing of it");
    await a.close();

    const b = await h.openAnother({ user: COLLEAGUE.primaryId });
    await h.stack.page({ entities: [c.entity] });
    await ready(b);
    const callsBefore = (await h.stack.state()).worldshare.calls.length;
    await b.app.locator('[data-testid="action-export"]').click();
    const result = b.app.locator('[data-testid="export-result"]');
    await result.waitFor();
    assert.equal(
      ((await result.textContent()) ?? '').trim(),
      translated('export.doneReused', {
        id: wsId,
        partner: String(h.stack.institutionConfig.almaPartnerCode),
      }),
      'WorldShare already had it: nothing sent twice',
    );
    state = await h.stack.state();
    assert.equal((await creates()).length, 1);
    assert.equal(
      state.worldshare.calls
        .slice(callsBefore)
        .filter((x) => x.method === 'GET' && x.query['referenceId'] === c.alma_request.request_id)
        .length,
      1,
      "the colleague's export found it by the search",
    );
    assert.equal(String(state.alma.requests[0]?.external_id), wsId);
    await b.close();
  });
});
