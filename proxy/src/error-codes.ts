/**
 * Every `error.code` this proxy sends in its own refusals (`{"error": {"code", "message"}}`,
 * see errors.ts), with the HTTP status it goes with. This list is the contract with the app:
 * the app maps each code to a message in every language (cloudapp/src/app/domain/proxy-errors.ts),
 * and a contract test (cloudapp/src/app/domain/proxy-errors.contract.test.ts) fails when a code is
 * here and not there, or there and not here. `ProxyError` and `errorBody` accept only these codes,
 * so a new refusal cannot be sent without being listed. Described in docs/contracts.md,
 * "Proxy error codes".
 */
export const PROXY_ERROR_CODES = {
  // The Cloud App token (cloud-app-jwt.ts)
  jwt_missing: 401,
  jwt_malformed: 401,
  jwt_expired: 401,
  jwt_wrong_issuer: 401,
  jwt_not_yet_valid: 401,
  jwt_invalid: 401,
  jwt_bad_signature: 401,
  jwt_algorithm_not_allowed: 401,
  jwks_unavailable: 503,
  app_not_allowed: 403,
  unknown_institution: 403,
  // The forwarded call (upstream-allow-list.ts, upstream-path.ts, forwarding-handler.ts, forward.ts)
  proxy_host_missing: 400,
  upstream_not_allowed: 403,
  invalid_path: 400,
  proxy_auth_repeated: 400,
  upstream_redirect: 502,
  upstream_timeout: 504,
  upstream_unreachable: 502,
  // OCLC's token for the institution (oclc-token-request.ts)
  oclc_token_failed: 502,
  // The proxy itself (server.ts)
  rate_limited: 429,
  not_found: 404,
  bad_request: 400,
  body_too_large: 413,
  internal_error: 500,
  // The read API for the app (bridge-read-api.ts)
  invalid_request_id: 400,
  invalid_body: 400,
  too_many_ids: 400,
  // Idempotent creates (idempotent-creates.ts)
  idempotency_key_invalid: 400,
  idempotency_key_mismatch: 422,
  idempotency_in_progress: 409,
  // The library's ISO 18626 inbox and the store behind it (inbox/, store/)
  inbox_unauthorized: 401,
  inbox_ip_not_allowed: 403,
  store_unavailable: 503,
} as const satisfies Record<string, number>;

/** One of the codes the proxy sends. */
export type ProxyErrorCode = keyof typeof PROXY_ERROR_CODES;

/** Every code, in the order listed above. */
export const PROXY_ERROR_CODE_LIST: readonly ProxyErrorCode[] = Object.keys(
  PROXY_ERROR_CODES,
) as ProxyErrorCode[];
