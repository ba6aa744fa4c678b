import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CloudAppIdentity } from './cloud-app-jwt.ts';
import { createCloudAppJwtVerifier } from './cloud-app-jwt.ts';
import type { ProxyConfig } from './config.ts';
import { resolveConfig } from './config.ts';
import { ProxyError, errorBody } from './errors.ts';
import { createBridgeReadApi } from './bridge-read-api.ts';
import { createForwardingHandler } from './forwarding-handler.ts';
import { IdempotentCreates } from './idempotent-creates.ts';
import { registerInbox } from './inbox/inbox-route.ts';
import { pathOnly, proxyLoggerOptions } from './logging.ts';
import { OclcTokenCache } from './oclc-token-cache.ts';
import { SecretRegistry } from './secret-registry.ts';
import type { ProxyStore } from './store/index.ts';
import { openProxyStore } from './store/index.ts';
import { UpstreamAllowList } from './upstream-allow-list.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set once the Cloud App JWT has been verified. */
    identity: CloudAppIdentity | null;
    /** The allowed upstream host the request goes to, for logging. */
    upstreamHost: string | null;
  }
  interface FastifyInstance {
    /** The proxy's store (lender messages, idempotency keys); closed with the instance. */
    store: ProxyStore;
  }
}

/** Options for `createProxyServer`. */
export interface ProxyServerOptions {
  /** `true` for JSON logs on stdout, or pino options such as `{ level, stream }`. Default: no logging. */
  logger?: boolean | object;
}

/** Methods forwarded upstream. OPTIONS is answered by the CORS preflight handler and never forwarded. */
export const FORWARDED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Headers a browser may send cross-origin (CORS preflight answer). */
const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'X-Proxy-Host',
  'X-Proxy-Auth',
  'Content-Type',
  'Accept',
  'Idempotency-Key',
];
const CORS_EXPOSED_HEADERS = [
  'Retry-After',
  'X-Request-Id',
  'ETag',
  'Location',
  'Idempotent-Replayed',
];
const MINUTE_MS = 60_000;

/**
 * Builds the proxy as a Fastify instance, ready but not listening (use
 * `listen`, `inject`, or a serverless adapter).
 *
 * Routes: `GET /healthz` (no auth); `POST /iso18626/:instCode`, the
 * institution's ISO 18626 inbox (HTTP Basic sender secret, see inbox/); the
 * app's read API `GET /bridge/lender-messages/:id` and `POST /bridge/lender-states`
 * (Cloud App JWT); and every other path for the methods in `FORWARDED_METHODS`,
 * forwarded to the upstream named by `X-Proxy-Host`.
 * Order per forwarded request: CORS (preflight answered here), per-IP rate limit, Cloud
 * App JWT check, per-institution rate limit, upstream allow-list, path check,
 * OCLC token, forward (at most once per `Idempotency-Key` on POST).
 *
 * The store (SQLite in `dataDir`, or PostgreSQL at `databaseUrl`) is opened and
 * migrated here and closed with the instance.
 *
 * @throws ProxyConfigError when `config` is invalid.
 */
export async function createProxyServer(
  config: ProxyConfig,
  opts: ProxyServerOptions = {},
): Promise<FastifyInstance> {
  const c = resolveConfig(config);
  const secrets = new SecretRegistry();
  const tokens = new OclcTokenCache({
    tokenUrl: c.oauthTokenUrl,
    institutions: c.institutions,
    timeoutMs: c.upstreamTimeoutMs,
    refreshMarginMs: c.tokenRefreshMarginMs,
    secrets,
  });
  const verifyJwt = createCloudAppJwtVerifier({
    publicKeyPem: c.publicKeyPem || undefined,
    jwksUrl: c.jwksUrl || undefined,
    issuer: c.issuer,
    allowedApps: c.allowedApps,
    allowLocalDev: c.allowLocalDev,
    isKnownInstitution: (code) => Object.hasOwn(c.institutions, code),
    clockToleranceSec: c.jwtClockToleranceSec,
    jwksTimeoutMs: Math.min(c.upstreamTimeoutMs, 10_000),
  });
  for (const inst of Object.values(c.institutions)) secrets.add(inst.inboxSecret);
  const store = await openProxyStore({
    dataDir: c.dataDir || undefined,
    databaseUrl: c.databaseUrl || undefined,
  });
  // A forward may take a token request, the call and one retry, each up to upstreamTimeoutMs.
  const idempotency = new IdempotentCreates(store.idempotencyKeys, {
    pollMs: c.idempotencyPollMs,
    staleAfterMs: 3 * c.upstreamTimeoutMs + 5_000,
  });
  const forward = createForwardingHandler({
    allowList: new UpstreamAllowList(c.allowedUpstreams),
    tokens,
    timeoutMs: c.upstreamTimeoutMs,
    idempotency,
  });

  const app = Fastify({
    logger: proxyLoggerOptions(opts.logger, secrets),
    disableRequestLogging: true,
    genReqId: () => randomUUID(),
    bodyLimit: c.bodyLimitBytes,
    trustProxy: c.trustProxy,
  });
  app.decorate('store', store);
  app.addHook('onClose', async () => {
    await store.close();
  });
  app.decorateRequest('identity', null);
  app.decorateRequest('upstreamHost', null);

  // Bodies are forwarded byte for byte (JSON, ISO 18626 XML, anything), never parsed.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

  // Registered before CORS so that preflight answers carry the id too.
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  const allowedOrigins = new Set(c.allowedOrigins);
  await app.register(cors, {
    origin: (origin, cb) => cb(null, origin !== undefined && allowedOrigins.has(origin)),
    methods: [...FORWARDED_METHODS],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: 600,
  });

  await app.register(rateLimit, { global: false });
  const perIp = app.createRateLimit({
    max: c.ipRateLimitPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (req) => `ip:${req.ip}`,
  });
  const perInstitution = app.createRateLimit({
    max: c.rateLimitPerMinute,
    timeWindow: MINUTE_MS,
    keyGenerator: (req) => `inst:${req.identity?.instCode ?? ''}`,
  });
  const enforce =
    (limiter: typeof perIp, who: string) =>
    async (request: FastifyRequest): Promise<void> => {
      const r = await limiter(request);
      if (!r.isAllowed && r.isExceeded) {
        throw new ProxyError(
          429,
          'rate_limited',
          `Too many requests ${who}: at most ${r.max} per minute. Try again in ${r.ttlInSeconds} s.`,
          { 'retry-after': String(r.ttlInSeconds) },
        );
      }
    };

  const authenticate = async (request: FastifyRequest): Promise<void> => {
    request.identity = await verifyJwt(request.headers.authorization);
  };

  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        host: request.upstreamHost ?? requestedHost(request.headers['x-proxy-host']),
        path: pathOnly(request.url),
        status: reply.statusCode,
        latencyMs: Math.round(reply.elapsedTime),
        instCode: request.identity?.instCode,
      },
      'request completed',
    );
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) =>
    sendError(err, request, reply),
  );
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send(errorBody('not_found', `${request.method} is not forwarded by this proxy.`));
  });

  app.get('/healthz', async () => ({ ok: true }));
  registerInbox(app, {
    institutions: c.institutions,
    store: store.lenderMessages,
    maxBytes: c.inboxMaxBytes,
  });
  const readApi = createBridgeReadApi(store.lenderMessages);
  const readApiHooks = {
    onRequest: [enforce(perIp, 'from this address')],
    preHandler: [authenticate, enforce(perInstitution, 'for this institution')],
  };
  app.get<{ Params: { worldShareRequestId: string } }>(
    '/bridge/lender-messages/:worldShareRequestId',
    readApiHooks,
    readApi.lenderMessages,
  );
  app.post('/bridge/lender-states', readApiHooks, readApi.lenderStates);
  app.route({
    method: [...FORWARDED_METHODS],
    url: '/*',
    onRequest: [enforce(perIp, 'from this address')],
    preHandler: [authenticate, enforce(perInstitution, 'for this institution')],
    handler: forward,
  });
  return app;
}

// For refused requests the log still says which host was asked for, bounded and printable.
function requestedHost(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const value = (Array.isArray(header) ? header.join(', ') : header).replace(/[^\x20-\x7e]/g, '?');
  return value.length > 100 ? `${value.slice(0, 100)}...` : value;
}

function sendError(
  err: Error & { statusCode?: number; code?: string },
  request: FastifyRequest,
  reply: FastifyReply,
): FastifyReply {
  if (err instanceof ProxyError) {
    const level = err.statusCode >= 500 ? 'warn' : 'info';
    request.log[level]({ code: err.code, status: err.statusCode }, err.message);
    return reply.code(err.statusCode).headers(err.headers).send(errorBody(err.code, err.message));
  }
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    request.log.info({ code: err.code, status: 413 }, err.message);
    return reply
      .code(413)
      .send(
        errorBody(
          'body_too_large',
          "The request body is larger than this endpoint accepts (see the proxy's documented limits).",
        ),
      );
  }
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
    // Fastify's own refusals (body too large, bad content-length, ...): readable as they are.
    request.log.info({ code: err.code, status: err.statusCode }, err.message);
    return reply.code(err.statusCode).send(errorBody('bad_request', err.message));
  }
  request.log.error({ err }, 'unexpected error');
  return reply
    .code(500)
    .send(errorBody('internal_error', 'The proxy failed unexpectedly; the error has been logged.'));
}
