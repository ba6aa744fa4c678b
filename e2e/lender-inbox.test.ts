/**
 * The lender's word, end to end: the fake lender pushes each answer to the real proxy's ISO 18626
 * inbox (asynchronously, after its confirmation), the proxy stores it, and the open panel shows it
 * without a reload, then acts on it in Alma.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import { caseOf } from './support/cases.js';
import { useHarness } from './support/harness.js';
import { longDate, translated } from './support/languages.js';

const USER = 'P1000231';
const SAMPLE = readFileSync(
  new URL('../contracts/iso18626/SupplyingAgencyMessageRenewYes.xml', import.meta.url),
  'utf8',
);

/**
 * OCLC's published RenewResponse sample with its messageInfo and statusInfo replaced; the simulator
 * sets the header ids to the request's. `dueDate: null` leaves the due date out.
 */
function lenderMessage(m: {
  reason: string;
  answer?: 'Y' | 'N';
  status: string;
  dueDate?: string | null;
  note?: string;
}): string {
  const info = [
    `<ns1:reasonForMessage>${m.reason}</ns1:reasonForMessage>`,
    m.answer ? `<ns1:answerYesNo>${m.answer}</ns1:answerYesNo>` : '',
    m.note ? `<ns1:note>${m.note}</ns1:note>` : '',
  ].join('');
  const status = [
    `<ns1:status>${m.status}</ns1:status>`,
    m.dueDate ? `<ns1:dueDate>${m.dueDate}</ns1:dueDate>` : '',
    '<ns1:lastChange>2026-11-30T09:00:00Z</ns1:lastChange>',
  ].join('');
  return SAMPLE.replace(
    /<ns1:messageInfo>[\s\S]*<\/ns1:messageInfo>/,
    `<ns1:messageInfo>${info}</ns1:messageInfo>`,
  )
    .replace(
      /<ns1:statusInfo>[\s\S]*<\/ns1:statusInfo>/,
      `<ns1:statusInfo>${status}</ns1:statusInfo>`,
    )
    .replace(
      /<ns1:timestamp>[^<]*</,
      `<ns1:timestamp>${new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')}<`,
    );
}

let nextWsId = 177000000;

describe('lender answers pushed to the proxy inbox, shown while the panel is open', () => {
  const h = useHarness();
  let s: BrowserSession;
  let wsId = '';

  /** Case 06 exported under a fresh WorldShare id (the proxy's store lives for the whole file). */
  async function open(opts: {
    ws: Record<string, unknown>;
    loan?: boolean;
    lang?: string;
    barcode?: boolean;
  }) {
    wsId = String(++nextWsId);
    const c = caseOf('06');
    const request = {
      ...c.alma_request,
      external_id: wsId,
      ...(opts.barcode === false ? { barcode: undefined } : { barcode: 'TEMP-0001' }),
    };
    const loans = opts.loan
      ? [
          {
            loan_id: 'L-1',
            user_id: USER,
            item_barcode: 'TEMP-0001',
            due_date: '2027-03-02T04:59:59Z',
            title: 'Atlas of Medieval Trade Routes',
          },
        ]
      : [];
    s = await h.open({
      reset: {
        requests: [request],
        loans,
        worldshare: {
          requests: [{ requestId: wsId, referenceId: request.request_id, ...opts.ws }],
        },
        ...(opts.lang ? { lang: opts.lang } : {}),
      },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="status-alma"]').waitFor();
    await s.app.locator('[data-testid="lender-timeline"]').waitFor();
  }

  async function click(testId: string) {
    await s.app.locator(`[data-testid="${testId}"]`).click();
    const ok = s.app.locator('[data-testid="confirm-ok"]');
    await ok.waitFor();
    await ok.click();
  }

  const status = (state: string) =>
    s.app.locator(`[data-testid="renewal-status"][data-state="${state}"]`);
  const pushed = async (xml: string) => {
    const push = await h.stack.lenderSend(wsId, xml);
    assert.equal(push.status, 200, push.confirmation ?? push.error);
    assert.equal(push.messageStatus, 'OK', push.confirmation ?? '');
  };

  test('renew approved: RenewResponse Y with a due date, applied to the loan as the end of that day in the library zone', async () => {
    await open({
      loan: true,
      ws: {
        requestStatus: 'LOANED',
        dueDate: '2027-03-01',
        lender: { renewal: 'approve', newDueDate: '2027-04-01' },
      },
    });
    await status('none').waitFor();
    await click('action-renew');
    await status('approved')
      .filter({ hasText: longDate('2027-04-01') })
      .waitFor();
    const message = s.app.locator('[data-testid="lender-message"]');
    assert.deepEqual(
      await message.evaluateAll((els) =>
        els.map((e) => [
          e.getAttribute('data-reason'),
          e.getAttribute('data-status'),
          e.getAttribute('data-answer'),
        ]),
      ),
      [['RenewResponse', 'Loaned', 'Y']],
    );
    await click('action-apply-renewal');
    await status('applied').waitFor();
    const state = await h.stack.state();
    assert.equal(state.alma.loans[0]?.due_date, '2027-04-02T03:59:59Z');
    assert.deepEqual(
      state.worldshare.messages.map((m) => m.action),
      ['Renew'],
    );
    assert.equal(state.worldshare.pushes.length, 1);
  });

  test('renew denied: RenewResponse N; nothing changes anywhere', async () => {
    await open({
      loan: true,
      ws: { requestStatus: 'LOANED', dueDate: '2027-03-01', lender: { renewal: 'deny' } },
    });
    await click('action-renew');
    await status('denied').waitFor();
    assert.equal(await s.app.locator('[data-testid="action-apply-renewal"]').count(), 0);
    const state = await h.stack.state();
    assert.equal(state.alma.loans[0]?.due_date, '2027-03-02T04:59:59Z');
    assert.equal(state.alma.calls.filter((c) => c.method === 'PUT').length, 0);
  });

  test('renew approved without a date: staff enter it in the date picker, then it is applied', async () => {
    await open({ loan: true, ws: { requestStatus: 'LOANED', lender: { renewal: 'none' } } });
    await click('action-renew');
    await status('asked').waitFor();
    await pushed(
      lenderMessage({ reason: 'RenewResponse', answer: 'Y', status: 'Loaned', dueDate: null }),
    );
    await status('approved-no-date').waitFor();
    const apply = s.app.locator('[data-testid="action-apply-renewal"]');
    assert.equal(await apply.isDisabled(), true, 'nothing can be written without a date');
    const input = s.app.locator('[data-testid="renewal-date-input"]');
    await input.fill('4/9/2027');
    await input.press('Tab');
    await s.app.locator('[data-testid="action-apply-renewal"]:not([disabled])').waitFor();
    await click('action-apply-renewal');
    await status('applied')
      .filter({ hasText: longDate('2027-04-09') })
      .waitFor();
    const state = await h.stack.state();
    assert.equal(state.alma.loans[0]?.due_date, '2027-04-10T03:59:59Z');
  });

  test('a StatusChange with a later due date after a Renew counts as the approval, and says why', async () => {
    await open({ loan: true, ws: { requestStatus: 'LOANED', lender: { renewal: 'none' } } });
    await click('action-renew');
    await status('asked').waitFor();
    await pushed(
      lenderMessage({ reason: 'StatusChange', status: 'Loaned', dueDate: '2027-05-01T03:59:00Z' }),
    );
    await status('approved')
      .filter({ hasText: longDate('2027-04-30') })
      .waitFor();
    await s.app.locator('[data-testid="renewal-via"]').waitFor();
    await s.app
      .locator(
        '[data-testid="lender-message"][data-reason="StatusChange"] [data-testid="lender-message-counted"]',
      )
      .waitFor();
  });

  test('cancel accepted: CancelResponse Y, then Clean cancel closes it in Alma without notifying the patron', async () => {
    await open({ barcode: false, ws: { requestStatus: 'PENDING', lender: { cancel: 'accept' } } });
    await click('action-clean-cancel');
    await s.app.locator('[data-testid="cancel-result"][data-key="worldshareOpen"]').waitFor();
    await click('action-cancel-at-lender');
    await s.app.locator('[data-testid="cancel-status"][data-state="accepted"]').waitFor();
    await s.app.locator('[data-testid="lender-closed"][data-status="Cancelled"]').waitFor();
    await click('action-clean-cancel');
    await s.app.locator('[data-testid="removed"]').waitFor();
    const deletes = (await h.stack.state()).alma.calls.filter((c) => c.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]?.query.notify_user, 'false');
  });

  test('cancel refused: CancelResponse N changes nothing in Alma, even when its status says Cancelled', async () => {
    await open({ barcode: false, ws: { requestStatus: 'PENDING' } });
    await click('action-clean-cancel');
    await click('action-cancel-at-lender');
    await s.app.locator('[data-testid="cancel-status"][data-state="asked"]').waitFor();
    await pushed(lenderMessage({ reason: 'CancelResponse', answer: 'N', status: 'Cancelled' }));
    await s.app.locator('[data-testid="cancel-status"][data-state="refused"]').waitFor();
    assert.equal(await s.app.locator('[data-testid="lender-closed"]').count(), 0);
    const state = await h.stack.state();
    assert.equal(state.alma.calls.filter((c) => c.method === 'DELETE').length, 0);
    assert.equal(state.alma.requests.length, 1);
    assert.equal(state.worldshare.requests[0].requestStatus, 'PENDING');
  });

  test("a Notification's note is shown as text in the timeline", async () => {
    await open({ loan: true, ws: { requestStatus: 'LOANED' } });
    await pushed(
      lenderMessage({
        reason: 'Notification',
        status: 'Loaned',
        note: 'Please handle with care &lt;b&gt;fragile&lt;/b&gt;',
      }),
    );
    const note = s.app.locator(
      '[data-testid="lender-message"][data-reason="Notification"] [data-testid="lender-message-note"]',
    );
    await note.waitFor();
    assert.equal((await note.innerText()).trim(), 'Please handle with care <b>fragile</b>');
    assert.equal(await note.locator('b').count(), 0, 'lender text is never markup');
  });

  test('a Recall brings the Alma loan forward to the recall date, with no patron notice', async () => {
    await open({ loan: true, ws: { requestStatus: 'LOANED' } });
    await pushed(
      lenderMessage({
        reason: 'StatusChange',
        status: 'Recalled',
        dueDate: '2026-12-10T04:59:00Z',
      }),
    );
    await s.app
      .locator('[data-testid="lender-recall"]', { hasText: longDate('2026-12-09') })
      .waitFor();
    await click('action-apply-recall');
    await s.app.locator('[data-testid="recall-result"][data-key="recallApplied"]').waitFor();
    const state = await h.stack.state();
    assert.equal(state.alma.loans[0]?.due_date, '2026-12-10T04:59:59Z');
    const puts = state.alma.calls.filter((c) => c.method === 'PUT');
    assert.deepEqual(
      puts.map((c) => c.query.notify_user),
      ['false'],
      'one loan update, no patron notice',
    );
    assert.deepEqual(state.alma.patronNotifications ?? [], []);
  });

  test('Overdue is flagged', async () => {
    await open({ loan: true, ws: { requestStatus: 'LOANED' } });
    await pushed(
      lenderMessage({ reason: 'StatusChange', status: 'Overdue', dueDate: '2026-11-20T05:00:00Z' }),
    );
    await s.app.locator('[data-testid="lender-overdue"]').waitFor();
  });

  test('Unfilled: shown as closed at WorldShare, and Clean cancel completes in Alma', async () => {
    await open({ barcode: false, ws: { requestStatus: 'PENDING' } });
    await pushed(lenderMessage({ reason: 'StatusChange', status: 'Unfilled' }));
    await s.app.locator('[data-testid="lender-closed"][data-status="Unfilled"]').waitFor();
    await click('action-clean-cancel');
    await s.app.locator('[data-testid="removed"]').waitFor();
    const deletes = (await h.stack.state()).alma.calls.filter((c) => c.method === 'DELETE');
    assert.equal(deletes.length, 1);
    assert.equal(deletes[0]?.query.notify_user, 'false');
  });

  test('an ERROR confirmation without errorData is shown in words', async () => {
    await open({
      loan: true,
      ws: { requestStatus: 'LOANED', lender: { renewal: 'approve', confirmError: {} } },
    });
    await click('action-renew');
    await status('failed')
      .filter({ hasText: translated('lender.errorType.none') })
      .waitFor();
    const state = await h.stack.state();
    assert.equal(state.worldshare.pushes.length, 0);
    assert.equal(state.alma.calls.filter((c) => c.method === 'PUT').length, 0);
  });

  for (const lang of ['es', 'fr', 'de']) {
    const date = longDate('2027-04-01', lang);
    test(`in ${lang}, the answer and the timeline show dates in that language, never an ISO timestamp`, async () => {
      await open({
        lang,
        loan: true,
        ws: {
          requestStatus: 'LOANED',
          dueDate: '2027-03-01',
          lender: { renewal: 'approve', newDueDate: '2027-04-01' },
        },
      });
      await click('action-renew');
      await status('approved').waitFor();
      const panel = await s.app.locator('[data-testid="renewal-status"]').innerText();
      assert.ok(panel.includes(date), `${panel} shows ${date}`);
      const timeline = await s.app.locator('[data-testid="lender-timeline"]').innerText();
      assert.ok(timeline.includes(date), `${timeline} shows ${date}`);
      const all = await s.app.locator('body').innerText();
      assert.doesNotMatch(all, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/, 'no ISO timestamp on screen');
    });
  }
});

describe('with the Ex Libris hosted proxy there is no inbox', () => {
  const h = useHarness();

  test('the panel says lender answers are only visible in WorldShare', async () => {
    const c = caseOf('06');
    const config = {
      ...h.stack.institutionConfig,
      proxy: { mode: 'exlibris', url: h.stack.proxyUrl, wskey: 'sim-wskey', secret: 'x' },
    };
    const s = await h.open({
      reset: {
        config,
        requests: [{ ...c.alma_request, barcode: 'TEMP-0001' }],
        worldshare: {
          requests: [{ requestId: String(c.alma_request.external_id), requestStatus: 'LOANED' }],
        },
      },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="lender-inbox-unavailable"]').waitFor();
    assert.equal(await s.app.locator('[data-testid="lender-timeline"]').count(), 0);
  });
});
