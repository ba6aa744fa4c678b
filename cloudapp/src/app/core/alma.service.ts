import { Injectable } from '@angular/core';
import { CloudAppRestService, HttpMethod, Request } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, defer, firstValueFrom, map } from 'rxjs';
import { AlmaBorrowingRequest, AlmaLoan, BorrowingRequest } from '../domain/alma-request';
import { AlmaCallGate, AlmaCallLimits } from './alma-call-gate';
import { withHostTimeout } from './host-call';
import {
  ALMA_CALLS_PER_SECOND,
  ALMA_MIN_SPACING_MS,
  RateGate,
  createRateGate,
  retryOnRateLimit,
  throughGate,
} from './rate-limit';

/** Raised when Alma answers with something that is not a borrowing request. */
export class AlmaFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AlmaFormatError';
  }
}

/** One row of an Alma code table (`GET /conf/code-tables/{name}`, documented, conf API). */
export interface CodeTableRow {
  code: string;
  description: string;
}

/**
 * The Alma adapter: every call the app makes to Alma goes through here, via the Cloud App host
 * (CloudAppRestService, so Alma applies the signed-in staff user's roles).
 *
 * Errors arrive as the SDK's RestErrorResponse or a HostTimeoutError; read them with
 * `describeAlmaError`. Calls not in Alma's public API (marking a request as sent to a partner,
 * writing the lender due date) are kept together at the bottom of this class, so a library can
 * correct them in one place; docs/contracts.md, "Alma calls that Ex Libris does not document",
 * lists each with its evidence.
 *
 * Every call waits its turn under the Cloud App call limits per user (`almaCallLimits`: in flight
 * at once and per window; AlmaCallGate) and Alma's per-institution rate limit (shared by the panel,
 * the actions and bulk work in this window), is retried with back-off when Alma answers 429, and
 * gives up after the host timeout.
 */
@Injectable({ providedIn: 'root' })
export class AlmaService {
  private readonly gate: RateGate = createRateGate(
    ALMA_CALLS_PER_SECOND,
    1000,
    ALMA_MIN_SPACING_MS,
  );
  private readonly cloudAppGate = new AlmaCallGate();

  constructor(private readonly rest: CloudAppRestService) {}

  /** Applies the institution's Cloud App call limits (InstitutionConfigService does on every load and save). */
  setCallLimits(limits: AlmaCallLimits): void {
    this.cloudAppGate.configure(limits);
  }

  /**
   * One page of an Alma Analytics report: `GET /analytics/reports` (documented, analytics API) with
   * `path`, `limit` (25-1000) and `col_names=true` for the first page, `token` for every later one.
   * Answers the raw body (`{anies: [xml]}`); parse it with `parseAnalyticsPage`.
   */
  getAnalyticsPage(page: { path: string; limit: number } | { token: string }): Observable<unknown> {
    const queryParams: Record<string, string> =
      'token' in page
        ? { token: page.token }
        : { path: page.path, limit: String(page.limit), col_names: 'true' };
    return this.call<unknown>({ url: '/analytics/reports', queryParams });
  }

  /** `GET /users/{user_id}/resource-sharing-requests/{request_id}` (documented, users API). */
  getBorrowingRequest(userId: string, requestId: string): Observable<BorrowingRequest> {
    return this.call<unknown>({ url: requestPath(userId, requestId) }).pipe(
      map(asBorrowingRequest),
    );
  }

  /** Loads the request an entity link points to (`/users/{user_id}/resource-sharing-requests/{request_id}`). */
  getByLink(link: string): Observable<BorrowingRequest> {
    return this.call<unknown>({ url: link }).pipe(map(asBorrowingRequest));
  }

  /**
   * All the patron's active loans (`GET /users/{user_id}/loans`, documented: `limit` 0-100, `offset`,
   * `loan_status` Active by default, answer `{item_loan, total_record_count}`), read page by page
   * (100 a page) until `total_record_count` is reached.
   */
  getLoans(userId: string): Observable<AlmaLoan[]> {
    return defer(async () => {
      const all: AlmaLoan[] = [];
      for await (const page of this.loanPages(userId)) all.push(...page);
      return all;
    });
  }

  /**
   * The patron's active loan of the item with this barcode (a borrowing request's temporary item), or
   * null. Alma documents no loan lookup by barcode (users API: the loans list filters only by
   * `loan_status`), so the pages are read in turn and reading stops at the first match.
   */
  findLoanByBarcode(userId: string, barcode: string): Observable<AlmaLoan | null> {
    return defer(async () => {
      for await (const page of this.loanPages(userId)) {
        const loan = page.find((l) => l.item_barcode === barcode);
        if (loan) return loan;
      }
      return null;
    });
  }

  private async *loanPages(userId: string): AsyncGenerator<AlmaLoan[]> {
    for (let offset = 0; offset < LOANS_PAGE * MAX_LOAN_PAGES; offset += LOANS_PAGE) {
      const body = await firstValueFrom(
        this.call<{ item_loan?: AlmaLoan[]; total_record_count?: number }>({
          url: `/users/${encodeURIComponent(userId)}/loans`,
          queryParams: { limit: String(LOANS_PAGE), offset: String(offset) },
        }),
      );
      const page = Array.isArray(body?.item_loan) ? body.item_loan : [];
      yield page;
      const total = Number(body?.total_record_count);
      // A page shorter than asked for is the last one, whatever the count says.
      if (page.length < LOANS_PAGE || (Number.isFinite(total) && offset + LOANS_PAGE >= total))
        return;
    }
  }

  /**
   * Changes a loan's due date (`PUT /users/{user_id}/loans/{loan_id}`, documented; Alma's own
   * `notify_user` defaults to false; the app sends `notify_user=false` all the same).
   * @param dueDate Alma date-time, e.g. `2027-04-01T23:59:00Z`.
   */
  updateLoanDueDate(userId: string, loan: AlmaLoan, dueDate: string): Observable<AlmaLoan> {
    return this.call<AlmaLoan>({
      url: `/users/${encodeURIComponent(userId)}/loans/${encodeURIComponent(loan.loan_id)}`,
      method: HttpMethod.PUT,
      // Documented default is false; said explicitly so no change of due date ever notifies the patron.
      queryParams: { notify_user: 'false' },
      requestBody: { ...loan, due_date: dueDate },
    });
  }

  /** `GET /conf/code-tables/{name}` (documented, conf API), e.g. RequestCancellationReasons. */
  getCodeTable(name: string): Observable<CodeTableRow[]> {
    return this.call<{ row?: { code?: unknown; description?: unknown }[] }>({
      url: `/conf/code-tables/${encodeURIComponent(name)}`,
    }).pipe(
      map((body) =>
        (Array.isArray(body?.row) ? body.row : [])
          .filter((r) => typeof r?.code === 'string')
          .map((r) => ({ code: String(r.code), description: String(r.description ?? r.code) })),
      ),
    );
  }

  /**
   * Cancels a borrowing request in Alma without telling the patron:
   * `DELETE /users/{user_id}/resource-sharing-requests/{request_id}` (documented) with
   * `notify_user=false` always — Alma's default is true — and `remove_request` as the
   * institution configured (`removeRequestOnCancel`: true deletes the request, false leaves it
   * cancelled in Alma).
   */
  cancelBorrowingRequest(
    userId: string,
    requestId: string,
    reasonCode: string,
    note: string,
    removeRequest: boolean,
  ): Observable<unknown> {
    return this.call<unknown>({
      url: requestPath(userId, requestId),
      method: HttpMethod.DELETE,
      queryParams: {
        reason: reasonCode,
        note,
        notify_user: 'false',
        remove_request: removeRequest ? 'true' : 'false',
      },
    });
  }

  // ---- Calls outside Alma's public API (assumed; docs/contracts.md, "Alma calls that Ex Libris does not document") ----

  /**
   * Marks the request as sent to the WorldShare partner with WorldShare's request id.
   * Internal call used by Ex Libris's own apps:
   * `POST /rapido/v1/user/{user_id}/resource-sharing-requests/{request_id}?op=assign_request_to_partner&partner=&partner_request_id=`.
   */
  assignToPartner(
    userId: string,
    requestId: string,
    partnerCode: string,
    partnerRequestId: string,
  ): Observable<unknown> {
    return this.call<unknown>({
      url: rapidoPath(userId, requestId),
      method: HttpMethod.POST,
      queryParams: {
        op: 'assign_request_to_partner',
        partner: partnerCode,
        partner_request_id: partnerRequestId,
      },
      requestBody: {},
    });
  }

  /**
   * Records the lender's renewal on the borrowing request ("Request Renewal" with the new lender
   * due date). Assumed internal call, shown by no public source:
   * `POST /rapido/v1/user/{user_id}/resource-sharing-requests/{request_id}?op=request_renewal&due_date=YYYY-MM-DD`.
   * Used only when `writeLenderDueDate` is on (off by default; the config page lets it be turned
   * on after a trial on a named request, LenderDueDateTrialService).
   */
  recordLenderRenewal(userId: string, requestId: string, dueDate: string): Observable<unknown> {
    return this.call<unknown>({
      url: rapidoPath(userId, requestId),
      method: HttpMethod.POST,
      queryParams: { op: 'request_renewal', due_date: dueDate },
      requestBody: {},
    });
  }

  private call<T>(request: Request): Observable<T> {
    return this.cloudAppGate
      .run(() =>
        throughGate(this.gate, () => this.rest.call<T>({ ...request }).pipe(withHostTimeout<T>())),
      )
      .pipe(retryOnRateLimit<T>());
  }
}

/** Alma's largest page of loans (users API: `limit` valid values 0-100). */
const LOANS_PAGE = 100;
/** Pages read at most (10,000 loans), so an answer that never ends cannot keep the app reading. */
const MAX_LOAN_PAGES = 100;

function asBorrowingRequest(body: unknown): BorrowingRequest {
  const r = body as AlmaBorrowingRequest | null;
  if (!r || typeof r !== 'object' || r.request_id == null || String(r.request_id).trim() === '') {
    throw new AlmaFormatError('Alma answered without a borrowing request (no request_id).');
  }
  return { ...r, request_id: String(r.request_id) };
}

function requestPath(userId: string, requestId: string): string {
  return `/users/${encodeURIComponent(userId)}/resource-sharing-requests/${encodeURIComponent(requestId)}`;
}

function rapidoPath(userId: string, requestId: string): string {
  return `/rapido/v1/user/${encodeURIComponent(userId)}/resource-sharing-requests/${encodeURIComponent(requestId)}`;
}
