import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { ProxyError } from './errors.ts';

/** Who is calling, as proven by a valid Cloud App JWT. */
export interface CloudAppIdentity {
  /** Alma institution code from the `inst_code` claim, e.g. `01MY_INST`. */
  instCode: string;
  /** Cloud App id from `aud` (`ExlCloudApp:<app id>`). */
  appId: string;
  /** Alma user from `sub`, when present. */
  subject?: string;
}

/** Settings for `createCloudAppJwtVerifier`. */
export interface CloudAppJwtOptions {
  /** URL of the issuer's JWKS. */
  jwksUrl: string;
  /** Exact expected `iss`. */
  issuer: string;
  /** App ids accepted in `aud`. */
  allowedApps: string[];
  /** Known institution codes. */
  isKnownInstitution: (instCode: string) => boolean;
  /** Accepted clock skew for `exp`/`nbf`, in seconds. */
  clockToleranceSec: number;
  /** Timeout for fetching the JWKS, in milliseconds. */
  jwksTimeoutMs: number;
}

/** Prefix of the `aud` claim in Ex Libris Cloud App JWTs (Ex Libris developer docs, "Cloud App authentication"). */
export const CLOUD_APP_AUDIENCE_PREFIX = 'ExlCloudApp:';

/**
 * Builds the check for `Authorization: Bearer <Cloud App JWT>`.
 *
 * The JWT is the one the Cloud App SDK hands out (`CloudAppEventsService.getAuthToken()`),
 * signed by Ex Libris with RS256. Claims checked: signature against the issuer's
 * JWKS (RS256 only), `iss`, `exp` (required), `nbf`, `aud` = `ExlCloudApp:<allowed app id>`
 * (a string, or an array holding exactly that one string), and `inst_code` (documented claim).
 *
 * The returned function resolves to the caller's identity or throws `ProxyError`:
 * 401 when there is no usable token (missing, malformed, bad signature, expired,
 * wrong issuer); 403 when the token is genuine but not for this proxy (wrong `aud`,
 * unknown `inst_code`); 503 when the issuer's keys cannot be fetched.
 * The token itself never appears in an error message.
 */
export function createCloudAppJwtVerifier(options: CloudAppJwtOptions): (authorization: string | undefined) => Promise<CloudAppIdentity> {
  const jwks = createRemoteJWKSet(new URL(options.jwksUrl), { timeoutDuration: options.jwksTimeoutMs });
  const apps = new Set(options.allowedApps);

  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, jwks, {
        algorithms: ['RS256'],
        issuer: options.issuer,
        requiredClaims: ['exp'],
        clockTolerance: options.clockToleranceSec,
      }));
    } catch (e) {
      throw verificationError(e);
    }

    const aud = Array.isArray(payload.aud) && payload.aud.length === 1 ? payload.aud[0] : payload.aud;
    const appId = typeof aud === 'string' && aud.startsWith(CLOUD_APP_AUDIENCE_PREFIX) ? aud.slice(CLOUD_APP_AUDIENCE_PREFIX.length) : undefined;
    if (appId === undefined || !apps.has(appId)) {
      throw new ProxyError(403, 'app_not_allowed', 'The Cloud App token was issued for an app this proxy does not serve (its "aud" is not an allowed ExlCloudApp:<app id>).');
    }
    const instCode = payload.inst_code;
    if (typeof instCode !== 'string' || !options.isKnownInstitution(instCode)) {
      throw new ProxyError(403, 'unknown_institution', 'This proxy has no OCLC credentials for your institution (the token\'s inst_code is not configured).');
    }
    return { instCode, appId, subject: typeof payload.sub === 'string' ? payload.sub : undefined };
  };
}

function bearerToken(authorization: string | undefined): string {
  if (!authorization) {
    throw new ProxyError(401, 'jwt_missing', 'Sign-in required: send the Cloud App token as "Authorization: Bearer <token>".');
  }
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(authorization);
  if (!match) {
    throw new ProxyError(401, 'jwt_malformed', 'The Authorization header is not "Bearer <Cloud App token>" with a well-formed JWT.');
  }
  return match[1];
}

function verificationError(e: unknown): ProxyError {
  const reload = 'Reload the app in Alma to get a new token.';
  if (e instanceof errors.JWTExpired) return new ProxyError(401, 'jwt_expired', `The Cloud App token has expired. ${reload}`);
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') return new ProxyError(401, 'jwt_wrong_issuer', 'The Cloud App token was not issued by the issuer this proxy trusts.');
    if (e.claim === 'nbf') return new ProxyError(401, 'jwt_not_yet_valid', 'The Cloud App token is not valid yet (check the server clock).');
    return new ProxyError(401, 'jwt_invalid', `The Cloud App token's "${e.claim}" claim is missing or invalid.`);
  }
  if (e instanceof errors.JWSSignatureVerificationFailed || e instanceof errors.JWKSNoMatchingKey || e instanceof errors.JWKSMultipleMatchingKeys) {
    return new ProxyError(401, 'jwt_bad_signature', 'The Cloud App token\'s signature does not match the issuer\'s keys.');
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) {
    return new ProxyError(401, 'jwt_algorithm_not_allowed', 'The Cloud App token must be signed with RS256.');
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) {
    return new ProxyError(401, 'jwt_malformed', 'The Cloud App token is not a well-formed JWT.');
  }
  // Anything else is about fetching the issuer's keys (timeout, HTTP error, bad JWKS, network).
  return new ProxyError(503, 'jwks_unavailable', 'The proxy cannot fetch the Cloud App token issuer\'s keys right now; try again shortly.');
}
