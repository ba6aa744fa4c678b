import { BulkStepState, progressPercent } from './bulk-run';

describe('BulkStepState', () => {
  it('enters a step with fresh progress and a signal that Stop aborts', () => {
    const state = new BulkStepState<'idle' | 'reviewing' | 'acting'>('idle');
    expect(state.step()).toBe('idle');
    const opts = state.begin('reviewing');
    expect(state.step()).toBe('reviewing');
    opts.onProgress({ total: 4, done: 1, failed: 0 });
    expect(state.progress()).toEqual({ total: 4, done: 1, failed: 0 });
    expect(opts.signal.aborted).toBeFalse();
    state.stop();
    expect(opts.signal.aborted).toBeTrue();
  });

  it('stops the step still running when the next begins, and forgets its counts', () => {
    const state = new BulkStepState<'reviewing' | 'acting'>('reviewing');
    const review = state.begin('reviewing');
    review.onProgress({ total: 9, done: 9, failed: 2 });
    const act = state.begin('acting');
    expect(review.signal.aborted).toBeTrue();
    expect(act.signal.aborted).toBeFalse();
    expect(state.progress()).toBeNull();
  });
});

describe('progressPercent', () => {
  it('is 0 before anything is counted and the share done after', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ total: 0, done: 0, failed: 0 })).toBe(0);
    expect(progressPercent({ total: 8, done: 2, failed: 1 })).toBe(25);
  });
});
