import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { almaErrorCode, startTestSim, type TestSim } from '../testing/harness.js';

/** A row of an Alma code table answer (`GET /conf/code-tables/{name}`). */
interface CodeRow {
  code: string;
  description: string;
  enabled: boolean;
  default: boolean;
}

describe('fake Alma: code tables and the analytics report', () => {
  let t: TestSim;
  before(async () => {
    t = await startTestSim();
  });
  after(async () => t.close());
  beforeEach(async () => t.reset());

  test('the three borrowing code tables answer rows {code, description, enabled, default}', async () => {
    for (const name of [
      'RequestCancellationReasons',
      'MandatoryBorrowingWorkflowSteps',
      'OptionalBorrowingWorkflowSteps',
    ]) {
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
    assert.ok(reasons.body.row.some((r: CodeRow) => r.code === 'ILL_CLOSED_IN_WORLDSHARE'));
  });

  test('an unknown table, or a name in the wrong case: 404 with an Alma error', async () => {
    for (const name of ['NoSuchTable', 'requestcancellationreasons', 'constructor']) {
      const res = await t.call('GET', `/almaws/v1/conf/code-tables/${name}`);
      assert.equal(res.status, 404, name);
      assert.equal(almaErrorCode(res.body), '90101');
    }
  });

  test('code tables from the reset replace the seed ones, and cancel reasons follow them', async () => {
    await t.reset({
      codeTables: { RequestCancellationReasons: [{ code: 'ONLY', description: 'Only reason' }] },
    });
    const res = await t.call('GET', '/almaws/v1/conf/code-tables/RequestCancellationReasons');
    assert.deepEqual(
      res.body.row.map((r: CodeRow) => r.code),
      ['ONLY'],
    );
    assert.equal(
      (await t.call('GET', '/almaws/v1/conf/code-tables/OptionalBorrowingWorkflowSteps')).status,
      404,
    );
    const url =
      '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320004?notify_user=false';
    assert.equal((await t.call('DELETE', `${url}&reason=CannotBeFulfilled`)).status, 400);
    assert.equal((await t.call('DELETE', `${url}&reason=ONLY`)).status, 204);
  });

  const REPORT = '/shared/Sim University/Reports/WorldShare Bridge/Exported borrowing requests';
  const q = (extra: string) => `/almaws/v1/analytics/reports?${extra}`;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (n) => n === 'Row' || n === 'element',
  });
  /** The anies XML of an answer, its declaration, and the parsed QueryResult. */
  function read(body: { anies?: unknown }) {
    assert.ok(Array.isArray(body.anies), 'anies is an array of strings');
    const xml = String(body.anies[0]);
    const qr = parser.parse(xml).QueryResult;
    const rows: Record<string, string>[] = qr.ResultXml.rowset.Row ?? [];
    const headings = (qr.ResultXml.rowset.schema?.complexType?.sequence?.element ?? []).map(
      (e: { columnHeading: string }) => e.columnHeading,
    );
    return {
      xml,
      qr,
      rows,
      headings,
      finished: qr.IsFinished === 'true',
      token: qr.ResumptionToken as string | undefined,
    };
  }
  const exportedRequests = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      request_id: `R${String(i).padStart(2, '0')}`,
      requester: { value: 'U1' },
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      external_id: `W${i}`,
      status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
      last_modified_date: '2026-11-02Z',
    }));

  test('the report answers JSON {anies:[xml]} whose declaration claims UTF-16 while the text is UTF-8, with headings and rows', async () => {
    const res = await t.call('GET', q(`path=${encodeURIComponent(REPORT)}&limit=1000`));
    assert.equal(res.status, 200);
    const { xml, rows, headings, finished, token } = read(res.body);
    assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-16"/);
    assert.equal(finished, true);
    assert.equal(token, undefined, 'no token when everything fits on the first page');
    assert.deepEqual(headings, [
      '0',
      'Request ID',
      'Primary Identifier',
      'External Identifier',
      'Partner Code',
      'Request Status',
      'Last Modified Date',
    ]);
    assert.ok(rows.every((r) => r.Column0 === '0'));
    assert.deepEqual(rows.map((r) => `${r.Column2}/${r.Column1}`).sort(), [
      'P1000231/1987654320059',
      'P1000231/1987654320127',
      'P1000231/1987654320134',
      'P1000457/1987654320103',
      'P1000457/1987654320110',
    ]);
  });

  test('paging: limit in bulks of 25, a token only on the first page, the same token until IsFinished; then it is spent', async () => {
    await t.reset({ requests: exportedRequests(60) });
    const first = read(
      (await t.call('GET', q(`path=${encodeURIComponent(REPORT)}&limit=30`))).body,
    );
    assert.equal(first.finished, false);
    assert.equal(first.rows.length, 50, 'limit 30 gives 50: OBI answers in bulks of 25');
    assert.match(first.token ?? '', /^[0-9A-F]{128}$/);
    const second = await t.call('GET', q(`token=${first.token}`));
    const page2 = read(second.body);
    assert.equal(page2.token, undefined, 'later pages carry no token');
    assert.deepEqual(page2.headings, [], 'nor the schema');
    assert.equal(page2.finished, true);
    assert.deepEqual(
      page2.rows.map((r) => r.Column1),
      Array.from({ length: 10 }, (_, i) => `R${50 + i}`),
    );
    assert.equal(page2.rows[0].Column6, '2026-11-02');
    assert.equal(
      (await t.call('GET', q(`token=${first.token}`))).status,
      400,
      'a finished token is spent',
    );
    assert.equal((await t.call('GET', q('token=bogus'))).status, 400);
  });

  test('col_names=false leaves the schema out', async () => {
    const page = read(
      (await t.call('GET', q(`path=${encodeURIComponent(REPORT)}&col_names=false`))).body,
    );
    assert.deepEqual(page.headings, []);
    assert.ok(page.rows.length > 0);
  });

  test('the data is a daily copy: a request cancelled after the first read still shows until the next reset', async () => {
    await t.reset({ requests: exportedRequests(3) });
    assert.equal(
      read((await t.call('GET', q(`path=${encodeURIComponent(REPORT)}`))).body).rows.length,
      3,
    );
    assert.equal(
      (
        await t.call(
          'DELETE',
          '/almaws/v1/users/U1/resource-sharing-requests/R00?reason=CannotBeFulfilled&notify_user=false',
        )
      ).status,
      204,
    );
    assert.equal(
      read((await t.call('GET', q(`path=${encodeURIComponent(REPORT)}`))).body).rows.length,
      3,
    );
  });

  test('a report with other columns and order, from the reset', async () => {
    await t.reset({
      requests: exportedRequests(1),
      analytics: { reports: [{ path: '/shared/x', columns: ['status', 'requestId', 'title'] }] },
    });
    const page = read((await t.call('GET', q('path=%2Fshared%2Fx'))).body);
    assert.deepEqual(page.headings, ['0', 'Request Status', 'Request ID', 'Title']);
    assert.deepEqual(page.rows[0], {
      Column0: '0',
      Column1: 'Request sent to partner',
      Column2: 'R00',
    });
    assert.equal(
      (await t.call('GET', q(`path=${encodeURIComponent(REPORT)}`))).status,
      400,
      'the default report is gone',
    );
  });

  test('errors in Alma form: no path 40166426, a path that does not exist 401652 "Path not found", limit out of range', async () => {
    const none = await t.call('GET', '/almaws/v1/analytics/reports');
    assert.equal(none.status, 400);
    assert.equal(almaErrorCode(none.body), '40166426');
    const missing = await t.call('GET', q('path=%2Fshared%2Fnope'));
    assert.equal(missing.status, 400);
    assert.equal(almaErrorCode(missing.body), '401652');
    assert.match(missing.body.errorList.error[0].errorMessage, /Path not found \(\/shared\/nope\)/);
    assert.equal(
      (await t.call('GET', q(`path=${encodeURIComponent(REPORT)}&limit=10`))).status,
      400,
    );
    assert.equal(
      (await t.call('GET', q(`path=${encodeURIComponent(REPORT)}&limit=1001`))).status,
      400,
    );
  });
});
