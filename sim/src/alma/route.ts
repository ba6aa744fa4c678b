import type { FastifyRequest, HTTPMethods } from 'fastify';
import type { RecordedCall, SimState } from '../state.js';

/** What a fake Alma handler sees of one call. */
export interface AlmaCallContext {
  state: SimState;
  req: FastifyRequest;
  /** Query string as a flat map (see params.ts queryOf). */
  query: Record<string, string>;
  /** The call-log entry of this call; handlers may add `effective`. */
  call: RecordedCall;
}

/** A handler's answer: status (default 200) and JSON body (absent = empty body, e.g. 204). */
export interface AlmaResult {
  status?: number;
  body?: unknown;
}

/** One fake Alma route. `path` is relative to /almaws/v1, in Fastify syntax (`/users/:user_id/loans`). */
export interface AlmaRoute {
  method: HTTPMethods;
  path: string;
  handler: (ctx: AlmaCallContext) => AlmaResult | Promise<AlmaResult>;
}

/** Turns a Fastify route path into a regular expression over the full request path (for 405 detection). */
export function routePattern(prefix: string, path: string): RegExp {
  const escaped = (prefix + path)
    .split('/')
    .map((seg) => (seg.startsWith(':') ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${escaped}/?$`);
}
