/**
 * Generated task lists for bulk reconcile (the end-to-end test and the benchmark): `count`
 * borrowing requests exported to WorldShare in mixed states, plus one never exported.
 */
import type { BorrowingRequest, WorldShareSeed } from './records.js';

/** The patrons the generated borrowing requests belong to (the simulator's seeded users). */
export const USERS = ['P1000231', 'P1000232', 'P1000233', 'P1000234'];

/** WorldShare status of each generated request (null: unknown to WorldShare) and the group bulk reconcile puts it in. */
const KINDS: { ws: string | null; group: string; almaStatus?: string }[] = [
  { ws: 'CLOSED', group: 'closed' },
  { ws: 'PENDING', group: 'active' },
  { ws: 'CANCELLED', group: 'closed' },
  { ws: 'SHIPPED', group: 'drift' },
  { ws: null, group: 'drift' },
  { ws: 'LOANED', group: 'active', almaStatus: 'RECEIVED_PHYSICALLY' },
  { ws: 'ON_HOLD_FOREVER', group: 'drift' },
  { ws: 'UNFILLED', group: 'closed' },
];

export interface TaskList {
  /** Alma records for `/__sim/reset` `requests`. */
  requests: BorrowingRequest[];
  /** WorldShare records for `/__sim/reset` `worldshare.requests`. */
  worldshare: WorldShareSeed[];
  /** Request ids whose WorldShare request is closed: what "cancel closed" must cancel. */
  closedIds: string[];
  /** The group bulk reconcile must put each request in, by Alma request id. */
  expected: Map<string, string>;
}

/** `count` exported requests (ids 77xxxxxxxx, WorldShare ids 5xxxxxxxx) and one never exported. */
export function generateTaskList(count: number): TaskList {
  const requests: BorrowingRequest[] = [];
  const worldshare: WorldShareSeed[] = [];
  const closedIds: string[] = [];
  const expected = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length];
    const requestId = `77${String(i).padStart(8, '0')}`;
    const wsId = `5${String(i).padStart(8, '0')}`;
    const status = kind.almaStatus ?? 'REQUEST_SENT';
    requests.push({
      request_id: requestId,
      external_id: wsId,
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      status: {
        value: status,
        desc:
          status === 'REQUEST_SENT' ? 'Request sent to partner' : 'Physically received by library',
      },
      format: { value: 'PHYSICAL', desc: 'Physical' },
      citation_type: { value: 'BK', desc: 'Book' },
      requester: { value: USERS[i % USERS.length], desc: 'Patron, Invented' },
      title: `Bulk test title ${i}`,
      author: 'Author, Some',
      last_interest_date: '2027-06-30Z',
    });
    if (kind.ws)
      worldshare.push({ requestId: wsId, referenceId: requestId, requestStatus: kind.ws });
    if (kind.group === 'closed') closedIds.push(requestId);
    expected.set(requestId, kind.group);
  }
  requests.push(neverExported('7799999999'));
  expected.set('7799999999', 'not-exported');
  return { requests, worldshare, closedIds, expected };
}

/** A borrowing request of the list that was never sent to WorldShare (Alma: Ready to be sent). */
export function neverExported(requestId: string): BorrowingRequest {
  return {
    request_id: requestId,
    external_id: null,
    partner: null,
    status: { value: 'READY_TO_SEND', desc: 'Ready to be sent' },
    format: { value: 'PHYSICAL' },
    citation_type: { value: 'BK' },
    requester: { value: USERS[0] },
    title: 'Never exported',
  };
}
