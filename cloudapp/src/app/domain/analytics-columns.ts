/**
 * Which column of the administrator's Analytics report holds what. The report lists the borrowing
 * requests exported to WorldShare ("Resource Sharing Borrowing Requests" subject area); the help page
 * names its columns. Columns are found by their headings when the answer carries the schema
 * (`col_names=true`), else by the configured order over `Column1`, `Column2`, ... (`Column0` is the
 * hidden leading column every Analytics answer has; assumed from every published sample).
 * The heading names are assumed (the Analytics field names as the UI shows them, with common
 * variants); docs/contracts.md, "Alma Analytics reports".
 */
import type { AnalyticsPage } from './analytics-report';

export type AnalyticsField =
  | 'requestId'
  | 'userId'
  | 'externalId'
  | 'partnerCode'
  | 'status'
  | 'lastModified';

/** Every field, in the help page's order; `lastModified` is optional. */
export const ANALYTICS_FIELDS: readonly AnalyticsField[] = Object.freeze([
  'requestId',
  'userId',
  'externalId',
  'partnerCode',
  'status',
  'lastModified',
]);
export const REQUIRED_ANALYTICS_FIELDS: readonly AnalyticsField[] = Object.freeze([
  'requestId',
  'userId',
  'externalId',
  'partnerCode',
  'status',
]);

/** Headings that name each field (compared without case, spaces or punctuation). Assumed. */
const HEADINGS: Record<AnalyticsField, string[]> = {
  requestId: [
    'Request ID',
    'Request Identifier',
    'Alma Request ID',
    'Borrowing Request ID',
    'Internal ID',
    'Internal Identifier',
  ],
  userId: [
    'Primary Identifier',
    'Requester Primary Identifier',
    'User Primary Identifier',
    'Requester ID',
    'User ID',
    'Patron ID',
  ],
  externalId: [
    'External Identifier',
    'External ID',
    'External Request ID',
    'Partner Request ID',
    'WorldShare ID',
    'WorldShare Request ID',
  ],
  partnerCode: ['Partner Code', 'Lending Partner Code', 'Partner'],
  status: ['Request Status', 'Status', 'Borrowing Request Status'],
  lastModified: [
    'Last Modified Date',
    'Modification Date',
    'Last Modified',
    'Request Modification Date',
    'Status Date',
    'Last Status Date',
  ],
};

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const BY_HEADING = new Map<string, AnalyticsField>();
for (const f of ANALYTICS_FIELDS) for (const h of HEADINGS[f]) BY_HEADING.set(squash(h), f);

/** The field a heading names, or null. 'Borrowing Requests.Request ID' reads as its last part too. */
export function fieldOfHeading(heading: string): AnalyticsField | null {
  const whole = BY_HEADING.get(squash(heading));
  if (whole) return whole;
  const last = heading.split('.').pop() ?? '';
  return BY_HEADING.get(squash(last)) ?? null;
}

/** Column element name of each field found. */
export type ColumnMap = Partial<Record<AnalyticsField, string>>;

export interface ColumnMapping {
  columns: ColumnMap;
  /** How the columns were found. */
  by: 'headings' | 'order';
  /** Required fields without a column (empty = the report can be used). */
  missing: AnalyticsField[];
}

/**
 * Parses the configured column order ('requestId,userId,externalId,...'); unknown names are ignored,
 * each field counted once.
 */
export function parseColumnOrder(order: string): AnalyticsField[] {
  const out: AnalyticsField[] = [];
  for (const part of order.split(/[\s,;]+/)) {
    const f = ANALYTICS_FIELDS.find((x) => x.toLowerCase() === part.trim().toLowerCase());
    if (f && !out.includes(f)) out.push(f);
  }
  return out;
}

/**
 * Finds each field's column: by heading when the page has headings, else by `columnOrder` over
 * Column1, Column2, ... of the page. The first column with a field's heading wins.
 */
export function mapAnalyticsColumns(
  page: Pick<AnalyticsPage, 'headings' | 'columns'>,
  columnOrder: string,
): ColumnMapping {
  const columns: ColumnMap = {};
  let by: ColumnMapping['by'];
  if (page.headings.size > 0) {
    by = 'headings';
    for (const name of page.columns) {
      const heading = page.headings.get(name);
      const f = heading === undefined ? null : fieldOfHeading(heading);
      if (f && !columns[f]) columns[f] = name;
    }
  } else {
    by = 'order';
    const available = new Set(page.columns);
    parseColumnOrder(columnOrder).forEach((f, i) => {
      const name = `Column${i + 1}`;
      if (available.size === 0 || available.has(name)) columns[f] = name;
    });
  }
  return { columns, by, missing: REQUIRED_ANALYTICS_FIELDS.filter((f) => !columns[f]) };
}

/** One exported borrowing request as the report lists it. Text as Analytics gave it, trimmed. */
export interface ReportRow {
  requestId: string;
  userId: string;
  externalId: string;
  partnerCode: string;
  status: string;
  /** As Analytics wrote it (often 'YYYY-MM-DD' or 'YYYY-MM-DDThh:mm:ss'); '' when the report has no such column. */
  lastModified: string;
}

/** The page's rows as ReportRows (rows without a request id are skipped). */
export function reportRowsOf(page: Pick<AnalyticsPage, 'rows'>, columns: ColumnMap): ReportRow[] {
  const cell = (row: Record<string, string>, f: AnalyticsField) =>
    columns[f] ? (row[columns[f]!] ?? '').trim() : '';
  const out: ReportRow[] = [];
  for (const row of page.rows) {
    const requestId = cell(row, 'requestId');
    if (!requestId) continue;
    out.push({
      requestId,
      userId: cell(row, 'userId'),
      externalId: cell(row, 'externalId'),
      partnerCode: cell(row, 'partnerCode'),
      status: cell(row, 'status'),
      lastModified: cell(row, 'lastModified'),
    });
  }
  return out;
}
