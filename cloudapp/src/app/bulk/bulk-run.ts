import { signal } from '@angular/core';

/** Progress of a bulk step: `done` of `total` finished, `failed` among them. */
export interface BulkProgress {
  total: number;
  done: number;
  failed: number;
}

/** Share of a step done, 0 to 100, for the progress bar (0 before anything is counted). */
export function progressPercent(p: BulkProgress | null): number {
  return p?.total ? (100 * p.done) / p.total : 0;
}

/** How a bulk step is followed and stopped. */
export interface BulkRunOptions {
  signal?: AbortSignal;
  onProgress?: (p: BulkProgress) => void;
}

/**
 * The step a bulk view is in, the progress of its work, and the switch that stops the work (the
 * Stop button, or the view closing). `begin` enters a working step and gives the options the bulk
 * service runs under; anything still running is stopped first, so two steps never overlap.
 */
export class BulkStepState<S extends string> {
  readonly step;
  /** Null until the step knows how many requests it has. */
  readonly progress = signal<BulkProgress | null>(null);
  private abort: AbortController | null = null;

  constructor(first: S) {
    this.step = signal<S>(first);
  }

  begin(step: S): Required<BulkRunOptions> {
    this.abort?.abort();
    this.step.set(step);
    this.progress.set(null);
    this.abort = new AbortController();
    return { signal: this.abort.signal, onProgress: (p) => this.progress.set(p) };
  }

  stop(): void {
    this.abort?.abort();
  }
}

/** Parallel workers of a bulk step; the real pace is set by the Alma and WorldShare rate gates. */
export const BULK_WORKERS = 8;

/**
 * Runs `work` over the items with a few workers, reporting progress after each; stops taking new
 * items once the signal aborts. Results keep the items' order; items never started are left out.
 */
export async function runBulkStep<I, R>(
  items: readonly I[],
  opts: BulkRunOptions,
  work: (item: I) => Promise<R>,
  isFailure: (r: R) => boolean,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const progress: BulkProgress = { total: items.length, done: 0, failed: 0 };
  opts.onProgress?.({ ...progress });
  let next = 0;
  const worker = async () => {
    while (next < items.length && !opts.signal?.aborted) {
      const index = next++;
      const result = await work(items[index]);
      results[index] = result;
      progress.done++;
      if (isFailure(result)) progress.failed++;
      opts.onProgress?.({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(BULK_WORKERS, items.length) }, worker));
  return results.filter((r) => r !== undefined);
}
