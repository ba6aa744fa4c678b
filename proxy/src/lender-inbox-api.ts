/**
 * What a lender said about a WorldShare request, as the proxy's ISO 18626 inbox stored it.
 *
 * The shapes of the read API the proxy serves the app (`GET /bridge/lender-messages/{id}`,
 * `POST /bridge/lender-states`; this project's own contract, docs/contracts.md, "Proxy API for the
 * app"). The app imports this file (cloudapp/src/app/domain/lender-message.ts) for its types and
 * its one limit, so it stays free of imports and holds no other value: nothing else of the proxy
 * reaches the browser bundle.
 *
 * Source: the lender's `supplyingAgencyMessage`s (ISO 18626 v1.2), which the supplying side POSTs
 * to the library's own endpoint (the proxy) on its own schedule. Every ISO value is kept as the
 * lender sent it; reading it is the app's domain rules' job.
 */

/** Most WorldShare request ids one `POST /bridge/lender-states` call takes; the proxy refuses more. */
export const LENDER_STATES_MAX_IDS = 1000;
export interface LenderMessage {
  /** The proxy store's id of the message. */
  id: string;
  worldShareRequestId: string;
  /** `messageInfo/reasonForMessage` as sent, e.g. `RenewResponse`, `StatusChange`, `Notification`. */
  reasonForMessage: string | null;
  /** `messageInfo/answerYesNo`. */
  answerYesNo: 'Y' | 'N' | null;
  /** `statusInfo/status` as sent, e.g. `Loaned`, `Recalled`, `Unfilled`, `LoanCompleted`. */
  status: string | null;
  /** `statusInfo/dueDate` exactly as sent (an xs:dateTime, sometimes a variant of one). */
  dueDate: string | null;
  /** `statusInfo/lastChange` as sent. */
  lastChange: string | null;
  /** `messageInfo/note`: free text from the lender; always shown as text. */
  note: string | null;
  /** `messageInfo/reasonUnfilled`, when the lender gave one. */
  reasonUnfilled: string | null;
  /** `header/timestamp` as sent. */
  timestamp: string | null;
  /** When the proxy stored it: ISO 8601, UTC. */
  receivedAt: string;
}

/** The latest that lenders said about one WorldShare request (`POST /bridge/lender-states`). */
export interface LenderState {
  worldShareRequestId: string;
  /** The latest non-empty `status`. */
  status: string | null;
  /** The latest non-empty `dueDate`, as sent. */
  dueDate: string | null;
  /** ISO 8601, UTC. */
  lastReceivedAt: string;
  /** Oldest first. */
  messages: LenderMessage[];
}
