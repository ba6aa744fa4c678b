/**
 * The benchmark's targets (README, "Benchmark") and their verdicts. A MISS is reported, never a failure: the benchmark
 * only fails when a scenario breaks.
 */

export type Verdict = 'PASS' | 'MISS';

export interface TargetCheck {
  /** Stable key, e.g. "size.initialGzipRatio". */
  id: string;
  /** What is compared, in words. */
  what: string;
  /** The comparison, e.g. "<= 1.0". */
  target: string;
  actual: number;
  /** Unit of `actual` and of the target limit. */
  unit: string;
  verdict: Verdict;
}

/** Collects target checks as the scenarios run. */
export class Targets {
  readonly checks: TargetCheck[] = [];

  /** Records `actual <= limit`. */
  atMost(id: string, what: string, actual: number, limit: number, unit: string): TargetCheck {
    return this.add({
      id,
      what,
      target: `<= ${limit}`,
      actual,
      unit,
      verdict: actual <= limit ? 'PASS' : 'MISS',
    });
  }

  /** Records `actual === expected`. */
  exactly(id: string, what: string, actual: number, expected: number, unit: string): TargetCheck {
    return this.add({
      id,
      what,
      target: `= ${expected}`,
      actual,
      unit,
      verdict: actual === expected ? 'PASS' : 'MISS',
    });
  }

  private add(check: TargetCheck): TargetCheck {
    this.checks.push(check);
    console.log(
      `[target] ${check.verdict} ${check.what}: ${check.actual} ${check.unit} (target ${check.target})`,
    );
    return check;
  }
}
