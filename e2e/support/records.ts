/**
 * The records the end-to-end tests and the benchmark put into the simulator, typed as the app
 * reads them (Alma's borrowing requests and loans: domain/alma-request.ts; WorldShare requests as
 * the fake OCLC seeds them: sim/src/state.ts), and the scenarios several suites share.
 */
import assert from 'node:assert/strict';
import type { AlmaLoan, BorrowingRequest } from '../../cloudapp/src/app/domain/alma-request.js';
import type { IllRequestBody } from '../../cloudapp/src/app/domain/worldshare-request.js';
import type { PageEntity } from '../../sim/src/host/entities.js';
import type { WorldShareRequest } from '../../sim/src/state.js';
import type { SimSnapshot } from '../../tools/stack.js';
import { caseOf } from './cases.js';

export type { AlmaLoan, BorrowingRequest, PageEntity };

/** A WorldShare request for `/__sim/reset` `worldshare.requests` (with the fake lender's behaviour). */
export type WorldShareSeed = WorldShareRequest;

/**
 * The BORROWING_REQUEST entity Alma's page lists for a request (docs/contracts.md, "Cloud App host
 * and tokens"): its link names the requester and the request.
 */
export function entityOf(request: BorrowingRequest): PageEntity {
  return {
    id: request.request_id,
    type: 'BORROWING_REQUEST',
    link: `/users/${request.requester?.value}/resource-sharing-requests/${request.request_id}`,
    description: request.title ?? request.request_id,
  };
}

/** The WorldShare id case 06 was exported under. */
export const EXPORTED_WS_ID = '187654321';

/**
 * Case 06, exported to WorldShare as #187654321, received and loaned to its patron as temporary
 * item TEMP-0001 (due 2027-03-01); the lender approves a renewal to 2027-04-01. For a reset:
 * `{requests: [request], loans, worldshare: {requests: worldshare}}`, then show `entity`.
 */
export function exportedAndLoaned(): {
  entity: PageEntity;
  request: BorrowingRequest;
  loans: AlmaLoan[];
  worldshare: WorldShareSeed[];
} {
  const c = caseOf('06');
  return {
    entity: c.entity,
    request: { ...c.alma_request, barcode: 'TEMP-0001' },
    loans: [
      {
        loan_id: 'L-1',
        user_id: c.alma_request.requester.value,
        item_barcode: 'TEMP-0001',
        due_date: '2027-03-01T23:59:00Z',
        title: c.alma_request.title,
      },
    ],
    worldshare: [
      {
        requestId: EXPORTED_WS_ID,
        referenceId: c.alma_request.request_id,
        requestStatus: 'LOANED',
        dueDate: '2027-03-01',
        lender: { renewal: 'approve', newDueDate: '2027-04-01' },
      },
    ],
  };
}

/** The body the app created the `index`-th WorldShare request with (fails the test when it has none). */
export function sentBody(state: SimSnapshot, index = 0): IllRequestBody {
  const body = state.worldshare.requests[index]?.illRequest;
  assert.ok(body, `WorldShare request ${index} was created by the app`);
  return body;
}
