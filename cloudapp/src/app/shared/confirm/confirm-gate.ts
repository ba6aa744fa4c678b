import { Signal, signal } from '@angular/core';

/**
 * The one confirmation step of the app's actions, for a single request (Export, Clean cancel,
 * Cancel at lender, ...) and for a whole group in bulk alike: when the user's setting
 * `confirmActions` is on, `ask` holds the action until `answer(true)`; when it is off, the
 * action runs at once. At most one action waits at a time; asking again replaces it.
 *
 * `A` is the component's own action names (they also pick the confirmation text).
 */
export class ConfirmGate<A extends string> {
  private readonly waiting = signal<A | null>(null);

  /** The action waiting for the user's answer, or null. */
  readonly pending: Signal<A | null> = this.waiting.asReadonly();

  /** @param run what an action does once confirmed (or at once, without confirmation). */
  constructor(private readonly run: (action: A) => void) {}

  /** Asks before `action` when `confirmFirst` (the user's `confirmActions` setting), else runs it. */
  ask(action: A, confirmFirst: boolean): void {
    if (confirmFirst) this.waiting.set(action);
    else this.run(action);
  }

  /** The user's answer: true runs the waiting action, false drops it. */
  answer(ok: boolean): void {
    const action = this.waiting();
    this.waiting.set(null);
    if (ok && action) this.run(action);
  }

  /** Drops a waiting action without running it (the record changed, the page closed). */
  clear(): void {
    this.waiting.set(null);
  }
}
