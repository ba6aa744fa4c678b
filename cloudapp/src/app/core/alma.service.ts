import { Injectable } from '@angular/core';
import { CloudAppRestService, HttpMethod, Request } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, map } from 'rxjs';
import { AlmaBorrowingRequest, AlmaLoan } from '../domain/alma-request';
import { withHostTimeout } from './host-call';
import { ALMA_CALLS_PER_SECOND, ALMA_MIN_SPACING_MS, RateGate, createRateGate, retryOnRateLimit, throughGate } from './rate-limit';

/**
 * A borrowing request as the app works with it: Alma's record with its request id guaranteed
 * (the adapter refuses an answer without one rather than let an action run on it).
 */
export type BorrowingRequest = AlmaBorrowingRequest & { request_id: string };

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
 * writing the lender due date) are kept together at the bottom of this class, as DESIGN.md
 * section 4 asks, so a library can correct them in one place.
 *
 * Every call waits its turn under Alma's per-institution rate limit (shared by the panel, the
 * actions and bulk work in this window), is retried with back-off when Alma answers 429, and
 * gives up after the host timeout.
 */
@Injectable({ providedIn: 'root' })
export class AlmaService {
  private readonly gate: RateGate = createRateGate(ALMA_CALLS_PER_SECOND, 1000, ALMA_MIN_SPACING_MS);

  constructor(private readonly rest: CloudAppRestService) {}

  /** `GET /users/{user_id}/resource-sharing-requests/{request_id}` (documented, users API). */
  getBorrowingRequest(userId: string, requestId: string): Observable<BorrowingRequest> {
    return this.call<unknown>({ url: requestPath(userId, requestId) }).pipe(map(asBorrowingRequest));
  }

  /** Loads the request an entity link points to (`/users/{user_id}/resource-sharing-requests/{request_id}`). */
  getByLink(link: string): Observable<BorrowingRequest> {
    return this.call<unknown>({ url: link }).pipe(map(asBorrowingRequest));
  }

  /**
   * The patron's loans (`GET /users/{user_id}/loans`, documented), up to 100; the temporary item of a
   * borrowing request is found among them by barcode.
   */
  getLoans(userId: string): Observable<AlmaLoan[]> {
    return this.call<{ item_loan?: AlmaLoan[] }>({
      url: `/users/${encodeURIComponent(userId)}/loans`,
      queryParams: { limit: '100', offset: '0' },
    }).pipe(map((body) => (Array.isArray(body?.item_loan) ? body.item_loan : [])));
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
   * `notify_user=false` always — Alma's default is true — and `remove_request=true`.
   */
  cancelBorrowingRequest(userId: string, requestId: string, reasonCode: string, note: string): Observable<unknown> {
    return this.call<unknown>({
      url: requestPath(userId, requestId),
      method: HttpMethod.DELETE,
      queryParams: { reason: reasonCode, note, notify_user: 'false', remove_request: 'true' },
    });
  }

  // ---- Calls outside Alma's public API (assumed; see DESIGN.md section 4) ----

  /**
   * Marks the request as sent to the WorldShare partner with WorldShare's request id.
   * Internal call used by Ex Libris's own apps:
   * `POST /rapido/v1/user/{user_id}/resource-sharing-requests/{request_id}?op=assign_request_to_partner&partner=&partner_request_id=`.
   */
  assignToPartner(userId: string, requestId: string, partnerCode: string, partnerRequestId: string): Observable<unknown> {
    return this.call<unknown>({
      url: rapidoPath(userId, requestId),
      method: HttpMethod.POST,
      queryParams: { op: 'assign_request_to_partner', partner: partnerCode, partner_request_id: partnerRequestId },
      requestBody: {},
    });
  }

  /**
   * Records the lender's renewal on the borrowing request ("Request Renewal" with the new lender
   * due date). Assumed internal call: `POST /rapido/v1/user/{user_id}/resource-sharing-requests/{request_id}?op=request_renewal&due_date=YYYY-MM-DD`.
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
    return throughGate(this.gate, () => this.rest.call<T>({ ...request }).pipe(withHostTimeout<T>())).pipe(retryOnRateLimit<T>());
  }
}

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
