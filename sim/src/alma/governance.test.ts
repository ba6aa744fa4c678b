import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import type { RecordedCall } from '../state.js';
import { almaErrorCode, startTestSim, type TestSim } from '../testing/harness.js';
import { CloudAppLimiter, PerSecondLimiter } from './rate-limit.js';

const BOOK = '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320004';

describe('fake Alma: routing, rate limit, faults and delays', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('an unknown route answers 404 in Alma error form and is logged', async () => {
    const res = await t.call('GET', '/almaws/v1/bibs/123');
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), 'INVALID_REQUEST');
    const calls = (await t.state()).alma.calls;
    assert.equal(calls.length, 1);
    assert.deepEqual(
      [calls[0].method, calls[0].url, calls[0].status],
      ['GET', '/almaws/v1/bibs/123', 404],
    );
  });

  test('a known route with a method it does not have answers 405 in Alma error form', async () => {
    const res = await t.call('PATCH', BOOK, { title: 'x' });
    assert.equal(res.status, 405);
    assert.equal(res.body.errorsExist, true);
    assert.match(res.body.errorList.error[0].errorMessage, /GET, DELETE/);
  });

  test('every call is logged with t, method, url, query, body and status', async () => {
    const before = Date.now();
    await t.call('PUT', '/almaws/v1/users/P1000231/loans/7300000105678?notify_user=false', {
      due_date: '2030-01-01T00:00:00Z',
    });
    const [call] = (await t.state()).alma.calls;
    assert.ok(call.t >= before && call.t <= Date.now());
    assert.equal(call.method, 'PUT');
    assert.equal(call.url, '/almaws/v1/users/P1000231/loans/7300000105678');
    assert.deepEqual(call.query, { notify_user: 'false' });
    assert.deepEqual(call.body, { due_date: '2030-01-01T00:00:00Z' });
    assert.equal(call.status, 200);
  });

  test('over the per-second limit: 429 PER_SECOND_THRESHOLD, and no second admits more than the limit', async () => {
    const limit = 5;
    await t.reset({ almaRateLimit: limit });
    // More than twice the limit: even if the burst straddles a second boundary some calls must be refused.
    const results = await Promise.all(
      Array.from({ length: 2 * limit + 6 }, () => t.call('GET', BOOK)),
    );
    const refused = results.filter((r) => r.status === 429);
    assert.ok(refused.length >= 6, `refused ${refused.length}`);
    assert.ok(results.every((r) => r.status === 200 || r.status === 429));
    assert.equal(almaErrorCode(refused[0].body), 'PER_SECOND_THRESHOLD');
    const admittedPerSecond = new Map<number, number>();
    for (const c of (await t.state()).alma.calls) {
      if (c.status === 429) continue;
      const s = Math.floor(c.t / 1000);
      admittedPerSecond.set(s, (admittedPerSecond.get(s) ?? 0) + 1);
    }
    for (const [, n] of admittedPerSecond) assert.ok(n <= limit, `${n} admitted in one second`);
    assert.equal((await t.state()).alma.throttled, refused.length, 'each refusal counted');
    await t.reset({ almaRateLimit: limit });
    assert.equal((await t.state()).alma.throttled, 0, 'a reset starts the count again');
  });

  test('Cloud App calls (relayed with the user header): over 25 in 5 s per user -> 429, counted per user; direct calls are not', async () => {
    await t.reset({
      almaRateLimit: 0,
      cloudAppLimits: { concurrent: 0, perWindow: 4, windowMs: 60_000 },
    });
    const as = (user: string) => ({ 'x-sim-cloud-app-user': user });
    const a = [];
    for (let i = 0; i < 6; i++)
      a.push((await t.call('GET', BOOK, undefined, as('staff.a'))).status);
    assert.deepEqual(a, [200, 200, 200, 200, 429, 429]);
    assert.equal(
      (await t.call('GET', BOOK, undefined, as('staff.b'))).status,
      200,
      'another user has their own allowance',
    );
    assert.equal(
      (await t.call('GET', BOOK)).status,
      200,
      'a call without the header is not a Cloud App call',
    );
    const state = await t.state();
    const refused = state.alma.calls.filter((c) => c.status === 429);
    assert.equal(refused.length, 2);
    assert.ok(refused.every((c) => c.cloudAppUser === 'staff.a'));
    assert.equal(state.alma.throttled, 2, 'the refusals are counted');
    const body = (await t.call('GET', BOOK, undefined, as('staff.a'))).body;
    assert.equal(almaErrorCode(body), 'PER_SECOND_THRESHOLD');
  });

  test('Cloud App calls: more than the concurrent limit in flight -> 429 for the extra ones', async () => {
    await t.reset({
      almaRateLimit: 0,
      apiDelayMs: 300,
      cloudAppLimits: { concurrent: 3, perWindow: 0, windowMs: 5000 },
    });
    const statuses = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.call('GET', BOOK, undefined, { 'x-sim-cloud-app-user': 'staff.a' }).then((r) => r.status),
      ),
    );
    assert.deepEqual([...statuses].sort(), [200, 200, 200, 429, 429]);
    assert.equal((await t.state()).alma.throttled, 2);
    // Once answered they no longer count: the next call goes through.
    assert.equal(
      (await t.call('GET', BOOK, undefined, { 'x-sim-cloud-app-user': 'staff.a' })).status,
      200,
    );
  });

  test('almaRateLimit 0 turns the limit off', async () => {
    await t.reset({ almaRateLimit: 0 });
    const results = await Promise.all(Array.from({ length: 60 }, () => t.call('GET', BOOK)));
    assert.ok(results.every((r) => r.status === 200));
  });

  test('a fault answers its status the given number of times, then the route answers again', async () => {
    await t.reset({
      faults: [
        {
          target: 'alma',
          method: 'GET',
          path: 'resource-sharing-requests/1987654320004$',
          status: 500,
          times: 2,
        },
      ],
    });
    const first = await t.call('GET', BOOK);
    assert.equal(first.status, 500);
    assert.equal(almaErrorCode(first.body), 'INTERNAL_SERVER_ERROR');
    assert.equal((await t.call('GET', BOOK)).status, 500);
    assert.equal((await t.call('GET', BOOK)).status, 200);
    // The method filter: a DELETE on the same path is not faulted.
    assert.equal(
      (await t.call('DELETE', `${BOOK}?reason=CannotBeFulfilled&notify_user=false`)).status,
      204,
    );
    const state = await t.state();
    assert.equal(state.faults[0].used, 2);
    assert.deepEqual(
      state.alma.calls.map((c) => c.status),
      [500, 500, 200, 204],
    );
  });

  test('a fault on another target or path leaves the call alone; times -1 faults every call', async () => {
    await t.reset({
      faults: [
        { target: 'oclc', path: '.*', status: 500, times: -1 },
        { target: 'alma', path: '/loans', status: 429, times: -1 },
      ],
    });
    assert.equal((await t.call('GET', BOOK)).status, 200);
    for (let i = 0; i < 3; i++) {
      const res = await t.call('GET', '/almaws/v1/users/P1000231/loans');
      assert.equal(res.status, 429);
      assert.equal(almaErrorCode(res.body), 'PER_SECOND_THRESHOLD');
    }
    assert.equal(
      (await t.state()).alma.throttled,
      0,
      'an injected 429 is not a refusal for a limit',
    );
  });

  /**
   * Sends `GET BOOK` and waits until the fake Alma has logged it; says whether it was still
   * unanswered then (no status in the log), and hands back the answer to await.
   */
  async function heldOnArrival() {
    const answer = t.call('GET', BOOK);
    let call: RecordedCall | undefined;
    while (!(call = (await t.state()).alma.calls[0])) await setImmediate();
    return { unanswered: call.status === undefined, answer };
  }

  test('a fault with only delayMs holds the call back, then passes it through', async () => {
    await t.reset({ faults: [{ target: 'alma', path: '1987654320004', delayMs: 2000 }] });
    const { unanswered, answer } = await heldOnArrival();
    assert.equal(unanswered, true, 'logged on arrival, not answered yet');
    const res = await answer;
    assert.equal(res.status, 200);
    assert.equal(res.body.request_id, '1987654320004');
    const state = await t.state();
    assert.equal(state.faults[0].used, 1);
    assert.equal(state.alma.calls[0].status, 200);
  });

  test('apiDelayMs holds every call back, which still answers', async () => {
    await t.reset({ apiDelayMs: 2000 });
    const { unanswered, answer } = await heldOnArrival();
    assert.equal(unanswered, true, 'logged on arrival, not answered yet');
    assert.equal((await answer).status, 200);
  });

  test('a refused reset body names the problem: unknown key, bad fault, bad regex', async () => {
    for (const body of [
      { request: [] },
      { faults: [{ target: 'x', path: '.' }] },
      { faults: [{ target: 'alma', path: '(' }] },
    ]) {
      const res = await t.call('POST', '/__sim/reset', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.ok, false);
      assert.ok(res.body.errors.length > 0);
    }
  });
});

describe('fake Alma: a status-0 fault never answers', () => {
  test('the call stays open, has no status, and close() still ends everything', async () => {
    const t = await startTestSim();
    await t.reset({ faults: [{ target: 'alma', path: '1987654320004', status: 0 }] });
    const pending = fetch(`${t.sim.hostUrl}${BOOK}`).then(
      (res) => ({ answered: true, status: res.status }),
      () => ({ answered: false, status: 0 }),
    );
    // Wait until the fake has the call (it is logged on arrival), then close with it still open.
    while (t.sim.getState().alma.calls.length === 0) await setImmediate();
    const call = t.sim.getState().alma.calls[0];
    await t.close();
    const outcome = await pending;
    assert.equal(outcome.answered, false);
    assert.equal(call.status, undefined);
  });
});

describe('CloudAppLimiter', () => {
  const limits = { concurrent: 10, perWindow: 25, windowMs: 5000 };
  test('25 in any 5 s window per user (sliding), refused calls not counted', () => {
    const l = new CloudAppLimiter();
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 25; i++) {
      assert.equal(l.admit('u', limits, t0 + i * 100), true, `call ${i}`);
      l.release('u');
    }
    assert.equal(l.admit('u', limits, t0 + 4999), false);
    assert.equal(l.admit('u', limits, t0 + 5000), true, 'the first call left the window');
    l.release('u');
    assert.equal(l.admit('u', limits, t0 + 5050), false, 'the second is still in it');
    assert.equal(l.admit('v', limits, t0 + 5050), true, 'users are counted apart');
  });
  test('10 in flight at once; a release frees a place', () => {
    const l = new CloudAppLimiter();
    for (let i = 0; i < 10; i++) assert.equal(l.admit('u', { ...limits, perWindow: 0 }, i), true);
    assert.equal(l.admit('u', { ...limits, perWindow: 0 }, 11), false);
    l.release('u');
    assert.equal(l.admit('u', { ...limits, perWindow: 0 }, 12), true);
  });
});

describe('PerSecondLimiter', () => {
  test('admits up to the limit per wall-clock second and starts again with the next second', () => {
    const l = new PerSecondLimiter();
    const t0 = 1_700_000_000_000;
    assert.deepEqual(
      [1, 2, 3].map(() => l.admit(2, t0 + 10)),
      [true, true, false],
    );
    assert.equal(l.admit(2, t0 + 999), false);
    assert.equal(l.admit(2, t0 + 1000), true);
    assert.equal(l.admit(2, t0 + 1500), true);
    assert.equal(l.admit(2, t0 + 1999), false);
  });
  test('limit 0 admits everything', () => {
    const l = new PerSecondLimiter();
    assert.ok(Array.from({ length: 100 }, () => l.admit(0, 5)).every(Boolean));
  });
});
