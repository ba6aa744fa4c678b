/**
 * What a request's lender messages mean for staff: the renewal and cancel states, whether the
 * request is closed at WorldShare, a recall, an overdue flag, and a timeline that says why.
 *
 * Input: the lender messages the proxy's ISO 18626 inbox stored for one WorldShare request, oldest
 * first (lender-message.ts), and what this staff member asked and when (the app's memory).
 * Rules (issue "The lender's word"):
 * - Renewal, among the messages received after the Renew was asked:
 *   - the first RenewResponse decides: Y with a due date -> approved; Y without one ->
 *     approved-no-date (staff enter the date); N -> denied (nothing changes anywhere);
 *   - before any RenewResponse, another supplyingAgencyMessage (StatusChange, ...) whose
 *     answerYesNo is Y or absent and whose due date is later than the due date before the Renew
 *     counts as the approval; the timeline marks it with `countedAs: 'renewal-approval'`.
 *   - an ERROR confirmation of the Renew -> failed; an approval already written to Alma -> applied.
 * - Cancel, among messages after the Cancel was asked: the first CancelResponse decides, Y ->
 *   accepted, N -> refused. A CancelResponse N never closes anything, even when its status says
 *   Cancelled.
 * - The lender's latest status (from messages whose answerYesNo is not N): Unfilled, LoanCompleted
 *   or Cancelled -> closed at WorldShare (Clean cancel may complete); Recalled -> a recall (with the
 *   message's due date as the recall date); Overdue -> flagged.
 * Dates: every lender due date is read as an instant and turned into the institution's calendar
 * date (calendar-date.ts, `timeZone`).
 */
import { tryLenderDueDateToCalendarDate } from './calendar-date';
import type { LenderMessage } from './lender-message';

/**
 * Lender messages stored up to this long before the Renew or Cancel was asked still count as
 * answers to it: the ask time comes from the browser's clock, the receive time from the proxy's,
 * and the two may differ a little (assumed bound).
 */
export const CLOCK_SKEW_MS = 60_000;

/** Statuses after which WorldShare has nothing left open for this request (ISO 18626 type_status). */
export const CLOSED_STATUSES: readonly string[] = ['Unfilled', 'LoanCompleted', 'Cancelled'];

/** What this staff member asked of the lender, from the app's memory. Dates are ISO 8601 instants. */
export interface AskedOfLender {
  renewAskedAt: string | null;
  /** The lender's ERROR confirmation of the Renew, if it gave one. */
  renewError: { errorType: string | null; errorValue: string | null } | null;
  /** An approved due date (calendar date) already written to the Alma loan for this renewal. */
  renewalAppliedDueDate: string | null;
  cancelAskedAt: string | null;
  cancelError: { errorType: string | null; errorValue: string | null } | null;
  /** The Alma loan's current due date as a calendar date (the baseline a later lender date beats). */
  loanDueDate: string | null;
}

export type RenewalStateName =
  | 'none'
  | 'asked'
  | 'approved'
  | 'approved-no-date'
  | 'denied'
  | 'applied'
  | 'failed';

export interface RenewalFacts {
  state: RenewalStateName;
  askedAt: string | null;
  /** The approved due date (calendar date) for approved and applied. */
  dueDate: string | null;
  /** The message that decided (approved, approved-no-date, denied). */
  message: LenderMessage | null;
  /** How the approval came: a RenewResponse, or another message with a later due date. */
  via: 'RenewResponse' | 'later-due-date' | null;
  error: { errorType: string | null; errorValue: string | null } | null;
}

export type CancelStateName = 'none' | 'asked' | 'accepted' | 'refused' | 'failed';

export interface CancelFacts {
  state: CancelStateName;
  askedAt: string | null;
  message: LenderMessage | null;
  error: { errorType: string | null; errorValue: string | null } | null;
}

/** One line of the lender timeline. */
export interface TimelineEntry {
  message: LenderMessage;
  /** The message's due date as the institution's calendar date; null when none or unreadable. */
  dueDate: string | null;
  /** Why the app acted on it, when it counted as something its reason does not say. */
  countedAs: 'renewal-approval' | null;
}

export interface LenderFacts {
  renewal: RenewalFacts;
  cancel: CancelFacts;
  /** The latest status, when it closes the request at WorldShare. */
  closedAtWorldShare: { status: string; message: LenderMessage } | null;
  /** The latest status is Recalled: the recall date (calendar date) when the lender gave one. */
  recall: { dueDate: string | null; message: LenderMessage } | null;
  overdue: boolean;
  /** The lender's latest status (from messages not answering N). */
  latestStatus: string | null;
  timeline: TimelineEntry[];
}

const after = (message: LenderMessage, askedAt: string | null): boolean => {
  if (!askedAt) return false;
  const asked = Date.parse(askedAt);
  const received = Date.parse(message.receivedAt);
  if (Number.isNaN(asked) || Number.isNaN(received)) return false;
  return received >= asked - CLOCK_SKEW_MS;
};

/** Calendar-date order ('YYYY-MM-DD' compares as text). */
const later = (a: string, b: string | null): boolean => b === null || a > b;

/**
 * The facts of one request. `messages` oldest first (as the proxy answers); `timeZone` the
 * institution's IANA zone. Never throws: unreadable dates count as absent.
 */
export function lenderFacts(
  messages: readonly LenderMessage[],
  asked: AskedOfLender,
  timeZone: string,
): LenderFacts {
  const ordered = [...messages];
  const dueOf = (m: LenderMessage): string | null =>
    tryLenderDueDateToCalendarDate(m.dueDate, timeZone);
  const timeline: TimelineEntry[] = ordered.map((message) => ({
    message,
    dueDate: dueOf(message),
    countedAs: null,
  }));

  const renewal = renewalFacts(timeline, asked);
  const cancel = cancelFacts(ordered, asked);

  let latest: LenderMessage | null = null;
  for (const m of ordered) if (m.status && m.answerYesNo !== 'N') latest = m;
  const latestStatus = latest?.status ?? null;
  return {
    renewal,
    cancel,
    closedAtWorldShare:
      latest && latestStatus && CLOSED_STATUSES.includes(latestStatus)
        ? { status: latestStatus, message: latest }
        : null,
    recall:
      latest && latestStatus === 'Recalled' ? { dueDate: dueOf(latest), message: latest } : null,
    overdue: latestStatus === 'Overdue',
    latestStatus,
    timeline,
  };
}

function renewalFacts(timeline: TimelineEntry[], asked: AskedOfLender): RenewalFacts {
  const base: RenewalFacts = {
    state: 'none',
    askedAt: asked.renewAskedAt,
    dueDate: null,
    message: null,
    via: null,
    error: null,
  };
  if (!asked.renewAskedAt) return base;
  if (asked.renewError) return { ...base, state: 'failed', error: asked.renewError };
  // The due date before the Renew: the lender's latest before the ask, else the Alma loan's.
  let before: string | null = null;
  for (const e of timeline)
    if (!after(e.message, asked.renewAskedAt) && e.dueDate && e.message.answerYesNo !== 'N')
      before = e.dueDate;
  before ??= asked.loanDueDate;

  let decided: RenewalFacts | null = null;
  for (const e of timeline) {
    if (!after(e.message, asked.renewAskedAt)) continue;
    const m = e.message;
    if (m.reasonForMessage === 'RenewResponse') {
      if (m.answerYesNo === 'N') decided = { ...base, state: 'denied', message: m };
      else if (m.answerYesNo === 'Y' && e.dueDate)
        decided = {
          ...base,
          state: 'approved',
          dueDate: e.dueDate,
          message: m,
          via: 'RenewResponse',
        };
      else if (m.answerYesNo === 'Y')
        decided = { ...base, state: 'approved-no-date', message: m, via: 'RenewResponse' };
      else continue;
      break;
    }
    if (
      m.reasonForMessage !== 'CancelResponse' &&
      m.answerYesNo !== 'N' &&
      e.dueDate &&
      later(e.dueDate, before)
    ) {
      e.countedAs = 'renewal-approval';
      decided = {
        ...base,
        state: 'approved',
        dueDate: e.dueDate,
        message: m,
        via: 'later-due-date',
      };
      break;
    }
  }
  if (asked.renewalAppliedDueDate) {
    return { ...(decided ?? base), state: 'applied', dueDate: asked.renewalAppliedDueDate };
  }
  return decided ?? { ...base, state: 'asked' };
}

function cancelFacts(messages: LenderMessage[], asked: AskedOfLender): CancelFacts {
  const base: CancelFacts = {
    state: 'none',
    askedAt: asked.cancelAskedAt,
    message: null,
    error: null,
  };
  if (!asked.cancelAskedAt) return base;
  if (asked.cancelError) return { ...base, state: 'failed', error: asked.cancelError };
  for (const m of messages) {
    if (!after(m, asked.cancelAskedAt) || m.reasonForMessage !== 'CancelResponse') continue;
    if (m.answerYesNo === 'Y') return { ...base, state: 'accepted', message: m };
    if (m.answerYesNo === 'N') return { ...base, state: 'refused', message: m };
  }
  return { ...base, state: 'asked' };
}
