/**
 * Borrowing requests for the scenarios, built from the shared test cases (fixtures/cases/)
 * so the benchmark drives the same records the end-to-end tests check.
 */
import { caseOf } from '../e2e/support/cases.js';

export interface PageEntity {
  id: string;
  type: 'BORROWING_REQUEST';
  link: string;
  description: string;
}

/** The entity Alma's page lists for a borrowing request (docs/contracts.md, "Cloud App host and tokens"). */
export function entityOf(request: Record<string, any>): PageEntity {
  return {
    id: request.request_id,
    type: 'BORROWING_REQUEST',
    link: `/users/${request.requester.value}/resource-sharing-requests/${request.request_id}`,
    description: request.title ?? request.request_id,
  };
}

/** Case 01 (a physical book ready to be sent) under another request id: an exportable request. */
export function readyRequest(requestId: string): Record<string, any> {
  return { ...caseOf('01').alma_request, request_id: requestId };
}

/** The Alma records of the ten shared cases (01-10): a task list of mixed requests. */
export function tenCases(): Record<string, any>[] {
  return ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'].map(
    (id) => caseOf(id).alma_request,
  );
}

export const EXPORTED_WS_ID = '187654321';

/**
 * Case 06 (exported to WorldShare as #187654321) for the renewal and clean-cancel scenarios.
 * `loaned`: received and loaned to the patron as temporary item TEMP-0001, the lender approving a
 * renewal to 2027-04-01; otherwise closed in WorldShare, so clean cancel may proceed.
 */
export function exportedCase(kind: 'loaned' | 'closed'): {
  request: Record<string, any>;
  loans: Record<string, any>[];
  worldshare: Record<string, any>[];
} {
  const base = caseOf('06').alma_request;
  if (kind === 'closed') {
    return {
      request: { ...base, barcode: undefined },
      loans: [],
      worldshare: [
        { requestId: EXPORTED_WS_ID, referenceId: base.request_id, requestStatus: 'CLOSED' },
      ],
    };
  }
  return {
    request: { ...base, barcode: 'TEMP-0001' },
    loans: [
      {
        loan_id: 'L-1',
        user_id: base.requester.value,
        item_barcode: 'TEMP-0001',
        due_date: '2027-03-01T23:59:00Z',
        title: base.title,
      },
    ],
    worldshare: [
      {
        requestId: EXPORTED_WS_ID,
        referenceId: base.request_id,
        requestStatus: 'LOANED',
        dueDate: '2027-03-01',
        lender: { renewal: 'approve', newDueDate: '2027-04-01' },
      },
    ],
  };
}
