import type { FastifyReply, FastifyRequest } from 'fastify';
import { ProxyError } from './errors.ts';
import type { UpstreamAnswer } from './forward.ts';
import type { IdempotentCreates } from './idempotent-creates.ts';
import { idempotencyKeyOf } from './idempotent-creates.ts';
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
  /** When set, a POST with `Idempotency-Key` is sent upstream at most once per key (see `IdempotentCreates`). */
  idempotency?: IdempotentCreates;
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
 * A `POST` carrying `Idempotency-Key: <value>` is keyed `<inst_code>:<value>` and goes upstream at
 * most once per key (`IdempotentCreates`); a repeat gets the stored 2xx answer with
 * `Idempotent-Replayed: true`.
 *
 * Expects `request.identity` to be set by the JWT check.
 */
export function createForwardingHandler(deps: ForwardingDeps) {
  return async function forward(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
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
    if (Array.isArray(proxyAuth))
      throw new ProxyError(400, 'proxy_auth_repeated', 'Send X-Proxy-Auth at most once.');
    const exchange = async (): Promise<UpstreamAnswer> => {
      if (proxyAuth) return send(proxyAuth);
      const token = await deps.tokens.getToken(identity.instCode);
      const answer = await send(`Bearer ${token}`);
      if (answer.status !== 401) return answer;
      // The token may have been revoked or expired early: one retry with a fresh one.
      deps.tokens.invalidate(identity.instCode, token);
      const fresh = await deps.tokens.getToken(identity.instCode);
      return send(`Bearer ${fresh}`);
    };

    const key =
      request.method === 'POST' && deps.idempotency
        ? idempotencyKeyOf(request.headers['idempotency-key'])
        : undefined;
    if (key !== undefined && deps.idempotency) {
      const fingerprint = `POST ${upstream.origin}${target.split('?')[0]}`;
      const { answer, replayed } = await deps.idempotency.run(
        `${identity.instCode}:${key}`,
        fingerprint,
        exchange,
        (e) =>
          request.log.warn(
            { err: e },
            'the idempotency store failed; the upstream answer is passed on',
          ),
      );
      if (replayed) reply.header('idempotent-replayed', 'true');
      return reply.code(answer.status).headers(answer.headers).send(answer.body);
    }
    const answer = await exchange();
    return reply.code(answer.status).headers(answer.headers).send(answer.body);
  };
}
