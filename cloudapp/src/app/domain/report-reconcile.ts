/**
 * Bulk reconcile from an Analytics report: which report rows are exported requests to review, which
 * group each falls in from the lender's side (the proxy store's lender state, or a WorldShare read in
 * hosted-proxy mode), which are stale, and how old the report's data is. Nothing here changes
 * anything: every action re-reads the request from Alma first (the report is at most a day old).
 */
import type { ReportRow } from './analytics-columns';
import type { InstitutionConfig } from './institution-config';
import type { LenderState } from './lender-message';
import type { WorldShareRequestView } from './worldshare-request';
import { classifyWorldShareStatus } from './worldshare-status';

/** Groups of report-sourced bulk work, in display order. */
export type ReportGroup = 'closed' | 'stale' | 'drift' | 'active';
export const REPORT_GROUPS: readonly ReportGroup[] = Object.freeze([
  'closed',
  'stale',
  'drift',
  'active',
]);

export type ReportReason =
  | 'worldshare-closed'
  | 'worldshare-open'
  | 'worldshare-unknown-status'
  | 'worldshare-missing'
  | 'no-lender-news'
  | 'stale';

export interface ReportVerdict {
  group: ReportGroup;
  reason: ReportReason;
  /** Last sign of life (ISO date or date-time), from the report's last-modified date and the lender's messages; '' when none. */
  lastActivity: string;
}

/**
 * Alma statuses (code or description, as Analytics shows them) after which a request is over:
 * cancelled, rejected, completed, deleted. Assumed from Alma's borrowing workflow step names.
 */
const OVER = /CANCEL|REJECT|COMPLETE|DELETED/;

/** True when the row is a request exported to WorldShare and still live in Alma (by the report). */
export function isExportedReportRow(row: ReportRow, config: InstitutionConfig): boolean {
  const code = config.almaPartnerCode.trim().toUpperCase();
  if (!code || row.partnerCode.trim().toUpperCase() !== code) return false;
  if (!row.externalId.trim() || !row.userId.trim()) return false;
  return !OVER.test(row.status.toUpperCase());
}

/** Epoch ms of an Analytics or ISO date / date-time text; NaN when unreadable. 'YYYY-MM-DD' reads as UTC midnight. */
export function timeOf(text: string | null | undefined): number {
  if (!text) return NaN;
  const t = text.trim();
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?(Z|[+-]\d{2}:?\d{2})?/.exec(t);
  if (!m) return NaN;
  const iso = `${m[1]}T${m[2] ?? '00:00:00'}${m[3] ?? 'Z'}`;
  return Date.parse(iso);
}

/** The latest of the given dates, as the text it was given in; '' when none is readable. */
function latest(...texts: (string | null | undefined)[]): string {
  let best = '';
  let bestT = -Infinity;
  for (const t of texts) {
    const v = timeOf(t);
    if (!Number.isNaN(v) && v > bestT) {
      bestT = v;
      best = t!.trim();
    }
  }
  return best;
}

export interface ReportVerdictInput {
  row: ReportRow;
  config: InstitutionConfig;
  /**
   * The lender's side: a LenderState from the proxy store (own proxy; undefined = no message stored),
   * or a WorldShare read (hosted proxy; null = WorldShare has no such request).
   */
  lender:
    | { kind: 'state'; state: LenderState | undefined }
    | { kind: 'worldshare'; view: WorldShareRequestView | null };
  /** Epoch ms "now". */
  now: number;
}

/**
 * Decides one exported request's group. Never throws. Closed only on a status the app knows to be
 * closed; an unknown status is drift. Stale: no lender message and no status change for
 * `config.staleAfterDays` days (the last activity is the report's last-modified date and the lender's
 * latest message); a request with no dates at all is not called stale.
 */
export function reportVerdict(input: ReportVerdictInput): ReportVerdict {
  const { row, config, lender, now } = input;
  let status: string | null;
  let lastActivity: string;
  if (lender.kind === 'state') {
    status = lender.state?.status ?? null;
    lastActivity = latest(
      row.lastModified,
      lender.state?.lastReceivedAt,
      ...(lender.state?.messages ?? []).map((m) => m.lastChange),
    );
  } else {
    if (lender.view === null)
      return {
        group: 'drift',
        reason: 'worldshare-missing',
        lastActivity: latest(row.lastModified),
      };
    status = lender.view.requestStatus;
    lastActivity = latest(row.lastModified);
  }
  if (status) {
    const { phase } = classifyWorldShareStatus(status);
    if (phase === 'closed') return { group: 'closed', reason: 'worldshare-closed', lastActivity };
    if (phase === 'unknown')
      return { group: 'drift', reason: 'worldshare-unknown-status', lastActivity };
  }
  const last = timeOf(lastActivity);
  if (!Number.isNaN(last) && now - last >= config.staleAfterDays * 86_400_000)
    return { group: 'stale', reason: 'stale', lastActivity };
  return { group: 'active', reason: status ? 'worldshare-open' : 'no-lender-news', lastActivity };
}

/**
 * How old the report's data may be. Analytics is refreshed once a day, so the data is up to a day
 * older than the moment it was read; when the report has a last-modified column, its newest date is
 * the latest change the data is known to include.
 */
export interface ReportAge {
  /** ISO date-time the report was read. */
  readAt: string;
  /** Newest last-modified date in the report ('' when the report has none). */
  newestChange: string;
  /** Whole hours between the newest change and the read; null without a newest change. */
  hoursSinceNewestChange: number | null;
}

export function reportAge(rows: readonly ReportRow[], readAt: number): ReportAge {
  const newest = latest(...rows.map((r) => r.lastModified));
  const t = timeOf(newest);
  return {
    readAt: new Date(readAt).toISOString(),
    newestChange: newest,
    hoursSinceNewestChange: Number.isNaN(t)
      ? null
      : Math.max(0, Math.floor((readAt - t) / 3_600_000)),
  };
}

/** The lender state as the WorldShare view clean cancel takes (status only; dates are not needed to cancel). */
export function viewOfLenderState(state: LenderState): WorldShareRequestView | null {
  return state.status
    ? { requestId: state.worldShareRequestId, requestStatus: state.status }
    : null;
}
