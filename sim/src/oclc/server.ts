import Fastify, { type FastifyError, type FastifyRequest } from 'fastify';
import { applyDelayAndFaults } from '../faults.js';
import type { RecordedCall, SimState } from '../state.js';
import { recordOclcCall } from './call-log.js';
import type { FakeOclcContext } from './context.js';
import { registerIllRequestRoutes } from './ill-request-routes.js';
import type { OclcInstitution } from './institutions.js';
import { registerIso18626Route } from './iso18626-route.js';
import { LenderPusher } from './lender-push.js';
import { errorBodyForPath, FailureCode, illErrorBody, VALIDATION_MESSAGE } from './oclc-errors.js';
import { RateLimiter } from './rate-limiter.js';
import { TokenStore } from './token-store.js';
import { registerTokenRoute } from './token-route.js';

/** Options of `startFakeOclc`. */
export interface FakeOclcOptions {
  /** Interface to bind; default 127.0.0.1. */
  host?: string;
  /** Port; default 0 (an ephemeral port, read it from the returned `url`). */
  port?: number;
  /** The libraries whose WSKeys the fake OAuth server knows. */
  institutions: OclcInstitution[];
  /** Access token lifetime in seconds, sent as `expires_in`; default 1199 (OCLC's usual 20 minutes less a second). */
  tokenLifetimeSec?: number;
  /** Calls per second allowed per access token before 429; default 10; 0 = unlimited. */
  rateLimitPerSec?: number;
  /** Instead of `rateLimitPerSec`: `calls` allowed per access token in any `windowMs`. */
  rateLimit?: { calls: number; windowMs: number };
  /** Clock in epoch milliseconds for token expiry, rate limit and dates; default `Date.now` (tests pass their own). */
  now?: () => number;
  /** The lender's outgoing side, shared with the control API (`/__sim/lender/send`); default a new one. */
  pusher?: LenderPusher;
}

/** A running fake OCLC: `url` is its origin, e.g. `http://127.0.0.1:40123` (no trailing slash). */
export interface FakeOclc {
  url: string;
  pusher: LenderPusher;
  close(): Promise<void>;
}

/**
 * Starts the fake OCLC (docs/contracts.md, "OCLC OAuth 2 (WSKey)" and "WorldShare ILL Request API"): the OAuth token endpoint (`POST /token`), the ILL
 * Request API (`/ILL/request/data`) and the lender's ISO 18626 endpoint (`POST /ILL/iso18626`), all on
 * one origin. `getState()` is called once per call, because `/__sim/reset` replaces the state object.
 * Before any route runs, the call is recorded (`worldshare.tokenRequests` for /token, else
 * `worldshare.calls`) and the state's delay and `oclc` fault rules apply. Unknown routes -> 404 in
 * OCLC's error format. Nothing is logged (no secret or token can leak through a log line).
 */
export async function startFakeOclc(
  getState: () => SimState,
  opts: FakeOclcOptions,
): Promise<FakeOclc> {
  const now = opts.now ?? Date.now;
  const states = new WeakMap<FastifyRequest, SimState>();
  const records = new WeakMap<FastifyRequest, RecordedCall>();
  const ctx: FakeOclcContext = {
    institutions: opts.institutions,
    tokenLifetimeSec: opts.tokenLifetimeSec ?? 1199,
    now,
    tokens: new TokenStore(now),
    rateLimiter: opts.rateLimit
      ? new RateLimiter(opts.rateLimit.calls, now, opts.rateLimit.windowMs)
      : new RateLimiter(opts.rateLimitPerSec ?? 10, now),
    pusher: opts.pusher ?? new LenderPusher(now),
    stateOf: (req) => states.get(req) ?? getState(),
  };

  const app = Fastify({ forceCloseConnections: true, logger: false });
  // XML stays the raw string: the ISO 18626 route validates the exact bytes against the XSD.
  app.addContentTypeParser(
    ['application/xml', 'text/xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  // OAuth clients may post the token parameters as a form; the token route reads the raw string.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );

  const track = (req: FastifyRequest): SimState => {
    let state = states.get(req);
    if (!state) {
      state = getState();
      states.set(req, state);
      records.set(req, recordOclcCall(state, req));
    }
    return state;
  };

  app.addHook('preHandler', async (req, reply) => {
    const state = track(req);
    const path = req.url.split('?')[0];
    const answered = await applyDelayAndFaults(state, 'oclc', req, reply, (status) => {
      // A server that sheds load says when to come back; the body builder runs just before send.
      if (status === 429 || status === 503) reply.header('Retry-After', '1');
      return errorBodyForPath(path, status);
    });
    if (answered) return reply;
  });
  app.addHook('onResponse', async (req, reply) => {
    const record = records.get(req);
    if (record) record.status = reply.statusCode;
  });

  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0];
    return reply
      .code(404)
      .send(errorBodyForPath(path, 404, `No resource at ${req.method} ${path}`));
  });

  // Errors raised before a handler runs (unreadable JSON, unsupported media type, body too large).
  app.setErrorHandler(async (error: FastifyError, req, reply) => {
    track(req);
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 600
        ? error.statusCode
        : 500;
    const path = req.url.split('?')[0];
    if (path.startsWith('/ILL/request') && status < 500) {
      return reply
        .code(status)
        .send(
          illErrorBody(VALIDATION_MESSAGE, [
            { failureCode: FailureCode.CannotReadInput, fieldName: 'body' },
          ]),
        );
    }
    return reply.code(status).send(errorBodyForPath(path, status));
  });

  registerTokenRoute(app, ctx);
  registerIllRequestRoutes(app, ctx);
  registerIso18626Route(app, ctx);

  const address = await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 });
  return {
    url: address.replace(/\/$/, ''),
    pusher: ctx.pusher,
    close: async () => {
      await ctx.pusher.close();
      await app.close();
    },
  };
}
