import { HttpClient, HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom, timeout } from 'rxjs';
import { InstitutionConfig, missingForExport } from '../domain/institution-config';
import { HostTimeoutError, withHostTimeout } from '../core/host-call';
import { WORLDSHARE_TIMEOUT_MS } from '../core/proxy-client.service';
import { ConfigFieldPath, isConfigFieldPath } from './config-fields';
import { ConnectionStep, ConnectionStepId, ProbeAnswer, StepOutcome, pendingSteps, probeUrl, readProbe } from './connection-steps';

/**
 * Runs the configuration page's Test connection against a configuration (the form's current
 * values, saved or not), step by step:
 * 1. the configuration is complete (`missingForExport`) and the form valid;
 * 2. Alma gives the app a Cloud App JWT (JWT_AUTH_TOKEN);
 * 3. the proxy answers and accepts the JWT, and 4. an OCLC token works — both read from one
 *    harmless WorldShare search sent through the proxy (see connection-steps.ts).
 * A failed step stops the run; later steps are marked skipped. Never throws.
 *
 * The probe is sent in the same wire format as ProxyClientService (`<proxy><upstream path>`,
 * `X-Proxy-Host`, `Authorization: Bearer <JWT>`) but read raw, because telling the proxy's
 * refusals from OCLC's needs the answer's body, which the export's error mapping folds away.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionTestService {
  constructor(private readonly http: HttpClient, private readonly events: CloudAppEventsService) {}

  /**
   * @param config the configuration to test.
   * @param formValid false when the form still shows validation errors (step 1 then fails).
   * @param onProgress called with a fresh copy of the steps after every change.
   * @returns the final steps.
   */
  async run(config: InstitutionConfig, formValid: boolean, onProgress: (steps: ConnectionStep[]) => void = () => undefined): Promise<ConnectionStep[]> {
    const steps = pendingSteps();
    const publish = () => onProgress(steps.map((s) => ({ ...s, params: { ...s.params }, fields: [...s.fields] })));
    const set = (id: ConnectionStepId, outcome: StepOutcome | 'running', fields: ConfigFieldPath[] = []) => {
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
    const urls = formValid ? parseUrls(config) : null;
    if (!urls) {
      set('config', { state: 'failed', failure: 'invalid' });
      return finish();
    }
    set('config', { state: 'ok' });

    set('jwt', 'running');
    const jwt = await this.getJwt();
    set('jwt', jwt.outcome);
    if (jwt.outcome.state !== 'ok') return finish();

    set('proxy', 'running');
    const answer = await this.probe(urls.proxy, urls.upstream, jwt.token);
    const read = readProbe(answer, config.proxy.url, urls.upstream.host);
    set('proxy', read.proxy);
    if (read.oclc) {
      set('oclc', 'running');
      set('oclc', read.oclc);
    }
    return finish();
  }

  private async getJwt(): Promise<{ outcome: StepOutcome; token: string }> {
    try {
      const token = await firstValueFrom(this.events.getAuthToken().pipe(withHostTimeout<string>()));
      if (typeof token !== 'string' || token.trim() === '') return { outcome: { state: 'failed', failure: 'no-token' }, token: '' };
      return { outcome: { state: 'ok' }, token };
    } catch (e) {
      if (e instanceof HostTimeoutError) return { outcome: { state: 'failed', failure: 'host-silent' }, token: '' };
      return { outcome: { state: 'failed', failure: 'host-error', params: { detail: describe(e) } }, token: '' };
    }
  }

  private async probe(proxy: URL, upstream: URL, jwt: string): Promise<ProbeAnswer> {
    const target = `${proxy.origin}${proxy.pathname.replace(/\/$/, '')}${upstream.pathname}${upstream.search}`;
    const headers = new HttpHeaders({ Authorization: `Bearer ${jwt}`, 'X-Proxy-Host': upstream.host });
    try {
      const res = await firstValueFrom(
        this.http.get(target, { headers, observe: 'response', responseType: 'text' }).pipe(timeout({ first: WORLDSHARE_TIMEOUT_MS })),
      );
      return { status: res.status, body: res.body };
    } catch (e) {
      if (e instanceof HttpErrorResponse) return { status: e.status, body: typeof e.error === 'string' ? e.error : null };
      return { status: 0, body: null };
    }
  }
}

/** The proxy and probe URLs, or null when either is not a valid URL. */
function parseUrls(config: InstitutionConfig): { proxy: URL; upstream: URL } | null {
  try {
    return { proxy: new URL(config.proxy.url), upstream: new URL(probeUrl(config.worldshare.illBaseUrl)) };
  } catch {
    return null;
  }
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string') return (e as { message: string }).message;
  return String(e);
}
