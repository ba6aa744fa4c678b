import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BLANK_ADDRESS } from '../fixtures/institution-config.js';
import type { BrowserSession } from './support/browser.js';
import { caseOf, type Case } from './support/cases.js';
import { useHarness, waitUntil } from './support/harness.js';
import { translated } from './support/languages.js';
import { sentBody } from './support/records.js';

/** The text a locator shows, trimmed ('' when it has none). */
const textOf = async (locator: { textContent(): Promise<string | null> }) =>
  ((await locator.textContent()) ?? '').trim();

describe('export to WorldShare through the real proxy', () => {
  const h = useHarness();
  let s: BrowserSession;

  async function openCase(c: Case, extra: Record<string, unknown> = {}) {
    s = await h.open({
      reset: { requests: [c.alma_request], ...extra },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="status-alma"]').waitFor();
  }

  const createCalls = async () =>
    (await h.stack.state()).worldshare.calls.filter(
      (c) => c.method === 'POST' && /\/ILL\/request\/data$/.test(c.url),
    );

  for (const id of ['01', '02', '07', '08']) {
    test(`case ${id} exports once, with the citation and without patron data`, async () => {
      const c = caseOf(id);
      await openCase(c);
      await s.app.locator('[data-testid="export-preview"]').waitFor();
      await s.app.locator('[data-testid="action-export"]').click();
      await s.app.locator('[data-testid="export-result"]').waitFor();

      const state = await h.stack.state();
      assert.equal(state.worldshare.requests.length, 1, 'exactly one WorldShare request');
      const ws = state.worldshare.requests[0]!;
      assert.equal(ws.referenceId, c.alma_request.request_id);
      const sent = JSON.stringify(sentBody(state));
      assert.equal(sentBody(state).requester.serviceType, c.expect.service_type);
      for (const text of c.expect.sent ?? []) assert.ok(sent.includes(text), `sent: ${text}`);
      for (const text of [...(c.expect.not_sent ?? []), 'P1000231', 'Doe, Alex'])
        assert.ok(!sent.includes(text), `not sent: ${text}`);
      assert.notEqual(state.worldshare.patronDataReceived, true);

      const alma = state.alma.requests.find((r) => r.request_id === c.alma_request.request_id)!;
      assert.equal(alma.partner?.value, 'WSILL');
      assert.equal(String(alma.external_id), String(ws.requestId));
      assert.equal(alma.status?.value, 'REQUEST_SENT');

      // The panel now shows both systems' view.
      await s.app.locator('[data-testid="status-alma"][data-status="REQUEST_SENT"]').waitFor();
      assert.equal(
        await textOf(s.app.locator('[data-testid="worldshare-id"]')),
        `#${ws.requestId}`,
      );
      assert.deepEqual(s.errors, []);
      await s.close();
    });
  }

  test('case 03: every character of the citation arrives unchanged', async () => {
    const c = caseOf('03');
    await openCase(c);
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const item = sentBody(await h.stack.state()).item;
    assert.equal(item.title, c.alma_request.title);
    assert.equal(item.author, c.alma_request.author);
    // Shown as text in the panel, not as markup.
    assert.equal(await s.app.locator('draft').count(), 0);
    await s.close();
  });

  test('case 04: warns about the ISBN and does not send it', async () => {
    const c = caseOf('04');
    await openCase(c);
    const warning = s.app.locator('[data-testid="warning"][data-code="isbn-invalid"]');
    await warning.waitFor();
    assert.match((await warning.textContent()) ?? '', /978-0-306-40615-X/);
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const body = sentBody(await h.stack.state());
    assert.ok(!JSON.stringify(body).includes('40615'), 'bad ISBN not sent');
    assert.equal(body.requester.serviceType, 'LOAN');
    await s.close();
  });

  for (const [id, code] of [
    ['05', 'no-title'],
    ['06', 'already-exported'],
    ['09', 'status-not-exportable'],
  ] as const) {
    test(`case ${id}: no export offered, and the panel says why (${code})`, async () => {
      const c = caseOf(id);
      await openCase(c);
      if (id === '06') {
        assert.equal(await s.app.locator('[data-testid="action-export"]').count(), 0);
        assert.equal(
          await textOf(s.app.locator('[data-testid="worldshare-id"]')),
          `#${c.alma_request.external_id}`,
        );
        assert.equal(
          await s.app.locator('[data-testid="action-clean-cancel"]').count(),
          1,
          'clean cancel offered instead',
        );
      } else {
        await s.app.locator(`[data-testid="export-blocked"][data-code="${code}"]`).waitFor();
        assert.equal(await s.app.locator('[data-testid="action-export"]').isDisabled(), true);
      }
      const ws = (await h.stack.state()).worldshare;
      assert.equal(
        ws.calls.filter((x) => x.method === 'POST').length,
        0,
        'nothing sent to WorldShare',
      );
      assert.equal(ws.requests.length, 0);
      await s.close();
    });
  }

  test('no billing address configured: export is blocked before sending, and the panel names the reason', async () => {
    const c = caseOf('01');
    const blank = BLANK_ADDRESS;
    s = await h.open({
      reset: {
        requests: [c.alma_request],
        config: {
          ...h.stack.institutionConfig,
          library: { billingAddress: blank, deliveryAddress: blank },
        },
      },
      page: { entities: [c.entity] },
    });
    const block = s.app.locator('[data-testid="export-blocked"][data-code="no-billing-address"]');
    await block.waitFor();
    assert.equal(await textOf(block), translated('export.block.no-billing-address'));
    assert.equal(await s.app.locator('[data-testid="action-export"]').isDisabled(), true);
    const ws = (await h.stack.state()).worldshare;
    assert.equal(
      ws.calls.filter((x) => x.method === 'POST').length,
      0,
      'nothing sent to WorldShare',
    );
    assert.equal(ws.requests.length, 0);
    await s.close();
  });

  test("with the library's addresses: the preview shows them and the body carries both, accepted by OCLC's schema", async () => {
    const c = caseOf('01');
    const library = (
      h.stack.institutionConfig as {
        library: Record<'billingAddress' | 'deliveryAddress', Record<string, string>>;
      }
    ).library;
    const filled = (a: Record<string, string>) =>
      Object.fromEntries(Object.entries(a).filter(([, v]) => v !== ''));
    await openCase(c);
    const preview = s.app.locator('[data-testid="export-preview"]');
    await preview.waitFor();
    assert.match(
      (await preview.locator('[data-field="billingAddress"]').textContent()) ?? '',
      new RegExp(library.billingAddress.address1),
    );
    assert.match(
      (await preview.locator('[data-field="deliveryAddress"]').textContent()) ?? '',
      new RegExp(library.deliveryAddress.address1),
    );
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const state = await h.stack.state();
    // The fake OCLC validates every create against OCLC's published schema and refuses a body without
    // requester.requesterBilling.address.address1; a stored request is one it accepted.
    assert.equal(state.worldshare.requests.length, 1);
    const requester = sentBody(state).requester;
    assert.deepEqual(requester.requesterBilling?.address, filled(library.billingAddress));
    assert.deepEqual(requester.requesterDelivery?.address, filled(library.deliveryAddress));
    assert.deepEqual(
      requester.requesterBilling?.maximumCost,
      { currency: 'USD', amount: 25 },
      'the maximum cost still travels with the billing address',
    );
    await s.close();
  });

  test('a WorldShare address the proxy does not forward to: refused, and said in words (not "did not answer in time")', async () => {
    const c = caseOf('01');
    const base = h.stack.institutionConfig;
    const config = {
      ...base,
      worldshare: { ...base.worldshare, illBaseUrl: 'https://999999.share.worldcat.org' },
    };
    s = await h.open({
      reset: { requests: [c.alma_request], config },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="action-export"]').click();
    const error = s.app.locator('[data-testid="error"][data-kind="proxy-refused"]');
    await error.waitFor();
    const text = await textOf(error);
    assert.ok(text.includes(translated('proxyError.upstream_not_allowed')), text);
    assert.ok(!text.includes(translated('wsProblem.unavailable')), text);
    assert.equal((await h.stack.state()).worldshare.requests.length, 0);
    await s.close();
  });

  test('ten rapid clicks make one WorldShare request', async () => {
    await openCase(caseOf('01'), { apiDelayMs: 150 });
    const button = s.app.locator('[data-testid="action-export"]');
    await button.waitFor();
    await button.evaluate((el: HTMLElement) => {
      for (let i = 0; i < 10; i++) el.click();
    });
    await s.app.locator('[data-testid="export-result"]').waitFor();
    assert.equal((await createCalls()).length, 1);
    assert.equal((await h.stack.state()).worldshare.requests.length, 1);
    await s.close();
  });

  test('a reload during export, then export again: the first WorldShare request is found, not duplicated', async () => {
    const c = caseOf('01');
    // WorldShare creates the request; Alma's update is slow, and staff reload before it lands.
    await openCase(c, {
      faults: [{ target: 'alma', method: 'POST', path: 'rapido', delayMs: 8000, times: 1 }],
    });
    await s.app.locator('[data-testid="action-export"]').click();
    // Reload only once Alma has received the (slow) update: before that there is nothing in flight to land later.
    const rapidoPosts = (st: Awaited<ReturnType<typeof h.stack.state>>) =>
      st.alma.calls.filter((x) => x.method === 'POST' && x.url.includes('rapido')).length;
    await waitUntil(async () => {
      const st = await h.stack.state();
      return st.worldshare.requests.length === 1 && rapidoPosts(st) === 1;
    }, 'WorldShare has the request and Alma the slow update');
    await s.page.reload();
    await h.stack.page({ entities: [c.entity] });
    await s.app.locator('[data-testid="status-alma"]').waitFor();
    assert.equal(
      (await h.stack.state()).alma.requests[0]?.external_id ?? null,
      null,
      'Alma not updated yet',
    );
    await s.app.locator('[data-testid="action-export"]').click();
    const result = s.app.locator('[data-testid="export-result"]');
    await result.waitFor();
    assert.equal((await createCalls()).length, 1);
    const wsId = String((await h.stack.state()).worldshare.requests[0]?.requestId);
    assert.equal(
      await textOf(result),
      translated('export.doneReused', {
        id: wsId,
        partner: String(h.stack.institutionConfig.almaPartnerCode),
      }),
      'found in WorldShare, not sent twice',
    );
    // The slow first update lands later with the same id.
    await waitUntil(
      async () => rapidoPosts(await h.stack.state()) >= 2,
      'the first update reached Alma',
    );
    const state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 1);
    assert.equal(String(state.alma.requests[0]?.external_id), wsId);
    await s.close();
  });

  test('WorldShare answers 500: a clear message, nothing half-done, and the retry works', async () => {
    await openCase(caseOf('02'), {
      faults: [
        { target: 'oclc', method: 'POST', path: '/ILL/request/data$', status: 500, times: 1 },
      ],
    });
    await s.app.locator('[data-testid="action-export"]').click();
    const error = s.app.locator('[data-testid="error"][data-kind="server-error"]');
    await error.waitFor();
    assert.ok((await textOf(error)).includes(translated('wsProblem.server-error')));
    let state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 0);
    assert.equal(state.alma.requests[0]?.external_id ?? null, null);
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 1);
    assert.equal(
      String(state.alma.requests[0]?.external_id),
      String(state.worldshare.requests[0]?.requestId),
    );
    await s.close();
  });

  test('Alma fails after WorldShare succeeded: the id is kept and the retry completes without a second request', async () => {
    await openCase(caseOf('08'), {
      faults: [{ target: 'alma', method: 'POST', path: 'rapido', status: 500, times: 1 }],
    });
    await s.app.locator('[data-testid="action-export"]').click();
    const partial = s.app.locator('[data-testid="export-partial"]');
    await partial.waitFor();
    let state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 1);
    const wsId = String(state.worldshare.requests[0]?.requestId);
    assert.equal(await textOf(partial), translated('export.partial', { id: wsId }));
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 1);
    assert.equal((await createCalls()).length, 1);
    assert.equal(String(state.alma.requests[0]?.external_id), wsId);
    await s.close();
  });

  test('with the hosted-proxy mode the app gets its own OCLC token and the export still happens once', async () => {
    const c = caseOf('02');
    const inst = h.stack.sim.oclcInstitutions[0]!;
    const config = {
      ...h.stack.institutionConfig,
      proxy: { mode: 'exlibris', url: h.stack.proxyUrl, wskey: inst.wskey, secret: inst.secret },
    };
    s = await h.open({
      reset: { requests: [c.alma_request], config },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const state = await h.stack.state();
    assert.equal(state.worldshare.requests.length, 1);
    assert.equal(state.worldshare.tokenRequests.length, 1, 'the app asked OCLC for a token');
    assert.equal(state.worldshare.tokenRequests[0]?.wskey, inst.wskey);
  });

  test('identifiers as staff paste them and a decomposed é: the preview shows exactly what is sent, in NFC; the export is in the activity log', async () => {
    const c = caseOf('01');
    const decomposed = 'Me\u0301moires d\u2019un ge\u0301ographe';
    const composed = decomposed.normalize('NFC');
    c.alma_request.title = decomposed;
    c.alma_request.isbn = '0-521-86076-8 (pbk.); 9780521860765, 9780226458083 hardcover';
    await openCase(c);
    const preview = async (field: string) =>
      (
        await s.app
          .locator(`[data-testid="export-preview"] dd[data-field="${field}"]`)
          .textContent()
      )?.trim();
    await s.app.locator('[data-testid="export-preview"]').waitFor();
    assert.equal(await preview('title'), composed);
    assert.equal(await preview('isbn'), '0521860768');
    const previewed = {
      title: await preview('title'),
      isbn: await preview('isbn'),
      verification: await preview('verification'),
    };
    assert.match(previewed.verification ?? '', /Other ISBN: 9780226458083/);
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();

    const item = sentBody(await h.stack.state()).item;
    assert.equal(item.title, composed);
    assert.equal(item.title?.length, composed.length, 'one code point per é');
    assert.equal(
      item.isbn,
      '0521860768',
      'the first valid ISBN; its ISBN-13 counts as the same book',
    );
    assert.deepEqual(
      { title: item.title, isbn: item.isbn, verification: item.verification },
      previewed,
      'the preview showed exactly what was sent',
    );
    assert.doesNotMatch(JSON.stringify(item), /\u0301/);
    await s.app
      .locator('[data-testid="activity-log"] li[data-action="export"][data-outcome="done"]')
      .waitFor({ state: 'attached' });
    await s.close();
  });

  test('the OCLC secret never reaches the browser', async () => {
    const c = caseOf('01');
    s = await h.open({
      reset: { requests: [c.alma_request] },
      page: { entities: [c.entity] },
      captureBodies: true,
    });
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const bodies = await s.bodies();
    const secret = h.stack.sim.oclcInstitutions[0]!.secret;
    assert.ok(bodies.length > 5, 'the page, the app bundle and the proxy answers were captured');
    assert.ok(
      bodies.some((b) => b.includes('illRequest')),
      'a WorldShare answer passed through the proxy',
    );
    for (const body of bodies)
      assert.ok(!body.includes(secret), 'secret in a response the browser saw');
    assert.equal(
      (await h.stack.state()).worldshare.requests.length,
      1,
      'the export went through the proxy to WorldShare',
    );
    await s.close();
  });
});
