/**
 * What a lender said about a WorldShare request, as the proxy's ISO 18626 inbox stored it
 * (`LenderMessage`), and the latest of it per request (`LenderState`).
 *
 * The proxy serves these shapes (`GET /bridge/lender-messages/{id}`, `POST /bridge/lender-states`;
 * docs/contracts.md, "Proxy API for the app"), so they are declared once, beside the proxy's read
 * API, and imported from there with the one limit the proxy enforces on them (that file has no
 * imports, so nothing else of the proxy reaches the browser bundle).
 */
export type { LenderMessage, LenderState } from '../../../../proxy/src/lender-inbox-api';
export { LENDER_STATES_MAX_IDS } from '../../../../proxy/src/lender-inbox-api';
