import Papa from 'papaparse';
import { ReconcileGroup, ReconcileReason } from '../domain/reconcile';
import type { ReportGroup, ReportReason } from '../domain/report-reconcile';
import type { CleanCancelOutcome } from '../core/clean-cancel.service';
import { toWorldShareProblem } from '../core/worldshare-problem-error';

/** Where a bulk run's requests came from: the rows Alma shows, or the Analytics report. */
export type BulkSource = 'page' | 'report';

/**
 * The test ids of the bulk views' parts, per source. They are part of the product's interface (e2e
 * and staff scripts select on them), so each source keeps the ids its view always had.
 */
export const BULK_TEST_IDS = {
  page: {
    summary: 'bulk-summary',
    csv: 'bulk-csv',
    list: 'bulk-report',
    row: 'bulk-row',
    detail: 'bulk-row-detail',
    group: 'bulk-group',
    progress: 'bulk-progress',
    stop: 'bulk-stop',
    cancelClosed: 'bulk-cancel-closed',
  },
  report: {
    summary: 'report-summary',
    csv: 'report-csv',
    list: 'report-rows',
    row: 'report-row',
    detail: 'report-row-detail',
    group: 'report-group',
    progress: 'report-progress',
    stop: 'report-stop',
    cancelClosed: 'report-cancel-closed',
  },
} as const satisfies Record<BulkSource, Record<string, string>>;

/** What staff can do to a whole group; each names its confirmation text `bulk.confirm.<action>`. */
export type GroupAction = 'cancelClosed' | 'applyRenewals';

/** What bulk work did with one request. */
export type BulkAction =
  | 'reviewed'
  | 'cancelled'
  | 'renewal-applied'
  | 'left-open'
  | 'on-loan'
  | 'not-done'
  | 'failed'
  | 'skipped';

/**
 * Why a row ended as it did, as a key under `bulk.detail.` in the translation files; the row's
 * `detail` fills its `{{value}}` (a status, a barcode, a reason code, or the other system's message).
 */
export type BulkDetailKey =
  | 'reason'
  | 'worldshareStatus'
  | 'worldshareMissing'
  | 'worldshareFailed'
  | 'almaFailed'
  | 'almaUnreadable'
  | 'notExported'
  | 'noReason'
  | 'loanActive'
  | 'loanCheckFailed'
  | 'loansFailed'
  | 'noLoan'
  | 'nothingToApply'
  | 'dueDate'
  | 'renewalFailed'
  | 'goneFromAlma'
  | 'changedSinceReport'
  | 'alreadyClosed'
  | 'lastActivity';

/** What one bulk action did with one request: its row's action and detail. */
export interface BulkRowResult {
  action: BulkAction;
  detailKey?: BulkDetailKey;
  detail: string;
}

/**
 * A row's detail in the user's language: `translate(key, params)` is the translation service's
 * `instant`. Reports saved by older versions carry no key: their bare text is shown.
 */
export function bulkDetailText(
  row: Pick<BulkRow, 'detail' | 'detailKey'>,
  translate: (key: string, params: object) => string,
): string {
  return row.detailKey
    ? translate(`bulk.detail.${row.detailKey}`, { value: row.detail })
    : row.detail;
}

/** One line of a bulk reconcile report (screen and CSV). */
export interface BulkRow {
  almaRequestId: string;
  userId: string;
  title: string;
  almaStatus: string;
  worldShareRequestId: string;
  worldShareStatus: string;
  /** The page's groups, or the Analytics report's (which add 'stale'). */
  group: ReconcileGroup | ReportGroup | 'unreadable';
  reason: ReconcileReason | ReportReason | '';
  action: BulkAction;
  /** The value the detail speaks of (status, barcode, reason code, the other system's message); '' when none. */
  detail: string;
  /** How the detail is worded (key under `bulk.detail.`); absent in reports saved by older versions. */
  detailKey?: BulkDetailKey;
}

/** A bulk run as kept in the Cloud App store: survives a closed sidebar. Times are ISO date-times. */
export interface BulkReport {
  startedAt: string;
  finishedAt: string | null;
  stopped: boolean;
  rows: BulkRow[];
}

const COLUMNS: (keyof BulkRow)[] = [
  'almaRequestId',
  'userId',
  'title',
  'almaStatus',
  'worldShareRequestId',
  'worldShareStatus',
  'group',
  'reason',
  'action',
  'detail',
];

/**
 * The report as CSV (RFC 4180, comma separated, a header row, every field quoted), with a UTF-8
 * byte-order mark so spreadsheet programs read diacritics correctly. Cells that a spreadsheet would
 * run as a formula (=, +, -, @ first) are prefixed with an apostrophe. `describe` words the detail
 * column (the screen passes its translation; by default the bare value).
 */
export function reportToCsv(
  report: BulkReport,
  describe: (row: BulkRow) => string = (row) => row.detail,
): string {
  const rows = report.rows.map((r) =>
    COLUMNS.map((c) => defuse(c === 'detail' ? describe(r) : String(r[c] ?? ''))),
  );
  return (
    '\ufeff' +
    Papa.unparse({ fields: COLUMNS as string[], data: rows }, { quotes: true, newline: '\r\n' })
  );
}

function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Counts per action, for the progress line and the summary. */
export function countActions(rows: readonly BulkRow[]): Record<BulkAction, number> {
  const counts: Record<BulkAction, number> = {
    reviewed: 0,
    cancelled: 0,
    'renewal-applied': 0,
    'left-open': 0,
    'on-loan': 0,
    'not-done': 0,
    failed: 0,
    skipped: 0,
  };
  for (const r of rows) if (r.action in counts) counts[r.action]++;
  return counts;
}

/**
 * How many reviewed requests fall in each group, for the group headings and the group actions:
 * every group of `groups` (0 when none) and 'unreadable' for requests without a verdict.
 */
export function countGroups<G extends string>(
  reviewed: readonly { verdict: { group: G } | null }[],
  groups: readonly G[],
): Record<G | 'unreadable', number> {
  const counts = {} as Record<G | 'unreadable', number>;
  for (const g of [...groups, 'unreadable' as const]) counts[g] = 0;
  for (const r of reviewed) {
    const g = r.verdict?.group ?? 'unreadable';
    counts[g] = (counts[g] ?? 0) + 1;
  }
  return counts;
}

/** Reads a stored report, dropping anything malformed (older versions, damaged values). */
export function readStoredReport(raw: unknown): BulkReport | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<BulkReport>;
  if (typeof r.startedAt !== 'string' || !Array.isArray(r.rows)) return null;
  const rows = r.rows.filter(
    (x): x is BulkRow =>
      !!x &&
      typeof x === 'object' &&
      typeof (x as BulkRow).almaRequestId === 'string' &&
      typeof (x as BulkRow).action === 'string',
  );
  return {
    startedAt: r.startedAt,
    finishedAt: typeof r.finishedAt === 'string' ? r.finishedAt : null,
    stopped: !!r.stopped,
    rows,
  };
}

/** The detail of a row whose WorldShare (or proxy) call failed: OCLC's detail, else the problem code. */
export function worldShareProblemDetail(e: unknown): string {
  const p = toWorldShareProblem(e);
  return p.detail ?? p.code;
}

/** The row for how one clean cancel ended (page bulk and report bulk alike). */
export function cancelOutcomeRow(o: CleanCancelOutcome): BulkRowResult {
  switch (o.kind) {
    case 'cancelled':
      return { action: 'cancelled', detailKey: 'reason', detail: o.reasonCode };
    case 'worldshare-open':
      return {
        action: 'left-open',
        detailKey: 'worldshareStatus',
        detail: o.worldShare.requestStatus,
      };
    case 'worldshare-missing':
      return { action: 'left-open', detailKey: 'worldshareMissing', detail: o.worldShareRequestId };
    case 'loan-active':
      return { action: 'on-loan', detailKey: 'loanActive', detail: o.barcode };
    case 'loan-check-failed':
      return {
        action: 'failed',
        detailKey: 'loanCheckFailed',
        detail: o.problem.almaMessage ?? o.problem.kind,
      };
    case 'not-exported':
      return { action: 'skipped', detailKey: 'notExported', detail: '' };
    case 'no-reason-configured':
      return { action: 'failed', detailKey: 'noReason', detail: '' };
    case 'worldshare-failed':
      return {
        action: 'failed',
        detailKey: 'worldshareFailed',
        detail: o.problem.detail ?? o.problem.code,
      };
    case 'alma-failed':
      return {
        action: 'failed',
        detailKey: 'almaFailed',
        detail: o.problem.almaMessage ?? o.problem.kind,
      };
  }
}
