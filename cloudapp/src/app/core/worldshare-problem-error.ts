import { HttpErrorResponse } from '@angular/common/http';
import { TimeoutError } from 'rxjs';
import {
  WorldShareProblem,
  WorldShareProblemCode,
  describeWorldShareError,
} from '../domain/worldshare-errors';

/** An error carrying a WorldShare (or proxy) failure already described for staff. */
export class WorldShareError extends Error {
  constructor(
    readonly problem: WorldShareProblem,
    /** The HTTP status of the answer; 0 when there was none (timeout, network, configuration). */
    readonly status: number,
  ) {
    super(problem.detail ?? `WorldShare answered ${status} (${problem.code})`);
    this.name = 'WorldShareError';
  }
}

/** A problem that names no OCLC field (timeouts, configuration, answers the app cannot read). */
export function simpleProblem(
  code: WorldShareProblemCode,
  detail: string | null,
): WorldShareProblem {
  return { code, field: null, fieldLabel: null, failureCode: null, detail, failures: [] };
}

/**
 * The one mapping from what a call through the proxy raised to a `WorldShareError`:
 * - a `WorldShareError` stays as it is;
 * - RxJS `TimeoutError` (no answer in time) -> `unavailable`, status 0;
 * - Angular `HttpErrorResponse` -> `describeWorldShareError` of its status and body (JSON text is
 *   parsed; XML or other text is described from the status). That reads OCLC's errors and the
 *   proxy's own `{error: {code, message}}` (domain/worldshare-errors.ts, domain/proxy-errors.ts);
 *   status 0 there means the browser got no answer (network, CORS, connect-src);
 * - anything else -> `unknown` with its message.
 */
export function toWorldShareError(e: unknown): WorldShareError {
  if (e instanceof WorldShareError) return e;
  if (e instanceof TimeoutError) {
    return new WorldShareError(
      simpleProblem('unavailable', 'WorldShare did not answer in time.'),
      0,
    );
  }
  if (e instanceof HttpErrorResponse) {
    let body: unknown = e.error;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        /* XML or text: describe from the status */
      }
    }
    return new WorldShareError(describeWorldShareError(e.status, body), e.status);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new WorldShareError(simpleProblem('unknown', message), 0);
}

/** The staff-facing problem inside any error a WorldShare call raised (unknown errors keep their message). */
export function toWorldShareProblem(e: unknown): WorldShareProblem {
  if (e instanceof WorldShareError) return e.problem;
  return simpleProblem('unknown', e instanceof Error ? e.message : String(e));
}
