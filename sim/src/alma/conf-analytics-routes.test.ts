import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { almaErrorCode, startTestSim, type TestSim } from '../testing/harness.js';

describe('fake Alma: code tables and the analytics report', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('the three borrowing code tables answer rows {code, description, enabled, default}', async () => {
    for (const name of ['RequestCancellationReasons', 'MandatoryBorrowingWorkflowSteps', 'OptionalBorrowingWorkflowSteps']) {
      const res = await t.call('GET', `/almaws/v1/conf/code-tables/${name}`);
      assert.equal(res.status, 200, name);
      assert.equal(res.body.name, name);
      assert.ok(res.body.row.length > 0);
      for (const row of res.body.row) {
        assert.equal(typeof row.code, 'string');
        assert.equal(typeof row.description, 'string');
        assert.equal(row.enabled, true);
        assert.equal(row.default, false);
      }
    }
    const reasons = await t.call('GET', '/almaws/v1/conf/code-tables/RequestCancellationReasons');
    assert.ok(reasons.body.row.some((r: any) => r.code === 'ILL_CLOSED_IN_WORLDSHARE'));
  });

  test('an unknown table, or a name in the wrong case: 404 with an Alma error', async () => {
    for (const name of ['NoSuchTable', 'requestcancellationreasons', 'constructor']) {
      const res = await t.call('GET', `/almaws/v1/conf/code-tables/${name}`);
      assert.equal(res.status, 404, name);
      assert.equal(almaErrorCode(res.body), '90101');
    }
  });

  test('code tables from the reset replace the seed ones, and cancel reasons follow them', async () => {
    await t.reset({ codeTables: { RequestCancellationReasons: [{ code: 'ONLY', description: 'Only reason' }] } });
    const res = await t.call('GET', '/almaws/v1/conf/code-tables/RequestCancellationReasons');
    assert.deepEqual(res.body.row.map((r: any) => r.code), ['ONLY']);
    assert.equal((await t.call('GET', '/almaws/v1/conf/code-tables/OptionalBorrowingWorkflowSteps')).status, 404);
    const url = '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320004?notify_user=false';
    assert.equal((await t.call('DELETE', `${url}&reason=CannotBeFulfilled`)).status, 400);
    assert.equal((await t.call('DELETE', `${url}&reason=ONLY`)).status, 204);
  });

  test('the report lists exported, not cancelled requests as rows of user id and request id', async () => {
    const res = await t.call('GET', '/almaws/v1/analytics/reports?path=%2Fshared%2FILL%2FExported');
    assert.equal(res.status, 200);
    assert.equal(res.body.QueryResult.IsFinished, true);
    const rows = res.body.QueryResult.ResultXml.rowset.Row;
    assert.deepEqual(
      rows.map((r: any) => `${r.Column1}/${r.Column2}`).sort(),
      ['P1000231/1987654320059', 'P1000231/1987654320127', 'P1000231/1987654320134', 'P1000457/1987654320103', 'P1000457/1987654320110'],
    );
  });

  test('the report without path: 400', async () => {
    assert.equal((await t.call('GET', '/almaws/v1/analytics/reports')).status, 400);
  });

  test('with limit, the report pages by resumption token until IsFinished', async () => {
    const requests = Array.from({ length: 30 }, (_, i) => ({
      request_id: `R${String(i).padStart(2, '0')}`,
      requester: { value: 'U1' },
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      external_id: `W${i}`,
      status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
    }));
    await t.reset({ requests });
    const first = await t.call('GET', '/almaws/v1/analytics/reports?path=%2Fr&limit=25');
    assert.equal(first.body.QueryResult.IsFinished, false);
    assert.equal(first.body.QueryResult.ResultXml.rowset.Row.length, 25);
    const token = first.body.QueryResult.ResumptionToken;
    assert.equal(typeof token, 'string');
    const second = await t.call('GET', `/almaws/v1/analytics/reports?token=${token}&limit=25`);
    assert.equal(second.body.QueryResult.IsFinished, true);
    assert.deepEqual(second.body.QueryResult.ResultXml.rowset.Row.map((r: any) => r.Column2), ['R25', 'R26', 'R27', 'R28', 'R29']);
    assert.equal((await t.call('GET', '/almaws/v1/analytics/reports?token=bogus')).status, 400);
    assert.equal((await t.call('GET', '/almaws/v1/analytics/reports?path=%2Fr&limit=10')).status, 400);
  });
});
