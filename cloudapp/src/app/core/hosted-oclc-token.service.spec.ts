import { TestBed, fakeAsync, flushMicrotasks, tick } from '@angular/core/testing';
import { Observable, Subject, throwError } from 'rxjs';
import type { OclcTokenRequest } from '../domain/proxy-request';
import { HostedOclcTokenService } from './hosted-oclc-token.service';
import { testConfig } from './testing/fakes';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

const hosted = (wskey = 'KEY') =>
  testConfig({
    proxy: { mode: 'exlibris', url: 'https://proxy.example.org', wskey, secret: 'SECRET' },
  });

describe('HostedOclcTokenService', () => {
  let service: HostedOclcTokenService;
  /** Every token request sent, with the subject that answers it. */
  let requests: { request: OclcTokenRequest; answer: Subject<unknown> }[];
  const fetch = (request: OclcTokenRequest): Observable<unknown> => {
    const answer = new Subject<unknown>();
    requests.push({ request, answer });
    return answer;
  };
  const answer = (i: number, body: unknown) => {
    requests[i]!.answer.next(body);
    requests[i]!.answer.complete();
  };

  beforeEach(() => {
    requests = [];
    service = TestBed.inject(HostedOclcTokenService);
  });

  /** Subscribes to one token and collects what it gives. */
  function take(config = hosted()) {
    const got: { token?: string; error?: unknown } = {};
    service.token(config, fetch).subscribe({
      next: (token) => (got.token = token),
      error: (error: unknown) => (got.error = error),
    });
    return got;
  }

  it("sends the configuration's token request", () => {
    take();
    expect(requests.length).toBe(1);
    expect(requests[0]!.request.call.method).toBe('POST');
    expect(requests[0]!.request.proxyAuth).toBe(`Basic ${btoa('KEY:SECRET')}`);
  });

  it('callers that need the token while it is fetched share that one request', fakeAsync(() => {
    const takers = [take(), take(), take()];
    expect(requests.length).toBe(1);
    answer(0, { access_token: 'tk', expires_in: '1199' });
    flushMicrotasks();
    expect(takers.map((t) => t.token)).toEqual(['tk', 'tk', 'tk']);
  }));

  it('keeps the token until a minute before it expires', fakeAsync(() => {
    take();
    answer(0, { access_token: 'tk', expires_in: 3600 });
    flushMicrotasks();
    tick(3600_000 - 61_000);
    expect(take().token).toBe('tk');
    expect(requests.length).toBe(1);
    tick(2_000);
    take();
    expect(requests.length).toBe(2);
  }));

  it('asks anew for another WSKey', fakeAsync(() => {
    take();
    answer(0, { access_token: 'tk', expires_in: 3600 });
    flushMicrotasks();
    take(hosted('OTHER'));
    expect(requests.length).toBe(2);
    expect(requests[1]!.request.proxyAuth).toBe(`Basic ${btoa('OTHER:SECRET')}`);
  }));

  it('a failed request fails every waiting caller, and the next caller asks again', fakeAsync(() => {
    const takers = [take(), take()];
    const refusal = new WorldShareError(simpleProblem('unauthorized', 'no'), 401);
    requests[0]!.answer.error(refusal);
    flushMicrotasks();
    expect(takers.map((t) => t.error)).toEqual([refusal, refusal]);
    take();
    expect(requests.length).toBe(2);
  }));

  it('an answer without an access token is an authorisation problem', fakeAsync(() => {
    const got = take();
    answer(0, { error: 'invalid_scope' });
    flushMicrotasks();
    expect((got.error as WorldShareError).problem).toEqual(
      jasmine.objectContaining({ code: 'unauthorized', detail: 'OCLC gave no access token.' }),
    );
  }));

  it('forget() drops the kept token', fakeAsync(() => {
    take();
    answer(0, { access_token: 'tk', expires_in: 3600 });
    flushMicrotasks();
    service.forget();
    take();
    expect(requests.length).toBe(2);
  }));

  it('passes on what the transport raised', fakeAsync(() => {
    const failure = new Error('offline');
    let error: unknown;
    service
      .token(hosted(), () => throwError(() => failure))
      .subscribe({
        error: (e: unknown) => (error = e),
      });
    flushMicrotasks();
    expect(error).toBe(failure);
  }));
});
