import { fakeAsync, tick } from '@angular/core/testing';
import { NEVER, of, throwError } from 'rxjs';
import { HostTimeoutError, withHostTimeout } from './host-call';

describe('withHostTimeout', () => {
  it('passes an answer through', fakeAsync(() => {
    let value: number | undefined;
    of(42)
      .pipe(withHostTimeout<number>(1000))
      .subscribe((v) => (value = v));
    tick();
    expect(value).toBe(42);
  }));

  it('turns a silent host into a HostTimeoutError after the wait', fakeAsync(() => {
    let error: unknown;
    NEVER.pipe(withHostTimeout<never>(30_000)).subscribe({ error: (e) => (error = e) });
    tick(29_999);
    expect(error).toBeUndefined();
    tick(1);
    expect(error).toEqual(jasmine.any(HostTimeoutError));
    expect((error as HostTimeoutError).message).toContain('30 seconds');
  }));

  it('leaves other errors as they are', fakeAsync(() => {
    const original = { status: 500 };
    let error: unknown;
    throwError(() => original)
      .pipe(withHostTimeout(1000))
      .subscribe({ error: (e) => (error = e) });
    tick();
    expect(error).toBe(original);
  }));
});
