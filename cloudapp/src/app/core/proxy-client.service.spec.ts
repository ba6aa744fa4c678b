import { HttpRequest, provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, fakeAsync, flush, flushMicrotasks, tick } from '@angular/core/testing';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { of } from 'rxjs';
import { WORLDSHARE_TIMEOUT_MS } from './proxy-http';
import { ProxyClientService } from './proxy-client.service';
import { testConfig } from './testing/fakes';
import { WorldShareError } from './worldshare-problem-error';

/** A JWT whose payload says it expires in an hour (the client only reads `exp`). */
const jwt = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).replace(/=+$/, '')}.s`;

const hostedProxy = {
  mode: 'exlibris' as const,
  url: 'https://proxy.exlibrisgroup.com',
  wskey: 'KEY',
  secret: 'SECRET',
};
const isTokenRequest = (r: HttpRequest<unknown>) =>
  r.url.startsWith('https://proxy.exlibrisgroup.com/token');

/** What a promise came to, read after the fake clock has run. */
function outcome<T>(promise: Promise<T>): { value?: T; error?: unknown; settled: boolean } {
  const box: { value?: T; error?: unknown; settled: boolean } = { settled: false };
  promise.then(
    (value) => Object.assign(box, { value, settled: true }),
    (error: unknown) => Object.assign(box, { error, settled: true }),
  );
  return box;
}

// Every test runs on Angular's fake clock: the client's rate gate, back-off and timeout wait on
// timers, and `sent` moves the clock on until the client has sent the request a test expects.
describe('ProxyClientService', () => {
  let client: ProxyClientService;
  let http: HttpTestingController;
  let tokenAsks: number;

  beforeEach(() => {
    tokenAsks = 0;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: CloudAppEventsService,
          useValue: {
            getAuthToken: () => {
              tokenAsks++;
              return of(jwt);
            },
          },
        },
      ],
    });
    client = TestBed.inject(ProxyClientService);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  /**
   * Moves the fake clock on until the client has sent one request matching `match` (it first
   * passes its rate gate) and returns it; fails if none comes within a minute of fake time.
   */
  function sent(match: string | ((r: HttpRequest<unknown>) => boolean)): TestRequest {
    for (let waited = 0; waited <= 60_000; waited += 10) {
      flushMicrotasks();
      const found = http.match(match);
      if (found.length > 1) throw new Error(`${found.length} requests to ${String(match)}`);
      if (found.length === 1) return found[0]!;
      tick(10);
    }
    throw new Error(`no request to ${String(match)}`);
  }

  it('sends the Cloud App JWT and the upstream host, never an OCLC credential (own proxy)', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5?x=1',
      }),
    );
    const req = sent('https://proxy.example.org/ILL/request/data/5?x=1');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${jwt}`);
    expect(req.request.headers.get('X-Proxy-Host')).toBe('128807.share.worldcat.org');
    expect(req.request.headers.has('X-Proxy-Auth')).toBeFalse();
    req.flush({ ok: true });
    flushMicrotasks();
    expect(answer.value).toEqual({ ok: true });
  }));

  it('sends the body with its content type and reads a text answer (ISO 18626)', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'POST',
        url: 'https://128807.share.worldcat.org/ILL/iso18626',
        body: '<ISO18626Message/>',
        contentType: 'application/xml',
        responseType: 'text',
      }),
    );
    const req = sent('https://proxy.example.org/ILL/iso18626');
    expect(req.request.body).toBe('<ISO18626Message/>');
    expect(req.request.headers.get('Content-Type')).toBe('application/xml');
    expect(req.request.responseType).toBe('text');
    req.flush('<ISO18626Message><confirmation/></ISO18626Message>');
    flushMicrotasks();
    expect(answer.value).toBe('<ISO18626Message><confirmation/></ISO18626Message>');
  }));

  it('asks the host for a JWT once while it is valid', fakeAsync(() => {
    for (let i = 0; i < 3; i++) {
      const answer = outcome(
        client.send(testConfig(), {
          method: 'GET',
          url: 'https://128807.share.worldcat.org/ILL/request/data/5',
        }),
      );
      sent('https://proxy.example.org/ILL/request/data/5').flush({});
      flushMicrotasks();
      expect(answer.settled).toBeTrue();
    }
    expect(tokenAsks).toBe(1);
  }));

  it('describes an OCLC refusal for staff', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'POST',
        url: 'https://128807.share.worldcat.org/ILL/request/data',
        body: {},
      }),
    );
    sent('https://proxy.example.org/ILL/request/data').flush(
      {
        response: {
          error: { message: 'bad', detail: [{ failureCode: 30000, fieldName: 'item.title' }] },
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    flushMicrotasks();
    expect(answer.error).toEqual(
      jasmine.objectContaining({
        problem: jasmine.objectContaining({ code: 'missing-field', field: 'item.title' }),
      }),
    );
  }));

  it("reads the proxy's own refusal by its code", fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5',
      }),
    );
    sent('https://proxy.example.org/ILL/request/data/5').flush(
      { error: { code: 'upstream_not_allowed', message: 'not forwarded' } },
      { status: 403, statusText: 'Forbidden' },
    );
    flushMicrotasks();
    expect(answer.error).toEqual(jasmine.any(WorldShareError));
    expect((answer.error as WorldShareError).problem).toEqual(
      jasmine.objectContaining({ code: 'proxy-refused', proxyCode: 'upstream_not_allowed' }),
    );
  }));

  it('retries a call answered 429 after a back-off, then gives the answer', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5',
      }),
    );
    sent('https://proxy.example.org/ILL/request/data/5').flush(
      { error: { code: 'rate_limited', message: 'busy' } },
      { status: 429, statusText: 'Too Many Requests' },
    );
    flushMicrotasks();
    expect(answer.settled).withContext('not given up after one 429').toBeFalse();
    sent('https://proxy.example.org/ILL/request/data/5').flush({ ok: 2 });
    flushMicrotasks();
    expect(answer.value).toEqual({ ok: 2 });
  }));

  it('reports a proxy that does not answer in time as unavailable', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig(), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5',
      }),
    );
    const req = sent('https://proxy.example.org/ILL/request/data/5');
    tick(WORLDSHARE_TIMEOUT_MS);
    expect(req.cancelled).toBeTrue();
    expect((answer.error as WorldShareError).problem.code).toBe('unavailable');
  }));

  it('with the hosted Ex Libris proxy, gets the OCLC token with Basic WSKey:secret once and sends it in X-Proxy-Auth', fakeAsync(() => {
    const config = testConfig({ proxy: hostedProxy });
    const first = outcome(
      client.send(config, {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5',
      }),
    );
    const tokenReq = sent(isTokenRequest);
    expect(tokenReq.request.method).toBe('POST');
    expect(tokenReq.request.headers.get('Authorization')).toBe(`Bearer ${jwt}`);
    expect(tokenReq.request.headers.get('X-Proxy-Host')).toBe('oauth.oclc.org');
    expect(tokenReq.request.headers.get('X-Proxy-Auth')).toBe(`Basic ${btoa('KEY:SECRET')}`);
    expect(decodeURIComponent(tokenReq.request.url)).toContain(
      'scope=WorldShareILL context:128807',
    );
    tokenReq.flush({ access_token: 'tk_1', token_type: 'bearer', expires_in: '3599' });
    const call = sent('https://proxy.exlibrisgroup.com/ILL/request/data/5');
    expect(call.request.headers.get('Authorization')).toBe(`Bearer ${jwt}`);
    expect(call.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_1');
    call.flush({});
    flushMicrotasks();
    expect(first.settled).toBeTrue();
    const second = outcome(
      client.send(config, {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/6',
      }),
    );
    // No second token request: only the call itself is open (http.verify checks the rest).
    const again = sent('https://proxy.exlibrisgroup.com/ILL/request/data/6');
    expect(again.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_1');
    again.flush({});
    flushMicrotasks();
    expect(second.settled).toBeTrue();
  }));

  it('with the hosted Ex Libris proxy, calls that need a token at the same time share one token request', fakeAsync(() => {
    const config = testConfig({ proxy: hostedProxy, worldshareCallsPerSecond: 100 });
    const answers = Array.from({ length: 8 }, (_, i) =>
      outcome(
        client.send(config, {
          method: 'GET',
          url: `https://128807.share.worldcat.org/ILL/request/data/${i}`,
        }),
      ),
    );
    const tokenReq = sent(isTokenRequest);
    tokenReq.flush({ access_token: 'tk_shared', token_type: 'bearer', expires_in: '3599' });
    for (let i = 0; i < 8; i++) {
      const call = sent(`https://proxy.exlibrisgroup.com/ILL/request/data/${i}`);
      expect(call.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_shared');
      call.flush({ i });
    }
    flushMicrotasks();
    expect(http.match(isTokenRequest).length).withContext('no second token request').toBe(0);
    expect(answers.map((a) => (a.value as { i: number }).i)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  }));

  it('with the hosted Ex Libris proxy, a failed shared token request fails every waiting call, and the next call asks again', fakeAsync(() => {
    const config = testConfig({
      proxy: { ...hostedProxy, secret: 'WRONG' },
      worldshareCallsPerSecond: 100,
    });
    const answers = [1, 2, 3].map((i) =>
      outcome(
        client.send(config, {
          method: 'GET',
          url: `https://128807.share.worldcat.org/ILL/request/data/${i}`,
        }),
      ),
    );
    sent(isTokenRequest).flush(
      { code: { type: 'http', value: 401 }, message: 'Invalid client credentials' },
      { status: 401, statusText: 'Unauthorized' },
    );
    flushMicrotasks();
    for (const a of answers) expect(a.error).toEqual(jasmine.any(WorldShareError));
    const again = outcome(
      client.send(config, {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/4',
      }),
    );
    sent(isTokenRequest).flush({ access_token: 'tk_2', expires_in: 3599 });
    sent('https://proxy.exlibrisgroup.com/ILL/request/data/4').flush({});
    flushMicrotasks();
    expect(again.settled).toBeTrue();
    expect(again.error).toBeUndefined();
  }));

  it('with the hosted Ex Libris proxy, a 401 to a call drops the OCLC token, and the next call gets a new one', fakeAsync(() => {
    const config = testConfig({ proxy: hostedProxy });
    const first = outcome(
      client.send(config, {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/1',
      }),
    );
    sent(isTokenRequest).flush({ access_token: 'tk_old', expires_in: 3599 });
    sent('https://proxy.exlibrisgroup.com/ILL/request/data/1').flush(
      { code: { type: 'http', value: 401 }, message: 'Token expired' },
      { status: 401, statusText: 'Unauthorized' },
    );
    flushMicrotasks();
    expect((first.error as WorldShareError).status).toBe(401);

    const second = outcome(
      client.send(config, {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/2',
      }),
    );
    sent(isTokenRequest).flush({ access_token: 'tk_new', expires_in: 3599 });
    const call = sent('https://proxy.exlibrisgroup.com/ILL/request/data/2');
    expect(call.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_new');
    call.flush({});
    flushMicrotasks();
    expect(second.settled).toBeTrue();
  }));

  it('with the hosted Ex Libris proxy, an answer without an access token is an authorisation problem', fakeAsync(() => {
    const answer = outcome(
      client.send(testConfig({ proxy: hostedProxy }), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/1',
      }),
    );
    sent(isTokenRequest).flush({ token_type: 'bearer' });
    flushMicrotasks();
    expect((answer.error as WorldShareError).problem).toEqual(
      jasmine.objectContaining({ code: 'unauthorized', detail: 'OCLC gave no access token.' }),
    );
  }));

  it('a fractional WorldShare rate is honoured: at 0.5 a second the second call waits 2 s, not 1 s', fakeAsync(() => {
    const config = testConfig({ worldshareCallsPerSecond: 0.5 });
    let answered = 0;
    for (const id of [1, 2])
      void client
        .send(config, {
          method: 'GET',
          url: `https://128807.share.worldcat.org/ILL/request/data/${id}`,
        })
        .then(() => answered++);
    flushMicrotasks();
    tick(0);
    http.expectOne('https://proxy.example.org/ILL/request/data/1').flush({});
    tick(1500);
    expect(http.match('https://proxy.example.org/ILL/request/data/2').length)
      .withContext('not yet at 1.5 s')
      .toBe(0);
    tick(600);
    http.expectOne('https://proxy.example.org/ILL/request/data/2').flush({});
    flushMicrotasks();
    expect(answered).toBe(2);
  }));

  it('sends Idempotency-Key and reads Idempotent-Replayed from the answer', fakeAsync(() => {
    const first = outcome(
      client.sendIdempotent(testConfig(), {
        method: 'POST',
        url: 'https://128807.share.worldcat.org/ILL/request/data',
        body: {},
        idempotencyKey: '1987654320004',
      }),
    );
    const req = sent('https://proxy.example.org/ILL/request/data');
    expect(req.request.headers.get('Idempotency-Key')).toBe('1987654320004');
    req.flush({ id: 1 }, { headers: { 'Idempotent-Replayed': 'true' } });
    flushMicrotasks();
    expect(first.value).toEqual({ body: { id: 1 }, replayed: true });

    const second = outcome(
      client.sendIdempotent(testConfig(), {
        method: 'POST',
        url: 'https://128807.share.worldcat.org/ILL/request/data',
        body: {},
      }),
    );
    const plain = sent('https://proxy.example.org/ILL/request/data');
    expect(plain.request.headers.has('Idempotency-Key')).toBeFalse();
    plain.flush({ id: 2 });
    flushMicrotasks();
    expect(second.value).toEqual({ body: { id: 2 }, replayed: false });
  }));

  it("calls the proxy's own API with the JWT only: no upstream host, no OCLC credential", fakeAsync(() => {
    const answer = outcome(
      client.callProxy(testConfig({ proxy: { mode: 'own', url: 'https://p.example/base/' } }), {
        method: 'POST',
        path: '/bridge/lender-states',
        body: { worldShareRequestIds: ['1'] },
      }),
    );
    const req = sent('https://p.example/base/bridge/lender-states');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ worldShareRequestIds: ['1'] });
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${jwt}`);
    expect(req.request.headers.has('X-Proxy-Host')).toBeFalse();
    expect(req.request.headers.has('X-Proxy-Auth')).toBeFalse();
    req.flush({ states: {} });
    flushMicrotasks();
    expect(answer.value).toEqual({ states: {} });
  }));

  it('reports a configuration that is not a URL without sending anything', fakeAsync(() => {
    const config = testConfig({ proxy: { mode: 'own', url: 'not a url', wskey: '' } });
    const forwarded = outcome(client.send(config, { method: 'GET', url: 'https://x.org/a' }));
    const own = outcome(client.callProxy(config, { method: 'GET', path: '/bridge/x' }));
    flush();
    expect((forwarded.error as WorldShareError).problem.detail).toBe(
      'The proxy or WorldShare address in the configuration is not a valid URL.',
    );
    expect((own.error as WorldShareError).problem.detail).toBe(
      'The proxy address in the configuration is not a valid URL.',
    );
    expect(tokenAsks).withContext('no JWT asked for').toBe(0);
  }));
});
