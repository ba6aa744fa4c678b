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
