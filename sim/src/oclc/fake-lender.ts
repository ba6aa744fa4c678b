import type { WorldShareRequest } from '../state.js';
import { addCalendarDays, isoDateTime, lenderDueDateTime, toIsoDateTime } from './dates.js';
import { toIsoStatus } from './iso18626-status.js';
import { buildRequestingAgencyMessageConfirmation, buildSupplyingAgencyMessage, parseIsoMessage, type IsoHeader } from './iso18626-xml.js';

/** Days a lender grants when told to approve a renewal without a date (assumed: a common ILL loan period). */
const DEFAULT_RENEWAL_DAYS = 28;

/**
 * The fake lender's answer to one schema-valid `requestingAgencyMessage` about `request`, driven by
 * `request.lender` (`{renewal, newDueDate, cancel, raw}`, set through `/__sim/reset`). Mutates the
 * request and returns the XML to send back. `now` is epoch milliseconds.
 *
 * - Renew: confirmation OK. approve -> the request's `dueDate` becomes `newDueDate` (or 28 days
 *   later when none is given) and a RenewResponse Y (status Loaned, the new dueDate) waits;
 *   deny -> RenewResponse N with the unchanged due date waits; none/unset -> nothing waits.
 * - Cancel: confirmation OK. accept -> status CANCELLED and CancelResponse Y (Cancelled) waits;
 *   refuse -> CancelResponse N with the current status waits; unset -> nothing waits.
 * - StatusRequest: answered directly with a supplyingAgencyMessage: `lender.raw` verbatim if set
 *   (then cleared), else the waiting answer (then cleared), else a StatusRequestResponse with the
 *   current status, lastChange and dueDate.
 * - Any other action: confirmation OK, nothing changes.
 */
export function answerRequestingAgencyMessage(request: WorldShareRequest, header: IsoHeader, action: string, now: number): string {
  switch (action) {
    case 'Renew':
      request.pendingAnswer = renewAnswer(request, header, now) ?? request.pendingAnswer;
      return confirmation(header, action, now);
    case 'Cancel':
      request.pendingAnswer = cancelAnswer(request, header, now) ?? request.pendingAnswer;
      return confirmation(header, action, now);
    case 'StatusRequest':
      return statusAnswer(request, header, now);
    default:
      return confirmation(header, action, now);
  }
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

function renewAnswer(request: WorldShareRequest, header: IsoHeader, now: number): string | undefined {
  const renewal = request.lender?.renewal ?? 'none';
  if (renewal === 'none') return undefined;
  if (renewal === 'approve') {
    request.dueDate = request.lender?.newDueDate ?? addCalendarDays(request.dueDate ?? isoDateTime(now), DEFAULT_RENEWAL_DAYS);
    request.lastChange = isoDateTime(now);
  }
  return buildSupplyingAgencyMessage({
    inReplyTo: header,
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'RenewResponse',
    answerYesNo: renewal === 'approve' ? 'Y' : 'N',
    status: renewal === 'approve' ? 'Loaned' : toIsoStatus(request.requestStatus),
    dueDate: request.dueDate ? lenderDueDateTime(request.dueDate) : undefined,
    lastChange: lastChange(request, now),
  });
}

function cancelAnswer(request: WorldShareRequest, header: IsoHeader, now: number): string | undefined {
  const cancel = request.lender?.cancel;
  if (!cancel) return undefined;
  if (cancel === 'accept') {
    request.requestStatus = 'CANCELLED';
    request.lastChange = isoDateTime(now);
  }
  return buildSupplyingAgencyMessage({
    inReplyTo: header,
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'CancelResponse',
    answerYesNo: cancel === 'accept' ? 'Y' : 'N',
    status: toIsoStatus(request.requestStatus),
    dueDate: cancel === 'accept' || !request.dueDate ? undefined : lenderDueDateTime(request.dueDate),
    lastChange: lastChange(request, now),
  });
}

function statusAnswer(request: WorldShareRequest, header: IsoHeader, now: number): string {
  const raw = request.lender?.raw;
  if (raw !== undefined && request.lender) {
    delete request.lender.raw;
    applyReplayedAnswer(request, raw, now);
    return raw;
  }
  if (request.pendingAnswer !== undefined) {
    const answer = request.pendingAnswer;
    delete request.pendingAnswer;
    return answer;
  }
  return buildSupplyingAgencyMessage({
    inReplyTo: header,
    supplyingAgencyRequestId: request.requestId,
    timestamp: isoDateTime(now),
    reasonForMessage: 'StatusRequestResponse',
    status: toIsoStatus(request.requestStatus),
    dueDate: request.dueDate ? lenderDueDateTime(request.dueDate) : undefined,
    lastChange: lastChange(request, now),
  });
}

/**
 * Keeps the WorldShare side coherent with a replayed lender message, so a read of the request after
 * the replay agrees with what the lender said: a CancelResponse Y cancels the request, a
 * RenewResponse Y with a dueDate sets the due date. Anything else, including text that is not XML,
 * changes nothing (a broken replay is there to test the app's error handling).
 */
function applyReplayedAnswer(request: WorldShareRequest, raw: string, now: number): void {
  const message = parseIsoMessage(raw);
  if (message?.kind !== 'supplyingAgencyMessage' || message.answerYesNo !== 'Y') return;
  if (message.reasonForMessage === 'CancelResponse') request.requestStatus = 'CANCELLED';
  else if (message.reasonForMessage === 'RenewResponse' && message.dueDate) request.dueDate = message.dueDate;
  else return;
  request.lastChange = isoDateTime(now);
}
