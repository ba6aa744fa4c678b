import { Observable, defer, from, retry, switchMap, throwError, timer } from 'rxjs';

/**
 * Alma's documented per-institution limit is 25 API calls per second. The app lets at most 22
 * calls start in any second, at least 40 ms apart: calls relayed through the host can arrive at
 * Alma a little bunched (the host and the app share a busy browser thread), and the margin keeps
 * the arrivals under 25 in every second.
 */
export const ALMA_CALLS_PER_SECOND = 22;
export const ALMA_MIN_SPACING_MS = 40;

/** Tries after a 429 before the failure is reported. */
export const RATE_LIMIT_RETRIES = 4;

/** A gate that lets at most `limit` calls start in any `intervalMs` window; callers queue. */
export interface RateGate {
  /** Resolves when the caller may start one call. */
  pass(): Promise<void>;
  /** Calls waiting for their turn. */
  readonly waiting: number;
}

/**
 * A sliding-window gate over the times calls were actually let through (not the times they were
 * scheduled for), so timers that fire late cannot release a burst. `minSpacingMs` spreads the
 * calls evenly within the window. Callers are served in order.
 *
 * A fractional `limit` is honoured over a longer window: 0.5 a second lets one call start in any
 * 2 s, 2.5 a second two in any 800 ms. A limit of 0 or less (or not a number) is read as 1.
 */
export function createRateGate(
  limit: number,
  intervalMs: number,
  minSpacingMs = 0,
  now: () => number = Date.now,
): RateGate {
  const rate = Number.isFinite(limit) && limit > 0 ? limit : 1;
  const max = Math.max(1, Math.floor(rate));
  // `max` calls per window, the window stretched so that the average is `rate` per `intervalMs`.
  intervalMs = (intervalMs * max) / rate;
  const started: number[] = [];
  const queue: (() => void)[] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;

  const pump = (): void => {
    timer = null;
    while (queue.length > 0) {
      const t = now();
      while (started.length > 0 && t - started[0] >= intervalMs) started.shift();
      let wait = started.length >= max ? started[0] + intervalMs - t : 0;
      const last = started[started.length - 1];
      if (minSpacingMs > 0 && last !== undefined) wait = Math.max(wait, last + minSpacingMs - t);
      if (wait > 0) {
        timer = setTimeout(pump, wait);
        return;
      }
      started.push(t);
      queue.shift()!();
    }
  };

  return {
    pass: () =>
      new Promise<void>((resolve) => {
        queue.push(resolve);
        if (timer === null) pump();
      }),
    get waiting() {
      return queue.length;
    },
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
export function retryOnRateLimit<T>(
  retries = RATE_LIMIT_RETRIES,
  baseMs = 1000,
): (source: Observable<T>) => Observable<T> {
  return (source) =>
    source.pipe(
      retry({
        count: retries,
        delay: (error: unknown, attempt: number) =>
          statusOf(error) === 429
            ? timer(baseMs * 2 ** (attempt - 1) + Math.floor(Math.random() * 250))
            : throwError(() => error),
      }),
    );
}

/**
 * The pacing of calls to WorldShare through the proxy, at the institution's
 * `worldshareCallsPerSecond` (the configuration allows 0.1 to 100; a fraction is honoured, 0.5 is
 * one call every 2 s; 0 or less is read as 1): at most that many start on average in any second,
 * evenly spread like the Alma gate, and a call answered 429 is retried with back-off
 * (`retryOnRateLimit`). One gate per rate, shared by every call at that rate.
 */
export class WorldSharePacer {
  private readonly gates = new Map<number, RateGate>();

  /** Starts `call` when the gate for `callsPerSecond` lets it; retries it on 429. */
  paced<T>(callsPerSecond: number, call: () => Observable<T>): Observable<T> {
    return throughGate(this.gateFor(callsPerSecond), call).pipe(retryOnRateLimit<T>());
  }

  private gateFor(callsPerSecond: number): RateGate {
    const perSecond = callsPerSecond > 0 ? callsPerSecond : 1;
    let gate = this.gates.get(perSecond);
    if (!gate) {
      gate = createRateGate(perSecond, 1000, Math.floor(1000 / perSecond));
      this.gates.set(perSecond, gate);
    }
    return gate;
  }
}
