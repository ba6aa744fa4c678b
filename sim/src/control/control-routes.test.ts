import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { SEED_REQUESTS } from '../seed/index.js';
import type { PageEntity } from '../host/entities.js';
import { startTestSim, type TestSim } from '../testing/harness.js';

const CASE_01 = SEED_REQUESTS[0];
const CASE_02 = SEED_REQUESTS[1];

/** Reads Server-Sent Events from the host until `count` events named `name` arrived. */
async function readEvents(
  url: string,
  name: string,
  count: number,
  started: () => Promise<void>,
): Promise<string[]> {
  const controller = new AbortController();
  const res = await fetch(url, { signal: controller.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const found: string[] = [];
  await started();
  while (found.length < count) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (block.includes(`event: ${name}`))
        found.push(
          block
            .split('\n')
            .find((l) => l.startsWith('data: '))!
            .slice(6),
        );
    }
  }
  controller.abort();
  return found;
}

describe('control API', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('reset without requests seeds the dozen borrowing requests, loans and code tables', async () => {
    const state = await t.state();
    assert.equal(state.alma.requests.length, SEED_REQUESTS.length);
    assert.ok(state.alma.requests.length >= 12);
    assert.ok(state.alma.loans.length >= 2);
    assert.deepEqual(state.alma.calls, []);
    assert.deepEqual(Object.keys(state.alma.codeTables).sort(), [
      'MandatoryBorrowingWorkflowSteps',
      'OptionalBorrowingWorkflowSteps',
      'RequestCancellationReasons',
    ]);
    assert.deepEqual(state.worldshare.requests, []);
    assert.deepEqual([state.config, state.settings, state.store], [{}, {}, {}]);
  });

  test('reset replaces the whole state with what it names', async () => {
    await t.call('GET', '/almaws/v1/users/P1000231/loans');
    await t.reset({
      requests: [CASE_02],
      loans: [],
      config: { almaPartnerCode: 'WSILL' },
      settings: { confirm: false },
      store: { k: 'v' },
      worldshare: {
        requests: [{ requestId: '1', requestStatus: 'CLOSED', lender: { cancel: 'accept' } }],
      },
      almaRateLimit: 3,
    });
    const state = await t.state();
    assert.deepEqual(
      state.alma.requests.map((r) => r.request_id),
      [CASE_02.request_id],
    );
    assert.deepEqual(state.alma.loans, []);
    assert.deepEqual(state.alma.calls, []);
    assert.deepEqual(state.config, { almaPartnerCode: 'WSILL' });
    assert.deepEqual(state.settings, { confirm: false });
    assert.deepEqual(state.store, { k: 'v' });
    assert.equal(state.worldshare.requests[0].lender?.cancel, 'accept');
    assert.equal(t.sim.getState().almaRateLimit, 3);
    // The seeds themselves were copied, not shared: changing the state left them alone.
    await t.call(
      'DELETE',
      `/almaws/v1/users/P1000231/resource-sharing-requests/${CASE_02.request_id}?reason=CannotBeFulfilled&notify_user=false`,
    );
    assert.equal((SEED_REQUESTS[1].status as { value: string }).value, 'READY_TO_SEND');
  });

  test('page with requestIds builds BORROWING_REQUEST entities from the stored requests', async () => {
    const res = await t.call('POST', '/__sim/page', {
      requestIds: [CASE_01.request_id, CASE_02.request_id],
    });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.entities[0], {
      id: '1987654320004',
      type: 'BORROWING_REQUEST',
      link: '/users/P1000231/resource-sharing-requests/1987654320004',
      description: 'The Structure of Scientific Revolutions',
    });
    const view = (await t.call('GET', '/__sim/host/page')).body;
    assert.equal(view.entities.length, 2);
    assert.equal(view.rows[1].request.title, CASE_02.title);
    assert.deepEqual((await t.state()).page.entities, view.entities);
  });

  test('page with entities shows them as given; one naming no stored request renders without a request', async () => {
    const entity = {
      id: 'x1',
      type: 'BORROWING_REQUEST',
      link: '/users/U9/resource-sharing-requests/x1',
      description: 'Ghost',
    };
    assert.equal((await t.call('POST', '/__sim/page', { entities: [entity] })).status, 200);
    const view = (await t.call('GET', '/__sim/host/page')).body;
    assert.deepEqual(view.entities, [entity]);
    assert.equal(view.rows[0].request, null);
  });

  test('page refuses an unknown request id, a malformed entity and an empty body', async () => {
    for (const body of [
      { requestIds: ['nope'] },
      { entities: [{ id: 1 }] },
      { entities: 'x' },
      {},
    ]) {
      const res = await t.call('POST', '/__sim/page', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.ok, false);
    }
  });

  test('reset empties the page; each change increases the page seq', async () => {
    await t.call('POST', '/__sim/page', { requestIds: [CASE_01.request_id] });
    const shown = (await t.call('GET', '/__sim/host/page')).body;
    await t.reset();
    const after = (await t.call('GET', '/__sim/host/page')).body;
    assert.deepEqual(after.entities, []);
    assert.ok(after.seq > shown.seq);
  });

  test('reload drops requests removed meanwhile and refreshes descriptions', async () => {
    await t.call('POST', '/__sim/page', { requestIds: [CASE_01.request_id, '1987654320059'] });
    await t.call(
      'DELETE',
      '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320059?reason=CannotBeFulfilled&notify_user=false&remove_request=true',
    );
    t.sim.getState().alma.requests[0].title = 'Retitled';
    const view = (await t.call('POST', '/__sim/host/reload')).body;
    assert.deepEqual(
      view.entities.map((e: PageEntity) => [e.id, e.description]),
      [[CASE_01.request_id, 'Retitled']],
    );
  });

  test('the event stream announces page changes', async () => {
    const events = await readEvents(`${t.sim.hostUrl}/__sim/events`, 'page', 2, async () => {
      await t.call('POST', '/__sim/page', { requestIds: [CASE_01.request_id] });
      await t.call('POST', '/__sim/page', { requestIds: [CASE_02.request_id] });
    });
    const seqs = events.map((e) => JSON.parse(e).seq);
    assert.equal(seqs.length, 2);
    assert.equal(seqs[1], seqs[0] + 1);
  });

  test('state has the documented shape', async () => {
    const state = await t.state();
    assert.deepEqual(Object.keys(state.alma).sort(), [
      'calls',
      'codeTables',
      'loans',
      'partners',
      'patronNotifications',
      'requests',
      'throttled',
    ]);
    assert.equal(state.alma.throttled, 0);
    for (const k of ['requests', 'messages', 'calls', 'tokenRequests'] as const)
      assert.ok(Array.isArray(state.worldshare[k]), k);
    assert.equal(state.worldshare.throttled, 0);
    for (const k of ['config', 'settings', 'store'] as const)
      assert.equal(typeof state[k], 'object', k);
  });
});

describe('host endpoints behind the page script', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('init data: user, lang and instCode from the reset, urls.alma the host origin', async () => {
    await t.reset({ user: { firstName: 'Ana', primaryId: 'ana01' }, lang: 'de' });
    const init = (await t.call('GET', '/__sim/host/init')).body;
    assert.equal(init.user.firstName, 'Ana');
    assert.equal(init.user.primaryId, 'ana01');
    assert.equal(typeof init.user.lastName, 'string');
    assert.equal(init.lang, 'de');
    assert.equal(init.instCode, 'SIM_INST');
    assert.equal(init.urls.alma, `${t.sim.hostUrl}/`);
  });

  test('settings and config: written as JSON strings, kept as objects, read back as JSON strings', async () => {
    for (const kind of ['settings', 'config'] as const) {
      assert.deepEqual((await t.call('GET', `/__sim/host/${kind}`)).body, { [kind]: '{}' });
      const write = await t.call('PUT', `/__sim/host/${kind}`, {
        value: JSON.stringify({ a: 1, b: 'ü' }),
      });
      assert.deepEqual(write.body, { success: true });
      assert.deepEqual((await t.state())[kind], { a: 1, b: 'ü' });
      assert.deepEqual(JSON.parse((await t.call('GET', `/__sim/host/${kind}`)).body[kind]), {
        a: 1,
        b: 'ü',
      });
      // CloudAppSettingsService.remove() writes '""'.
      await t.call('PUT', `/__sim/host/${kind}`, { value: '""' });
      assert.deepEqual((await t.state())[kind], {});
      assert.equal((await t.call('PUT', `/__sim/host/${kind}`, { value: '{broken' })).status, 400);
    }
  });

  test('store: get of a missing key, set, get, remove', async () => {
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=k1')).body, { key: 'k1' });
    await t.call('PUT', '/__sim/host/store', { key: 'k1', value: { n: 1 } });
    assert.deepEqual((await t.call('GET', '/__sim/host/store?key=k1')).body, {
      key: 'k1',
      value: { n: 1 },
    });
    await t.call('PUT', '/__sim/host/store', { key: 'k1', value: null });
    assert.deepEqual((await t.state()).store, {});
    assert.equal((await t.call('GET', '/__sim/host/store')).status, 400);
  });

  test('the page, script and styles are served without caching', async () => {
    const page = await t.call('GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.body, /Alma \(simulated\)/);
    assert.equal(page.headers.get('cache-control'), 'no-store');
    assert.match((await t.call('GET', '/host.js')).body, /exl-cloudapp::/);
    assert.equal((await t.call('GET', '/__sim/host/boot')).body.appUrl, t.sim.appUrl);
  });

  test('the app server serves the app folder with index.html at / and no caching', async () => {
    const res = await fetch(t.sim.appUrl);
    assert.equal(res.status, 200);
    assert.match(await res.text(), /stand-in app/);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assert.equal(res.headers.get('etag'), null);
    assert.notEqual(new URL(t.sim.appUrl).origin, t.sim.hostUrl);
  });
});
