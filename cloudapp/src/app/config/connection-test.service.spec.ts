import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, of, throwError } from 'rxjs';
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
  let http: HttpTestingController;
  let service: ConnectionTestService;

  beforeEach(() => {
    jwt = of('jwt-1');
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: CloudAppEventsService, useValue: { getAuthToken: () => jwt } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(ConnectionTestService);
  });
  afterEach(() => http.verify());

  const summary = (steps: ConnectionStep[]) =>
    steps.map((s) => `${s.id}:${s.state}${s.failure ? `:${s.failure}` : ''}`);

  /** Lets the run reach the probe call, then answers it. */
  async function answerProbe(
    run: Promise<ConnectionStep[]>,
    answer: (req: ReturnType<HttpTestingController['expectOne']>) => void,
  ) {
    let found: ReturnType<HttpTestingController['match']> = [];
    for (let i = 0; i < 50 && found.length === 0; i++) {
      await Promise.resolve();
      found = http.match(PROBE);
    }
    expect(found.length).withContext('one probe call').toBe(1);
    const req = found[0]!;
    expect(req.request.headers.get('Authorization')).toBe('Bearer jwt-1');
    expect(req.request.headers.get('X-Proxy-Host')).toBe('128807.share.worldcat.org');
    answer(req);
    return run;
  }

  it('passes all four steps when the read through the proxy succeeds, reporting progress', async () => {
    const seen: string[][] = [];
    const steps = await answerProbe(
      service.run(config, true, (s) => seen.push(summary(s))),
      (r) => r.flush(JSON.stringify({ response: { illRequests: [] } })),
    );
    expect(summary(steps)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    expect(seen[0]).toEqual(['config:running', 'jwt:pending', 'proxy:pending', 'oclc:pending']);
  });

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

  it('fails step 3 when the proxy cannot be reached', async () => {
    const steps = await answerProbe(service.run(config, true), (r) =>
      r.error(new ProgressEvent('error'), { status: 0 }),
    );
    expect(summary(steps)).toEqual([
      'config:ok',
      'jwt:ok',
      'proxy:failed:unreachable',
      'oclc:skipped',
    ]);
    expect(steps[2]!.params['url']).toBe(config.proxy.url);
  });

  it('fails step 3 when the proxy refuses the token', async () => {
    const steps = await answerProbe(service.run(config, true), (r) =>
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
  });

  it('fails step 4 when the proxy cannot get an OCLC token', async () => {
    const steps = await answerProbe(service.run(config, true), (r) =>
      r.flush(JSON.stringify({ error: { code: 'oclc_token_failed', message: 'invalid_client' } }), {
        status: 502,
        statusText: 'Bad Gateway',
      }),
    );
    expect(summary(steps)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:failed:token-failed']);
  });

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

    async function next(url: string) {
      let found: ReturnType<HttpTestingController['match']> = [];
      for (let i = 0; i < 50 && found.length === 0; i++) {
        await Promise.resolve();
        found = http.match(url);
      }
      expect(found.length).withContext(url).toBe(1);
      return found[0]!;
    }

    it('gets the OCLC token with the WSKey and secret, then reads WorldShare with it', async () => {
      const run = service.run(hosted, true);
      const token = await next(TOKEN);
      expect(token.request.method).toBe('POST');
      expect(token.request.headers.get('X-Proxy-Host')).toBe('oauth.oclc.org');
      expect(token.request.headers.get('X-Proxy-Auth')).toBe(`Basic ${btoa('key-1:secret-1')}`);
      token.flush(JSON.stringify({ access_token: 'oclc-token', expires_in: '1199' }));
      const probe = await next(PROBE);
      expect(probe.request.headers.get('X-Proxy-Auth')).toBe('Bearer oclc-token');
      probe.flush(JSON.stringify({ response: { illRequests: [] } }));
      expect(summary(await run)).toEqual(['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    });

    it("a wrong secret fails step 4 with OCLC's reason, and WorldShare is not read", async () => {
      const run = service.run(hosted, true);
      (await next(TOKEN)).flush(
        JSON.stringify({
          error: 'invalid_client',
          error_description: 'WSKey or secret is not valid',
        }),
        { status: 401, statusText: 'Unauthorized' },
      );
      const steps = await run;
      expect(summary(steps)).toEqual([
        'config:ok',
        'jwt:ok',
        'proxy:ok',
        'oclc:failed:token-failed',
      ]);
      expect(steps[3]!.params).toEqual({ detail: 'WSKey or secret is not valid' });
      http.expectNone(PROBE);
    });

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
