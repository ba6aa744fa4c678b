import type { WorldShareRequest } from '../state.js';
import { addCalendarDays, isoDateTime, lenderDueDateTime, toIsoDateTime } from './dates.js';
import type { OclcInstitution } from './institutions.js';
import { requestStatusForIsoStatus, toIsoStatus } from './iso18626-status.js';
import {
  buildRequestingAgencyMessageConfirmation,
  buildSupplyingAgencyMessage,
  parseIsoMessage,
  type IsoHeader,
} from './iso18626-xml.js';
import { lenderHeaderIds } from './lender-header.js';

/** Days a lender grants when told to approve a renewal without a date (assumed: a common ILL loan period). */
const DEFAULT_RENEWAL_DAYS = 28;

/** Milliseconds between the confirmation and the pushed answer when `lender.delayMs` is not set. */
export const DEFAULT_LENDER_DELAY_MS = 1000;

/** What the fake lender does with one requestingAgencyMessage. */
export interface LenderReaction {
  /** The HTTP reply: always only a requestingAgencyMessageConfirmation (ISO 18626). */
  confirmation: string;
  /**
   * Builds the answer to push to the borrower's requester endpoint after `delayMs`, or undefined
   * when the lender stays silent. Runs when the delay is over: approving or cancelling changes the
   * WorldShare request then, as a lender acts when it answers.
   */
  answer?: () => string;
  delayMs: number;
}

/**
 * The fake lender's reaction to one schema-valid `requestingAgencyMessage` about `request` from
 * `borrower`, driven by `request.lender` (`{renewal, newDueDate, cancel, delayMs}`, set through
 * `/__sim/reset`). `now` gives epoch milliseconds.
 *
 * - Renew: confirmation OK; after the delay, approve -> the request's `dueDate` becomes `newDueDate`
 *   (or 28 days later) and a RenewResponse Y (status Loaned, the new dueDate) is pushed;
 *   deny -> RenewResponse N with the unchanged due date; none/unset -> nothing is pushed.
 * - Cancel: confirmation OK; after the delay, accept -> status CANCELLED and CancelResponse Y
 *   (Cancelled); refuse -> CancelResponse N with the current status; unset -> nothing.
 * - StatusRequest: confirmation OK; after the delay a StatusRequestResponse with the current status,
 *   lastChange and dueDate.
 * - Any other action: confirmation OK, nothing is pushed.
 * - `lender.confirmError` set: an ERROR confirmation (errorData as given, or none) and nothing pushed.
 */
export function reactToRequestingAgencyMessage(
  request: WorldShareRequest,
  header: IsoHeader,
  action: string,
  borrower: Pick<OclcInstitution, 'symbol'>,
  now: () => number,
): LenderReaction {
  const delayMs = request.lender?.delayMs ?? DEFAULT_LENDER_DELAY_MS;
  const refusal = request.lender?.confirmError;
  if (refusal) {
    const confirmation = buildRequestingAgencyMessageConfirmation({
      confirmed: header,
      timestamp: isoDateTime(now()),
      timestampReceived: header.timestamp,
      messageStatus: 'ERROR',
      action,
      error: refusal.errorType ? { type: refusal.errorType, value: refusal.errorValue } : undefined,
    });
    return { confirmation, delayMs };
  }
  const reaction: LenderReaction = { confirmation: confirmation(header, action, now()), delayMs };
  const renewal = request.lender?.renewal ?? 'none';
  const cancel = request.lender?.cancel;
  if (action === 'Renew' && renewal !== 'none')
    reaction.answer = () => renewAnswer(request, renewal, borrower, now());
  else if (action === 'Cancel' && cancel)
    reaction.answer = () => cancelAnswer(request, cancel, borrower, now());
  else if (action === 'StatusRequest')
    reaction.answer = () => statusAnswer(request, borrower, now());
  return reaction;
}

/** When the request last changed, as an xs:dateTime: its lastChange, else its creation, else now. */
function lastChange(request: WorldShareRequest, now: number): string {
  return toIsoDateTime(request.lastChange) ?? toIsoDateTime(request.created) ?? isoDateTime(now);
}

function confirmation(header: IsoHeader, action: string, now: number): string {
  return buildRequestingAgencyMessageConfirmation({
    confirmed: header,
    timestamp: isoDateTime(now),
    timestampReceived: header.timestamp,
    messageStatus: 'OK',
    action,
  });
}

function headerFor(
  request: WorldShareRequest,
  borrower: Pick<OclcInstitution, 'symbol'>,
  now: number,
): IsoHeader {
  return {
    ...lenderHeaderIds(request, borrower),
    multipleItemRequestId: '',
    timestamp: isoDateTime(now),
  };
}

function renewAnswer(
  request: WorldShareRequest,
  renewal: 'approve' | 'deny',
  borrower: Pick<OclcInstitution, 'symbol'>,
  now: number,
): string {
  if (renewal === 'approve') {
    request.dueDate =
      request.lender?.newDueDate ??
      addCalendarDays(request.dueDate ?? isoDateTime(now), DEFAULT_RENEWAL_DAYS);
    request.lastChange = isoDateTime(now);
  }
  return buildSupplyingAgencyMessage({
    inReplyTo: headerFor(request, borrower, now),
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'RenewResponse',
    answerYesNo: renewal === 'approve' ? 'Y' : 'N',
    status: renewal === 'approve' ? 'Loaned' : toIsoStatus(request.requestStatus),
    dueDate: request.dueDate ? lenderDueDateTime(request.dueDate) : undefined,
    lastChange: lastChange(request, now),
  });
}

function cancelAnswer(
  request: WorldShareRequest,
  cancel: 'accept' | 'refuse',
  borrower: Pick<OclcInstitution, 'symbol'>,
  now: number,
): string {
  if (cancel === 'accept') {
    request.requestStatus = 'CANCELLED';
    request.lastChange = isoDateTime(now);
  }
  return buildSupplyingAgencyMessage({
    inReplyTo: headerFor(request, borrower, now),
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'CancelResponse',
    answerYesNo: cancel === 'accept' ? 'Y' : 'N',
    status: toIsoStatus(request.requestStatus),
    dueDate:
      cancel === 'accept' || !request.dueDate ? undefined : lenderDueDateTime(request.dueDate),
    lastChange: lastChange(request, now),
  });
}

function statusAnswer(
  request: WorldShareRequest,
  borrower: Pick<OclcInstitution, 'symbol'>,
  now: number,
): string {
  return buildSupplyingAgencyMessage({
    inReplyTo: headerFor(request, borrower, now),
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'StatusRequestResponse',
    status: toIsoStatus(request.requestStatus),
    dueDate: request.dueDate ? lenderDueDateTime(request.dueDate) : undefined,
    lastChange: lastChange(request, now),
  });
}

/**
 * Keeps the WorldShare side coherent with a message pushed through `POST /__sim/lender/send`, so a
 * read of the request afterwards agrees with what the lender said. A message whose answerYesNo is
 * N changes nothing (a refused cancel may still say Cancelled, and must not cancel). Otherwise its
 * status, when it names one the fake maps (iso18626-status.ts), becomes the request's status, and
 * its dueDate the request's due date. Text that is not a supplyingAgencyMessage changes nothing.
 */
export function applyPushedMessage(request: WorldShareRequest, xml: string, now: number): void {
  const message = parseIsoMessage(xml);
  if (message?.kind !== 'supplyingAgencyMessage' || message.answerYesNo === 'N') return;
  const status = message.status ? requestStatusForIsoStatus(message.status) : undefined;
  if (status === undefined && !message.dueDate) return;
  if (status !== undefined) request.requestStatus = status;
  if (message.dueDate) request.dueDate = message.dueDate;
  request.lastChange = isoDateTime(now);
}
