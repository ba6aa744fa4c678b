import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { almaErrorCode, present, startTestSim, type TestSim } from '../testing/harness.js';

const RAPIDO = '/almaws/v1/rapido/v1/user/P1000231/resource-sharing-requests';
const assign = (requestId: string, partner: string, id: string) =>
  `${RAPIDO}/${requestId}?op=assign_request_to_partner&partner=${partner}&partner_request_id=${id}`;

describe('fake Alma: internal rapido operations', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  const stored = async (requestId: string) =>
    present(
      (await t.state()).alma.requests.find((r) => r.request_id === requestId),
      `request ${requestId}`,
    );

  test('assign_request_to_partner marks the request sent to the partner with its request id', async () => {
    const res = await t.call('POST', assign('1987654320004', 'WSILL', '555000111'));
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.partner, { value: 'WSILL', desc: 'WorldShareILL' });
    assert.equal(res.body.external_id, '555000111');
    assert.deepEqual(res.body.status, { value: 'REQUEST_SENT', desc: 'Request sent to partner' });
    const request = await stored('1987654320004');
    assert.equal(request.external_id, '555000111');
    assert.notEqual(request.last_modified_date, '2026-10-02Z');
    assert.match(request.last_modified_date ?? '', /^\d{4}-\d{2}-\d{2}Z$/);
  });

  test('sending the same assignment again is idempotent (200, unchanged)', async () => {
    assert.equal((await t.call('POST', assign('1987654320004', 'WSILL', '555000111'))).status, 200);
    const before = await stored('1987654320004');
    const again = await t.call('POST', assign('1987654320004', 'WSILL', '555000111'));
    assert.equal(again.status, 200);
    assert.deepEqual(await stored('1987654320004'), before);
  });

  test('a different partner request id for an assigned request is refused (402362) and nothing changes', async () => {
    const res = await t.call('POST', assign('1987654320059', 'WSILL', '999999999'));
    assert.equal(res.status, 400);
    assert.equal(almaErrorCode(res.body), '402362');
    assert.match(res.body.errorList.error[0].errorMessage, /187654321/);
    assert.equal((await stored('1987654320059')).external_id, '187654321');
  });

  test('an unknown partner code is refused', async () => {
    const res = await t.call('POST', assign('1987654320004', 'NOPE', '1'));
    assert.equal(res.status, 400);
    assert.match(res.body.errorList.error[0].errorMessage, /NOPE/);
    assert.equal((await stored('1987654320004')).partner, null);
  });

  test('partners come from the reset: a partner removed there is unknown', async () => {
    await t.reset({ partners: [{ code: 'OTHER', name: 'Other' }] });
    assert.equal((await t.call('POST', assign('1987654320004', 'WSILL', '1'))).status, 400);
    assert.equal((await t.call('POST', assign('1987654320004', 'OTHER', '1'))).status, 200);
  });

  test('missing partner_request_id, missing or unknown op: 400', async () => {
    assert.equal(
      (await t.call('POST', `${RAPIDO}/1987654320004?op=assign_request_to_partner&partner=WSILL`))
        .status,
      400,
    );
    assert.equal(
      (await t.call('POST', `${RAPIDO}/1987654320004?partner=WSILL&partner_request_id=1`)).status,
      400,
    );
    const odd = await t.call('POST', `${RAPIDO}/1987654320004?op=toString`);
    assert.equal(odd.status, 400);
    assert.equal(almaErrorCode(odd.body), '40166426');
  });

  test('an unknown request: 404', async () => {
    const res = await t.call('POST', assign('1', 'WSILL', '1'));
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), '401694');
  });

  test('a cancelled request cannot be assigned', async () => {
    const res = await t.call('POST', assign('1987654320080', 'WSILL', '1'));
    assert.equal(res.status, 400);
    assert.equal((await stored('1987654320080')).external_id, null);
  });

  test('request_renewal sets the lender due date and status Renewed by Partner', async () => {
    const res = await t.call(
      'POST',
      `${RAPIDO}/1987654320059?op=request_renewal&due_date=2027-04-01`,
    );
    assert.equal(res.status, 200);
    const request = await stored('1987654320059');
    assert.equal(request.due_date, '2027-04-01Z');
    assert.deepEqual(request.status, { value: 'RENEWED_BY_PARTNER', desc: 'Renewed by Partner' });
  });

  test('request_renewal refuses a malformed or impossible date, and a request never sent to a partner', async () => {
    for (const bad of ['2027-02-30', '27-04-01', '2027-04-01T00:00:00Z', '']) {
      const res = await t.call(
        'POST',
        `${RAPIDO}/1987654320059?op=request_renewal&due_date=${bad}`,
      );
      assert.equal(res.status, 400, bad);
    }
    const notSent = await t.call(
      'POST',
      `${RAPIDO}/1987654320004?op=request_renewal&due_date=2027-04-01`,
    );
    assert.equal(notSent.status, 400);
    assert.equal(almaErrorCode(notSent.body), '40166412');
    assert.equal((await stored('1987654320059')).status?.value, 'REQUEST_SENT');
  });
});
