import { Observable, catchError, expand, from, map, of, switchMap, timer } from 'rxjs';
import { LenderMessage } from '../domain/lender-message';

/**
 * Waits between reads of the proxy's inbox while a panel stays open, in milliseconds: quick at
 * first (a lender's answer often follows a Renew within seconds), then slower; the last value
 * repeats. Chosen here, not documented anywhere.
 */
export const LENDER_POLL_DELAYS_MS: readonly number[] = [
  1000, 1000, 1500, 2000, 3000, 5000, 8000, 13000, 20000, 30000,
];

/** One read of the inbox: the messages, or why they could not be read. */
export type LenderRead =
  | { messages: LenderMessage[]; error: null }
  | { messages: null; error: unknown };

/**
 * Reads now, then again after each of `delays` (the last one repeating) for as long as it is
 * subscribed: unsubscribing (panel closed, record changed) stops it, and a read still in flight is
 * dropped. A failed read is reported and polling goes on.
 */
export function pollLenderMessages(
  read: () => Promise<LenderMessage[]>,
  delays: readonly number[] = LENDER_POLL_DELAYS_MS,
): Observable<LenderRead> {
  const attempt = (n: number): Observable<{ n: number; read: LenderRead }> =>
    from(read()).pipe(
      map((messages): { n: number; read: LenderRead } => ({ n, read: { messages, error: null } })),
      catchError((error: unknown) => of({ n, read: { messages: null, error } as LenderRead })),
    );
  const delayAfter = (n: number): number => delays[Math.min(n, delays.length - 1)] ?? 30000;
  return attempt(0).pipe(
    expand((r) => timer(delayAfter(r.n)).pipe(switchMap(() => attempt(r.n + 1)))),
    map((r) => r.read),
  );
}
