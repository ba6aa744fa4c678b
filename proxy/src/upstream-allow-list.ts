import { ProxyError } from './errors.ts';
import { parseOrigin } from './origins.ts';

/** One configured upstream: its origin (scheme, host, port) and its `URL.host` form. */
export interface AllowedUpstream {
  /** e.g. `https://128807.share.worldcat.org` or `http://127.0.0.1:4310`. */
  origin: string;
  /** e.g. `128807.share.worldcat.org` or `127.0.0.1:4310`. */
  host: string;
}

// Characters a host may be written with in X-Proxy-Host: DNS names, IPv4 and
// bracketed IPv6, an optional port. Anything else (userinfo "@", "#", "/", "?",
// spaces, commas from repeated headers, non-ASCII look-alikes) is refused before
// comparing, so no URL parser gets a chance to reinterpret it.
const HOST_FORM = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;
const ORIGIN_FORM = /^https?:\/\/(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The upstream hosts that `X-Proxy-Host` may name, from `PROXY_ALLOWED_UPSTREAMS`.
 *
 * The header must equal, ignoring ASCII case, either the `URL.host` of a listed
 * origin (`hostname[:port]`, the form the Ex Libris hosted proxy uses) or the
 * listed origin itself (`https://hostname[:port]`). Scheme and port are always
 * taken from the list, never from the request.
 */
export class UpstreamAllowList {
  private readonly byHost = new Map<string, AllowedUpstream>();
  private readonly byOrigin = new Map<string, AllowedUpstream>();

  /** @param origins normalised origins (see `resolveConfig`). */
  constructor(origins: string[]) {
    for (const o of origins) {
      const url = parseOrigin(o);
      if (typeof url === 'string') throw new Error(`allowed upstream ${url}`);
      const entry = { origin: url.origin, host: url.host };
      this.byHost.set(entry.host, entry);
      this.byOrigin.set(entry.origin, entry);
    }
  }

  /**
   * Resolves the `X-Proxy-Host` header to an allowed upstream.
   *
   * @param header the raw header value (an array when it was sent more than once).
   * @throws ProxyError 400 `proxy_host_missing` when absent; 403 `upstream_not_allowed` otherwise.
   */
  resolve(header: string | string[] | undefined): AllowedUpstream {
    if (header === undefined || header === '') {
      throw new ProxyError(
        400,
        'proxy_host_missing',
        'The X-Proxy-Host header is required: it names the upstream host, e.g. 128807.share.worldcat.org.',
      );
    }
    const value = Array.isArray(header) ? header.join(', ') : header;
    const refused = new ProxyError(
      403,
      'upstream_not_allowed',
      `X-Proxy-Host ${describe(value)} is not an upstream this proxy forwards to; ask the proxy's administrator to add it to PROXY_ALLOWED_UPSTREAMS.`,
    );
    if (Array.isArray(header)) throw refused;
    const lower = value.toLowerCase();
    const found = HOST_FORM.test(value)
      ? this.byHost.get(lower)
      : ORIGIN_FORM.test(value)
        ? this.byOrigin.get(lower)
        : undefined;
    if (!found) throw refused;
    return found;
  }
}

// The header value is quoted back to help whoever configured the app, but only
// in a bounded, printable form.
function describe(value: string): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return JSON.stringify(printable.length > 80 ? `${printable.slice(0, 80)}...` : printable);
}
