import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, fakeAsync, flushMicrotasks, tick } from '@angular/core/testing';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { of } from 'rxjs';
import { ProxyClientService } from './proxy-client.service';
import { testConfig } from './testing/fakes';
import { WorldShareError } from './worldshare-problem-error';

/** A JWT whose payload says it expires in an hour (the client only reads `exp`). */
const jwt = `h.${btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 })).replace(/=+$/, '')}.s`;

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

  /** Waits until the client has sent its next request (it first passes its rate gate). */
  async function next(url: string | ((r: { url: string }) => boolean)) {
    for (let i = 0; i < 50; i++) {
      const found = typeof url === 'string' ? http.match(url) : http.match((r) => url(r));
      if (found.length) return found[0];
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`no request to ${url}`);
  }

  it('sends the Cloud App JWT and the upstream host, never an OCLC credential (own proxy)', async () => {
    const answer = client.send(testConfig(), {
      method: 'GET',
      url: 'https://128807.share.worldcat.org/ILL/request/data/5?x=1',
    });
    const req = await next('https://proxy.example.org/ILL/request/data/5?x=1');
    expect(req.request.headers.get('Authorization')).toBe(`Bearer ${jwt}`);
    expect(req.request.headers.get('X-Proxy-Host')).toBe('128807.share.worldcat.org');
    expect(req.request.headers.has('X-Proxy-Auth')).toBeFalse();
    req.flush({ ok: true });
    expect(await answer).toEqual({ ok: true });
  });

  it('asks the host for a JWT once while it is valid', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = client.send(testConfig(), {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5',
      });
      (await next('https://proxy.example.org/ILL/request/data/5')).flush({});
      await answer;
    }
    expect(tokenAsks).toBe(1);
  });

  it('describes an OCLC refusal for staff', async () => {
    const answer = client.send(testConfig(), {
      method: 'POST',
      url: 'https://128807.share.worldcat.org/ILL/request/data',
      body: {},
    });
    (await next('https://proxy.example.org/ILL/request/data')).flush(
      {
        response: {
          error: { message: 'bad', detail: [{ failureCode: 30000, fieldName: 'item.title' }] },
        },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await expectAsync(answer).toBeRejectedWith(
      jasmine.objectContaining({
        problem: jasmine.objectContaining({ code: 'missing-field', field: 'item.title' }),
      }),
    );
  });

  it('with the hosted Ex Libris proxy, gets the OCLC token with Basic WSKey:secret once and sends it in X-Proxy-Auth', async () => {
    const config = testConfig({
      proxy: {
        mode: 'exlibris',
        url: 'https://proxy.exlibrisgroup.com',
        wskey: 'KEY',
        secret: 'SECRET',
      },
    });
    const first = client.send(config, {
      method: 'GET',
      url: 'https://128807.share.worldcat.org/ILL/request/data/5',
    });
    const tokenReq = await next((r) => r.url.startsWith('https://proxy.exlibrisgroup.com/token'));
    expect(tokenReq.request.method).toBe('POST');
    expect(tokenReq.request.headers.get('X-Proxy-Host')).toBe('oauth.oclc.org');
    expect(tokenReq.request.headers.get('X-Proxy-Auth')).toBe(`Basic ${btoa('KEY:SECRET')}`);
    expect(decodeURIComponent(tokenReq.request.url)).toContain(
      'scope=WorldShareILL context:128807',
    );
    tokenReq.flush({ access_token: 'tk_1', token_type: 'bearer', expires_in: '3599' });
    const call = await next('https://proxy.exlibrisgroup.com/ILL/request/data/5');
    expect(call.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_1');
    call.flush({});
    await first;
    const second = client.send(config, {
      method: 'GET',
      url: 'https://128807.share.worldcat.org/ILL/request/data/6',
    });
    (await next('https://proxy.exlibrisgroup.com/ILL/request/data/6')).flush({});
    await second;
  });

  it('with the hosted Ex Libris proxy, calls that need a token at the same time share one token request', async () => {
    const config = testConfig({
      proxy: {
        mode: 'exlibris',
        url: 'https://proxy.exlibrisgroup.com',
        wskey: 'KEY',
        secret: 'SECRET',
      },
      worldshareCallsPerSecond: 100,
    });
    const answers = Array.from({ length: 8 }, (_, i) =>
      client.send(config, {
        method: 'GET',
        url: `https://128807.share.worldcat.org/ILL/request/data/${i}`,
      }),
    );
    const tokenReq = await next((r) => r.url.startsWith('https://proxy.exlibrisgroup.com/token'));
    await new Promise((r) => setTimeout(r, 50));
    expect(http.match((r) => r.url.startsWith('https://proxy.exlibrisgroup.com/token')).length)
      .withContext('no second token request')
      .toBe(0);
    tokenReq.flush({ access_token: 'tk_shared', token_type: 'bearer', expires_in: '3599' });
    for (let i = 0; i < 8; i++) {
      const call = await next(`https://proxy.exlibrisgroup.com/ILL/request/data/${i}`);
      expect(call.request.headers.get('X-Proxy-Auth')).toBe('Bearer tk_shared');
      call.flush({ i });
    }
    expect((await Promise.all(answers)).map((a) => (a as { i: number }).i)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it('with the hosted Ex Libris proxy, a failed shared token request fails every waiting call, and the next call asks again', async () => {
    const config = testConfig({
      proxy: {
        mode: 'exlibris',
        url: 'https://proxy.exlibrisgroup.com',
        wskey: 'KEY',
        secret: 'WRONG',
      },
      worldshareCallsPerSecond: 100,
    });
    const answers = [1, 2, 3].map((i) =>
      client.send(config, {
        method: 'GET',
        url: `https://128807.share.worldcat.org/ILL/request/data/${i}`,
      }),
    );
    (await next((r) => r.url.startsWith('https://proxy.exlibrisgroup.com/token'))).flush(
      { code: { type: 'http', value: 401 }, message: 'Invalid client credentials' },
      { status: 401, statusText: 'Unauthorized' },
    );
    for (const a of answers) await expectAsync(a).toBeRejectedWith(jasmine.any(WorldShareError));
    const again = client.send(config, {
      method: 'GET',
      url: 'https://128807.share.worldcat.org/ILL/request/data/4',
    });
    (await next((r) => r.url.startsWith('https://proxy.exlibrisgroup.com/token'))).flush({
      access_token: 'tk_2',
      expires_in: 3599,
    });
    (await next('https://proxy.exlibrisgroup.com/ILL/request/data/4')).flush({});
    await again;
  });

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

  it('sends Idempotency-Key and reads Idempotent-Replayed from the answer', async () => {
    const first = client.sendIdempotent(testConfig(), {
      method: 'POST',
      url: 'https://128807.share.worldcat.org/ILL/request/data',
      body: {},
      idempotencyKey: '1987654320004',
    });
    const req = await next('https://proxy.example.org/ILL/request/data');
    expect(req.request.headers.get('Idempotency-Key')).toBe('1987654320004');
    req.flush({ id: 1 }, { headers: { 'Idempotent-Replayed': 'true' } });
    expect(await first).toEqual({ body: { id: 1 }, replayed: true });

    const second = client.sendIdempotent(testConfig(), {
      method: 'POST',
      url: 'https://128807.share.worldcat.org/ILL/request/data',
      body: {},
    });
    const plain = await next('https://proxy.example.org/ILL/request/data');
    expect(plain.request.headers.has('Idempotency-Key')).toBeFalse();
    plain.flush({ id: 2 });
    expect(await second).toEqual({ body: { id: 2 }, replayed: false });
  });

  it('reports a configuration that is not a URL without sending anything', async () => {
    await expectAsync(
      client.send(testConfig({ proxy: { mode: 'own', url: 'not a url', wskey: '' } }), {
        method: 'GET',
        url: 'https://x.org/a',
      }),
    ).toBeRejectedWith(jasmine.any(WorldShareError));
  });
});
