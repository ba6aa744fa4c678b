/**
 * Sorting exported borrowing requests for bulk reconcile: which ones are closed in WorldShare and
 * safe to clean-cancel, which have a renewal answer waiting, which are still active, which show
 * the two systems disagreeing (drift) and which were never exported.
 */
import type { AlmaBorrowingRequest } from './alma-request';
import { almaStatusOf, isClosedInAlma, isExportedToWorldShare } from './alma-status';
import type { InstitutionConfig } from './institution-config';
import type { WorldShareRequestView } from './worldshare-request';
import { classifyWorldShareStatus, normalizeWorldShareStatus } from './worldshare-status';

export type ReconcileGroup = 'closed' | 'renewal-answered' | 'active' | 'drift' | 'not-exported';

/** Why a request landed in its group; stable keys for translation. */
export type ReconcileReason =
  | 'worldshare-closed'
  | 'renewal-approved'
  | 'renewal-denied'
  | 'worldshare-open'
  | 'worldshare-missing'
  | 'worldshare-unknown-status'
  | 'worldshare-ahead-of-alma'
  | 'alma-closed'
  | 'not-exported';

export interface ReconcileInput {
  request: AlmaBorrowingRequest;
  config: InstitutionConfig;
  /** WorldShare's view; null when WorldShare has no request with the stored id. */
  worldshare: WorldShareRequestView | null;
  /** A lender's renewal answer remembered and not yet applied or dismissed. */
  renewalAnswer: { approved: boolean } | null;
  /** The lender's latest stored message closes the request (Unfilled, LoanCompleted, Cancelled); own proxy only. */
  lenderClosed?: boolean;
}

export interface ReconcileVerdict {
  group: ReconcileGroup;
  reason: ReconcileReason;
}

/**
 * WorldShare statuses meaning the lender has sent the item or the patron has it; while Alma still
 * says only "Request sent to partner", staff have a receipt to record (assumed status names).
 */
const SUPPLIED = new Set([
  'SHIPPED',
  'IN_TRANSIT',
  'LOANED',
  'RECEIVED',
  'OVERDUE',
  'RECALLED',
  'RENEWED',
]);

/** Alma statuses that mean "sent, nothing received yet" (documented borrowing workflow step codes). */
const SENT_ONLY = new Set(['REQUEST_SENT', 'SENT']);

/** Decides one request's group. Never throws; anything unclear goes to drift, never to closed. */
export function reconcileVerdict(input: ReconcileInput): ReconcileVerdict {
  const { request, config, worldshare } = input;
  if (!isExportedToWorldShare(request, config))
    return { group: 'not-exported', reason: 'not-exported' };
  if (isClosedInAlma(request)) return { group: 'not-exported', reason: 'alma-closed' };
  if (worldshare === null) return { group: 'drift', reason: 'worldshare-missing' };
  if (input.renewalAnswer) {
    return {
      group: 'renewal-answered',
      reason: input.renewalAnswer.approved ? 'renewal-approved' : 'renewal-denied',
    };
  }
  const { phase } = classifyWorldShareStatus(worldshare.requestStatus);
  if (phase === 'closed' || input.lenderClosed)
    return { group: 'closed', reason: 'worldshare-closed' };
  if (phase === 'unknown') return { group: 'drift', reason: 'worldshare-unknown-status' };
  if (
    SUPPLIED.has(normalizeWorldShareStatus(worldshare.requestStatus)) &&
    SENT_ONLY.has(almaStatusOf(request))
  ) {
    return { group: 'drift', reason: 'worldshare-ahead-of-alma' };
  }
  return { group: 'active', reason: 'worldshare-open' };
}

/** Display order of the groups: what staff can act on first. */
export const RECONCILE_GROUPS: readonly ReconcileGroup[] = Object.freeze([
  'closed',
  'renewal-answered',
  'drift',
  'active',
  'not-exported',
]);
