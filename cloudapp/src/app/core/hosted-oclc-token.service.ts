import { Injectable } from '@angular/core';
import { Observable, defer, firstValueFrom, from, map, of } from 'rxjs';
import type { InstitutionConfig } from '../domain/institution-config';
import { OclcTokenRequest, oclcTokenRequest, readAccessToken } from '../domain/proxy-request';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

/** A token is asked for again this long before it expires, in milliseconds. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

/** Sends OCLC's token request and yields the answer's body (`{access_token, expires_in}`). */
export type OclcTokenFetch = (request: OclcTokenRequest) => Observable<unknown>;

/**
 * The OCLC access token the app holds itself with the Ex Libris hosted proxy (with this project's
 * proxy the proxy holds it and the app never sees it). OAuth 2 client credentials with the WSKey
 * and secret of the configuration (`oclcTokenRequest`; docs/contracts.md, "OCLC OAuth 2 (WSKey)").
 *
 * One token per WSKey and scope, kept until a minute before `expires_in` runs out. Calls that need
 * it while it is being fetched share that one request (eight bulk workers: one token request); if
 * it fails, each of them gets the failure and the next call asks again (docs/contracts.md,
 * "WorldShare ILL Request API", our rule).
 *
 * Errors: whatever `fetch` raises; a `WorldShareError` (`unauthorized`) when OCLC's answer holds
 * no access token.
 */
@Injectable({ providedIn: 'root' })
export class HostedOclcTokenService {
  private cached: { key: string; token: string; expiresAtMs: number } | null = null;
  private inFlight: { key: string; token: Promise<string> } | null = null;

  /**
   * The token for this configuration: the kept one, the one being fetched, or a new one.
   * @param fetch sends the token request through the proxy (the caller's transport and pacing).
   */
  token(config: InstitutionConfig, fetch: OclcTokenFetch): Observable<string> {
    return defer(() => {
      const request = oclcTokenRequest(config);
      const key = request.cacheKey;
      const cached = this.cached;
      if (cached && cached.key === key && cached.expiresAtMs - RENEW_BEFORE_EXPIRY_MS > Date.now())
        return of(cached.token);
      const running = this.inFlight;
      if (running && running.key === key) return from(running.token);

      const token = firstValueFrom(
        fetch(request).pipe(
          map((answer) => {
            const read = readAccessToken(answer);
            if (!read)
              throw new WorldShareError(
                simpleProblem('unauthorized', 'OCLC gave no access token.'),
                0,
              );
            this.cached = {
              key,
              token: read.token,
              expiresAtMs: Date.now() + read.expiresInSeconds * 1000,
            };
            return read.token;
          }),
        ),
      );
      const inFlight = { key, token };
      this.inFlight = inFlight;
      const done = () => {
        if (this.inFlight === inFlight) this.inFlight = null;
      };
      token.then(done, done);
      return from(token);
    });
  }

  /** Drops the kept token (OCLC or the proxy answered 401 to a call made with it). */
  forget(): void {
    this.cached = null;
  }
}
