import { fakeAsync, flushMicrotasks, tick } from '@angular/core/testing';
import { ReplaySubject, Subject, firstValueFrom, of } from 'rxjs';
import { AlmaCallGate, DOCUMENTED_ALMA_CALL_LIMITS } from './alma-call-gate';

describe('AlmaCallGate', () => {
  it('keeps at most `concurrent` calls in flight and starts the next when one ends', fakeAsync(() => {
    const gate = new AlmaCallGate({ concurrent: 2, perWindow: 100, windowSeconds: 1 });
    const pending = [new Subject<number>(), new Subject<number>(), new Subject<number>()];
    const started: number[] = [];
    const results: number[] = [];
    pending.forEach((s, i) =>
      gate
        .run(() => {
          started.push(i);
          return s;
        })
        .subscribe((v) => results.push(v)),
    );
    // Long enough for the window's spacing (1500 ms / 100): only the places hold the third back.
    tick(1000);
    expect(started).toEqual([0, 1]);
    expect(gate.inFlight).toBe(2);
    pending[0].next(10);
    pending[0].complete();
    tick(1000);
    expect(started).toEqual([0, 1, 2]);
    pending[1].next(11);
    pending[1].complete();
    pending[2].next(12);
    pending[2].complete();
    expect(results).toEqual([10, 11, 12]);
    expect(gate.inFlight).toBe(0);
  }));

  it('a failed call frees its place too', async () => {
    const gate = new AlmaCallGate({ concurrent: 1, perWindow: 100, windowSeconds: 1 });
    await expectAsync(
      firstValueFrom(
        gate.run(() => {
          throw new Error('boom');
        }),
      ),
    ).toBeRejectedWithError('boom');
    expect(await firstValueFrom(gate.run(() => of('next')))).toBe('next');
    expect(gate.inFlight).toBe(0);
  });

  it('a caller that leaves while queued never holds a place', async () => {
    const gate = new AlmaCallGate({ concurrent: 1, perWindow: 100, windowSeconds: 1 });
    // A ReplaySubject: the first call subscribes a moment later (the gate is asynchronous) and still gets 'a'.
    const first = new ReplaySubject<string>(1);
    const p1 = firstValueFrom(gate.run(() => first));
    const sub = gate.run(() => of('never')).subscribe();
    sub.unsubscribe();
    first.next('a');
    first.complete();
    expect(await p1).toBe('a');
    expect(await firstValueFrom(gate.run(() => of('b')))).toBe('b');
    expect(gate.inFlight).toBe(0);
  });

  it('starts at most perWindow calls in a window of windowSeconds plus the margin', fakeAsync(() => {
    let t = 0;
    const gate = new AlmaCallGate({ concurrent: 10, perWindow: 3, windowSeconds: 1 }, () => t);
    const started: number[] = [];
    for (let i = 0; i < 4; i++)
      gate
        .run(() => {
          started.push(t);
          return of(i);
        })
        .subscribe();
    flushMicrotasks();
    // Spacing (1500 ms / 3) is measured on the injected clock: only the first starts at t=0.
    expect(started).toEqual([0]);
    expect(gate.current).toEqual({ concurrent: 10, perWindow: 3, windowSeconds: 1 });
    // The clock and the timers move on together: the waiting calls start, evenly spaced.
    for (let i = 0; i < 40 && started.length < 4; i++) {
      t += 100;
      tick(100);
    }
    expect(started).toEqual([0, 500, 1000, 1500]);
  }));

  it('defaults to the documented limits and takes new ones', () => {
    const gate = new AlmaCallGate();
    expect(gate.current).toEqual(DOCUMENTED_ALMA_CALL_LIMITS);
    gate.configure({ concurrent: 5, perWindow: 20, windowSeconds: 5 });
    expect(gate.current).toEqual({ concurrent: 5, perWindow: 20, windowSeconds: 5 });
  });
});
