import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { almaErrorCode, present, startTestSim, type TestSim } from '../testing/harness.js';

const BOOK = '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320004';
const EXPORTED_OTHER_USER = '/almaws/v1/users/P1000457/resource-sharing-requests/1987654320103';

describe('fake Alma: borrowing requests (GET, DELETE)', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('GET answers the stored user_resource_sharing_request', async () => {
    const res = await t.call('GET', BOOK);
    assert.equal(res.status, 200);
    assert.equal(res.body.request_id, '1987654320004');
    assert.equal(res.body.title, 'The Structure of Scientific Revolutions');
    assert.deepEqual(res.body.status, { value: 'READY_TO_SEND', desc: 'Ready to be sent' });
    assert.equal(res.body.requester.value, 'P1000231');
  });

  test('GET with request_id_type=external finds the request by its partner request id', async () => {
    const res = await t.call(
      'GET',
      '/almaws/v1/users/P1000231/resource-sharing-requests/187654321?request_id_type=external',
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.request_id, '1987654320059');
  });

  test('GET of an unknown request: 404 with an Alma error body', async () => {
    const res = await t.call('GET', '/almaws/v1/users/P1000231/resource-sharing-requests/999');
    assert.equal(res.status, 404);
    assert.equal(res.body.errorsExist, true);
    assert.equal(res.body.result, null);
    assert.equal(almaErrorCode(res.body), '40166450');
    assert.match(res.body.errorList.error[0].trackingId, /^E01-/);
  });

  test("GET of another requester's request under this user: 404", async () => {
    const res = await t.call(
      'GET',
      '/almaws/v1/users/P1000457/resource-sharing-requests/1987654320004',
    );
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), '40166450');
  });

  test('GET for an unknown user: 404 with 401890', async () => {
    const res = await t.call(
      'GET',
      '/almaws/v1/users/NOBODY/resource-sharing-requests/1987654320004',
    );
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), '401890');
    assert.match(res.body.errorList.error[0].errorMessage, /NOBODY/);
  });

  test('DELETE without reason: 400, request untouched', async () => {
    const res = await t.call('DELETE', `${BOOK}?notify_user=false`);
    assert.equal(res.status, 400);
    assert.equal(almaErrorCode(res.body), '40166426');
    assert.match(res.body.errorList.error[0].errorMessage, /reason/);
    assert.equal((await t.call('GET', BOOK)).body.status.value, 'READY_TO_SEND');
  });

  test('DELETE with a reason not in RequestCancellationReasons: 400, request untouched', async () => {
    const res = await t.call('DELETE', `${BOOK}?reason=NotACode&notify_user=false`);
    assert.equal(res.status, 400);
    assert.match(res.body.errorList.error[0].errorMessage, /NotACode/);
    assert.equal((await t.call('GET', BOOK)).body.status.value, 'READY_TO_SEND');
  });

  test('DELETE without notify_user notifies the patron (Alma default true) and says so in the call log', async () => {
    const res = await t.call('DELETE', `${BOOK}?reason=CannotBeFulfilled`);
    assert.equal(res.status, 204);
    assert.equal(res.body, undefined);
    const state = await t.state();
    const cancel = present(state.alma.calls.find((c) => c.method === 'DELETE'));
    assert.equal(cancel.effective?.notify_user, true);
    assert.equal(cancel.status, 204);
    const request = present(state.alma.requests.find((r) => r.request_id === '1987654320004'));
    assert.equal(request.patron_notified, true);
    assert.deepEqual(request.status, { value: 'REQUEST_CANCELED', desc: 'Canceled' });
    assert.deepEqual(
      state.alma.patronNotifications?.map((n) => n.request_id),
      ['1987654320004'],
    );
  });

  test('DELETE with notify_user=false cancels without notifying anyone', async () => {
    const res = await t.call(
      'DELETE',
      `${BOOK}?reason=CannotBeFulfilled&notify_user=false&note=closed%20in%20WorldShare`,
    );
    assert.equal(res.status, 204);
    const state = await t.state();
    const request = present(state.alma.requests.find((r) => r.request_id === '1987654320004'));
    assert.equal(request.status?.value, 'REQUEST_CANCELED');
    assert.equal(request.patron_notified, undefined);
    assert.deepEqual(state.alma.patronNotifications, []);
    const cancel = present(state.alma.calls.find((c) => c.method === 'DELETE'));
    assert.equal(cancel.effective?.notify_user, false);
    assert.equal(cancel.query.note, 'closed in WorldShare');
  });

  test('DELETE with an unreadable notify_user is refused rather than read as the default', async () => {
    const res = await t.call('DELETE', `${BOOK}?reason=CannotBeFulfilled&notify_user=no`);
    assert.equal(res.status, 400);
    assert.equal((await t.call('GET', BOOK)).body.status.value, 'READY_TO_SEND');
  });

  test('DELETE with remove_request=true removes it; a second cancel then finds nothing (404)', async () => {
    const url = `${EXPORTED_OTHER_USER}?reason=ILL_CLOSED_IN_WORLDSHARE&notify_user=false&remove_request=true`;
    assert.equal((await t.call('DELETE', url)).status, 204);
    const state = await t.state();
    assert.equal(
      state.alma.requests.some((r) => r.request_id === '1987654320103'),
      false,
    );
    assert.equal((await t.call('GET', EXPORTED_OTHER_USER)).status, 404);
    const again = await t.call('DELETE', url);
    assert.equal(again.status, 404);
    assert.equal(almaErrorCode(again.body), '401694');
  });

  test('DELETE of an already cancelled request: 400', async () => {
    const res = await t.call(
      'DELETE',
      '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320080?reason=CannotBeFulfilled&notify_user=false',
    );
    assert.equal(res.status, 400);
    assert.equal(almaErrorCode(res.body), '40166412');
  });

  test('DELETE of an unknown request: 404 401694', async () => {
    const res = await t.call(
      'DELETE',
      '/almaws/v1/users/P1000231/resource-sharing-requests/42?reason=CannotBeFulfilled&notify_user=false',
    );
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), '401694');
  });
});
