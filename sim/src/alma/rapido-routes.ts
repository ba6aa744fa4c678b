import type { AlmaBorrowingRequest, AlmaPartner, SimState } from '../state.js';
import { SEED_PARTNERS } from '../seed/partners.js';
import { ALMA_CODES, AlmaApiError } from './errors.js';
import { findUserRequest, isCancelled } from './lookup.js';
import { almaToday, invalidParam, param } from './params.js';
import type { AlmaCallContext, AlmaResult, AlmaRoute } from './route.js';

/** The partners Alma knows: the state's, or the seed partners when the state names none. */
export function partnersOf(state: SimState): AlmaPartner[] {
  return state.alma.partners ?? SEED_PARTNERS;
}

/** A strict calendar date YYYY-MM-DD that exists (no 2027-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * `op=assign_request_to_partner&partner={code}&partner_request_id={id}`: marks the request as sent to the
 * partner under the partner's request id (`partner {value, desc}`, `external_id`, status REQUEST_SENT /
 * "Request sent to partner"). Same partner and id again: 200, unchanged (idempotent). A different id (or
 * partner) than the one already stored: 400 402362, so a second export can never overwrite the first.
 */
function assignToPartner(request: AlmaBorrowingRequest, ctx: AlmaCallContext): AlmaResult {
  const code = ctx.query.partner ?? '';
  const partnerRequestId = ctx.query.partner_request_id ?? '';
  if (code === '') throw invalidParam('partner', 'a partner code is required');
  if (partnerRequestId === '')
    throw invalidParam('partner_request_id', 'the partner request id is required');
  const partner = partnersOf(ctx.state).find((p) => p.code === code);
  if (!partner)
    throw invalidParam('partner', `"${code}" is not a resource-sharing partner of the institution`);
  const current = request.partner as { value?: unknown } | null | undefined;
  const currentId = request.external_id;
  if (currentId !== null && currentId !== undefined && currentId !== '') {
    if (currentId === partnerRequestId && current?.value === code) return { body: request };
    throw new AlmaApiError(
      400,
      ALMA_CODES.DUPLICATE_REQUEST,
      `Request ${request.request_id} is already assigned to partner ${String(current?.value ?? '')} with partner request id ${String(currentId)}.`,
    );
  }
  if (isCancelled(request)) {
    throw new AlmaApiError(
      400,
      ALMA_CODES.OPERATION_FAILED,
      `Failed to perform operation: request ${request.request_id} is canceled.`,
    );
  }
  request.partner = { value: partner.code, desc: partner.name };
  request.external_id = partnerRequestId;
  request.status = { value: 'REQUEST_SENT', desc: 'Request sent to partner' };
  request.last_modified_date = almaToday();
  return { body: request };
}

/**
 * `op=request_renewal&due_date=YYYY-MM-DD` (assumed, as Alma's "Request Renewal" borrowing action): sets
 * the lender's new `due_date` on the request ("YYYY-MM-DDZ", Alma's xs:date form) and status
 * RENEWED_BY_PARTNER / "Renewed by Partner". Refused (400) for a request never sent to a partner or cancelled.
 */
function requestRenewal(request: AlmaBorrowingRequest, ctx: AlmaCallContext): AlmaResult {
  const dueDate = ctx.query.due_date ?? '';
  if (!isCalendarDate(dueDate))
    throw invalidParam('due_date', `"${dueDate}" is not a date YYYY-MM-DD`);
  if (isCancelled(request) || !request.partner || !request.external_id) {
    throw new AlmaApiError(
      400,
      ALMA_CODES.OPERATION_FAILED,
      `Failed to perform operation: request ${request.request_id} is not active with a lending partner.`,
    );
  }
  request.due_date = `${dueDate}Z`;
  request.status = { value: 'RENEWED_BY_PARTNER', desc: 'Renewed by Partner' };
  request.last_modified_date = almaToday();
  return { body: request };
}

const OPERATIONS: Record<
  string,
  (request: AlmaBorrowingRequest, ctx: AlmaCallContext) => AlmaResult
> = {
  assign_request_to_partner: assignToPartner,
  request_renewal: requestRenewal,
};

/**
 * `POST /rapido/v1/user/{user_id}/resource-sharing-requests/{request_id}?op=...` (under /almaws/v1): the
 * internal operations Ex Libris's own apps use (docs/contracts.md, "Alma calls that Ex Libris does not
 * document"; not in the public API, so every
 * detail here is assumed). Unknown request: 404; unknown or missing `op`: 400.
 */
const rapidoOperation: AlmaRoute = {
  method: 'POST',
  path: '/rapido/v1/user/:user_id/resource-sharing-requests/:request_id',
  handler: (ctx) => {
    const op = ctx.query.op ?? '';
    const run = Object.hasOwn(OPERATIONS, op) ? OPERATIONS[op] : undefined;
    if (!run) throw invalidParam('op', `"${op}" is not a supported operation`);
    const request = findUserRequest(
      ctx.state,
      param(ctx.req, 'user_id'),
      param(ctx.req, 'request_id'),
    );
    return run(request, ctx);
  },
};

/** Internal (non-public) Alma routes the app's Alma adapter may call. */
export const rapidoRoutes: AlmaRoute[] = [rapidoOperation];
