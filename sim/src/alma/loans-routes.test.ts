import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import type { AlmaLoan, RecordedCall } from '../state.js';
import { almaErrorCode, startTestSim, type TestSim } from '../testing/harness.js';
import { parseAlmaDateTime } from './loans-routes.js';

const LOAN = '/almaws/v1/users/P1000231/loans/7300000105678';

/** `GET /users/{id}/loans` as Alma answers it. */
interface LoanList {
  item_loan: AlmaLoan[];
  total_record_count: number;
}

/** The last call the fake Alma logged. */
const lastCall = (calls: RecordedCall[]): RecordedCall => {
  const call = calls.at(-1);
  assert.ok(call, 'a call was logged');
  return call;
};

describe('fake Alma: loans', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test("GET /users/{id}/loans lists the user's loans as item_loan with total_record_count", async () => {
    const res = await t.call<LoanList>('GET', '/almaws/v1/users/P1000231/loans');
    assert.equal(res.status, 200);
    assert.equal(res.body.total_record_count, 2);
    assert.deepEqual(res.body.item_loan.map((l) => l.item_barcode).sort(), [
      '39001001234567',
      'ILL0001876544',
    ]);
    assert.ok(
      res.body.item_loan.every((l) => l.user_id === 'P1000231' && l.loan_status === 'ACTIVE'),
    );
  });

  test('limit defaults to 10 as in Alma; limit and offset page through', async () => {
    const loans = Array.from({ length: 12 }, (_, i) => ({
      loan_id: `L${String(i).padStart(2, '0')}`,
      user_id: 'U1',
      item_barcode: `B${i}`,
      due_date: '2027-01-01T23:59:00Z',
    }));
    await t.reset({ loans });
    const first = await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans');
    assert.equal(first.body.item_loan.length, 10);
    assert.equal(first.body.total_record_count, 12);
    const rest = await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans?limit=5&offset=10');
    assert.deepEqual(
      rest.body.item_loan.map((l) => l.loan_id),
      ['L10', 'L11'],
    );
    const none = await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans?limit=0');
    assert.deepEqual(none.body.item_loan, []);
  });

  test('loan_status: Active by default, Complete lists the returned ones, anything else 400; the count follows the filter', async () => {
    const loans = [
      { loan_id: 'A1', user_id: 'U1', item_barcode: 'B1', due_date: '2027-01-01T23:59:00Z' },
      {
        loan_id: 'A2',
        user_id: 'U1',
        item_barcode: 'B2',
        due_date: '2027-01-01T23:59:00Z',
        loan_status: 'COMPLETE',
      },
      {
        loan_id: 'A3',
        user_id: 'U1',
        item_barcode: 'B3',
        due_date: '2027-01-01T23:59:00Z',
        loan_status: 'ACTIVE',
      },
    ];
    await t.reset({ loans });
    const active = await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans');
    assert.deepEqual(
      active.body.item_loan.map((l) => l.loan_id),
      ['A1', 'A3'],
    );
    assert.equal(active.body.total_record_count, 2);
    const complete = await t.call<LoanList>(
      'GET',
      '/almaws/v1/users/U1/loans?loan_status=Complete',
    );
    assert.deepEqual(
      complete.body.item_loan.map((l) => l.loan_id),
      ['A2'],
    );
    assert.equal(complete.body.total_record_count, 1);
    assert.equal(
      (await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans?loan_status=Lost')).status,
      400,
    );
  });

  test('a loan beyond the first 100 is reached only by paging: no barcode filter', async () => {
    const loans = Array.from({ length: 150 }, (_, i) => ({
      loan_id: `L${i}`,
      user_id: 'U1',
      item_barcode: `B${i}`,
      due_date: '2027-01-01T23:59:00Z',
    }));
    await t.reset({ loans });
    const first = await t.call<LoanList>(
      'GET',
      '/almaws/v1/users/U1/loans?limit=100&item_barcode=B120',
    );
    assert.equal(first.body.item_loan.length, 100);
    assert.equal(first.body.total_record_count, 150);
    assert.ok(!first.body.item_loan.some((l) => l.item_barcode === 'B120'));
    const second = await t.call<LoanList>('GET', '/almaws/v1/users/U1/loans?limit=100&offset=100');
    assert.equal(second.body.item_loan.length, 50);
    assert.ok(second.body.item_loan.some((l) => l.item_barcode === 'B120'));
  });

  test('limit out of 0-100 or not a number: 400', async () => {
    assert.equal(
      (await t.call<LoanList>('GET', '/almaws/v1/users/P1000231/loans?limit=101')).status,
      400,
    );
    assert.equal(
      (await t.call<LoanList>('GET', '/almaws/v1/users/P1000231/loans?offset=-1')).status,
      400,
    );
    assert.equal(
      (await t.call<LoanList>('GET', '/almaws/v1/users/P1000231/loans?limit=ten')).status,
      400,
    );
  });

  test('an unknown user: 404 401890', async () => {
    const res = await t.call<LoanList>('GET', '/almaws/v1/users/NOBODY/loans');
    assert.equal(res.status, 404);
    assert.equal(almaErrorCode(res.body), '401890');
  });

  test('GET one loan; an unknown loan or a loan of another user: 404 401823', async () => {
    const res = await t.call('GET', LOAN);
    assert.equal(res.status, 200);
    assert.equal(res.body.item_barcode, 'ILL0001876544');
    assert.equal(
      almaErrorCode((await t.call('GET', '/almaws/v1/users/P1000231/loans/1')).body),
      '401823',
    );
    const other = await t.call('GET', '/almaws/v1/users/P1000457/loans/7300000105678');
    assert.equal(other.status, 404);
    assert.equal(almaErrorCode(other.body), '401823');
  });

  test('PUT with an item_loan carrying due_date changes the due date (stored in UTC)', async () => {
    const loan = (await t.call('GET', LOAN)).body;
    const res = await t.call('PUT', LOAN, { ...loan, due_date: '2027-04-01T23:59:00-05:00' });
    assert.equal(res.status, 200);
    assert.equal(res.body.due_date, '2027-04-02T04:59:00Z');
    const state = await t.state();
    assert.equal(
      state.alma.loans.find((l) => l.loan_id === '7300000105678')?.due_date,
      '2027-04-02T04:59:00Z',
    );
    assert.equal(
      (lastCall(state.alma.calls).body as AlmaLoan).due_date,
      '2027-04-01T23:59:00-05:00',
    );
    assert.equal(lastCall(state.alma.calls).effective?.notify_user, false);
  });

  test('PUT without due_date, or with no body: 400 401824', async () => {
    const res = await t.call('PUT', LOAN, { loan_id: '7300000105678' });
    assert.equal(res.status, 400);
    assert.equal(almaErrorCode(res.body), '401824');
    const empty = await t.call('PUT', LOAN);
    assert.equal(empty.status, 400);
    assert.equal(almaErrorCode(empty.body), '401824');
  });

  test('PUT with a due_date that is not a date-time, or an impossible one: 400, loan unchanged', async () => {
    for (const bad of [
      '2027-04-01',
      'tomorrow',
      '2027-02-30T12:00:00Z',
      '2027-04-01T24:00:00Z',
      20270401,
    ]) {
      const res = await t.call('PUT', LOAN, { due_date: bad });
      assert.equal(res.status, 400, String(bad));
      assert.equal(almaErrorCode(res.body), '40166426');
    }
    assert.equal((await t.call('GET', LOAN)).body.due_date, '2027-01-15T23:59:00Z');
  });

  test('PUT with a due date in the past: 400 401681', async () => {
    const res = await t.call('PUT', LOAN, { due_date: '2020-01-01T00:00:00Z' });
    assert.equal(res.status, 400);
    assert.equal(almaErrorCode(res.body), '401681');
  });

  test('PUT with a body that is not JSON: 400 in Alma error form', async () => {
    const res = await t.call('PUT', LOAN, '{not json', { 'content-type': 'application/json' });
    assert.equal(res.status, 400);
    assert.equal(res.body.errorsExist, true);
  });
});

describe('parseAlmaDateTime', () => {
  test('reads zones, and a value without zone as UTC', () => {
    assert.equal(parseAlmaDateTime('2027-04-01T00:00:00Z'), Date.UTC(2027, 3, 1));
    assert.equal(parseAlmaDateTime('2027-04-01T00:00:00'), Date.UTC(2027, 3, 1));
    assert.equal(
      parseAlmaDateTime('2027-04-01T10:00:00.5+10:00'),
      Date.UTC(2027, 3, 1, 0, 0, 0, 500),
    );
  });
  test('refuses impossible calendar values', () => {
    assert.equal(parseAlmaDateTime('2027-13-01T00:00:00Z'), undefined);
    assert.equal(parseAlmaDateTime('2026-02-29T00:00:00Z'), undefined);
    assert.equal(parseAlmaDateTime('2027-04-01T12:60:00Z'), undefined);
  });
});
