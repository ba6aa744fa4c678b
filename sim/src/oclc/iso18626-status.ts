/**
 * WorldShare request status -> ISO 18626 `statusInfo/status` (type_status).
 *
 * ASSUMED: OCLC publishes neither the WorldShare status list nor this mapping; the table follows the
 * meaning of each side's names (a request the lender has shipped or the borrower has received is,
 * to the lender, still on loan). Statuses not listed (e.g. SUBMITTING, IN_PROCESS) read as
 * RequestReceived: the lender has the request and has not acted on it.
 */
export const ISO_STATUS_BY_REQUEST_STATUS: Readonly<Record<string, string>> = {
  PENDING: 'RequestReceived',
  LOANED: 'Loaned',
  SHIPPED: 'Loaned',
  RECEIVED: 'Loaned',
  OVERDUE: 'Overdue',
  RECALLED: 'Recalled',
  RETURNED: 'LoanCompleted',
  CLOSED: 'LoanCompleted',
  CANCELLED: 'Cancelled',
  UNFILLED: 'Unfilled',
  EXPIRED: 'Unfilled',
};

/** The ISO 18626 status for a WorldShare `requestStatus` (case-insensitive), per the table above. */
export function toIsoStatus(requestStatus: string): string {
  return ISO_STATUS_BY_REQUEST_STATUS[requestStatus.toUpperCase()] ?? 'RequestReceived';
}

/**
 * ISO 18626 status -> the WorldShare `requestStatus` the fake keeps, for messages pushed through
 * the control API (assumed, the reverse of the table above where it is one-to-one).
 */
const REQUEST_STATUS_BY_ISO_STATUS: Readonly<Record<string, string>> = {
  RequestReceived: 'PENDING',
  ExpectToSupply: 'PENDING',
  WillSupply: 'PENDING',
  Loaned: 'LOANED',
  Overdue: 'OVERDUE',
  Recalled: 'RECALLED',
  LoanCompleted: 'CLOSED',
  Cancelled: 'CANCELLED',
  Unfilled: 'UNFILLED',
};

/** The WorldShare `requestStatus` for an ISO 18626 status, or undefined for one the table does not name. */
export function requestStatusForIsoStatus(isoStatus: string): string | undefined {
  return REQUEST_STATUS_BY_ISO_STATUS[isoStatus];
}
