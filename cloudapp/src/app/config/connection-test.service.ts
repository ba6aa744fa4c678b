import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom, timeout } from 'rxjs';
import { InstitutionConfig, missingForExport } from '../domain/institution-config';
import { HostTimeoutError, withHostTimeout } from '../core/host-call';
import { WORLDSHARE_TIMEOUT_MS } from '../core/proxy-client.service';
import { ConfigFieldPath, isConfigFieldPath } from './config-fields';
import {
  ConnectionStep,
  ConnectionStepId,
  ProbeAnswer,
  StepOutcome,
  pendingSteps,
  probeUrl,
  readProbe,
  readTokenAnswer,
  tokenRequestUrl,
} from './connection-steps';

/**
 * Runs the configuration page's Test connection against a configuration (the form's current
 * values, saved or not), step by step:
 * 1. the configuration is complete (`missingForExport`) and the form valid;
 * 2. Alma gives the app a Cloud App JWT (JWT_AUTH_TOKEN);
 * 3. the proxy answers and accepts the JWT, and 4. an OCLC token works — both read from one
 *    harmless WorldShare search sent through the proxy (see connection-steps.ts). With the hosted
 *    Ex Libris proxy the app first asks OCLC for the token itself (WSKey and secret from the
 *    configuration, as ProxyClientService does) and sends it with the search.
 * A failed step stops the run; later steps are marked skipped. Never throws.
 *
 * The calls are sent in the same wire format as ProxyClientService (`<proxy><upstream path>`,
 * `X-Proxy-Host`, `Authorization: Bearer <JWT>`, `X-Proxy-Auth`) but read raw, because telling the proxy's
 * refusals from OCLC's needs the answer's body, which the export's error mapping folds away.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionTestService {
  constructor(
    private readonly http: HttpClient,
    private readonly events: CloudAppEventsService,
  ) {}

  /**
   * @param config the configuration to test.
   * @param formValid false when the form still shows validation errors (step 1 then fails).
   * @param onProgress called with a fresh copy of the steps after every change.
   * @returns the final steps.
   */
  async run(
    config: InstitutionConfig,
    formValid: boolean,
    onProgress: (steps: ConnectionStep[]) => void = () => undefined,
  ): Promise<ConnectionStep[]> {
    const steps = pendingSteps();
    const publish = () =>
      onProgress(steps.map((s) => ({ ...s, params: { ...s.params }, fields: [...s.fields] })));
    const set = (
      id: ConnectionStepId,
      outcome: StepOutcome | 'running',
      fields: ConfigFieldPath[] = [],
    ) => {
      const step = steps.find((s) => s.id === id)!;
      if (outcome === 'running') {
        step.state = 'running';
      } else if (outcome.state === 'ok') {
        step.state = 'ok';
      } else {
        step.state = 'failed';
        step.failure = outcome.failure;
        step.params = outcome.params ?? {};
        step.fields = fields;
      }
      publish();
    };
    const finish = () => {
      for (const s of steps) if (s.state === 'pending') s.state = 'skipped';
      publish();
      return steps;
    };

    set('config', 'running');
    const missing = missingForExport(config);
    if (missing.length) {
      set('config', { state: 'failed', failure: 'incomplete' }, missing.filter(isConfigFieldPath));
      return finish();
    }
    const plan = formValid ? prepare(config) : null;
    if (!plan) {
      set('config', { state: 'failed', failure: 'invalid' });
      return finish();
    }
    set('config', { state: 'ok' });

    set('jwt', 'running');
    const jwt = await this.getJwt();
    set('jwt', jwt.outcome);
    if (jwt.outcome.state !== 'ok') return finish();

    set('proxy', 'running');
    let proxyAuth: string | null = null;
    if (plan.token) {
      // Hosted proxy: the app gets the OCLC token itself, as ProxyClientService does.
      const answer = await this.send(
        'POST',
        plan.proxy,
        plan.token.url,
        jwt.token,
        plan.token.basic,
      );
      const read = readTokenAnswer(answer, config.proxy.url, plan.token.url.host);
      set('proxy', read.proxy);
      if (read.proxy.state !== 'ok') return finish();
      if (!read.token) {
        if (read.oclc) set('oclc', read.oclc);
        return finish();
      }
      proxyAuth = `Bearer ${read.token}`;
    }
    const answer = await this.send('GET', plan.proxy, plan.upstream, jwt.token, proxyAuth);
    const read = readProbe(answer, config.proxy.url, plan.upstream.host);
    set('proxy', read.proxy);
    if (read.oclc) {
      set('oclc', 'running');
      set('oclc', read.oclc);
    }
    return finish();
  }

  private async getJwt(): Promise<{ outcome: StepOutcome; token: string }> {
    try {
      const token = await firstValueFrom(
        this.events.getAuthToken().pipe(withHostTimeout<string>()),
      );
      if (typeof token !== 'string' || token.trim() === '')
        return { outcome: { state: 'failed', failure: 'no-token' }, token: '' };
      return { outcome: { state: 'ok' }, token };
    } catch (e) {
      if (e instanceof HostTimeoutError)
        return { outcome: { state: 'failed', failure: 'host-silent' }, token: '' };
      return {
        outcome: { state: 'failed', failure: 'host-error', params: { detail: describe(e) } },
        token: '',
      };
    }
  }

  /** One call through the proxy, read raw: status (0 = no answer) and body text. Never throws. */
  private async send(
    method: 'GET' | 'POST',
    proxy: URL,
    upstream: URL,
    jwt: string,
    proxyAuth: string | null,
  ): Promise<ProbeAnswer> {
    const target = `${proxy.origin}${proxy.pathname.replace(/\/$/, '')}${upstream.pathname}${upstream.search}`;
    let headers = new HttpHeaders({
      Authorization: `Bearer ${jwt}`,
      'X-Proxy-Host': upstream.host,
    });
    if (proxyAuth) headers = headers.set('X-Proxy-Auth', proxyAuth);
    try {
      const res = await firstValueFrom(
        this.http
          .request(method, target, { headers, observe: 'response', responseType: 'text' })
          .pipe(timeout({ first: WORLDSHARE_TIMEOUT_MS })),
      );
      return { status: res.status, body: res.body };
    } catch (e) {
      if (e instanceof HttpErrorResponse)
        return { status: e.status, body: typeof e.error === 'string' ? e.error : null };
      return { status: 0, body: null };
    }
  }
}

/** What the run will call. */
interface TestPlan {
  proxy: URL;
  upstream: URL;
  /** Hosted proxy only: OCLC's token request and its HTTP Basic credentials (`X-Proxy-Auth`). */
  token: { url: URL; basic: string } | null;
}

/** The calls to make, or null when an address in the configuration is not a valid URL. */
function prepare(config: InstitutionConfig): TestPlan | null {
  try {
    const token =
      config.proxy.mode === 'exlibris'
        ? {
            url: new URL(
              tokenRequestUrl(
                config.worldshare.oauthTokenUrl ?? '',
                config.worldshare.oauthScopes,
                config.worldshare.registryId,
              ),
            ),
            basic: `Basic ${btoa(`${config.proxy.wskey}:${config.proxy.secret ?? ''}`)}`,
          }
        : null;
    return {
      proxy: new URL(config.proxy.url),
      upstream: new URL(probeUrl(config.worldshare.illBaseUrl)),
      token,
    };
  } catch {
    return null;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return String(e);
}
