/**
 * Which actions the panel offers for one borrowing request, as pure functions of what the app
 * knows about it in Alma and WorldShare. Each action not offered carries a reason code; a few
 * offered actions carry one too, meaning "the click will explain rather than act" (see cleanCancel).
 *
 * Rules (decided here, for the library's borrowing workflow the README describes):
 * - export: offered when `exportBlocks()` finds nothing; reason = the first block's code
 *   ('already-exported', 'status-not-exportable', 'no-title', 'config-incomplete').
 * - Every other action first requires a request that is open in Alma ('alma-closed' when cancelled
 *   or completed) and exported to WorldShare ('not-exported', see isExportedToWorldShare).
 * - renew: also needs the ISO 18626 settings ('config-incomplete'), the WorldShare request read
 *   ('worldshare-not-read'), found ('worldshare-not-found') and not closed ('worldshare-closed';
 *   an unknown status does not stop a renewal, the lender decides), a loan of the item
 *   ('loan-not-read' / 'no-loan'), no renewal waiting for an answer ('renewal-pending') and no
 *   approved renewal still to apply ('renewal-approved').
 * - applyRenewal: needs an approved renewal ('no-approved-renewal') and the loan to write it to
 *   ('loan-not-read' / 'no-loan').
 * - cleanCancel: refused while the patron has the item on loan ('loan-active': cancelling would
 *   orphan the loan; check it in instead). Otherwise offered; it completes only when WorldShare is
 *   closed. Offered with reason 'worldshare-open' (the click explains and offers cancel-at-lender),
 *   'worldshare-unknown-status', 'worldshare-not-found' or 'worldshare-not-read' (the service
 *   re-reads WorldShare on click; Alma is never touched unless the status read then is closed).
 * - cancelAtLender: needs the ISO 18626 settings, no active loan ('loan-active'), and a WorldShare
 *   request read, found and not closed ('worldshare-closed': nothing left to cancel). Offered with
 *   reason 'worldshare-unknown-status' when the status is unknown (staff judge; the lender answers).
 */
import type { AlmaBorrowingRequest, AlmaLoan } from './alma-request';
import { isClosedInAlma, isExportedToWorldShare } from './alma-status';
import { exportBlocks, type ExportBlockCode } from './export-checks';
import { missingForIsoMessages, type InstitutionConfig } from './institution-config';
import type { WorldShareRequestView } from './worldshare-request';
import { classifyWorldShareStatus } from './worldshare-status';

export { isExportedToWorldShare } from './alma-status';

export interface ActionContext {
  request: AlmaBorrowingRequest;
  config: InstitutionConfig;
  /** undefined = not read yet; null = WorldShare has no such request (or the request has no WorldShare id). */
  worldshare: WorldShareRequestView | null | undefined;
  /** The patron's loan of the temporary item (matched by barcode); undefined = not read yet, null = none. */
  loan: AlmaLoan | null | undefined;
  /** A renewal sent to the lender and not answered yet. */
  pendingRenewal: { askedAt: string } | null;
  /** A renewal the lender approved, with its new due date (calendar date), not yet written to Alma. */
  approvedRenewal: { dueDate: string } | null;
}

export type ActionName = 'export' | 'renew' | 'applyRenewal' | 'cleanCancel' | 'cancelAtLender';

/** Reason codes, stable keys for translation. */
export type ActionReason =
  | ExportBlockCode
  | 'config-incomplete'
  | 'alma-closed'
  | 'not-exported'
  | 'worldshare-not-read'
  | 'worldshare-not-found'
  | 'worldshare-open'
  | 'worldshare-closed'
  | 'worldshare-unknown-status'
  | 'loan-not-read'
  | 'no-loan'
  | 'loan-active'
  | 'renewal-pending'
  | 'renewal-approved'
  | 'no-approved-renewal';

export interface ActionAvailability {
  offered: boolean;
  reason?: ActionReason;
}

const offered: ActionAvailability = Object.freeze({ offered: true });
const refused = (reason: ActionReason): ActionAvailability => ({ offered: false, reason });
const offeredWith = (reason: ActionReason): ActionAvailability => ({ offered: true, reason });

/** Every action with whether it is offered and why not (or with what caveat). Never throws. */
export function availableActions(ctx: ActionContext): Record<ActionName, ActionAvailability> {
  return {
    export: exportAvailability(ctx),
    renew: renewAvailability(ctx),
    applyRenewal: applyRenewalAvailability(ctx),
    cleanCancel: cleanCancelAvailability(ctx),
    cancelAtLender: cancelAtLenderAvailability(ctx),
  };
}

function exportAvailability(ctx: ActionContext): ActionAvailability {
  const blocks = exportBlocks(ctx.request, ctx.config);
  const first = blocks[0];
  if (first === undefined) return offered;
  return refused(first.code as ExportBlockCode);
}

/** 'alma-closed' or 'not-exported' when the request is not an open, exported one; else null. */
function exportedAndOpen(ctx: ActionContext): ActionReason | null {
  if (isClosedInAlma(ctx.request)) return 'alma-closed';
  if (!isExportedToWorldShare(ctx.request, ctx.config)) return 'not-exported';
  return null;
}

/** Why WorldShare's side stops an action that needs a live request, or null. */
function worldshareNotLive(ctx: ActionContext): ActionReason | null {
  if (ctx.worldshare === undefined) return 'worldshare-not-read';
  if (ctx.worldshare === null) return 'worldshare-not-found';
  if (classifyWorldShareStatus(ctx.worldshare.requestStatus).phase === 'closed')
    return 'worldshare-closed';
  return null;
}

function renewAvailability(ctx: ActionContext): ActionAvailability {
  const reason =
    exportedAndOpen(ctx) ??
    (missingForIsoMessages(ctx.config).length > 0 ? 'config-incomplete' : null) ??
    worldshareNotLive(ctx) ??
    (ctx.loan === undefined ? 'loan-not-read' : ctx.loan === null ? 'no-loan' : null) ??
    (ctx.pendingRenewal ? 'renewal-pending' : null) ??
    (ctx.approvedRenewal ? 'renewal-approved' : null);
  return reason === null ? offered : refused(reason);
}

function applyRenewalAvailability(ctx: ActionContext): ActionAvailability {
  const reason =
    exportedAndOpen(ctx) ??
    (ctx.approvedRenewal ? null : 'no-approved-renewal') ??
    (ctx.loan === undefined ? 'loan-not-read' : ctx.loan === null ? 'no-loan' : null);
  return reason === null ? offered : refused(reason);
}

function cleanCancelAvailability(ctx: ActionContext): ActionAvailability {
  const reason = exportedAndOpen(ctx) ?? (ctx.loan ? 'loan-active' : null);
  if (reason !== null) return refused(reason);
  if (ctx.worldshare === undefined) return offeredWith('worldshare-not-read');
  if (ctx.worldshare === null) return offeredWith('worldshare-not-found');
  const phase = classifyWorldShareStatus(ctx.worldshare.requestStatus).phase;
  if (phase === 'open') return offeredWith('worldshare-open');
  if (phase === 'unknown') return offeredWith('worldshare-unknown-status');
  return offered;
}

function cancelAtLenderAvailability(ctx: ActionContext): ActionAvailability {
  const reason =
    exportedAndOpen(ctx) ??
    (missingForIsoMessages(ctx.config).length > 0 ? 'config-incomplete' : null) ??
    (ctx.loan ? 'loan-active' : null) ??
    worldshareNotLive(ctx);
  if (reason !== null) return refused(reason);
  const phase = classifyWorldShareStatus(ctx.worldshare?.requestStatus).phase;
  return phase === 'unknown' ? offeredWith('worldshare-unknown-status') : offered;
}

/**
 * True when a clean cancel may go ahead in Alma right now: the request is open in Alma and
 * exported, no loan is active, and the WorldShare status just read is closed. The service calls
 * this with the freshly re-read WorldShare request before touching Alma.
 */
export function cleanCancelMayComplete(ctx: ActionContext): boolean {
  const availability = cleanCancelAvailability(ctx);
  return availability.offered && availability.reason === undefined;
}
