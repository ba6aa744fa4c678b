/**
 * Borrowing requests for the scenarios, built from the shared test cases (fixtures/cases/)
 * so the benchmark drives the same records the end-to-end tests check.
 */
import { caseOf } from '../e2e/support/cases.js';
import {
  EXPORTED_WS_ID,
  exportedAndLoaned,
  type AlmaLoan,
  type BorrowingRequest,
  type WorldShareSeed,
} from '../e2e/support/records.js';

export { entityOf, EXPORTED_WS_ID, type PageEntity } from '../e2e/support/records.js';

/** Case 01 (a physical book ready to be sent) under another request id: an exportable request. */
export function readyRequest(requestId: string): BorrowingRequest {
  return { ...caseOf('01').alma_request, request_id: requestId };
}

/** The Alma records of the ten shared cases (01-10): a task list of mixed requests. */
export function tenCases(): BorrowingRequest[] {
  return ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map(
    (id) => caseOf(id).alma_request,
  );
}

/**
 * Case 06 (exported to WorldShare as #187654321) for the renewal and clean-cancel scenarios.
 * `loaned`: received and loaned to the patron as temporary item TEMP-0001, the lender approving a
 * renewal to 2027-04-01 (records.ts, exportedAndLoaned); otherwise closed in WorldShare, so clean
 * cancel may proceed.
 */
export function exportedCase(kind: 'loaned' | 'closed'): {
  request: BorrowingRequest;
  loans: AlmaLoan[];
  worldshare: WorldShareSeed[];
} {
  if (kind === 'loaned') {
    const { request, loans, worldshare } = exportedAndLoaned();
    return { request, loans, worldshare };
  }
  const base = caseOf('06').alma_request;
  return {
    request: { ...base, barcode: undefined },
    loans: [],
    worldshare: [
      { requestId: EXPORTED_WS_ID, referenceId: base.request_id, requestStatus: 'CLOSED' },
    ],
  };
}
