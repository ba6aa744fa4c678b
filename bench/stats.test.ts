import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { median, peakInWindow, quantile, round } from './stats.js';

describe('stats', () => {
  test('quantile uses the nearest rank and ignores input order', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    assert.equal(quantile(samples, 0.9), 9);
    assert.equal(quantile(samples, 0.99), 10);
    assert.equal(quantile(samples, 0), 1);
    assert.deepEqual(samples, [5, 1, 4, 2, 3, 10, 9, 8, 7, 6], 'input left unsorted');
  });

  test('median of odd and even counts; NaN for nothing measured', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    assert.ok(Number.isNaN(median([])));
    assert.ok(Number.isNaN(quantile([], 0.5)));
  });

  test('peakInWindow counts a sliding window, not calendar seconds', () => {
    // 3 calls late in one second and 3 early in the next: 6 within 1000 ms.
    assert.equal(peakInWindow([900, 950, 990, 1010, 1050, 1100]), 6);
    // A call exactly 1000 ms after another is in the next window.
    assert.equal(peakInWindow([0, 1000, 2000]), 1);
    assert.equal(peakInWindow([]), 0);
  });

  test('round keeps the asked decimals', () => {
    assert.equal(round(1.26, 1), 1.3);
    assert.equal(round(0.8475, 3), 0.848);
    assert.equal(round(12.5, 0), 13);
  });
});
