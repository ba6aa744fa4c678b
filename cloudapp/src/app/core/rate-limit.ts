import pThrottle from 'p-throttle';
import { Observable, defer, from, retry, switchMap, throwError, timer } from 'rxjs';

/**
 * Alma's documented per-institution limit is 25 API calls per second. The app stays under it
 * with a margin (25 per 1.1 s, checked for every window, not per calendar second) because the
 * host relays each call and the arrival times at Alma jitter by a few milliseconds.
 */
export const ALMA_CALLS_PER_WINDOW = 25;
export const ALMA_WINDOW_MS = 1100;

/** Tries after a 429 before the failure is reported. */
export const RATE_LIMIT_RETRIES = 4;

/** A gate that lets at most `limit` calls start in any `intervalMs` window; callers queue. */
export interface RateGate {
  /** Resolves when the caller may start one call. */
  pass(): Promise<void>;
  /** Calls waiting for their turn. */
  readonly waiting: number;
}

export function createRateGate(limit: number, intervalMs: number): RateGate {
  const throttled = pThrottle({ limit: Math.max(1, Math.floor(limit)), interval: intervalMs, strict: true })(() => undefined);
  return {
    pass: async () => { await throttled(); },
    get waiting() { return throttled.queueSize; },
  };
}

/** Waits for the gate, then subscribes to the call. */
export function throughGate<T>(gate: RateGate, call: () => Observable<T>): Observable<T> {
  return defer(() => from(gate.pass())).pipe(switchMap(() => call()));
}

/** The HTTP status inside an SDK RestErrorResponse, an HttpErrorResponse or a WorldShareError. */
function statusOf(e: unknown): number {
  const s = (e as { status?: unknown } | null)?.status;
  return typeof s === 'number' ? s : Number(s) || 0;
}

/**
 * Retries a call that was answered 429 (too many requests), waiting 1, 2, 4, 8 s (plus jitter)
 * between tries; any other error passes straight through.
 */
export function retryOnRateLimit<T>(retries = RATE_LIMIT_RETRIES, baseMs = 1000): (source: Observable<T>) => Observable<T> {
  return (source) =>
    source.pipe(
      retry({
        count: retries,
        delay: (error: unknown, attempt: number) =>
          statusOf(error) === 429 ? timer(baseMs * 2 ** (attempt - 1) + Math.floor(Math.random() * 250)) : throwError(() => error),
      }),
    );
}
