/**
 * Whether a WorldShare request is still open. WorldShare ILL statuses (ILL Request API
 * `requestStatus`, e.g. SUBMITTING, PENDING, SHIPPED) and ISO 18626 `statusInfo/status` values
 * (type_status in contracts/iso18626/ISO-18626-v1_2.xsd, e.g. Loaned, LoanCompleted) are both
 * understood. The WorldShare list is assumed from OCLC's staff documentation; no published schema
 * enumerates it, so anything not listed is 'unknown' and every rule treats unknown as NOT closed:
 * the app never cancels in Alma on a status it does not know.
 */

export type WorldShareStatusPhase = 'open' | 'closed' | 'unknown';

export interface WorldShareStatusClass {
  phase: WorldShareStatusPhase;
  /** Upper case with words joined by '_': 'in process' / 'InProcess' / 'IN-PROCESS' -> 'IN_PROCESS'; '' when none. */
  normalized: string;
}

/** Compared with words run together, so 'RENEW_PENDING', 'Renew pending' and 'RenewPending' match. */
const CLOSED = new Set([
  'CANCELLED',
  'CANCELED',
  'UNFILLED',
  'NOTSUPPLIED',
  'EXPIRED',
  'RETURNED',
  'CLOSED',
  'COMPLETED',
  'COMPLETE',
  'LOANCOMPLETED',
  'COPYCOMPLETED',
  'COMPLETEDWITHOUTRETURN',
]);

const OPEN = new Set([
  'SUBMITTING',
  'SUBMITTED',
  'NEW',
  'PENDING',
  'INPROCESS',
  'CONDITIONAL',
  'SHIPPED',
  'INTRANSIT',
  'LOANED',
  'RECEIVED',
  'RECALLED',
  'OVERDUE',
  'RENEWPENDING',
  'RENEWED',
  'RENEWALREQUESTED',
  // ISO 18626 type_status
  'REQUESTRECEIVED',
  'EXPECTTOSUPPLY',
  'WILLSUPPLY',
  'RETRYPOSSIBLE',
]);

/** 'InProcess', 'in process', 'IN-PROCESS' -> 'IN_PROCESS'. */
export function normalizeWorldShareStatus(status: string | null | undefined): string {
  if (typeof status !== 'string') return '';
  return status
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[\s_-]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
}

/**
 * Classifies a WorldShare or ISO 18626 status, case-insensitive and tolerant of '_', '-' and spaces.
 * closed: cancelled, unfilled, expired, returned, closed, completed, and ISO Cancelled, Unfilled,
 * LoanCompleted, CopyCompleted, CompletedWithoutReturn.
 * open: submitting, pending, in process, conditional, shipped, loaned, received, recalled, overdue,
 * renew pending, and ISO RequestReceived, ExpectToSupply, WillSupply, RetryPossible.
 * anything else, empty or missing: unknown.
 */
export function classifyWorldShareStatus(
  requestStatus: string | null | undefined,
): WorldShareStatusClass {
  const normalized = normalizeWorldShareStatus(requestStatus);
  const key = normalized.replace(/_/g, '');
  if (CLOSED.has(key)) return { phase: 'closed', normalized };
  if (OPEN.has(key)) return { phase: 'open', normalized };
  return { phase: 'unknown', normalized };
}
