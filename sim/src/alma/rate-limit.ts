/**
 * Alma's per-second governance threshold (developers.exlibrisgroup.com, "API governance thresholds":
 * 25 calls per second per institution; documented). Counts every call that arrives in the current
 * wall-clock second (epoch seconds), refused ones included, so a client that keeps hammering stays
 * refused until the next second starts.
 */
export class PerSecondLimiter {
  private second = -1;
  private count = 0;

  /**
   * Records one call arriving at `nowMs` (epoch ms) and says whether it is within `limit`
   * calls for its second. `limit` 0 (or less) means no limit.
   */
  admit(limit: number, nowMs: number = Date.now()): boolean {
    const second = Math.floor(nowMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.count = 0;
    }
    this.count++;
    return limit <= 0 || this.count <= limit;
  }
}

/** The header the host page puts on every call it relays for the Cloud App: the signed-in staff user. */
export const CLOUD_APP_USER_HEADER = 'x-sim-cloud-app-user';

/**
 * Ex Libris's limits on REST calls made through the Cloud App SDK, per staff user (developers.exlibrisgroup.com,
 * Cloud Apps "REST Service": 10 simultaneous requests and 25 requests in 5 seconds; documented): at most
 * `concurrent` calls in flight and `perWindow` calls admitted in any sliding `windowMs`. A refused call is
 * not counted (it never ran); a limit of 0 is off.
 */
export class CloudAppLimiter {
  private readonly inFlight = new Map<string, number>();
  private readonly admitted = new Map<string, number[]>();

  /** Records a call of `user` arriving at `nowMs`; true when within the limits (then `release` it when answered). */
  admit(
    user: string,
    limits: { concurrent: number; perWindow: number; windowMs: number },
    nowMs: number = Date.now(),
  ): boolean {
    const times = this.admitted.get(user) ?? [];
    while (times.length > 0 && nowMs - times[0] >= limits.windowMs) times.shift();
    const running = this.inFlight.get(user) ?? 0;
    if (limits.concurrent > 0 && running >= limits.concurrent) return false;
    if (limits.perWindow > 0 && times.length >= limits.perWindow) return false;
    times.push(nowMs);
    this.admitted.set(user, times);
    this.inFlight.set(user, running + 1);
    return true;
  }

  /** The call of `user` admitted earlier has been answered. */
  release(user: string): void {
    const running = this.inFlight.get(user) ?? 0;
    if (running <= 1) this.inFlight.delete(user);
    else this.inFlight.set(user, running - 1);
  }
}
