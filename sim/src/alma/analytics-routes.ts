import { randomBytes } from 'node:crypto';
import type { AlmaBorrowingRequest, SimAnalyticsReport, SimState } from '../state.js';
import { ANALYTICS_HEADINGS, type SimAnalyticsColumn } from './analytics-columns.js';
import { ALMA_CODES, AlmaApiError } from './errors.js';
import { isCancelled, requesterOf } from './lookup.js';
import { booleanParam, integerParam, invalidParam } from './params.js';
import type { AlmaRoute } from './route.js';

/** OBI hands rows out in bulks of 25: a limit of 30 gives up to 50 (the developer network's Analytics blog; documented). */
const BULK = 25;

/** One report run: the rows as Analytics held them when it started, and how far the token has read. */
interface Cursor {
  report: SimAnalyticsReport;
  rows: string[][];
  pageSize: number;
  offset: number;
  colNames: boolean;
}

const cursors = new WeakMap<SimState, Map<string, Cursor>>();
/** Analytics data is a daily copy of Alma: the rows are taken once per state, on the first read after a reset. */
const snapshots = new WeakMap<SimState, Map<string, string[][]>>();

function cellsOf(r: AlmaBorrowingRequest, columns: SimAnalyticsColumn[]): string[] {
  const code = (v: unknown) =>
    v && typeof v === 'object'
      ? String((v as { value?: unknown }).value ?? '')
      : v == null
        ? ''
        : String(v);
  const desc = (v: unknown) =>
    v && typeof v === 'object'
      ? String((v as { desc?: unknown }).desc ?? (v as { value?: unknown }).value ?? '')
      : '';
  return columns.map((c) => {
    switch (c) {
      case 'requestId':
        return r.request_id;
      case 'userId':
        return requesterOf(r) ?? '';
      case 'externalId':
        return r.external_id == null ? '' : String(r.external_id);
      case 'partnerCode':
        return code(r.partner);
      case 'status':
        return desc(r.status);
      case 'lastModified':
        return typeof r.last_modified_date === 'string'
          ? r.last_modified_date.replace(/Z$/, '')
          : '';
      case 'title':
        return typeof r.title === 'string' ? r.title : '';
    }
  });
}

/** Every request sent to a partner (a partner and an external id) and not cancelled, in state order. */
function rowsOf(state: SimState, report: SimAnalyticsReport): string[][] {
  let byPath = snapshots.get(state);
  if (!byPath) snapshots.set(state, (byPath = new Map()));
  let rows = byPath.get(report.path);
  if (!rows) {
    rows = state.alma.requests
      .filter((r) => r.partner && r.external_id && !isCancelled(r))
      .map((r) => cellsOf(r, report.columns));
    byPath.set(report.path, rows);
  }
  return rows;
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The XML Alma puts in `anies`: QueryResult with ResumptionToken (first page only), IsFinished and
 * ResultXml/rowset with the xsd schema (column headings, when `col_names`) and Rows of Column0 (always
 * "0"), Column1, .... The declaration claims UTF-16, as Alma's does, though the text is not.
 */
function resultXml(
  report: SimAnalyticsReport,
  rows: string[][],
  token: string | null,
  finished: boolean,
  colNames: boolean,
): string {
  const schema = colNames
    ? '<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:saw-sql="urn:saw-sql" targetNamespace="urn:schemas-microsoft-com:xml-analysis:rowset">' +
      '<xsd:complexType name="Row"><xsd:sequence>' +
      '<xsd:element minOccurs="0" maxOccurs="1" name="Column0" type="xsd:int" saw-sql:type="integer" saw-sql:sqlFormula="0" saw-sql:displayFormula="0" saw-sql:aggregationRule="none" saw-sql:aggregationType="nonAgg" saw-sql:tableHeading="" saw-sql:columnHeading="0" saw-sql:isDoubleColumn="false" saw-sql:columnID="c0"/>' +
      report.columns
        .map(
          (c, i) =>
            `<xsd:element minOccurs="0" maxOccurs="1" name="Column${i + 1}" type="xsd:string" saw-sql:type="varchar" saw-sql:aggregationRule="none" saw-sql:aggregationType="nonAgg" saw-sql:tableHeading="Borrowing Requests" saw-sql:columnHeading="${esc(ANALYTICS_HEADINGS[c])}" saw-sql:isDoubleColumn="false" saw-sql:columnID="c${i + 1}"/>`,
        )
        .join('') +
      '</xsd:sequence></xsd:complexType></xsd:schema>'
    : '';
  const body = rows
    .map(
      (cells) =>
        `<Row><Column0>0</Column0>${cells.map((v, i) => (v === '' ? '' : `<Column${i + 1}>${esc(v)}</Column${i + 1}>`)).join('')}</Row>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n' +
    '<QueryResult xmlns="urn:schemas-microsoft-com:xml-analysis:rowset">' +
    (token ? `<ResumptionToken>${token}</ResumptionToken>` : '') +
    `<IsFinished>${finished}</IsFinished>` +
    `<ResultXml><rowset:rowset xmlns:rowset="urn:schemas-microsoft-com:xml-analysis:rowset" xmlns="urn:schemas-microsoft-com:xml-analysis:rowset">${schema}${body}</rowset:rowset></ResultXml>` +
    '</QueryResult>'
  );
}

/**
 * `GET /analytics/reports?path=&limit=&col_names=&token=` (Alma Analytics API; documented: developers
 * network "Working with Analytics REST APIs" and the API reference). Answers JSON `{anies: [xml]}`
 * (see resultXml; the schema with the headings comes with the first page only, an assumption that keeps
 * clients honest). `path` is required on the first call (400 40166426 without it) and must be a report
 * the simulator knows (`state.analytics.reports`, else 400 401652 "Path not found"; the code is Alma's
 * documented general error, the text assumed). `limit` 25-1000 (default 25) in bulks of 25; the first
 * answer carries a ResumptionToken, and the same `token` is sent again and again (instead of `path`)
 * until IsFinished is true; an unknown or finished token is refused (400). The rows are the requests sent
 * to a partner and not cancelled, taken once after each reset (Analytics is a daily copy, so a request
 * cancelled since still shows).
 */
const runReport: AlmaRoute = {
  method: 'GET',
  path: '/analytics/reports',
  handler: ({ state, query }) => {
    let byToken = cursors.get(state);
    if (!byToken) cursors.set(state, (byToken = new Map()));
    const token = query.token ?? '';
    let cursor: Cursor;
    let firstToken: string | null = null;
    if (token) {
      const found = byToken.get(token);
      if (!found)
        throw invalidParam('token', `"${token}" is not a resumption token of a running report`);
      cursor = found;
    } else {
      const path = query.path ?? '';
      if (!path) throw invalidParam('path', 'the report path is required');
      const report = state.analytics.reports.find((r) => r.path === path);
      if (!report)
        throw new AlmaApiError(
          400,
          ALMA_CODES.GENERAL_ERROR,
          `General Error: Path not found (${path}).`,
        );
      const limit = integerParam(query, 'limit', BULK, 25, 1000);
      cursor = {
        report,
        rows: rowsOf(state, report),
        pageSize: Math.ceil(limit / BULK) * BULK,
        offset: 0,
        colNames: booleanParam(query, 'col_names', true),
      };
    }
    const first = !token;
    const page = cursor.rows.slice(cursor.offset, cursor.offset + cursor.pageSize);
    cursor.offset += page.length;
    const finished = cursor.offset >= cursor.rows.length;
    if (first && !finished) {
      firstToken = randomBytes(64).toString('hex').toUpperCase();
      byToken.set(firstToken, cursor);
    }
    if (finished) for (const [k, c] of byToken) if (c === cursor) byToken.delete(k);
    // Only the first answer carries the token and the schema (column headings); later pages are rows only.
    return {
      body: {
        anies: [resultXml(cursor.report, page, firstToken, finished, first && cursor.colNames)],
      },
    };
  },
};

/** Analytics routes (bulk reconcile's source of every exported request). */
export const analyticsRoutes: AlmaRoute[] = [runReport];
