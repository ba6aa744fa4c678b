import { HttpClient, HttpResponse } from '@angular/common/http';
import { Injectable } from '@angular/core';
import { Observable, catchError, firstValueFrom, map, switchMap, throwError, timeout } from 'rxjs';
import { InstitutionConfig } from '../domain/institution-config';
import {
  OwnProxyCall,
  ProxiedCall,
  ProxyRequest,
  bearerAuth,
  forwardedRequest,
  ownProxyRequest,
  signed,
} from '../domain/proxy-request';
import { CloudAppJwtService } from './cloud-app-jwt.service';
import { HostedOclcTokenService, OclcTokenFetch } from './hosted-oclc-token.service';
import { WORLDSHARE_TIMEOUT_MS, sendProxyRequest } from './proxy-http';
import { WorldSharePacer } from './rate-limit';
import { WorldShareError, simpleProblem, toWorldShareError } from './worldshare-problem-error';

/**
 * Sends calls to OCLC through the Cloud App proxy, in the wire format of domain/proxy-request.ts
 * (the Ex Libris hosted proxy's): `<proxy url><upstream path>`, `X-Proxy-Host`, and the Cloud App
 * JWT (`CloudAppJwtService`). With this project's own proxy the OCLC token is added by the proxy,
 * so no OCLC credential is ever in the browser. With the hosted Ex Libris proxy the app sends the
 * OCLC token itself in `X-Proxy-Auth` (`HostedOclcTokenService`, fetched with the WSKey and secret
 * of the configuration); a 401 drops it so that the next call asks for a new one.
 *
 * Calls to OCLC, the token request included, are paced at the institution's
 * `worldshareCallsPerSecond` and retried with back-off on 429 (`WorldSharePacer`), and each may
 * take `WORLDSHARE_TIMEOUT_MS`, the JWT included. Errors: always a `WorldShareError` whose
 * `problem` is ready for staff (`toWorldShareError`; timeouts and network failures are
 * `unavailable`).
 */
@Injectable({ providedIn: 'root' })
export class ProxyClientService {
  private readonly pacer = new WorldSharePacer();

  constructor(
    private readonly http: HttpClient,
    private readonly jwt: CloudAppJwtService,
    private readonly oclcToken: HostedOclcTokenService,
  ) {}

  call<T>(config: InstitutionConfig, call: ProxiedCall): Observable<T> {
    return this.exchange<T>(config, call).pipe(map((response) => response.body as T));
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

  /**
   * Calls this project's own proxy API (`own` proxy mode only): the Cloud App JWT as the only
   * credential, no `X-Proxy-Host`, not paced by the WorldShare rate (it does not reach OCLC).
   * Rejects with a `WorldShareError`.
   */
  callProxy<T>(config: InstitutionConfig, call: OwnProxyCall): Promise<T> {
    const request = ownProxyRequest(config.proxy.url, call);
    if (!request)
      return Promise.reject(
        invalidAddress('The proxy address in the configuration is not a valid URL.'),
      );
    return firstValueFrom(this.signedExchange<T>(request, null).pipe(map((r) => r.body as T)));
  }

  /**
   * One call to OCLC with the whole answer (status, headers such as `Idempotent-Replayed`, body).
   * `proxyAuth` is the hosted proxy's OCLC credential; without it, hosted mode first gets the token.
   */
  private exchange<T>(
    config: InstitutionConfig,
    call: ProxiedCall,
    proxyAuth: string | null = null,
  ): Observable<HttpResponse<T>> {
    if (config.proxy.mode === 'exlibris' && proxyAuth === null) {
      const fetchToken: OclcTokenFetch = (request) =>
        this.exchange<unknown>(config, request.call, request.proxyAuth).pipe(map((r) => r.body));
      return this.oclcToken.token(config, fetchToken).pipe(
        switchMap((token) => this.exchange<T>(config, call, bearerAuth(token))),
        catchError((e: unknown) => {
          if (e instanceof WorldShareError && e.status === 401) this.oclcToken.forget();
          return throwError(() => e);
        }),
      );
    }
    return this.pacer.paced(config.worldshareCallsPerSecond, () => {
      const request = forwardedRequest(config.proxy.url, call);
      if (!request)
        return throwError(() =>
          invalidAddress(
            'The proxy or WorldShare address in the configuration is not a valid URL.',
          ),
        );
      return this.signedExchange<T>(request, proxyAuth);
    });
  }

  /** Gets the JWT, signs and sends the request, within the timeout; errors as `WorldShareError`. */
  private signedExchange<T>(
    request: ProxyRequest,
    proxyAuth: string | null,
  ): Observable<HttpResponse<T>> {
    return this.jwt.token().pipe(
      switchMap((jwt) => sendProxyRequest<T>(this.http, signed(request, { jwt, proxyAuth }))),
      timeout({ first: WORLDSHARE_TIMEOUT_MS }),
      catchError((e: unknown) => throwError(() => toWorldShareError(e))),
    );
  }
}

function invalidAddress(detail: string): WorldShareError {
  return new WorldShareError(simpleProblem('unknown', detail), 0);
}
