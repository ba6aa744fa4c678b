import type { WorldShareRequest } from '../state.js';
import { lenderDueDateTime, oclcDateTime } from './dates.js';

type Obj = Record<string, unknown>;

/**
 * A stored WorldShare request as the ILL Request API returns it, in the shape of
 * contracts/oclc-ill/illRequestResponse.json: `requestId` a number when numeric, `created`/`edited`/
 * `needed` in OCLC's date format, `requester` with `fulfillmentType` as in the sample, the `item` as
 * created. Never a `patron` block (the fake refuses to store one). `dueDate` (not in the published
 * schema; assumed name) is added when the lender set one, as an ISO 18626-style date-time.
 * Requests seeded through `/__sim/reset` without a create body have no requester or item.
 */
export function illRequestView(request: WorldShareRequest): Obj {
  const body: Obj = request.illRequest ?? {};
  const created = request.created ?? oclcDateTime(0);
  const view: Obj = {
    requestId: /^\d+$/.test(request.requestId) ? Number(request.requestId) : request.requestId,
    created,
    edited: request.lastChange ? oclcDateTime(Date.parse(request.lastChange)) : created,
    requestStatus: request.requestStatus,
  };
  if (typeof body.needed === 'string' && !Number.isNaN(Date.parse(body.needed)))
    view.needed = oclcDateTime(Date.parse(body.needed));
  if (request.referenceId !== undefined) view.referenceId = request.referenceId;
  if (body.requester && typeof body.requester === 'object')
    view.requester = { ...(body.requester as Obj), fulfillmentType: 'OCLC_ILL' };
  if (body.item !== undefined) view.item = body.item;
  if (request.dueDate) view.dueDate = lenderDueDateTime(request.dueDate);
  return view;
}

/**
 * The registry id of the library that owns a request (its `requester.institution.institutionId`),
 * or undefined for a seeded request that names none, which any token may read.
 */
export function ownerRegistryId(request: WorldShareRequest): string | undefined {
  const requester = request.illRequest?.requester as Obj | undefined;
  const institution = requester?.institution as Obj | undefined;
  return institution?.institutionId === undefined ? undefined : String(institution.institutionId);
}
