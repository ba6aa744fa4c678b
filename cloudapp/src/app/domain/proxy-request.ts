/**
 * The requests the app sends to the Cloud App proxy, as data: the one place that knows the wire
 * format, used by the calls to OCLC (core/proxy-client.service.ts) and by Test connection
 * (config/connection-test.service.ts).
 *
 * Wire format, the same for this project's proxy and the Ex Libris hosted proxy: a call to OCLC goes
 * to `<proxy url><upstream path and query>` with `X-Proxy-Host: <upstream host>` and
 * `Authorization: Bearer <Cloud App JWT>` (docs/contracts.md, "Cloud App host and tokens"). The
 * hosted proxy adds no OCLC credential, so in that mode the app sends its own in `X-Proxy-Auth`,
 * which the proxy forwards upstream as `Authorization`: HTTP Basic WSKey:secret for the token
 * request, `Bearer <OCLC token>` for every other call (docs/contracts.md, "OCLC OAuth 2 (WSKey)").
 * This project's proxy adds the OCLC token itself and also serves its own API (no upstream host;
 * docs/contracts.md, "Proxy API for the app").
 */
import type { InstitutionConfig } from './institution-config';

/** One call to an OCLC host through the Cloud App proxy. */
export interface ProxiedCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute upstream URL, e.g. `https://128807.share.worldcat.org/ILL/request/data`. */
  url: string;
  body?: unknown;
  /** `json` (default) or `text` (ISO 18626 XML). */
  responseType?: 'json' | 'text';
  contentType?: string;
  /**
   * Sent as `Idempotency-Key`: this project's proxy answers a repeat with the first call's stored
   * answer instead of calling OCLC again (docs/contracts.md, "Proxy API for the app").
   */
  idempotencyKey?: string;
}

/** One call to this project's own proxy API (no upstream host), e.g. the lender messages it stored. */
export interface OwnProxyCall {
  method: 'GET' | 'POST';
  /** Path on the proxy, e.g. `/bridge/lender-states`. */
  path: string;
  body?: unknown;
}

/** A request ready for the browser's HTTP client. */
export interface ProxyRequest {
  method: ProxiedCall['method'];
  /** Absolute URL on the proxy. */
  url: string;
  /** Header name -> value; `Authorization` and `X-Proxy-Auth` are added by `signed`. */
  headers: Record<string, string>;
  body?: unknown;
  responseType: 'json' | 'text';
  /** The OCLC host the proxy forwards to (`X-Proxy-Host`); null for the proxy's own API. */
  upstreamHost: string | null;
}

/** A request to be forwarded to OCLC: it always names the upstream host. */
export interface ForwardedRequest extends ProxyRequest {
  upstreamHost: string;
}

/** The credentials a request carries. */
export interface ProxyCredentials {
  /** The Cloud App JWT from the host, sent as `Authorization: Bearer <jwt>`. */
  jwt: string;
  /** Hosted proxy only: the OCLC credential, sent as `X-Proxy-Auth` (`basicAuth` or `bearerAuth`). */
  proxyAuth?: string | null;
}

/** The proxy address without a trailing slash, or null when it is not an absolute URL. */
function proxyBase(proxyUrl: string): string | null {
  try {
    const proxy = new URL(proxyUrl);
    return `${proxy.origin}${proxy.pathname.replace(/\/$/, '')}`;
  } catch {
    return null;
  }
}

/**
 * A call to OCLC through the proxy, still without credentials. Null when the proxy address or the
 * upstream URL is not an absolute URL (nothing can be sent).
 */
export function forwardedRequest(proxyUrl: string, call: ProxiedCall): ForwardedRequest | null {
  const base = proxyBase(proxyUrl);
  let upstream: URL;
  try {
    upstream = new URL(call.url);
  } catch {
    return null;
  }
  if (base === null) return null;
  const headers: Record<string, string> = { 'X-Proxy-Host': upstream.host };
  if (call.contentType) headers['Content-Type'] = call.contentType;
  if (call.idempotencyKey) headers['Idempotency-Key'] = call.idempotencyKey;
  return {
    method: call.method,
    url: `${base}${upstream.pathname}${upstream.search}`,
    headers,
    ...(call.body === undefined ? {} : { body: call.body }),
    responseType: call.responseType ?? 'json',
    upstreamHost: upstream.host,
  };
}

/**
 * A call to this project's own proxy API (`<proxy url><path>`, no `X-Proxy-Host`), still without
 * the JWT. Null when the proxy address is not an absolute URL.
 */
export function ownProxyRequest(proxyUrl: string, call: OwnProxyCall): ProxyRequest | null {
  const base = proxyBase(proxyUrl);
  if (base === null) return null;
  return {
    method: call.method,
    url: `${base}${call.path}`,
    headers: {},
    ...(call.body === undefined ? {} : { body: call.body }),
    responseType: 'json',
    upstreamHost: null,
  };
}

/** The request with its credentials: `Authorization: Bearer <jwt>` and, if given, `X-Proxy-Auth`. */
export function signed<R extends ProxyRequest>(request: R, credentials: ProxyCredentials): R {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${credentials.jwt}`,
    ...request.headers,
  };
  if (credentials.proxyAuth) headers['X-Proxy-Auth'] = credentials.proxyAuth;
  return { ...request, headers };
}

/** `X-Proxy-Auth` for a call with the OCLC access token (hosted proxy). */
export function bearerAuth(oclcToken: string): string {
  return `Bearer ${oclcToken}`;
}

/** `X-Proxy-Auth` for OCLC's token request: HTTP Basic WSKey:secret (hosted proxy). */
export function basicAuth(wskey: string, secret: string): string {
  return `Basic ${btoa(`${wskey}:${secret}`)}`;
}

/** The address of OCLC's token service when the configuration names none (documented by OCLC). */
export const OCLC_TOKEN_URL = 'https://oauth.oclc.org/token';

/**
 * OCLC's token request (OAuth 2 client credentials, documented by OCLC):
 * `<oauthTokenUrl>?grant_type=client_credentials&scope=<scopes> context:<registryId>`.
 */
export function tokenRequestUrl(
  oauthTokenUrl: string,
  oauthScopes: string,
  registryId: string,
): string {
  const scope = `${oauthScopes} context:${registryId}`;
  return `${oauthTokenUrl.trim() || OCLC_TOKEN_URL}?grant_type=client_credentials&scope=${encodeURIComponent(scope)}`;
}

/** The hosted-proxy token request for a configuration. */
export interface OclcTokenRequest {
  /** `POST` to OCLC's token service (`tokenRequestUrl`), no body. */
  call: ProxiedCall;
  /** `basicAuth(wskey, secret)`, to send as `X-Proxy-Auth`. */
  proxyAuth: string;
  /** `<WSKey>|<scope>`: a token serves every call with the same key and scope. */
  cacheKey: string;
}

/** The token request the hosted-proxy mode sends, from the configuration's WSKey, secret and scope. */
export function oclcTokenRequest(
  config: Pick<InstitutionConfig, 'proxy' | 'worldshare'>,
): OclcTokenRequest {
  const { oauthTokenUrl, oauthScopes, registryId } = config.worldshare;
  return {
    call: { method: 'POST', url: tokenRequestUrl(oauthTokenUrl ?? '', oauthScopes, registryId) },
    proxyAuth: basicAuth(config.proxy.wskey, config.proxy.secret ?? ''),
    cacheKey: `${config.proxy.wskey}|${oauthScopes} context:${registryId}`,
  };
}

/**
 * The token in an answer of OCLC's token service (`{access_token, token_type, expires_in}`,
 * contracts/oclc-ill/access_token.json): `expiresInSeconds` reads `expires_in` as a number or as
 * text (OCLC's sample sends text), 0 when absent. Null when there is no non-empty `access_token`.
 */
export function readAccessToken(
  answer: unknown,
): { token: string; expiresInSeconds: number } | null {
  if (typeof answer !== 'object' || answer === null) return null;
  const { access_token: token, expires_in: expiresIn } = answer as Record<string, unknown>;
  if (typeof token !== 'string' || token === '') return null;
  return { token, expiresInSeconds: Number(expiresIn) || 0 };
}
