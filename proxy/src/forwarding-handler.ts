import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyError } from './errors.ts';
import type { UpstreamAnswer } from './forward.ts';
import { sendUpstream } from './forward.ts';
import { upstreamRequestHeaders } from './forward-headers.ts';
import type { OclcTokenCache } from './oclc-token-cache.ts';
import type { UpstreamAllowList } from './upstream-allow-list.ts';
import { checkForwardTarget } from './upstream-path.ts';

/** What the forwarding handler needs. */
export interface ForwardingDeps {
  allowList: UpstreamAllowList;
  tokens: OclcTokenCache;
  timeoutMs: number;
}

/**
 * Route handler that forwards an authenticated request to the upstream named by
 * `X-Proxy-Host` (same wire format as the Ex Libris hosted Cloud App proxy).
 *
 * Authorization sent upstream: the caller's `X-Proxy-Auth` verbatim when present
 * (then an upstream 401 is passed back as is); otherwise
 * `Bearer <the institution's OCLC token>`, and when the upstream answers 401 to
 * that token it is dropped and the request is sent once more with a fresh one.
 *
 * Expects `request.identity` to be set by the JWT check.
 */
export function createForwardingHandler(deps: ForwardingDeps) {
  return async function forward(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const upstream = deps.allowList.resolve(request.headers['x-proxy-host']);
    request.upstreamHost = upstream.host;
    const target = checkForwardTarget(request.url);
    const identity = request.identity;
    if (!identity) throw new Error('forwarding handler reached without an authenticated identity');

    const body = Buffer.isBuffer(request.body) ? request.body : undefined;
    const send = (authorization: string): Promise<UpstreamAnswer> =>
      sendUpstream({
        origin: upstream.origin,
        target,
        method: request.method,
        headers: upstreamRequestHeaders(request.headers, authorization),
        body,
        timeoutMs: deps.timeoutMs,
      });

    const proxyAuth = request.headers['x-proxy-auth'];
    let answer: UpstreamAnswer;
    if (Array.isArray(proxyAuth)) {
      throw new ProxyError(400, 'proxy_auth_repeated', 'Send X-Proxy-Auth at most once.');
    } else if (proxyAuth) {
      answer = await send(proxyAuth);
    } else {
      const token = await deps.tokens.getToken(identity.instCode);
      answer = await send(`Bearer ${token}`);
      if (answer.status === 401) {
        // The token may have been revoked or expired early: one retry with a fresh one.
        deps.tokens.invalidate(identity.instCode, token);
        const fresh = await deps.tokens.getToken(identity.instCode);
        answer = await send(`Bearer ${fresh}`);
      }
    }
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  };
}
