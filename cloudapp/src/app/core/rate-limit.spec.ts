import { fakeAsync, tick } from '@angular/core/testing';
import { defer, of, throwError } from 'rxjs';
import { retryOnRateLimit } from './rate-limit';

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
    defer(() => { attempts++; return throwError(() => ({ status: 500 })); })
      .pipe(retryOnRateLimit(4, 1000))
      .subscribe({ error: (e) => (error = e) });
    tick(10_000);
    expect(attempts).toBe(1);
    expect(error).toEqual({ status: 500 });
  }));

  it('gives up after the last retry with the 429', fakeAsync(() => {
    let attempts = 0;
    let error: unknown;
    defer(() => { attempts++; return throwError(() => ({ status: 429 })); })
      .pipe(retryOnRateLimit(2, 100))
      .subscribe({ error: (e) => (error = e) });
    tick(5_000);
    expect(attempts).toBe(3);
    expect(error).toEqual({ status: 429 });
  }));
});
