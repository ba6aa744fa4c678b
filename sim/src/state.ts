/**
 * The simulator's in-memory world: Alma's data, WorldShare's data, the host's stored
 * settings/config/store, every call each fake received, and the faults to inject.
 *
 * One SimState is shared by the host server (fake Alma + control API) and the fake OCLC.
 * `POST /__sim/reset` replaces it; `GET /__sim/state` returns `snapshot()`.
 */
import type { SimAnalyticsColumn } from './alma/analytics-columns.js';

/** Alma's code/description pair, e.g. `{value: 'REQUEST_SENT', desc: 'Request sent to partner'}`. */
export interface AlmaCodeDesc {
  value: string;
  desc?: string;
}

/**
 * An Alma `user_resource_sharing_request` as GET /users/{user_id}/resource-sharing-requests/{request_id}
 * returns it: any of Alma's fields, with the ones the fake Alma reads or writes typed.
 */
export type AlmaBorrowingRequest = Record<string, unknown> & {
  request_id: string;
  status?: AlmaCodeDesc;
  /** Null until the request is assigned to a partner. */
  partner?: AlmaCodeDesc | null;
  /** The partner's request id (for WorldShare, the WorldShare request id); null until assigned. */
  external_id?: string | null;
  /** Lender due date, Alma date form '2027-04-01Z'. */
  due_date?: string;
  last_modified_date?: string;
  /** Set by the fake when a cancel notified the patron (Alma's default). */
  patron_notified?: boolean;
};

/** An Alma loan (subset of `item_loan`), matched to a borrowing request by item barcode. */
export interface AlmaLoan {
  loan_id: string;
  user_id: string;
  item_barcode: string;
  due_date: string;
  title?: string;
  [key: string]: unknown;
}

/** One HTTP call a fake received. `t` is epoch milliseconds. */
export interface RecordedCall {
  t: number;
  method: string;
  url: string;
  query: Record<string, string>;
  body: unknown;
  status?: number;
  /** Token requests only: the WSKey presented in HTTP Basic (the secret is never recorded). */
  wskey?: string;
  /**
   * What the fake understood from the call where it differs from what was sent, e.g.
   * `{notify_user: true}` for a cancel that left `notify_user` out (Alma's default is true).
   */
  effective?: Record<string, unknown>;
  /** Fake Alma: the staff user a Cloud App call was relayed for (the host page's header); absent for direct API calls. */
  cloudAppUser?: string;
}

/** A fault rule from `/__sim/reset`: the first `times` matching calls get `status` (after `delayMs`). */
export interface FaultRule {
  target: 'alma' | 'oclc';
  method?: string;
  /** Regular expression tested against the request path (without query). */
  path: string;
  /** HTTP status to answer with; 0 means "never answer" (a silence, until the client gives up). */
  status?: number;
  /** How many matching calls to fault; default 1; -1 = every call. */
  times?: number;
  /** Delay before answering (or before passing the call through when `status` is absent). */
  delayMs?: number;
}

/** The fake lender's behaviour for one WorldShare request (see the renew/cancel issue). */
export interface FakeLender {
  renewal?: 'approve' | 'deny' | 'none';
  /** Calendar date (YYYY-MM-DD) or ISO date-time the lender grants on approval. */
  newDueDate?: string;
  cancel?: 'accept' | 'refuse';
  /**
   * Milliseconds between the lender's confirmation of a Renew, Cancel or StatusRequest and the
   * answer it pushes to the library's requester endpoint; default 1000.
   */
  delayMs?: number;
  /**
   * When set, the lender answers every requestingAgencyMessage about this request with an ERROR
   * confirmation (and pushes nothing): with errorData of this errorType/errorValue, or with no
   * errorData at all when errorType is absent (the schema allows it; real systems send it).
   */
  confirmError?: {
    errorType?:
      | 'UnsupportedActionType'
      | 'UnsupportedReasonForMessageType'
      | 'UnrecognisedDataElement'
      | 'UnrecognisedDataValue'
      | 'BadlyFormedMessage';
    errorValue?: string;
  };
}

/** A WorldShare ILL request as the fake OCLC keeps it. */
export interface WorldShareRequest {
  requestId: string;
  referenceId?: string;
  requestStatus: string;
  dueDate?: string;
  lender?: FakeLender;
  /** The body the app created it with (`illRequest`), for assertions. */
  illRequest?: Record<string, unknown>;
  created?: string;
  /** When the fake lender last changed this request (ISO date-time); the ISO 18626 `lastChange`. */
  lastChange?: string;
  [key: string]: unknown;
}

/** One ISO 18626 message the fake lender received, with the answer it gave. */
export interface ReceivedIsoMessage {
  t: number;
  requestId?: string;
  action?: string;
  xml: string;
  valid: boolean;
  answer?: string;
}

/**
 * One supplyingAgencyMessage the fake lender POSTed to a library's requester endpoint, and what
 * the endpoint answered (`status` 0 when it could not be reached; `error` says why).
 */
export interface LenderPush {
  t: number;
  requestId: string;
  instCode: string;
  xml: string;
  status: number;
  /** The endpoint's answer body (a supplyingAgencyMessageConfirmation when all is well). */
  confirmation: string | null;
  /** `messageStatus` of the confirmation (OK or ERROR), when it had one. */
  messageStatus?: string;
  errorType?: string;
  error?: string;
}

/** A resource-sharing partner as Alma knows it (Fulfillment > Resource Sharing > Partners). */
export interface AlmaPartner {
  /** Partner code, e.g. "WSILL"; what `partner.value` of a borrowing request holds. */
  code: string;
  /** Partner name, e.g. "WorldShareILL"; what `partner.desc` holds. */
  name: string;
}

/** A patron notification the fake Alma would have sent (e.g. a cancel with notify_user=true). */
export interface PatronNotification {
  t: number;
  user_id: string;
  request_id: string;
  kind: 'cancel';
}

/** The staff user the host page reports in INIT_DATA (`@exlibris/exl-cloudapp-angular-lib` InitData.user). */
export interface HostUser {
  firstName: string;
  lastName: string;
  primaryId: string;
  currentlyAtLibCode: string;
  currentlyAtCircDesk: string;
  currentlyAtDept: string;
  isAdmin: boolean;
}

/**
 * A staff user besides the default one, with what Alma keeps per user for a Cloud App: the
 * CloudAppStoreService store and the CloudAppSettingsService settings (the institution
 * configuration is shared by all).
 */
export interface StaffUser {
  user: HostUser;
  settings: Record<string, unknown>;
  store: Record<string, unknown>;
}

/** How the host's JWT_AUTH_TOKEN answer deviates from a good token (set by tests through `/__sim/reset`). */
export interface JwtOverrides {
  /** Claims merged over the defaults; a claim set to null is left out of the token. */
  claims?: Record<string, unknown>;
  /** Lifetime in seconds from now; negative mints an already expired token. */
  expiresInSec?: number;
  /** Sign with a key that is not in the JWKS (a forged token). */
  signWithForeignKey?: boolean;
}

/** An Analytics report the fake Alma knows: its catalog path and its columns in order (Column1, Column2, ...). */
export interface SimAnalyticsReport {
  path: string;
  columns: SimAnalyticsColumn[];
}

/**
 * Limits on REST calls made through the Cloud App SDK, per staff user (Ex Libris Cloud Apps REST
 * Service: 10 simultaneous and 25 in 5 seconds; documented). 0 turns a limit off.
 */
export interface CloudAppLimits {
  concurrent: number;
  perWindow: number;
  windowMs: number;
}

export interface SimState {
  alma: {
    requests: AlmaBorrowingRequest[];
    loans: AlmaLoan[];
    calls: RecordedCall[];
    /** Alma code tables served at /conf/code-tables/{name}. */
    codeTables: Record<string, { code: string; description: string }[]>;
    /** Known resource-sharing partners; absent = the seed partners (WSILL/WorldShareILL). */
    partners?: AlmaPartner[];
    /** Patron notifications Alma would have sent; tests assert this stays empty. */
    patronNotifications?: PatronNotification[];
    /**
     * Calls the fake Alma refused with 429 for its own limits (the per-second threshold
     * `almaRateLimit` or the Cloud App limits `cloudAppLimits`); injected faults are not counted.
     * Absent until the first refusal.
     */
    throttled?: number;
  };
  worldshare: {
    requests: WorldShareRequest[];
    messages: ReceivedIsoMessage[];
    /** Every message the fake lender pushed to a requester endpoint, oldest first. */
    pushes: LenderPush[];
    calls: RecordedCall[];
    tokenRequests: RecordedCall[];
    /** Set by the fake OCLC when a create body carried patron data (the app must never send any). */
    patronDataReceived?: boolean;
    /** Registry ids the fake OCLC accepts as suppliers (lenders); absent = the fake's built-in list. */
    knownSuppliers?: number[];
    /**
     * Calls the fake OCLC refused with 429 for its per-token rate limit; injected faults are not
     * counted. Absent until the first refusal.
     */
    throttled?: number;
  };
  /** Institution configuration as CloudAppConfigService stores it (an object; the host stringifies). */
  config: Record<string, unknown>;
  /** The default user's settings as CloudAppSettingsService stores them (settings are per user in Alma). */
  settings: Record<string, unknown>;
  /** The default user's CloudAppStoreService key/value pairs (Alma keeps the store per user and app). */
  store: Record<string, unknown>;
  /** The other staff users, by primary id, each with their own settings and store. */
  otherUsers?: Record<string, StaffUser>;
  faults: (FaultRule & { used: number })[];
  /** Fixed delay added to every fake Alma and fake OCLC call, in milliseconds. */
  apiDelayMs: number;
  /** Alma per-institution rate limit enforced by the fake (calls per second); 0 = off. */
  almaRateLimit: number;
  /** Cloud App REST call limits the fake Alma enforces per staff user (calls relayed by the host page). */
  cloudAppLimits: CloudAppLimits;
  /** The Analytics reports the fake Alma serves at /analytics/reports. */
  analytics: { reports: SimAnalyticsReport[] };
  /** Staff user reported in INIT_DATA; absent = the default user. */
  user?: HostUser;
  /** Alma UI language reported in INIT_DATA; absent = "en". */
  lang?: string;
  /** Deviations of the host's JWT_AUTH_TOKEN answer; absent = a good token. */
  jwt?: JwtOverrides;
}
