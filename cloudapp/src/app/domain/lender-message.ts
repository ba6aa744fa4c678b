/**
 * What a lender said about a WorldShare request, as the proxy's ISO 18626 inbox stored it
 * (`LenderMessage`), and the latest of it per request (`LenderState`).
 *
 * The proxy serves these shapes (`GET /bridge/lender-messages/{id}`, `POST /bridge/lender-states`;
 * docs/contracts.md, "Proxy API for the app"), so they are declared once, beside the proxy's read
 * API, and imported here as types only: nothing of the proxy reaches the browser bundle.
 */
export type { LenderMessage, LenderState } from '../../../../proxy/src/lender-inbox-api';

/** Most WorldShare request ids one `POST /bridge/lender-states` call takes (the proxy refuses more). */
export const LENDER_STATES_MAX_IDS = 1000;
