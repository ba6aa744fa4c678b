import Papa from 'papaparse';
import { ReconcileGroup, ReconcileReason } from '../domain/reconcile';
import type { ReportGroup, ReportReason } from '../domain/report-reconcile';

/** What bulk work did with one request. */
export type BulkAction = 'reviewed' | 'cancelled' | 'renewal-applied' | 'left-open' | 'not-done' | 'failed' | 'skipped';

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
  /** Plain-text error or note; '' when none. */
  detail: string;
}

/** A bulk run as kept in the Cloud App store: survives a closed sidebar. Times are ISO date-times. */
export interface BulkReport {
  startedAt: string;
  finishedAt: string | null;
  stopped: boolean;
  rows: BulkRow[];
}

const COLUMNS: (keyof BulkRow)[] = ['almaRequestId', 'userId', 'title', 'almaStatus', 'worldShareRequestId', 'worldShareStatus', 'group', 'reason', 'action', 'detail'];

/**
 * The report as CSV (RFC 4180, comma separated, a header row, every field quoted), with a UTF-8
 * byte-order mark so spreadsheet programs read diacritics correctly. Cells that a spreadsheet would
 * run as a formula (=, +, -, @ first) are prefixed with an apostrophe.
 */
export function reportToCsv(report: BulkReport): string {
  const rows = report.rows.map((r) => COLUMNS.map((c) => defuse(String(r[c] ?? ''))));
  return '\ufeff' + Papa.unparse({ fields: COLUMNS as string[], data: rows }, { quotes: true, newline: '\r\n' });
}

function defuse(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Counts per action, for the progress line and the summary. */
export function countActions(rows: readonly BulkRow[]): Record<BulkAction, number> {
  const counts: Record<BulkAction, number> = { reviewed: 0, cancelled: 0, 'renewal-applied': 0, 'left-open': 0, 'not-done': 0, failed: 0, skipped: 0 };
  for (const r of rows) counts[r.action]++;
  return counts;
}

/** Reads a stored report, dropping anything malformed (older versions, damaged values). */
export function readStoredReport(raw: unknown): BulkReport | null {
  if (!raw || typeof raw !== 'object') return null;
  const r = raw as Partial<BulkReport>;
  if (typeof r.startedAt !== 'string' || !Array.isArray(r.rows)) return null;
  const rows = r.rows.filter((x): x is BulkRow => !!x && typeof x === 'object' && typeof (x as BulkRow).almaRequestId === 'string' && typeof (x as BulkRow).action === 'string');
  return { startedAt: r.startedAt, finishedAt: typeof r.finishedAt === 'string' ? r.finishedAt : null, stopped: !!r.stopped, rows };
}
