import type { Generated } from 'kysely';

/**
 * One stored ISO 18626 `supplyingAgencyMessage` a lender POSTed to an institution's inbox.
 * Values are kept exactly as sent (ISO text), except `due_date_at`, the due date as a UTC instant.
 */
export interface LenderMessageTable {
  /** Store id, increasing in the order messages were stored ("oldest first" sorts by it). */
  seq: Generated<number>;
  /** Alma institution code of the inbox the message arrived at. */
  inst_code: string;
  /** header/supplyingAgencyRequestId: the WorldShare request id. */
  world_share_request_id: string;
  /** header/requestingAgencyRequestId. */
  requesting_agency_request_id: string | null;
  /** header/supplyingAgencyId as `<agencyIdType>:<agencyIdValue>`, e.g. `ISIL:OCLC-BCDEF`. */
  supplying_agency_id: string | null;
  /** header/requestingAgencyId as `<agencyIdType>:<agencyIdValue>`. */
  requesting_agency_id: string | null;
  /** header/timestamp as sent. */
  message_timestamp: string | null;
  reason_for_message: string | null;
  answer_yes_no: string | null;
  status: string | null;
  /** statusInfo/dueDate as sent. */
  due_date: string | null;
  /** statusInfo/dueDate as an ISO 8601 UTC instant; null when absent or without a time zone. */
  due_date_at: string | null;
  last_change: string | null;
  note: string | null;
  /** messageInfo/reasonUnfilled as sent (its text value). */
  reason_unfilled: string | null;
  /** ISO 8601 UTC, when the proxy stored it. */
  received_at: string;
  /** The body exactly as received (UTF-8). */
  raw_xml: string;
  /** Hash of the ids, timestamp and reason: a second delivery of the same message has the same key. */
  dedupe_key: string;
}

/** One `Idempotency-Key` of a forwarded create (see idempotent-forward.ts). */
export interface IdempotencyTable {
  /** `<inst_code>:<Idempotency-Key value>`. */
  key: string;
  /** Method, upstream host and path of the first call; a repeat must match it. */
  fingerprint: string;
  /** Random id of the call that holds the key while it runs. */
  owner: string;
  /** `running` while the first call is upstream, `done` once a 2xx answer is stored. */
  state: 'running' | 'done';
  /** ISO 8601 UTC. */
  started_at: string;
  finished_at: string | null;
  status: number | null;
  /** JSON object of the allow-listed answer headers. */
  headers_json: string | null;
  body_base64: string | null;
}

/** The proxy's database (SQLite or PostgreSQL). */
export interface StoreDatabase {
  lender_messages: LenderMessageTable;
  idempotency_keys: IdempotencyTable;
}
