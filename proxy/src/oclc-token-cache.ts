import type { Institution } from './institutions.ts';
import type { OclcAccessToken } from './oclc-token-request.ts';
import { basicCredentials, requestOclcToken } from './oclc-token-request.ts';
import type { SecretRegistry } from './secret-registry.ts';

/** Settings for `OclcTokenCache`. */
export interface OclcTokenCacheOptions {
  tokenUrl: string;
  institutions: Record<string, Institution>;
  /** Timeout of one token request, in milliseconds. */
  timeoutMs: number;
  /** Renew this many milliseconds before expiry (capped at half the token's lifetime). */
  refreshMarginMs: number;
  /** Receives every secret and token so log lines can be scrubbed. */
  secrets: SecretRegistry;
  /** Clock in epoch milliseconds; replaceable in tests. */
  now?: () => number;
}

interface Entry extends OclcAccessToken {
  /** When to stop handing this token out, epoch milliseconds. */
  renewAt: number;
}

/**
 * Per-institution cache of OCLC access tokens (client credentials grant).
 *
 * One token request per institution per token lifetime: a cached token is
 * served until `refreshMarginMs` before it expires, and callers that arrive
 * while a request is in flight share it. A failed request is not cached, so
 * the next call tries again. The cache lives in this process only: each
 * running instance of the proxy fetches its own tokens.
 */
export class OclcTokenCache {
  private readonly cached = new Map<string, Entry>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly now: () => number;

  constructor(private readonly options: OclcTokenCacheOptions) {
    this.now = options.now ?? Date.now;
    for (const inst of Object.values(options.institutions)) {
      options.secrets.add(inst.secret);
      options.secrets.add(basicCredentials(inst));
    }
  }

  /**
   * Returns a valid access token for the institution.
   *
   * @param instCode a configured Alma institution code.
   * @throws ProxyError 502 `oclc_token_failed` when the token endpoint fails.
   */
  getToken(instCode: string): Promise<string> {
    const entry = this.cached.get(instCode);
    if (entry && this.now() < entry.renewAt) return Promise.resolve(entry.accessToken);
    const pending = this.inFlight.get(instCode);
    if (pending) return pending;
    const request = this.fetchToken(instCode).finally(() => this.inFlight.delete(instCode));
    this.inFlight.set(instCode, request);
    return request;
  }

  /**
   * Drops `token` after an upstream refused it, so the next `getToken` asks OCLC
   * again. Does nothing when a newer token has already replaced it, so that
   * concurrent refusals of the same stale token cause one new request, not many.
   */
  invalidate(instCode: string, token: string): void {
    const entry = this.cached.get(instCode);
    if (entry && entry.accessToken === token) {
      this.cached.delete(instCode);
      this.options.secrets.delete(token);
    }
  }

  private async fetchToken(instCode: string): Promise<string> {
    if (!Object.hasOwn(this.options.institutions, instCode))
      throw new Error(`no OCLC credentials for institution ${instCode}`);
    const institution = this.options.institutions[instCode];
    const requestedAt = this.now();
    const token = await requestOclcToken(
      this.options.tokenUrl,
      instCode,
      institution,
      this.options.timeoutMs,
      this.now,
    );
    const lifetime = token.expiresAt - requestedAt;
    const margin = Math.min(this.options.refreshMarginMs, lifetime / 2);
    const previous = this.cached.get(instCode);
    if (previous) this.options.secrets.delete(previous.accessToken);
    this.options.secrets.add(token.accessToken);
    this.cached.set(instCode, { ...token, renewAt: token.expiresAt - margin });
    return token.accessToken;
  }
}
