import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed, fakeAsync, flushMicrotasks, tick } from '@angular/core/testing';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { NEVER, Observable, of, throwError } from 'rxjs';
import { HOST_TIMEOUT_MS } from '../core/host-call';
import type { InstitutionConfig } from '../domain/institution-config';
import { configuredInstitution } from '../domain/testing/institution';
import { ConnectionStep } from './connection-steps';
import { ConnectionTestService } from './connection-test.service';

const config: InstitutionConfig = configuredInstitution({
  proxy: { url: 'https://ill-proxy.example.edu/base/' },
});
const PROBE = 'https://ill-proxy.example.edu/base/ILL/request/data?referenceId=connection-test';

describe('ConnectionTestService', () => {
  let jwt: Observable<string>;
  let jwtAsks: number;
  let http: HttpTestingController;
  let service: ConnectionTestService;

  beforeEach(() => {
    jwt = of('jwt-1');
    jwtAsks = 0;
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        {
          provide: CloudAppEventsService,
          useValue: {
            getAuthToken: () => {
              jwtAsks++;
              return jwt;
            },
          },
        },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(ConnectionTestService);
  });
  afterEach(() => http.verify());

  const summary = (steps: ConnectionStep[]) =>
    steps.map((s) => `${s.id}:${s.state}${s.failure ? `:${s.failure}` : ''}`);

  /** What a run came to, read after its work has run (`flushMicrotasks`). */
  function outcome(run: Promise<ConnectionStep[]>): { steps: ConnectionStep[] | null } {
    const box: { steps: ConnectionStep[] | null } = { steps: null };
    void run.then((steps) => (box.steps = steps));
    return box;
  }

  /** Lets the run reach the probe call, answers it, and gives the final steps (inside fakeAsync). */
  function answerProbe(
    run: Promise<ConnectionStep[]>,
    answer: (req: TestRequest) => void,
  ): ConnectionStep[] {
    const result = outcome(run);
    flushMicrotasks();
    const req = http.expectOne(PROBE);
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe('Bearer jwt-1');
    expect(req.request.headers.get('X-Proxy-Host')).toBe('128807.share.worldcat.org');
    answer(req);
    flushMicrotasks();
    expect(result.steps).withContext('the run has finished').not.toBeNull();
    return result.steps!;
  }

  it('passes all four steps when the read through the proxy succeeds, reporting progress', fakeAsync(() => {
    const seen: string[][] = [];
    const steps = answerProbe(
      service.run(config, true, (s) => seen.push(summary(s))),
      (r) => r.flush(JSON.stringify({ response: { illRequests: [] } })),
    );
    expect(summary(steps)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    expect(seen[0]).toEqual(['config:running', 'jwt:pending', 'proxy:pending', 'oclc:pending']);
  }));

  it('stops at step 1 when the configuration is incomplete, naming what is missing', async () => {
    const steps = await service.run({ ...config, proxy: { ...config.proxy, url: '' } }, true);
    expect(summary(steps)).toEqual([
      'config:failed:incomplete',
      'jwt:skipped',
      'proxy:skipped',
      'oclc:skipped',
    ]);
    expect(steps[0]!.fields).toEqual(['proxy.url']);
  });

  it('stops at step 1 without a billing address, naming it (OCLC refuses requests without one)', async () => {
    const steps = await service.run(
      {
        ...config,
        library: { ...config.library, billingAddress: { ...config.library.deliveryAddress } },
      },
      true,
    );
    expect(summary(steps)).toEqual([
      'config:failed:incomplete',
      'jwt:skipped',
      'proxy:skipped',
      'oclc:skipped',
    ]);
    expect(steps[0]!.fields).toEqual(['library.billingAddress']);
  });

  it('stops at step 1 when the form has errors', async () => {
    const steps = await service.run(config, false);
    expect(summary(steps)).toEqual([
      'config:failed:invalid',
      'jwt:skipped',
      'proxy:skipped',
      'oclc:skipped',
    ]);
  });

  it('fails step 2 when Alma gives no token', async () => {
    jwt = of('');
    expect(summary(await service.run(config, true))).toEqual([
      'config:ok',
      'jwt:failed:no-token',
      'proxy:skipped',
      'oclc:skipped',
    ]);
    jwt = throwError(() => new Error('denied'));
    const steps = await service.run(config, true);
    expect(steps[1]!.failure).toBe('host-error');
    expect(steps[1]!.params).toEqual({ detail: 'denied' });
  });

  it('fails step 2 when Alma does not answer', fakeAsync(() => {
    jwt = NEVER;
    const run = outcome(service.run(config, true));
    tick(HOST_TIMEOUT_MS);
    expect(summary(run.steps!)).toEqual([
      'config:ok',
      'jwt:failed:host-silent',
      'proxy:skipped',
      'oclc:skipped',
    ]);
  }));

  it('asks Alma for the token on every run, even while the app keeps a valid one', fakeAsync(() => {
    const payload = btoa(JSON.stringify({ exp: Math.floor(Date.now() / 1000) + 3600 }));
    jwt = of(`h.${payload.replace(/=+$/, '')}.s`);
    for (let i = 0; i < 2; i++) {
      const run = outcome(service.run(config, true));
      flushMicrotasks();
      http.expectOne(PROBE).flush(JSON.stringify({ response: { illRequests: [] } }));
      flushMicrotasks();
      expect(summary(run.steps!)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    }
    expect(jwtAsks).toBe(2);
  }));

  it('stops at step 1 when the proxy address is not a URL, sending nothing', async () => {
    const steps = await service.run({ ...config, proxy: { ...config.proxy, url: 'proxy' } }, true);
    expect(summary(steps)).toEqual([
      'config:failed:invalid',
      'jwt:skipped',
      'proxy:skipped',
      'oclc:skipped',
    ]);
    expect(jwtAsks).toBe(0);
  });

  it('fails step 3 when the proxy cannot be reached', fakeAsync(() => {
    const steps = answerProbe(service.run(config, true), (r) =>
      r.error(new ProgressEvent('error'), { status: 0 }),
    );
    expect(summary(steps)).toEqual([
      'config:ok',
      'jwt:ok',
      'proxy:failed:unreachable',
      'oclc:skipped',
    ]);
    expect(steps[2]!.params['url']).toBe(config.proxy.url);
  }));

  it('fails step 3 when the proxy refuses the token', fakeAsync(() => {
    const steps = answerProbe(service.run(config, true), (r) =>
      r.flush(
        JSON.stringify({
          error: { code: 'jwt_expired', message: 'The Cloud App token has expired.' },
        }),
        { status: 401, statusText: 'Unauthorized' },
      ),
    );
    expect(summary(steps)).toEqual([
      'config:ok',
      'jwt:ok',
      'proxy:failed:jwt-refused',
      'oclc:skipped',
    ]);
  }));

  it('fails step 4 when the proxy cannot get an OCLC token', fakeAsync(() => {
    const steps = answerProbe(service.run(config, true), (r) =>
      r.flush(JSON.stringify({ error: { code: 'oclc_token_failed', message: 'invalid_client' } }), {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );
    expect(summary(steps)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:failed:token-failed']);
  }));

  describe('with the hosted Ex Libris proxy', () => {
    const hosted: InstitutionConfig = {
      ...config,
      proxy: {
        mode: 'exlibris',
        url: 'https://ill-proxy.example.edu/base/',
        wskey: 'key-1',
        secret: 'secret-1',
      },
      worldshare: { ...config.worldshare, oauthTokenUrl: 'https://oauth.oclc.org/token' },
    };
    const TOKEN =
      'https://ill-proxy.example.edu/base/token?grant_type=client_credentials&scope=WorldShareILL%20context%3A128807';

    /** The one request to `url` once the run's pending work has run (inside fakeAsync). */
    function next(url: string): TestRequest {
      flushMicrotasks();
      return http.expectOne(url);
    }

    it('gets the OCLC token with the WSKey and secret, then reads WorldShare with it', fakeAsync(() => {
      const run = outcome(service.run(hosted, true));
      const token = next(TOKEN);
      expect(token.request.headers.get('Authorization')).toBe('Bearer jwt-1');
      expect(token.request.method).toBe('POST');
      expect(token.request.headers.get('X-Proxy-Host')).toBe('oauth.oclc.org');
      expect(token.request.headers.get('X-Proxy-Auth')).toBe(`Basic ${btoa('key-1:secret-1')}`);
      token.flush(JSON.stringify({ access_token: 'oclc-token', expires_in: '1199' }));
      const probe = next(PROBE);
      expect(probe.request.headers.get('Authorization')).toBe('Bearer jwt-1');
      expect(probe.request.headers.get('X-Proxy-Auth')).toBe('Bearer oclc-token');
      probe.flush(JSON.stringify({ response: { illRequests: [] } }));
      flushMicrotasks();
      expect(summary(run.steps!)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    }));

    it("a wrong secret fails step 4 with OCLC's reason, and WorldShare is not read", fakeAsync(() => {
      const run = outcome(service.run(hosted, true));
      next(TOKEN).flush(
        JSON.stringify({
          error: 'invalid_client',
          error_description: 'WSKey or secret is not valid',
        }),
        { status: 401, statusText: 'Unauthorized' },
      );
      flushMicrotasks();
      const steps = run.steps!;
      expect(summary(steps)).toEqual([
        'config:ok',
        'jwt:ok',
        'proxy:ok',
        'oclc:failed:token-failed',
      ]);
      expect(steps[3]!.params).toEqual({ detail: 'WSKey or secret is not valid' });
      http.expectNone(PROBE);
    }));

    it('a missing secret stops at step 1', async () => {
      const steps = await service.run({ ...hosted, proxy: { ...hosted.proxy, secret: '' } }, true);
      expect(summary(steps)).toEqual([
        'config:failed:incomplete',
        'jwt:skipped',
        'proxy:skipped',
        'oclc:skipped',
      ]);
      expect(steps[0]!.fields).toEqual(['proxy.secret']);
    });
  });
});
