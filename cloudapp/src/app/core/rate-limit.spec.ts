import { fakeAsync, flushMicrotasks, tick } from '@angular/core/testing';
import { defer, of, throwError } from 'rxjs';
import { createRateGate, retryOnRateLimit } from './rate-limit';

describe('retryOnRateLimit', () => {
  it('retries a 429 after a back-off and then succeeds', fakeAsync(() => {
    let attempts = 0;
    let value: string | undefined;
    defer(() => (++attempts < 3 ? throwError(() => ({ status: 429 })) : of('ok')))
      .pipe(retryOnRateLimit<string>(4, 1000))
      .subscribe((v) => (value = v));
    tick(999);
    expect(attempts).toBe(1);
    tick(1300);
    expect(attempts).toBe(2);
    tick(2300);
    expect(attempts).toBe(3);
    expect(value).toBe('ok');
  }));

  it('does not retry other errors', fakeAsync(() => {
    let attempts = 0;
    let error: unknown;
    defer(() => {
      attempts++;
      return throwError(() => ({ status: 500 }));
    })
      .pipe(retryOnRateLimit(4, 1000))
      .subscribe({ error: (e) => (error = e) });
    tick(10_000);
    expect(attempts).toBe(1);
    expect(error).toEqual({ status: 500 });
  }));

  it('gives up after the last retry with the 429', fakeAsync(() => {
    let attempts = 0;
    let error: unknown;
    defer(() => {
      attempts++;
      return throwError(() => ({ status: 429 }));
    })
      .pipe(retryOnRateLimit(2, 100))
      .subscribe({ error: (e) => (error = e) });
    tick(5_000);
    expect(attempts).toBe(3);
    expect(error).toEqual({ status: 429 });
  }));
});

describe('createRateGate', () => {
  /** Lets `count` callers through the gate and returns when each was let through (ms). */
  async function releases(
    gate: ReturnType<typeof createRateGate>,
    count: number,
    clock: () => number,
  ): Promise<number[]> {
    const times: number[] = [];
    await Promise.all(
      Array.from({ length: count }, () => gate.pass().then(() => times.push(clock()))),
    );
    return times.sort((a, b) => a - b);
  }

  it('never lets more than the limit start in any window, even when timers fire late', fakeAsync(() => {
    let t = 0;
    const clock = () => t;
    const gate = createRateGate(5, 1000, 0, clock);
    let times: number[] = [];
    releases(gate, 12, clock).then((r) => (times = r));
    // Advance in coarse, late steps, as a busy browser thread would.
    // (Microtasks are flushed before the clock moves so each release is stamped with its own time.)
    for (let i = 0; i < 40; i++) {
      flushMicrotasks();
      t += 170;
      tick(170);
    }
    expect(times.length).toBe(12);
    for (let i = 0; i < times.length; i++) {
      const inWindow = times.filter((x) => x >= times[i] && x < times[i] + 1000).length;
      expect(inWindow).toBeLessThanOrEqual(5);
    }
  }));

  it('spaces calls by the minimum gap', fakeAsync(() => {
    let t = 0;
    const clock = () => t;
    const gate = createRateGate(100, 1000, 40, clock);
    let times: number[] = [];
    releases(gate, 6, clock).then((r) => (times = r));
    for (let i = 0; i < 30; i++) {
      flushMicrotasks();
      t += 10;
      tick(10);
    }
    expect(times.length).toBe(6);
    for (let i = 1; i < times.length; i++)
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(40);
  }));

  for (const [rate, windowMs, perWindow] of [
    [0.5, 2000, 1],
    [0.2, 5000, 1],
    [2.5, 800, 2],
  ] as const) {
    it(`honours a fractional rate: ${rate} a second lets ${perWindow} start in any ${windowMs} ms`, fakeAsync(() => {
      let t = 0;
      const clock = () => t;
      const gate = createRateGate(rate, 1000, 0, clock);
      let times: number[] = [];
      releases(gate, 5, clock).then((r) => (times = r));
      for (let i = 0; i < 600; i++) {
        flushMicrotasks();
        t += 50;
        tick(50);
      }
      expect(times.length).toBe(5);
      for (let i = 0; i < times.length; i++) {
        expect(times.filter((x) => x >= times[i] && x < times[i] + windowMs).length)
          .withContext(`from ${times[i]} ms`)
          .toBeLessThanOrEqual(perWindow);
      }
      // Not slower than asked either: the fifth call starts within two windows of the pace.
      expect(times[4]).toBeLessThan(((5 - perWindow) / perWindow) * windowMs + 2 * windowMs);
    }));
  }

  it('at 0.5 a second, two calls start 2 s apart, not 1 s', fakeAsync(() => {
    let t = 0;
    const clock = () => t;
    const gate = createRateGate(0.5, 1000, 0, clock);
    let times: number[] = [];
    releases(gate, 2, clock).then((r) => (times = r));
    for (let i = 0; i < 60; i++) {
      flushMicrotasks();
      t += 50;
      tick(50);
    }
    expect(times).toEqual([0, 2000]);
  }));

  it('serves callers in order and reports how many wait', fakeAsync(() => {
    let t = 0;
    const gate = createRateGate(1, 100, 0, () => t);
    const order: number[] = [];
    for (let i = 0; i < 3; i++) void gate.pass().then(() => order.push(i));
    tick();
    expect(order).toEqual([0]);
    expect(gate.waiting).toBe(2);
    t += 100;
    tick(100);
    t += 100;
    tick(100);
    expect(order).toEqual([0, 1, 2]);
    expect(gate.waiting).toBe(0);
  }));
});
