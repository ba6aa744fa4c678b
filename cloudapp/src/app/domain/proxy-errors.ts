/**
 * The one reader of the Cloud App proxy's own refusals, `{"error": {"code", "message"}}`: every
 * code this project's proxy sends (its list: proxy/src/error-codes.ts; the contract test
 * proxy-errors.contract.test.ts keeps the two equal) and what it means for the app:
 * - `problem`: the kind of WorldShare problem the panels show (worldshare-errors.ts);
 * - `step` / `failure`: which Test connection step failed and why (config/connection-steps.ts):
 *   'proxy' = the proxy refused before forwarding; 'oclc' = the proxy accepted the app's token
 *   and the trouble is past it (OCLC's token, the WorldShare address, WorldShare itself).
 * Each code has its own message in every language, `proxyError.<code>`.
 * Codes not listed (a newer proxy, the Ex Libris hosted proxy, whose codes are not published)
 * are read by HTTP status. docs/contracts.md, "Proxy error codes".
 */
import type { WorldShareProblemCode } from './worldshare-errors';

/** Test connection failures a proxy code can lead to (a subset of ConnectionFailure). */
export type ProxyConnectionFailure =
  | 'jwt-refused'
  | 'app-not-allowed'
  | 'institution-unknown'
  | 'proxy-refused'
  | 'upstream-not-allowed'
  | 'token-failed'
  | 'worldshare-unreachable'
  | 'rate-limited';

export interface ProxyErrorReading {
  problem: WorldShareProblemCode;
  step: 'proxy' | 'oclc';
  failure: ProxyConnectionFailure;
}

const jwt: ProxyErrorReading = { problem: 'unauthorized', step: 'proxy', failure: 'jwt-refused' };
const refused: ProxyErrorReading = {
  problem: 'proxy-refused',
  step: 'proxy',
  failure: 'proxy-refused',
};

export const PROXY_ERROR_READINGS = {
  jwt_missing: jwt,
  jwt_malformed: jwt,
  jwt_expired: jwt,
  jwt_wrong_issuer: jwt,
  jwt_not_yet_valid: jwt,
  jwt_invalid: jwt,
  jwt_bad_signature: jwt,
  jwt_algorithm_not_allowed: jwt,
  jwks_unavailable: { problem: 'proxy-refused', step: 'proxy', failure: 'proxy-refused' },
  app_not_allowed: { problem: 'proxy-refused', step: 'proxy', failure: 'app-not-allowed' },
  unknown_institution: { problem: 'proxy-refused', step: 'proxy', failure: 'institution-unknown' },
  proxy_host_missing: refused,
  upstream_not_allowed: { problem: 'proxy-refused', step: 'oclc', failure: 'upstream-not-allowed' },
  invalid_path: refused,
  proxy_auth_repeated: refused,
  upstream_redirect: { problem: 'server-error', step: 'oclc', failure: 'worldshare-unreachable' },
  upstream_timeout: { problem: 'unavailable', step: 'oclc', failure: 'worldshare-unreachable' },
  upstream_unreachable: { problem: 'unavailable', step: 'oclc', failure: 'worldshare-unreachable' },
  oclc_token_failed: { problem: 'unauthorized', step: 'oclc', failure: 'token-failed' },
  rate_limited: { problem: 'rate-limited', step: 'oclc', failure: 'rate-limited' },
  not_found: refused,
  bad_request: refused,
  body_too_large: refused,
  internal_error: refused,
  invalid_request_id: refused,
  invalid_body: refused,
  too_many_ids: refused,
  idempotency_key_invalid: refused,
  idempotency_key_mismatch: refused,
  idempotency_in_progress: { problem: 'unavailable', step: 'proxy', failure: 'proxy-refused' },
  // Sent to lenders posting to the inbox, not to the app; listed so every code has words.
  inbox_unauthorized: refused,
  inbox_ip_not_allowed: refused,
  store_unavailable: { problem: 'unavailable', step: 'proxy', failure: 'proxy-refused' },
} as const satisfies Record<string, ProxyErrorReading>;

/** A code of this project's proxy that the app knows. */
export type ProxyErrorCode = keyof typeof PROXY_ERROR_READINGS;

/** Every proxy code the app reads. */
export const KNOWN_PROXY_ERROR_CODES: readonly ProxyErrorCode[] = Object.keys(
  PROXY_ERROR_READINGS,
) as ProxyErrorCode[];

/** True for a code this app has a reading and a message for. */
export function isKnownProxyErrorCode(code: unknown): code is ProxyErrorCode {
  return (
    typeof code === 'string' && Object.prototype.hasOwnProperty.call(PROXY_ERROR_READINGS, code)
  );
}

/** The reading of a proxy code; null for a code the app does not know. */
export function readProxyErrorCode(code: unknown): ProxyErrorReading | null {
  return isKnownProxyErrorCode(code) ? PROXY_ERROR_READINGS[code] : null;
}

/**
 * The proxy's own refusal in a response body (object or JSON text): `{error: {code, message}}`
 * with a string code and no OCLC field detail; null for anything else (OCLC's own errors).
 */
export function proxyRefusalOf(body: unknown): { code: string; message: string } | null {
  let data = body;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      return null;
    }
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const error = (data as Record<string, unknown>)['error'];
  if (typeof error !== 'object' || error === null || Array.isArray(error)) return null;
  const { code, message, detail } = error as Record<string, unknown>;
  if (typeof code !== 'string' || detail !== undefined) return null;
  return { code, message: typeof message === 'string' ? message : '' };
}
