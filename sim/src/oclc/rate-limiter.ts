/**
 * Sliding one-second window per key (here: per access token). OCLC publishes no limit for the ILL
 * APIs; the fake enforces a configurable one so the proxy's and the app's 429 handling is exercised.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  /** `perSecond` calls are allowed in any 1000 ms; 0 or less switches limiting off. */
  constructor(
    private readonly perSecond: number,
    private readonly now: () => number,
  ) {}

  /**
   * Counts one call for `key`. Returns 0 when allowed, else the whole seconds (at least 1) after
   * which a retry would be allowed, for `Retry-After`. Refused calls are not counted.
   */
  take(key: string): number {
    if (this.perSecond <= 0) return 0;
    const now = this.now();
    const recent = (this.windows.get(key) ?? []).filter((t) => t > now - 1000);
    if (recent.length >= this.perSecond) {
      this.windows.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + 1000 - now) / 1000));
    }
    recent.push(now);
    this.windows.set(key, recent);
    return 0;
  }
}
