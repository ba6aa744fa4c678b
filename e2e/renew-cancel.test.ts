import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import { caseOf } from './support/cases.js';
import { useHarness } from './support/harness.js';
import { longDate, translated } from './support/languages.js';
import type { BorrowingRequest } from './support/records.js';

const USER = 'P1000231';
/**
 * The WorldShare request id of the current test: a new one per test, because the proxy's inbox
 * keeps what lenders sent for the whole run of this file.
 */
let WS_ID = '187654321';
let nextWsId = 187654321;

/** Case 06 (exported), received and loaned to the patron as temporary item TEMP-0001. */
function exportedRequest(extra: Record<string, unknown> = {}) {
  const c = caseOf('06');
  WS_ID = String(++nextWsId);
  return {
    entity: c.entity,
    request: { ...c.alma_request, external_id: WS_ID, barcode: 'TEMP-0001', ...extra },
  };
}

const loan = {
  loan_id: 'L-1',
  user_id: USER,
  item_barcode: 'TEMP-0001',
  due_date: '2027-03-01T23:59:00Z',
  title: 'Atlas of Medieval Trade Routes',
};

describe('renew and clean cancel beside an exported request', () => {
  const h = useHarness();
  let s: BrowserSession;

  async function open(opts: {
    request: BorrowingRequest;
    entity: unknown;
    loans?: unknown[];
    ws: Record<string, unknown>;
    timezoneId?: string;
    settings?: Record<string, unknown>;
    config?: Record<string, unknown>;
  }) {
    s = await h.open({
      reset: {
        ...(opts.config ? { config: { ...h.stack.institutionConfig, ...opts.config } } : {}),
        requests: [opts.request],
        loans: opts.loans ?? [],
        worldshare: {
          requests: [{ requestId: WS_ID, referenceId: opts.request.request_id, ...opts.ws }],
        },
        ...(opts.settings ? { settings: opts.settings } : {}),
      },
      page: { entities: [opts.entity] },
      timezoneId: opts.timezoneId,
    });
    await s.app.locator('[data-testid="status-alma"]').waitFor();
  }

  async function click(testId: string) {
    await s.app.locator(`[data-testid="${testId}"]`).click();
    const ok = s.app.locator('[data-testid="confirm-ok"]');
    await ok.waitFor();
    await ok.click();
  }

  // The lender due-date call is off by default (Ex Libris does not document it); one run turns it on.
  for (const [timezoneId, writeLenderDueDate] of [
    ['America/Bogota', false],
    ['Australia/Brisbane', true],
  ] as const) {
    test(`renew, lender approves, apply: Alma's loan gets the lender's date (browser in ${timezoneId}; lender due-date call ${writeLenderDueDate ? 'on' : 'off, the default'})`, async () => {
      const { entity, request } = exportedRequest();
      await open({
        entity,
        request,
        loans: [loan],
        timezoneId,
        ws: {
          requestStatus: 'LOANED',
          dueDate: '2027-03-01',
          lender: { renewal: 'approve', newDueDate: '2027-04-01' },
        },
        ...(writeLenderDueDate ? { config: { writeLenderDueDate: true } } : {}),
      });
      await click('action-renew');
      await s.app.locator('[data-testid="renewal-result"][data-key="renewRequested"]').waitFor();
      // The lender's answer is pushed to the proxy's inbox a second later; the panel shows it without a reload.
      const approved = s.app.locator('[data-testid="renewal-status"][data-state="approved"]');
      await approved.waitFor();
      assert.ok((await approved.innerText()).includes(longDate('2027-04-01')), 'the new due date');
      await click('action-apply-renewal');
      await s.app.locator('[data-testid="renewal-status"][data-state="applied"]').waitFor();

      const state = await h.stack.state();
      // The end of 2027-04-01 in the institution's zone (America/New_York), whatever the browser's zone.
      assert.equal(state.alma.loans[0]?.due_date, '2027-04-02T03:59:59Z');
      assert.deepEqual(
        state.worldshare.pushes.map((p) => [p.status, p.messageStatus]),
        [[200, 'OK']],
        'the answer was pushed and stored',
      );
      const lenderDue = state.alma.calls.filter(
        (c) =>
          c.method === 'POST' && c.url.includes('/rapido/') && c.query.op === 'request_renewal',
      );
      if (writeLenderDueDate) assert.equal(lenderDue[0]?.query.due_date, '2027-04-01');
      else assert.deepEqual(lenderDue, [], 'the undocumented call is not made unless switched on');
      const actions = state.worldshare.messages.map((m) => m.action);
      assert.deepEqual(
        actions.filter((a) => a === 'Renew'),
        ['Renew'],
        'one Renew message',
      );
      assert.ok(
        state.worldshare.messages.every((m) => m.valid),
        'every ISO 18626 message valid',
      );
      // The activity log keeps what happened across a reload.
      await s.page.reload();
      await h.stack.page({ entities: [entity] });
      const log = s.app.locator('[data-testid="activity-log"]');
      await log.waitFor();
      assert.equal(
        await log.locator('[data-action="renew-apply"][data-outcome="done"]').count(),
        1,
      );
      await s.close();
    });
  }

  test('lender denies: no date changes anywhere, and staff are told', async () => {
    const { entity, request } = exportedRequest();
    await open({
      entity,
      request,
      loans: [loan],
      ws: { requestStatus: 'LOANED', dueDate: '2027-03-01', lender: { renewal: 'deny' } },
    });
    await click('action-renew');
    await s.app.locator('[data-testid="renewal-status"][data-state="denied"]').waitFor();
    assert.equal(await s.app.locator('[data-testid="action-apply-renewal"]').count(), 0);
    const state = await h.stack.state();
    assert.equal(state.alma.loans[0]?.due_date, loan.due_date);
    assert.equal(
      state.alma.calls.filter(
        (c) => c.method === 'PUT' || (c.method === 'POST' && c.url.includes('/rapido/')),
      ).length,
      0,
    );
    await s.close();
  });

  test('no answer yet: says so, with the time asked; a second click sends nothing', async () => {
    const { entity, request } = exportedRequest();
    await open({
      entity,
      request,
      loans: [loan],
      ws: { requestStatus: 'LOANED', lender: { renewal: 'none' } },
    });
    await click('action-renew');
    await s.app.locator('[data-testid="renewal-status"][data-state="asked"]').waitFor();
    assert.doesNotMatch(
      await s.app.locator('[data-testid="renewal-status"]').innerText(),
      /\d{4}-\d{2}-\d{2}T/,
      'the time asked in words, not ISO',
    );
    assert.equal(
      await s.app.locator('[data-testid="action-renew"]').count(),
      0,
      'renew not offered while waiting',
    );
    const state = await h.stack.state();
    assert.equal(state.worldshare.messages.filter((m) => m.action === 'Renew').length, 1);
    await s.close();
  });

  test('clean cancel on a closed WorldShare request: Alma DELETE with notify_user=false and the reason', async () => {
    const { entity, request } = exportedRequest({ barcode: undefined });
    await open({ entity, request, ws: { requestStatus: 'CLOSED' } });
    await click('action-clean-cancel');
    await s.app.locator('[data-testid="removed"]').waitFor();
    const state = await h.stack.state();
    const deletes = state.alma.calls.filter((c) => c.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]?.query.notify_user, 'false');
    assert.equal(deletes[0]?.query.remove_request, 'true');
    assert.equal(deletes[0]?.query.reason, h.stack.institutionConfig.cancelReasonCode);
    assert.match(deletes[0]?.query.note ?? '', new RegExp(WS_ID));
    assert.equal(state.alma.requests.length, 0, 'request removed from Alma');
    await s.close();
  });

  test('clean cancel with removeRequestOnCancel off: cancelled in Alma, kept there, and the panel says so', async () => {
    const { entity, request } = exportedRequest({ barcode: undefined });
    await open({
      entity,
      request,
      ws: { requestStatus: 'CLOSED' },
      config: { removeRequestOnCancel: false },
    });
    await s.app.locator('[data-testid="action-clean-cancel"]').click();
    assert.equal(
      (await s.app.locator('[data-testid="confirm-removal"]').innerText()).trim(),
      translated('actions.confirmRemoval.keep'),
    );
    await s.app.locator('[data-testid="confirm-ok"]').click();
    await s.app.locator('[data-testid="cancel-result"][data-key="cancelledKept"]').waitFor();
    const state = await h.stack.state();
    const deletes = state.alma.calls.filter((c) => c.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]?.query.notify_user, 'false');
    assert.equal(deletes[0]?.query.remove_request, 'false');
    assert.equal(state.alma.requests.length, 1, 'request kept in Alma');
    assert.equal(state.alma.requests[0].status?.value, 'REQUEST_CANCELED');
    assert.equal(await s.app.locator('[data-testid="removed"]').count(), 0);
    await s.close();
  });

  test('clean cancel on an open WorldShare request: Alma untouched; a Cancel can go to the lender', async () => {
    const { entity, request } = exportedRequest({ barcode: undefined });
    await open({ entity, request, ws: { requestStatus: 'PENDING', lender: { cancel: 'accept' } } });
    await click('action-clean-cancel');
    await s.app.locator('[data-testid="cancel-result"][data-key="worldshareOpen"]').waitFor();
    let state = await h.stack.state();
    assert.equal(state.alma.calls.filter((c) => c.method === 'DELETE').length, 0);
    assert.equal(state.alma.requests.length, 1);
    await click('action-cancel-at-lender');
    await s.app.locator('[data-testid="cancel-result"][data-key="lenderCancelSent"]').waitFor();
    state = await h.stack.state();
    assert.deepEqual(
      state.worldshare.messages.map((m) => m.action),
      ['Cancel'],
    );
    assert.equal(state.alma.calls.filter((c) => c.method === 'DELETE').length, 0);
    await s.close();
  });

  test('confirmation declined: nothing is sent anywhere', async () => {
    const { entity, request } = exportedRequest({ barcode: undefined });
    await open({ entity, request, ws: { requestStatus: 'CLOSED' } });
    await s.app.locator('[data-testid="action-clean-cancel"]').click();
    assert.equal(
      (await s.app.locator('[data-testid="confirm-text"]').innerText()).trim(),
      translated('actions.confirm.cleanCancel', {
        id: WS_ID,
        reason: String(h.stack.institutionConfig.cancelReasonCode),
      }),
      'cancel in Alma without notifying the patron, only if WorldShare has closed it',
    );
    await s.app.locator('[data-testid="confirm-cancel"]').click();
    const state = await h.stack.state();
    assert.equal(state.alma.calls.filter((c) => c.method === 'DELETE').length, 0);
    assert.equal(
      state.worldshare.calls.filter((c) => c.method === 'GET').length,
      1,
      "only the panel's own read",
    );
    await s.close();
  });
});
