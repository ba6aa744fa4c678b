import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { firstValueFrom, timeout } from 'rxjs';
import { InstitutionConfig, missingForExport } from '../domain/institution-config';
import {
  ForwardedRequest,
  OclcTokenRequest,
  bearerAuth,
  forwardedRequest,
  oclcTokenRequest,
  signed,
} from '../domain/proxy-request';
import { CloudAppJwtService } from '../core/cloud-app-jwt.service';
import { HostTimeoutError } from '../core/host-call';
import { WORLDSHARE_TIMEOUT_MS, sendProxyRequest } from '../core/proxy-http';
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
} from './connection-steps';

/**
 * Runs the configuration page's Test connection against a configuration (the form's current
 * values, saved or not), step by step:
 * 1. the configuration is complete (`missingForExport`) and the form valid;
 * 2. Alma gives the app a Cloud App JWT (JWT_AUTH_TOKEN);
 * 3. the proxy answers and accepts the JWT, and 4. an OCLC token works — both read from one
 *    harmless WorldShare search sent through the proxy (see connection-steps.ts). With the hosted
 *    Ex Libris proxy the app first asks OCLC for the token itself (WSKey and secret from the
 *    configuration) and sends it with the search.
 * A failed step stops the run; later steps are marked skipped. Never throws.
 *
 * The requests are the ones ProxyClientService sends (built by domain/proxy-request.ts, the JWT
 * from CloudAppJwtService), but fresh and read raw: the JWT is asked of the host on every run, the
 * OCLC token is requested anew rather than taken from HostedOclcTokenService (a kept token, kept
 * per WSKey and scope, would hide a wrong secret), the calls are not paced or retried, and the
 * answers are read by connection-steps.ts, because telling the proxy's refusals from OCLC's needs
 * the answer's body, which the export's error mapping folds away.
 */
@Injectable({ providedIn: 'root' })
export class ConnectionTestService {
  constructor(
    private readonly http: HttpClient,
    private readonly jwt: CloudAppJwtService,
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
      // Hosted proxy: the app gets the OCLC token itself.
      const answer = await this.send(
        signed(plan.token.request, { jwt: jwt.token, proxyAuth: plan.token.proxyAuth }),
      );
      const read = readTokenAnswer(answer, config.proxy.url, plan.token.request.upstreamHost);
      set('proxy', read.proxy);
      if (read.proxy.state !== 'ok') return finish();
      if (!read.token) {
        if (read.oclc) set('oclc', read.oclc);
        return finish();
      }
      proxyAuth = bearerAuth(read.token);
    }
    const answer = await this.send(signed(plan.probe, { jwt: jwt.token, proxyAuth }));
    const read = readProbe(answer, config.proxy.url, plan.probe.upstreamHost);
    set('proxy', read.proxy);
    if (read.oclc) {
      set('oclc', 'running');
      set('oclc', read.oclc);
    }
    return finish();
  }

  private async getJwt(): Promise<{ outcome: StepOutcome; token: string }> {
    try {
      const token = await firstValueFrom(this.jwt.fresh());
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
  private async send(request: ForwardedRequest): Promise<ProbeAnswer> {
    try {
      const res = await firstValueFrom(
        sendProxyRequest<string>(this.http, request).pipe(
          timeout({ first: WORLDSHARE_TIMEOUT_MS }),
        ),
      );
      return { status: res.status, body: res.body };
    } catch (e) {
      if (e instanceof HttpErrorResponse)
        return { status: e.status, body: typeof e.error === 'string' ? e.error : null };
      return { status: 0, body: null };
    }
  }
}

/** What the run will send, still without credentials (the JWT comes from step 2). */
interface TestPlan {
  /** The probe (connection-steps.ts, `probeUrl`), read as text. */
  probe: ForwardedRequest;
  /** Hosted proxy only: OCLC's token request, read as text, and its WSKey:secret `X-Proxy-Auth`. */
  token: { request: ForwardedRequest; proxyAuth: string } | null;
}

/** The calls to make, or null when an address in the configuration is not a valid URL. */
function prepare(config: InstitutionConfig): TestPlan | null {
  const probe = forwardedRequest(config.proxy.url, {
    method: 'GET',
    url: probeUrl(config.worldshare.illBaseUrl),
    responseType: 'text',
  });
  if (!probe) return null;
  if (config.proxy.mode !== 'exlibris') return { probe, token: null };
  let token: OclcTokenRequest;
  try {
    token = oclcTokenRequest(config);
  } catch {
    return null; // btoa refuses a WSKey or secret with characters outside Latin-1
  }
  const request = forwardedRequest(config.proxy.url, { ...token.call, responseType: 'text' });
  return request ? { probe, token: { request, proxyAuth: token.proxyAuth } } : null;
}

function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && typeof (e as { message?: unknown }).message === 'string')
    return (e as { message: string }).message;
  return String(e);
}
