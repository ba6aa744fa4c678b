/**
 * Sliding window per key (here: per access token). OCLC publishes no limit for the ILL APIs; the
 * fake enforces a configurable one so the proxy's and the app's 429 handling is exercised, and so
 * a test can prove a client kept to a pace: a client that never hears 429 kept within the window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, number[]>();

  /**
   * `calls` calls are allowed in any `windowMs` (default 1000 ms); `calls` 0 or less switches
   * limiting off.
   */
  constructor(
    private readonly calls: number,
    private readonly now: () => number,
    private readonly windowMs = 1000,
  ) {}

  /**
   * Counts one call for `key`. Returns 0 when allowed, else the whole seconds (at least 1) after
   * which a retry would be allowed, for `Retry-After`. Refused calls are not counted.
   */
  take(key: string): number {
    if (this.calls <= 0) return 0;
    const now = this.now();
    const recent = (this.windows.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.calls) {
      this.windows.set(key, recent);
      return Math.max(1, Math.ceil((recent[0] + this.windowMs - now) / 1000));
    }
    recent.push(now);
    this.windows.set(key, recent);
    return 0;
  }
}
