/**
 * A large list of exported borrowing requests for bulk from the Analytics report (the end-to-end test
 * and the benchmark): `count` requests exported to WorldShare, a few closed at the lender, a few with
 * no news for long (stale), the rest active; plus requests the report must leave out.
 */
import type { BorrowingRequest, WorldShareSeed } from './records.js';
import { USERS, neverExported } from './task-list.js';

/** The report the simulator serves by default (sim/src/seed/analytics.ts). */
export const SIM_REPORT_PATH =
  '/shared/Sim University/Reports/WorldShare Bridge/Exported borrowing requests';

export interface AnalyticsList {
  /** Alma records for `/__sim/reset` `requests` (the exported ones first). */
  requests: BorrowingRequest[];
  /** WorldShare records for `/__sim/reset` `worldshare.requests`. */
  worldshare: WorldShareSeed[];
  /** Alma request ids closed at the lender: what "cancel closed" must cancel. */
  closedIds: string[];
  /** Alma request ids with no lender news since long before `staleAfterDays`. */
  staleIds: string[];
  /** The group each exported request must land in, by Alma request id. */
  expected: Map<string, string>;
  /** WorldShare ids and the ISO 18626 status their lender last sent (what the proxy's inbox holds), for the closed and some active ones. */
  lenderStatuses: Map<string, string>;
  /** Exported request count (what review must find). */
  exported: number;
}

/**
 * Every `closedEvery`-th request is closed (WorldShare CLOSED; the lender sent Unfilled), every
 * `staleEvery`-th (not closed) last changed in 2025 with no lender news; every 10th active one has a
 * Loaned message. Ids 88xxxxxxxx, WorldShare ids 6xxxxxxxx. One more request that is not exported
 * (not in the report) and, with `otherPartner`, one sent to another partner (in the report, to be left
 * out; it makes the report one row longer than `count`).
 */
export function generateAnalyticsList(
  count: number,
  closedEvery = 25,
  staleEvery = 40,
  otherPartner = false,
): AnalyticsList {
  const requests: BorrowingRequest[] = [];
  const worldshare: WorldShareSeed[] = [];
  const closedIds: string[] = [];
  const staleIds: string[] = [];
  const expected = new Map<string, string>();
  const lenderStatuses = new Map<string, string>();
  const recent = new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < count; i++) {
    const requestId = `88${String(i).padStart(8, '0')}`;
    const wsId = `6${String(i).padStart(8, '0')}`;
    const closed = i % closedEvery === closedEvery - 1;
    const stale = !closed && i % staleEvery === staleEvery - 2;
    requests.push({
      request_id: requestId,
      external_id: wsId,
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
      format: { value: 'PHYSICAL', desc: 'Physical' },
      citation_type: { value: 'BK', desc: 'Book' },
      requester: { value: USERS[i % USERS.length], desc: 'Patron, Invented' },
      title: `Report test title ${i}`,
      last_interest_date: '2027-06-30Z',
      last_modified_date: stale ? '2025-01-15Z' : `${recent}Z`,
    });
    worldshare.push({
      requestId: wsId,
      referenceId: requestId,
      requestStatus: closed ? 'CLOSED' : 'PENDING',
    });
    if (closed) {
      closedIds.push(requestId);
      lenderStatuses.set(wsId, 'Unfilled');
      expected.set(requestId, 'closed');
    } else if (stale) {
      staleIds.push(requestId);
      expected.set(requestId, 'stale');
    } else {
      if (i % 10 === 0) lenderStatuses.set(wsId, 'Loaned');
      expected.set(requestId, 'active');
    }
  }
  if (otherPartner)
    requests.push({
      request_id: '8899999998',
      external_id: '699999998',
      partner: { value: 'RAPIDO', desc: 'Other network' },
      status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
      format: { value: 'PHYSICAL' },
      citation_type: { value: 'BK' },
      requester: { value: USERS[0] },
      title: 'Another partner',
    });
  requests.push(neverExported('8899999999'));
  return { requests, worldshare, closedIds, staleIds, expected, lenderStatuses, exported: count };
}

/** A supplyingAgencyMessage as a lender sends it through WorldShare (OCLC's published sample's shape), for the proxy's inbox. */
export function lenderMessage(worldShareRequestId: string, status: string, at: string): string {
  const ns = 'http://illtransactions.org/2013/iso18626';
  const agency = (tag: string, value: string) =>
    `<ns1:${tag}><ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">ISIL</ns1:agencyIdType><ns1:agencyIdValue>${value}</ns1:agencyIdValue></ns1:${tag}>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><ns1:ISO18626Message ns1:version="v1_2_2017" xmlns:ns1="${ns}"><ns1:supplyingAgencyMessage><ns1:header>` +
    `${agency('supplyingAgencyId', 'OCLC-BCDEF')}${agency('requestingAgencyId', 'OCLC-SIM')}<ns1:multipleItemRequestId/>` +
    `<ns1:timestamp>${at}</ns1:timestamp><ns1:requestingAgencyRequestId>${worldShareRequestId}</ns1:requestingAgencyRequestId><ns1:supplyingAgencyRequestId>${worldShareRequestId}</ns1:supplyingAgencyRequestId></ns1:header>` +
    `<ns1:messageInfo><ns1:reasonForMessage>StatusChange</ns1:reasonForMessage></ns1:messageInfo>` +
    `<ns1:statusInfo><ns1:status>${status}</ns1:status><ns1:lastChange>${at}</ns1:lastChange></ns1:statusInfo></ns1:supplyingAgencyMessage></ns1:ISO18626Message>`
  );
}

/** POSTs each lender status to the proxy's inbox as a lender would; throws unless each is confirmed OK. */
export async function pushLenderStatuses(
  inbox: { url: string; username: string; password: string },
  statuses: Map<string, string>,
): Promise<void> {
  const auth = `Basic ${Buffer.from(`${inbox.username}:${inbox.password}`).toString('base64')}`;
  const at = new Date(Date.now() - 60_000).toISOString().replace(/\.\d+Z$/, 'Z');
  for (const [id, status] of statuses) {
    const res = await fetch(inbox.url, {
      method: 'POST',
      headers: { 'content-type': 'application/xml', authorization: auth },
      body: lenderMessage(id, status, at),
    });
    const text = await res.text();
    if (res.status !== 200 || !/messageStatus>OK</.test(text))
      throw new Error(`inbox refused ${id}: ${res.status} ${text.slice(0, 300)}`);
  }
}
