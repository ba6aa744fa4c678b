import type { FastifyServerOptions } from 'fastify';
import type { SecretRegistry } from './secret-registry.ts';

type LoggerOptions = Exclude<FastifyServerOptions['logger'], boolean | undefined>;

/** Header names whose values must never reach a log line. */
const SENSITIVE_PATHS = [
  'req.headers.authorization',
  'req.headers["x-proxy-auth"]',
  'req.headers.cookie',
  'headers.authorization',
  'headers["x-proxy-auth"]',
  'headers.cookie',
  'authorization',
  'token',
  'accessToken',
  'access_token',
  'secret',
  '*.authorization',
  '*.token',
  '*.secret',
];

/**
 * Pino options for the proxy's Fastify logger.
 *
 * Three layers keep tokens and secrets out of the log: the proxy logs only the
 * fields it chooses (request id, method, upstream host, path without query,
 * status, latency, inst_code); `redact` blanks header and token fields should
 * anything log them; and every finished line passes through `secrets.scrub`,
 * which replaces the WSKey secrets, their Basic credentials and the OCLC tokens
 * currently held.
 *
 * @param requested `true` for defaults, or pino options (e.g. `{ level, stream }`) that are merged in.
 * @returns options for Fastify's `logger`, or `false` to log nothing.
 */
export function proxyLoggerOptions(
  requested: boolean | object | undefined,
  secrets: SecretRegistry,
): false | LoggerOptions {
  if (!requested) return false;
  const base: LoggerOptions =
    typeof requested === 'object' ? { ...(requested as LoggerOptions) } : {};
  return {
    level: 'info',
    ...base,
    redact: { paths: SENSITIVE_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({
        method: req.method,
        path: pathOnly(req.url),
      }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: { name?: string; message?: string; code?: string; stack?: string }) => ({
        type: err.name ?? 'Error',
        code: err.code,
        message: err.message ?? '',
        stack: err.stack ?? '',
      }),
    },
    hooks: { streamWrite: (line: string) => secrets.scrub(line) },
  };
}

/** The path of a request target without its query string (queries may carry keys). */
export function pathOnly(target: string | undefined): string | undefined {
  if (target === undefined) return undefined;
  const q = target.indexOf('?');
  return q === -1 ? target : target.slice(0, q);
}
