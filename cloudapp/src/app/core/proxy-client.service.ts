import { HttpClient, HttpErrorResponse, HttpHeaders, HttpResponse } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { decodeJwt } from 'jose';
import {
  Observable,
  TimeoutError,
  catchError,
  defer,
  firstValueFrom,
  from,
  map,
  of,
  switchMap,
  throwError,
  timeout,
} from 'rxjs';
import { InstitutionConfig } from '../domain/institution-config';
import { describeWorldShareError } from '../domain/worldshare-errors';
import { withHostTimeout } from './host-call';
import { RateGate, createRateGate, retryOnRateLimit, throughGate } from './rate-limit';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

/** How long one WorldShare call through the proxy may take, in milliseconds. */
export const WORLDSHARE_TIMEOUT_MS = 30_000;

/** One call to an OCLC host through the Cloud App proxy. */
export interface ProxiedCall {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Absolute upstream URL, e.g. `https://128807.share.worldcat.org/ILL/request/data`. */
  url: string;
  body?: unknown;
  /** `json` (default) or `text` (ISO 18626 XML). */
  responseType?: 'json' | 'text';
  contentType?: string;
  /** Sent as `X-Proxy-Auth` (the proxy forwards it upstream as `Authorization`). */
  proxyAuth?: string;
  /**
   * Sent as `Idempotency-Key`: this project's proxy answers a repeat with the first call's stored
   * answer instead of calling OCLC again (docs/contracts.md, "Proxy API for the app").
   */
  idempotencyKey?: string;
}

/** One call to this project's own proxy API (no upstream host), e.g. the lender messages it stored. */
export interface OwnProxyCall {
  method: 'GET' | 'POST';
  /** Path on the proxy, e.g. `/bridge/lender-states`. */
  path: string;
  body?: unknown;
}

/**
 * Sends calls to OCLC through the Cloud App proxy, in the Ex Libris hosted proxy's wire format:
 * the request goes to `<proxy url><upstream path>` with `X-Proxy-Host: <upstream host>` and
 * `Authorization: Bearer <Cloud App JWT>` (from the host, JWT_AUTH_TOKEN). With this project's
 * own proxy the OCLC token is added by the proxy, so no OCLC credential is ever in the browser.
 * With the hosted Ex Libris proxy the app fetches the OCLC token itself with the WSKey and secret
 * from the configuration and sends it in `X-Proxy-Auth`.
 *
 * Calls start no faster than the institution's `worldshareCallsPerSecond` and are retried with
 * back-off on 429. Errors: always a `WorldShareError` whose `problem` is ready for staff
 * (timeouts and network failures are `unavailable`).
 */
@Injectable({ providedIn: 'root' })
export class ProxyClientService {
  private readonly gates = new Map<number, RateGate>();
  private cachedJwt: { token: string; expiresAtMs: number } | null = null;
  /** OCLC token the app holds itself, hosted Ex Libris proxy only (keyed by WSKey and scope). */
  private hostedToken: { key: string; token: string; expiresAtMs: number } | null = null;
  /** The OCLC token request under way (hosted proxy only): calls that need a token meanwhile share it. */
  private hostedTokenInFlight: { key: string; token: Promise<string> } | null = null;

  constructor(
    private readonly http: HttpClient,
    private readonly events: CloudAppEventsService,
  ) {}

  call<T>(config: InstitutionConfig, call: ProxiedCall): Observable<T> {
    return this.exchange<T>(config, call).pipe(map((response) => response.body as T));
  }

  /** `call` with the whole answer: status, headers (e.g. `Idempotent-Replayed`) and body. */
  private exchange<T>(config: InstitutionConfig, call: ProxiedCall): Observable<HttpResponse<T>> {
    if (config.proxy.mode === 'exlibris' && !call.proxyAuth) {
      return this.hostedOclcToken(config).pipe(
        switchMap((token) => this.exchange<T>(config, { ...call, proxyAuth: `Bearer ${token}` })),
        catchError((e: unknown) => {
          if (e instanceof WorldShareError && e.status === 401) this.hostedToken = null;
          return throwError(() => e);
        }),
      );
    }
    return throughGate(this.gateFor(config), () => this.callOnce<T>(config, call)).pipe(
      retryOnRateLimit<HttpResponse<T>>(),
    );
  }

  /**
   * With the hosted Ex Libris proxy the app itself obtains the institution's OCLC token (OAuth 2
   * client credentials, HTTP Basic WSKey:secret through the proxy's `X-Proxy-Auth`) and keeps it
   * until a minute before it expires. `expires_in` may arrive as text (OCLC's sample does). Calls
   * that need the token while it is being fetched wait for that one request (eight bulk workers:
   * one token request); if it fails, each of them gets the failure and the next call asks again.
   */
  private hostedOclcToken(config: InstitutionConfig): Observable<string> {
    return defer(() => {
      const scope = `${config.worldshare.oauthScopes} context:${config.worldshare.registryId}`;
      const key = `${config.proxy.wskey}|${scope}`;
      const cached = this.hostedToken;
      if (cached && cached.key === key && cached.expiresAtMs - 60_000 > Date.now())
        return of(cached.token);
      const running = this.hostedTokenInFlight;
      if (running && running.key === key) return from(running.token);
      const tokenUrl = config.worldshare.oauthTokenUrl || 'https://oauth.oclc.org/token';
      const url = `${tokenUrl}?grant_type=client_credentials&scope=${encodeURIComponent(scope)}`;
      const basic = btoa(`${config.proxy.wskey}:${config.proxy.secret ?? ''}`);
      const token = firstValueFrom(
        this.call<{ access_token?: unknown; expires_in?: unknown }>(config, {
          method: 'POST',
          url,
          proxyAuth: `Basic ${basic}`,
        }).pipe(
          map((answer) => {
            const token = typeof answer?.access_token === 'string' ? answer.access_token : '';
            if (!token)
              throw new WorldShareError(
                simpleProblem('unauthorized', 'OCLC gave no access token.'),
                0,
              );
            const seconds = Number(answer.expires_in) || 0;
            this.hostedToken = { key, token, expiresAtMs: Date.now() + seconds * 1000 };
            return token;
          }),
        ),
      );
      const inFlight = { key, token };
      this.hostedTokenInFlight = inFlight;
      const done = () => {
        if (this.hostedTokenInFlight === inFlight) this.hostedTokenInFlight = null;
      };
      token.then(done, done);
      return from(token);
    });
  }

  private gateFor(config: InstitutionConfig): RateGate {
    // The configuration allows 0.1 to 100 a second; a fraction is honoured (0.5: one call every 2 s).
    const perSecond = config.worldshareCallsPerSecond > 0 ? config.worldshareCallsPerSecond : 1;
    let gate = this.gates.get(perSecond);
    if (!gate) {
      // At most perSecond on average in any window, evenly spread, like the Alma gate.
      gate = createRateGate(perSecond, 1000, Math.floor(1000 / perSecond));
      this.gates.set(perSecond, gate);
    }
    return gate;
  }

  private callOnce<T>(config: InstitutionConfig, call: ProxiedCall): Observable<HttpResponse<T>> {
    let upstream: URL;
    let proxy: URL;
    try {
      upstream = new URL(call.url);
      proxy = new URL(config.proxy.url);
    } catch {
      return throwError(
        () =>
          new WorldShareError(
            simpleProblem(
              'unknown',
              'The proxy or WorldShare address in the configuration is not a valid URL.',
            ),
            0,
          ),
      );
    }
    const target = `${proxy.origin}${proxy.pathname.replace(/\/$/, '')}${upstream.pathname}${upstream.search}`;
    return this.jwt().pipe(
      switchMap((jwt) => {
        let headers = new HttpHeaders({
          Authorization: `Bearer ${jwt}`,
          'X-Proxy-Host': upstream.host,
        });
        if (call.contentType) headers = headers.set('Content-Type', call.contentType);
        if (call.proxyAuth) headers = headers.set('X-Proxy-Auth', call.proxyAuth);
        if (call.idempotencyKey) headers = headers.set('Idempotency-Key', call.idempotencyKey);
        const responseType = call.responseType ?? 'json';
        return this.http.request(call.method, target, {
          body: call.body,
          headers,
          observe: 'response',
          responseType: responseType as 'json',
        }) as Observable<HttpResponse<T>>;
      }),
      timeout({ first: WORLDSHARE_TIMEOUT_MS }),
      catchError((e: unknown) => throwError(() => toWorldShareError(e))),
    );
  }

  /**
   * The Cloud App JWT from the host, reused until a minute before it expires (the proxy verifies
   * it; the app only reads `exp` to know when to ask again).
   */
  private jwt(): Observable<string> {
    return defer(() => {
      const cached = this.cachedJwt;
      if (cached && cached.expiresAtMs - 60_000 > Date.now()) return of(cached.token);
      return this.events.getAuthToken().pipe(
        withHostTimeout<string>(),
        map((token) => {
          let exp = 0;
          try {
            exp = Number(decodeJwt(token).exp) || 0;
          } catch {
            exp = 0;
          }
          this.cachedJwt = exp ? { token, expiresAtMs: exp * 1000 } : null;
          return token;
        }),
      );
    });
  }

  /**
   * Calls this project's own proxy API (`own` proxy mode only): the Cloud App JWT as the only
   * credential, no `X-Proxy-Host`, not paced by the WorldShare rate (it does not reach OCLC).
   * Rejects with a `WorldShareError`.
   */
  callProxy<T>(config: InstitutionConfig, call: OwnProxyCall): Promise<T> {
    let proxy: URL;
    try {
      proxy = new URL(config.proxy.url);
    } catch {
      return Promise.reject(
        new WorldShareError(
          simpleProblem('unknown', 'The proxy address in the configuration is not a valid URL.'),
          0,
        ),
      );
    }
    const target = `${proxy.origin}${proxy.pathname.replace(/\/$/, '')}${call.path}`;
    const request$ = this.jwt().pipe(
      switchMap((jwt) =>
        this.http.request<T>(call.method, target, {
          body: call.body,
          headers: new HttpHeaders({ Authorization: `Bearer ${jwt}` }),
        }),
      ),
      timeout({ first: WORLDSHARE_TIMEOUT_MS }),
      catchError((e: unknown) => throwError(() => toWorldShareError(e))),
    );
    return firstValueFrom(request$);
  }

  /** Promise form of `call`, for workflows written with async/await. */
  send<T>(config: InstitutionConfig, call: ProxiedCall): Promise<T> {
    return firstValueFrom(this.call<T>(config, call));
  }

  /**
   * `send` that also says whether this project's proxy answered from its idempotency store
   * (`Idempotent-Replayed: true`: the first call with the same `idempotencyKey` already reached
   * OCLC and this is its stored answer; OCLC was not called again).
   */
  async sendIdempotent<T>(
    config: InstitutionConfig,
    call: ProxiedCall,
  ): Promise<{ body: T; replayed: boolean }> {
    const response = await firstValueFrom(this.exchange<T>(config, call));
    return {
      body: response.body as T,
      replayed: response.headers.get('Idempotent-Replayed')?.trim().toLowerCase() === 'true',
    };
  }
}

function toWorldShareError(e: unknown): WorldShareError {
  if (e instanceof WorldShareError) return e;
  if (e instanceof TimeoutError) {
    return new WorldShareError(
      simpleProblem('unavailable', 'WorldShare did not answer in time.'),
      0,
    );
  }
  if (e instanceof HttpErrorResponse) {
    let body: unknown = e.error;
    if (typeof body === 'string') {
      try {
        body = JSON.parse(body);
      } catch {
        /* XML or text: describe from the status */
      }
    }
    return new WorldShareError(describeWorldShareError(e.status, body), e.status);
  }
  const message = e instanceof Error ? e.message : String(e);
  return new WorldShareError(simpleProblem('unknown', message), 0);
}
