import type { AlmaBorrowingRequest, AlmaLoan, SimState } from '../state.js';
import { ALMA_CODES, AlmaApiError } from './errors.js';

/** The user id of a borrowing request's requester (`requester.value`), or undefined. */
export function requesterOf(request: AlmaBorrowingRequest): string | undefined {
  const r = request.requester as { value?: unknown } | undefined;
  return typeof r?.value === 'string' ? r.value : undefined;
}

/** Whether Alma knows the user: a requester of some borrowing request or the borrower of some loan. */
export function isKnownUser(state: SimState, userId: string): boolean {
  return (
    state.alma.requests.some((r) => requesterOf(r) === userId) ||
    state.alma.loans.some((l) => l.user_id === userId)
  );
}

/** 404 for an unknown user, in Alma's words (401890). Real Alma documents 400 for this; the fake says 404. */
export function userNotFound(userId: string): AlmaApiError {
  return new AlmaApiError(
    404,
    ALMA_CODES.USER_NOT_FOUND,
    `User with identifier ${userId} of type all_unique was not found.`,
  );
}

/**
 * Finds a user's borrowing request by Alma request id (or by `external_id` when `byExternalId`).
 * Throws 404 with 401890 when the user is unknown, and 404 with `notFoundCode` when the user has
 * no such request (a request of another requester counts as not found, as in Alma).
 */
export function findUserRequest(
  state: SimState,
  userId: string,
  requestId: string,
  notFoundCode: string = ALMA_CODES.REQUEST_NOT_FOUND,
  byExternalId = false,
): AlmaBorrowingRequest {
  const request = state.alma.requests.find(
    (r) =>
      (byExternalId ? r.external_id === requestId : r.request_id === requestId) &&
      requesterOf(r) === userId,
  );
  if (request) return request;
  if (!isKnownUser(state, userId)) throw userNotFound(userId);
  const message =
    notFoundCode === ALMA_CODES.NO_RESULT
      ? 'No result found for given parameters.'
      : `Request Identifier not found: ${requestId}.`;
  throw new AlmaApiError(404, notFoundCode, message);
}

/** Finds a user's loan by loan id; 404 with 401890 (unknown user) or 401823 (no such loan of that user). */
export function findUserLoan(state: SimState, userId: string, loanId: string): AlmaLoan {
  const loan = state.alma.loans.find((l) => l.loan_id === loanId && l.user_id === userId);
  if (loan) return loan;
  if (!isKnownUser(state, userId)) throw userNotFound(userId);
  throw new AlmaApiError(404, ALMA_CODES.LOAN_NOT_FOUND, `Loan ID ${loanId} does not exist.`);
}

/** Whether a request is cancelled (Alma status REQUEST_CANCELED). */
export function isCancelled(request: AlmaBorrowingRequest): boolean {
  return (request.status as { value?: unknown } | undefined)?.value === 'REQUEST_CANCELED';
}
