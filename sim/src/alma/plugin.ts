import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyDelayAndFaults, toRecordedCall } from '../faults.js';
import type { RecordedCall, SimState } from '../state.js';
import { analyticsRoutes } from './analytics-routes.js';
import { confRoutes } from './conf-routes.js';
import { ALMA_CODES, AlmaApiError, almaErrorBody, almaErrorForStatus } from './errors.js';
import { loanRoutes } from './loans-routes.js';
import { queryOf } from './params.js';
import { rapidoRoutes } from './rapido-routes.js';
import { CLOUD_APP_USER_HEADER, CloudAppLimiter, PerSecondLimiter } from './rate-limit.js';
import { requestRoutes } from './requests-routes.js';
import { type AlmaCallContext, type AlmaRoute, routePattern } from './route.js';

/** Where the fake Alma REST API lives on the host server, as in Alma (`https://<host>/almaws/v1`). */
export const ALMA_PREFIX = '/almaws/v1';

/** Every fake Alma route. */
export const ALMA_ROUTES: AlmaRoute[] = [
  ...requestRoutes,
  ...rapidoRoutes,
  ...loanRoutes,
  ...confRoutes,
  ...analyticsRoutes,
];

export interface FakeAlmaOptions {
  /** The current SimState (replaced by `/__sim/reset`, so always read through this). */
  getState: () => SimState;
}

interface CallEntry {
  call: RecordedCall;
  /** Whether the call was within the per-second threshold and the Cloud App limits when it arrived. */
  admitted: boolean;
  /** The staff user a Cloud App call was relayed for, when admitted under the Cloud App limits (released when answered). */
  cloudAppUser?: string;
}

/**
 * The fake Alma REST API, to register with `{ prefix: ALMA_PREFIX }`. Every call, known route or not, is
 * logged in `state.alma.calls` on arrival (status filled in when the answer is sent; a call left unanswered
 * by a status-0 fault keeps no status), counted against `state.almaRateLimit` (429 PER_SECOND_THRESHOLD over
 * it; the count restarts with each reset) and, when the host page relayed it for the Cloud App (header
 * `x-sim-cloud-app-user`), against that user's Cloud App limits `state.cloudAppLimits` (in flight at once and
 * per sliding window; the same 429 answer; each such refusal counted in `state.alma.throttled`), then delayed and faulted per `state.apiDelayMs` / `state.faults` (target "alma"), then answered.
 * Every error is an Alma error body: unknown route 404, known route with another method 405.
 */
export async function fakeAlmaPlugin(app: FastifyInstance, opts: FakeAlmaOptions): Promise<void> {
  const { getState } = opts;
  // One counter per state: a reset starts a fresh count, so one test's burst never spills into the next.
  const limiters = new WeakMap<SimState, PerSecondLimiter>();
  const limiterOf = (state: SimState) => {
    let limiter = limiters.get(state);
    if (!limiter) limiters.set(state, (limiter = new PerSecondLimiter()));
    return limiter;
  };
  const cloudAppLimiters = new WeakMap<SimState, CloudAppLimiter>();
  const cloudAppLimiterOf = (state: SimState) => {
    let limiter = cloudAppLimiters.get(state);
    if (!limiter) cloudAppLimiters.set(state, (limiter = new CloudAppLimiter()));
    return limiter;
  };
  const entries = new WeakMap<FastifyRequest, CallEntry>();
  const patterns = ALMA_ROUTES.map((r) => ({
    method: r.method,
    re: routePattern(ALMA_PREFIX, r.path),
  }));

  // Alma accepts a JSON content type with no body (e.g. a DELETE from some HTTP clients); Fastify would refuse it.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new Error('The request body is not valid JSON.') as FastifyError;
      err.statusCode = 400;
      done(err, undefined);
    }
  });

  app.addHook('onRequest', async (req) => {
    const state = getState();
    const call = toRecordedCall(req);
    state.alma.calls.push(call);
    const user = req.headers[CLOUD_APP_USER_HEADER];
    let admitted = limiterOf(state).admit(state.almaRateLimit, call.t);
    let cloudAppUser: string | undefined;
    if (typeof user === 'string' && user) {
      call.cloudAppUser = user;
      if (admitted && cloudAppLimiterOf(state).admit(user, state.cloudAppLimits, call.t))
        cloudAppUser = user;
      else admitted = false;
    }
    entries.set(req, { call, admitted, cloudAppUser });
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const entry = entries.get(req);
    if (entry) entry.call.status = reply.statusCode;
    return payload;
  });
  // A Cloud App call stops counting as in flight once answered, or when the caller went away.
  const release = async (req: FastifyRequest) => {
    const entry = entries.get(req);
    if (entry?.cloudAppUser) {
      cloudAppLimiterOf(getState()).release(entry.cloudAppUser);
      entry.cloudAppUser = undefined;
    }
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  const handle =
    (route: Pick<AlmaRoute, 'handler'>) =>
    async (req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const state = getState();
      const entry = entries.get(req);
      const call = entry?.call ?? toRecordedCall(req);
      call.body = req.body ?? null;
      if (entry && !entry.admitted) {
        state.alma.throttled = (state.alma.throttled ?? 0) + 1;
        return reply.code(429).send(almaErrorForStatus(429));
      }
      if (await applyDelayAndFaults(state, 'alma', req, reply, almaErrorForStatus)) return reply;
      const ctx: AlmaCallContext = { state: getState(), req, query: queryOf(req), call };
      try {
        const result = await route.handler(ctx);
        reply.code(result.status ?? 200);
        return result.body === undefined ? reply.send() : reply.send(result.body);
      } catch (err) {
        if (err instanceof AlmaApiError)
          return reply.code(err.status).send(almaErrorBody(err.code, err.message));
        throw err;
      }
    };

  for (const route of ALMA_ROUTES)
    app.route({ method: route.method, url: route.path, handler: handle(route) });

  app.setNotFoundHandler(
    handle({
      handler: ({ req }) => {
        const path = req.url.split('?')[0];
        const allowed = patterns.filter((p) => p.re.test(path)).map((p) => p.method);
        if (allowed.length > 0) {
          throw new AlmaApiError(
            405,
            ALMA_CODES.INVALID_REQUEST,
            `Method ${req.method} is not supported for ${path}; use ${allowed.join(', ')}.`,
          );
        }
        throw new AlmaApiError(
          404,
          ALMA_CODES.INVALID_REQUEST,
          `No API matches ${req.method} ${path}.`,
        );
      },
    }),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status =
      typeof err.statusCode === 'number' && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'fake Alma handler failed');
      return reply.code(status).send(almaErrorForStatus(status));
    }
    return reply
      .code(status)
      .send(almaErrorBody(ALMA_CODES.GENERAL_ERROR, `General Error: ${err.message}`));
  });
}
