import type { IncomingHttpHeaders } from 'node:http';

// Request headers passed on to the upstream. An allow-list rather than a
// deny-list: cookies, the caller's Authorization (the Cloud App JWT), X-Proxy-*,
// hop-by-hop headers (Connection, Keep-Alive, TE, Transfer-Encoding, Upgrade,
// Proxy-*), Host, Origin, Referer and client-IP headers are dropped by construction.
const FORWARDED_REQUEST_HEADERS = [
  'accept',
  'accept-language',
  'content-type',
  'if-match',
  'if-none-match',
  'if-modified-since',
  'if-unmodified-since',
  'cache-control',
] as const;

// Response headers passed back to the caller. Content-Length and
// Content-Encoding are left out because the body is re-sent decoded in full;
// Set-Cookie is left out because upstream cookies would land on the proxy's origin.
const RETURNED_RESPONSE_HEADERS = [
  'content-type',
  'content-language',
  'cache-control',
  'etag',
  'last-modified',
  'expires',
  'location',
  'retry-after',
  'www-authenticate',
] as const;

/**
 * Headers to send upstream: the allow-listed ones from the caller plus
 * `Authorization` when given (the caller's `X-Proxy-Auth` or the proxy's own
 * OCLC bearer token).
 */
export function upstreamRequestHeaders(
  incoming: IncomingHttpHeaders,
  authorization: string | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of FORWARDED_REQUEST_HEADERS) {
    const v = incoming[name];
    if (typeof v === 'string') out[name] = v;
  }
  if (authorization) out.authorization = authorization;
  // Without this, fetch announces itself as "node"; OCLC support can find the proxy's calls by this name.
  out['user-agent'] = 'WorldShareBridge-Proxy';
  return out;
}

/** The allow-listed headers of an upstream answer, lower-case names. */
export function returnedResponseHeaders(upstream: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of RETURNED_RESPONSE_HEADERS) {
    const v = upstream.get(name);
    if (v !== null) out[name] = v;
  }
  return out;
}
