import type { AlmaLoan } from '../state.js';
import { ALMA_CODES, AlmaApiError } from './errors.js';
import { findUserLoan, isKnownUser, userNotFound } from './lookup.js';
import { booleanParam, integerParam, invalidParam, param } from './params.js';
import type { AlmaRoute } from './route.js';

/**
 * A stored loan as Alma's `item_loan` (rest_item_loan.xsd; documented field names): the stored fields
 * plus the ones Alma always fills that the seed leaves out.
 */
export function toItemLoan(loan: AlmaLoan): Record<string, unknown> {
  return {
    loan_status: 'ACTIVE',
    process_status: 'NORMAL',
    ...loan,
    link: `/almaws/v1/users/${encodeURIComponent(loan.user_id)}/loans/${encodeURIComponent(loan.loan_id)}`,
  };
}

/** xs:dateTime as Alma accepts it: date, time to the second (fraction optional), zone optional (UTC then). */
const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses an Alma due date (xs:dateTime) into epoch ms; undefined when malformed or impossible
 * (month 13, 2027-02-30, 25:00). A value without a zone is read as UTC.
 */
export function parseAlmaDateTime(value: string): number | undefined {
  const m = DATE_TIME.exec(value);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s] = m;
  const withZone = m[8] ? value : `${value}Z`;
  const t = Date.parse(withZone);
  if (Number.isNaN(t)) return undefined;
  // Date.parse rolls impossible dates over; a valid one keeps its calendar fields in UTC before zone shift.
  const local = new Date(Date.UTC(+y, +mo - 1, +d, +h, +mi, +s));
  if (
    local.getUTCFullYear() !== +y ||
    local.getUTCMonth() !== +mo - 1 ||
    local.getUTCDate() !== +d ||
    +h > 23 ||
    +mi > 59 ||
    +s > 59
  ) {
    return undefined;
  }
  return t;
}

/** Formats epoch ms the way Alma writes date-times ("2027-04-01T03:59:00Z", no milliseconds). */
function almaDateTime(t: number): string {
  return new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `GET /users/{user_id}/loans?limit=&offset=&loan_status=` (Alma users API; documented):
 * `{item_loan:[...], total_record_count}`. `limit` 0-100, default 10 (as in Alma: a client that wants
 * more must ask; above 100 is refused); `offset` default 0; `loan_status` Active (default) or Complete
 * (any case), anything else refused. `total_record_count` counts every loan of that status, not the page.
 * Alma documents no filter by item barcode, so none is served: a loan is found only by paging.
 */
const listLoans: AlmaRoute = {
  method: 'GET',
  path: '/users/:user_id/loans',
  handler: ({ state, req, query }) => {
    const userId = param(req, 'user_id');
    if (!isKnownUser(state, userId)) throw userNotFound(userId);
    const limit = integerParam(query, 'limit', 10, 0, 100);
    const offset = integerParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const status = (query.loan_status ?? 'Active').toLowerCase();
    if (status !== 'active' && status !== 'complete')
      throw invalidParam('loan_status', `"${query.loan_status}" is not Active or Complete`);
    const loans = state.alma.loans.filter(
      (l) => l.user_id === userId && isActive(l) === (status === 'active'),
    );
    return {
      body: {
        item_loan: loans.slice(offset, offset + limit).map(toItemLoan),
        total_record_count: loans.length,
      },
    };
  },
};

function isActive(loan: AlmaLoan): boolean {
  return String(loan.loan_status ?? 'ACTIVE').toUpperCase() === 'ACTIVE';
}

/** `GET /users/{user_id}/loans/{loan_id}` (documented): one `item_loan`; 404 401823 when unknown. */
const getLoan: AlmaRoute = {
  method: 'GET',
  path: '/users/:user_id/loans/:loan_id',
  handler: ({ state, req }) => ({
    body: toItemLoan(findUserLoan(state, param(req, 'user_id'), param(req, 'loan_id'))),
  }),
};

/**
 * `PUT /users/{user_id}/loans/{loan_id}?notify_user=` "Change loan due date" (documented): the body is the
 * `item_loan` object; only its `due_date` is used. Refusals (400): no body or no `due_date` (401824), a
 * `due_date` that is not an xs:dateTime (40166426), one in the past (401681). Stores the due date in
 * UTC ("...Z") and answers the updated `item_loan`. `notify_user` defaults to false (documented).
 */
const changeDueDate: AlmaRoute = {
  method: 'PUT',
  path: '/users/:user_id/loans/:loan_id',
  handler: ({ state, req, query, call }) => {
    const loan = findUserLoan(state, param(req, 'user_id'), param(req, 'loan_id'));
    const notifyUser = booleanParam(query, 'notify_user', false);
    call.effective = { notify_user: notifyUser };
    const body = req.body as { due_date?: unknown } | null | undefined;
    const dueDate =
      body && typeof body === 'object' && !Array.isArray(body) ? body.due_date : undefined;
    if (dueDate === undefined || dueDate === null || dueDate === '') {
      throw new AlmaApiError(400, ALMA_CODES.DUE_DATE_MISSING, 'Due date is not in loan object.');
    }
    const t = typeof dueDate === 'string' ? parseAlmaDateTime(dueDate) : undefined;
    if (t === undefined)
      throw invalidParam(
        'due_date',
        `"${String(dueDate)}" is not a date-time such as 2027-04-01T23:59:00Z`,
      );
    if (t < Date.now())
      throw new AlmaApiError(400, ALMA_CODES.DUE_DATE_IN_PAST, 'Due date cannot be in the past.');
    loan.due_date = almaDateTime(t);
    return { body: toItemLoan(loan) };
  },
};

/** The documented loan routes of the Alma users API that the app uses. */
export const loanRoutes: AlmaRoute[] = [listLoans, getLoan, changeDueDate];
