import type { ProxyErrorCode } from './error-codes.ts';

export { PROXY_ERROR_CODES, PROXY_ERROR_CODE_LIST, type ProxyErrorCode } from './error-codes.ts';

/**
 * The proxy's refusal: an HTTP status, a stable machine-readable code and a
 * sentence that library staff or a developer can act on.
 *
 * Every refusal the proxy makes is answered as `{ "error": { "code", "message" } }`
 * (see `errorBody`). Messages must never contain a token, a WSKey secret or a
 * header value the caller sent in confidence, because they reach the browser.
 */
export class ProxyError extends Error {
  /** HTTP status sent to the caller (401, 403, 429, 502, 504, ...). */
  readonly statusCode: number;
  /** Stable code for programs, e.g. `jwt_expired`, `upstream_not_allowed` (one of error-codes.ts). */
  readonly code: ProxyErrorCode;
  /** Extra response headers, e.g. `Retry-After` for 429. */
  readonly headers: Record<string, string>;

  constructor(
    statusCode: number,
    code: ProxyErrorCode,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ProxyError';
    this.statusCode = statusCode;
    this.code = code;
    this.headers = headers;
  }
}

/** Shape of every error body the proxy itself produces. */
export interface ProxyErrorBody {
  error: { code: ProxyErrorCode; message: string };
}

/** Builds the JSON error body for a status code and message. */
export function errorBody(code: ProxyErrorCode, message: string): ProxyErrorBody {
  return { error: { code, message } };
}
