import { Observable, TimeoutError, catchError, throwError, timeout } from 'rxjs';

/**
 * How long the app waits for Alma (the Cloud App host) to answer one message, in milliseconds.
 * The SDK's own 30 s timer throws inside a setTimeout and never settles the call, so without
 * this the panel would spin forever when the host goes silent.
 */
export const HOST_TIMEOUT_MS = 30_000;

/** Raised when the host did not answer within the timeout. */
export class HostTimeoutError extends Error {
  readonly kind = 'host-timeout';
  constructor(readonly waitedMs: number) {
    super(`Alma did not answer within ${Math.round(waitedMs / 1000)} seconds.`);
    this.name = 'HostTimeoutError';
  }
}

/** Applies the host timeout to a call made through the Cloud App SDK. */
export function withHostTimeout<T>(ms = HOST_TIMEOUT_MS): (source: Observable<T>) => Observable<T> {
  return (source) =>
    source.pipe(
      timeout({ first: ms }),
      catchError((e: unknown) =>
        throwError(() => (e instanceof TimeoutError ? new HostTimeoutError(ms) : e)),
      ),
    );
}
