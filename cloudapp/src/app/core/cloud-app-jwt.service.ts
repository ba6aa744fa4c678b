import { Injectable } from '@angular/core';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { decodeJwt } from 'jose';
import { Observable, defer, map, of } from 'rxjs';
import { withHostTimeout } from './host-call';

/** A token is asked for again this long before its `exp`, in milliseconds. */
const RENEW_BEFORE_EXPIRY_MS = 60_000;

/**
 * The Cloud App JWT the host gives the app (`CloudAppEventsService.getAuthToken()`, message
 * JWT_AUTH_TOKEN; docs/contracts.md, "Cloud App host and tokens"), which every call to the proxy
 * carries as `Authorization: Bearer <jwt>`. The proxy verifies it; the app only reads `exp` (seconds
 * since 1970) to know when to ask again, and keeps no token without a readable `exp`.
 *
 * Errors: `HostTimeoutError` when the host does not answer within `HOST_TIMEOUT_MS`; otherwise the
 * host's own error, as the SDK raised it.
 */
@Injectable({ providedIn: 'root' })
export class CloudAppJwtService {
  private cached: { token: string; expiresAtMs: number } | null = null;

  constructor(private readonly events: CloudAppEventsService) {}

  /** The kept token while it has more than a minute left, else a new one from the host. */
  token(): Observable<string> {
    return defer(() => {
      const cached = this.cached;
      if (cached && cached.expiresAtMs - RENEW_BEFORE_EXPIRY_MS > Date.now())
        return of(cached.token);
      return this.fresh();
    });
  }

  /**
   * Always asks the host (Test connection proves that the host still gives one) and keeps the
   * answer for `token()`. The token is passed on as the host gave it, empty or not.
   */
  fresh(): Observable<string> {
    return this.events.getAuthToken().pipe(
      withHostTimeout<string>(),
      map((token) => {
        const exp = expiresAtSeconds(token);
        this.cached = exp ? { token, expiresAtMs: exp * 1000 } : null;
        return token;
      }),
    );
  }
}

/** The JWT's `exp` claim, 0 when the token cannot be read or has none. */
function expiresAtSeconds(token: string): number {
  try {
    return Number(decodeJwt(token).exp) || 0;
  } catch {
    return 0;
  }
}
