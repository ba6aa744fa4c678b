import { ProxyError } from './errors.ts';
import { returnedResponseHeaders } from './forward-headers.ts';

/** One request to send to an allowed upstream. */
export interface UpstreamRequest {
  /** Allowed origin, e.g. `https://128807.share.worldcat.org`. */
  origin: string;
  /** Checked path and query, e.g. `/ILL/request/data/1234`. */
  target: string;
  method: string;
  headers: Record<string, string>;
  /** Raw request body; ignored for GET and HEAD. */
  body: Buffer | undefined;
  timeoutMs: number;
}

/** What the upstream answered, fully read. */
export interface UpstreamAnswer {
  status: number;
  /** Allow-listed headers only (see `returnedResponseHeaders`). */
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * Sends one request upstream without following redirects.
 *
 * A redirect answer (3xx other than 304) is refused with 502
 * `upstream_redirect` instead of being passed on, because a browser receiving it
 * would follow the Location itself, to a host nobody allowed.
 *
 * @throws ProxyError 504 `upstream_timeout` when no complete answer arrives within
 *   `timeoutMs`; 502 `upstream_unreachable` when the connection fails.
 */
export async function sendUpstream(req: UpstreamRequest): Promise<UpstreamAnswer> {
  const url = new URL(req.origin + req.target);
  // Defence in depth: the target was checked, but the origin must be exactly the allowed one.
  if (url.origin !== req.origin)
    throw new ProxyError(400, 'invalid_path', 'The request path would leave the allowed upstream.');
  const hasBody =
    req.method !== 'GET' && req.method !== 'HEAD' && req.body !== undefined && req.body.length > 0;
  const host = url.host;
  try {
    const res = await fetch(url, {
      method: req.method,
      headers: req.headers,
      body: hasBody ? req.body : undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(req.timeoutMs),
    });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status >= 300 && res.status < 400 && res.status !== 304) {
      throw new ProxyError(
        502,
        'upstream_redirect',
        `${host} answered with a redirect (HTTP ${res.status}); the proxy does not follow redirects.`,
      );
    }
    return { status: res.status, headers: returnedResponseHeaders(res.headers), body };
  } catch (e) {
    if (e instanceof ProxyError) throw e;
    if ((e as Error).name === 'TimeoutError') {
      throw new ProxyError(
        504,
        'upstream_timeout',
        `${host} did not answer within ${req.timeoutMs} ms.`,
      );
    }
    throw new ProxyError(502, 'upstream_unreachable', `${host} cannot be reached right now.`);
  }
}
