import { randomBytes } from 'node:crypto';
import type { OclcInstitution } from './institutions.js';

/** What an issued access token stands for. Times are epoch milliseconds. */
export interface TokenGrant {
  accessToken: string;
  institution: OclcInstitution;
  /** The registry id of the token's `context:`, as a string (e.g. `"128807"`). */
  registryId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}

/**
 * The fake OAuth server's memory of issued tokens. It lives with the server, not in SimState, so
 * `/__sim/reset` does not revoke tokens a proxy has cached (the real OCLC does not forget them either).
 */
export class TokenStore {
  private readonly grants = new Map<string, TokenGrant>();

  constructor(private readonly now: () => number) {}

  /** Issues a fresh random token valid for `lifetimeSec` seconds from now; drops expired ones. */
  issue(institution: OclcInstitution, scopes: string[], lifetimeSec: number): TokenGrant {
    const now = this.now();
    for (const [token, grant] of this.grants) if (grant.expiresAt <= now) this.grants.delete(token);
    const grant: TokenGrant = {
      accessToken: `tk_${randomBytes(24).toString('base64url')}`,
      institution,
      registryId: institution.registryId,
      scopes,
      issuedAt: now,
      expiresAt: now + lifetimeSec * 1000,
    };
    this.grants.set(grant.accessToken, grant);
    return grant;
  }

  /** The grant of a token that exists and has not expired, else undefined. */
  find(accessToken: string): TokenGrant | undefined {
    const grant = this.grants.get(accessToken);
    return grant && grant.expiresAt > this.now() ? grant : undefined;
  }
}
