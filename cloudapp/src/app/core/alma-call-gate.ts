import { Observable, defer, finalize, from, switchMap } from 'rxjs';
import { RateGate, createRateGate } from './rate-limit';

/**
 * Ex Libris's limits on REST calls made through the Cloud App SDK, per staff user: "API calls from Cloud
 * Apps are limited to 10 simultaneous requests and 25 requests in 5 seconds" (developers.exlibrisgroup.com,
 * Cloud Apps "REST Service"; documented). The institution configuration can lower (or, should Ex Libris
 * raise them, raise) them: `almaCallLimits`.
 */
export interface AlmaCallLimits {
  concurrent: number;
  perWindow: number;
  windowSeconds: number;
}

export const DOCUMENTED_ALMA_CALL_LIMITS: AlmaCallLimits = Object.freeze({
  concurrent: 10,
  perWindow: 25,
  windowSeconds: 5,
});

/**
 * Added to the window on the app's side: calls relayed through the host page reach Alma a little
 * bunched (the host and the app share a busy browser thread), and the margin keeps every window as
 * Alma counts it within the limit. 10% of the documented window.
 */
export const ALMA_WINDOW_MARGIN_MS = 500;

/**
 * A gate for Alma calls: at most `concurrent` in flight, at most `perWindow` started in any
 * `windowSeconds * 1000 + ALMA_WINDOW_MARGIN_MS` ms, evenly spaced. Callers are served in order. New
 * limits apply to calls that start after `configure`.
 */
export class AlmaCallGate {
  private limits: AlmaCallLimits = DOCUMENTED_ALMA_CALL_LIMITS;
  private window: RateGate;
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    limits: AlmaCallLimits = DOCUMENTED_ALMA_CALL_LIMITS,
    private readonly now: () => number = Date.now,
  ) {
    this.window = this.makeWindow(limits);
    this.limits = limits;
  }

  configure(limits: AlmaCallLimits): void {
    const same =
      limits.concurrent === this.limits.concurrent &&
      limits.perWindow === this.limits.perWindow &&
      limits.windowSeconds === this.limits.windowSeconds;
    if (same) return;
    this.limits = { ...limits };
    this.window = this.makeWindow(limits);
    this.pump();
  }

  get current(): AlmaCallLimits {
    return { ...this.limits };
  }

  /** Calls in flight now (for tests and progress). */
  get inFlight(): number {
    return this.running;
  }

  /** Runs `call` when a place is free and the window allows; the place is freed when it ends, fails or is unsubscribed. */
  run<T>(call: () => Observable<T>): Observable<T> {
    return defer(() => {
      const ticket = { held: false, gone: false };
      const ready = this.acquire().then(() => {
        // The caller went away while waiting for a place: hand the place on at once.
        if (ticket.gone) return this.release();
        ticket.held = true;
        return this.window.pass();
      });
      return from(ready).pipe(
        switchMap(() => call()),
        finalize(() => {
          ticket.gone = true;
          if (ticket.held) {
            ticket.held = false;
            this.release();
          }
        }),
      );
    });
  }

  private makeWindow(limits: AlmaCallLimits): RateGate {
    const intervalMs = Math.max(1, limits.windowSeconds) * 1000 + ALMA_WINDOW_MARGIN_MS;
    const perWindow = Math.max(1, limits.perWindow);
    return createRateGate(perWindow, intervalMs, Math.floor(intervalMs / perWindow), this.now);
  }

  private acquire(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.pump();
    });
  }

  private release(): void {
    this.running--;
    this.pump();
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.running < Math.max(1, this.limits.concurrent)) {
      this.running++;
      this.waiting.shift()!();
    }
  }
}
