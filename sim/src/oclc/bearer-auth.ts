import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FakeOclcContext } from './context.js';
import { errorBodyForPath, httpErrorBody } from './oclc-errors.js';
import type { TokenGrant } from './token-store.js';

/**
 * Checks `Authorization: Bearer <access token>` and the per-token rate limit for an ILL API call.
 *
 * Returns the token's grant, or undefined after answering the call itself:
 * - no, unknown or expired token -> 401 with OCLC's body (contracts/oclc-ill/errorResponse.json) and
 *   `WWW-Authenticate: Bearer`;
 * - over the rate limit (`rateLimitPerSec` calls in any second, or `rateLimit`) -> 429 in OCLC's
 *   error format with `Retry-After` (seconds), counted in `worldshare.throttled`.
 */
export async function authorizeBearer(
  ctx: FakeOclcContext,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<TokenGrant | undefined> {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  const grant = match ? ctx.tokens.find(match[1]) : undefined;
  if (!grant) {
    await reply
      .code(401)
      .header('WWW-Authenticate', 'Bearer realm="OCLC"')
      .send(httpErrorBody(401));
    return undefined;
  }
  const retryAfter = ctx.rateLimiter.take(grant.accessToken);
  if (retryAfter > 0) {
    const state = ctx.stateOf(req);
    state.worldshare.throttled = (state.worldshare.throttled ?? 0) + 1;
    await reply
      .code(429)
      .header('Retry-After', String(retryAfter))
      .send(errorBodyForPath(req.url, 429));
    return undefined;
  }
  return grant;
}
