import { createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { createRemoteJWKSet, errors, jwtVerify } from 'jose';
import type { JWTPayload } from 'jose';
import { ProxyError } from './errors.ts';

/** Who is calling, as proven by a valid Cloud App JWT. */
export interface CloudAppIdentity {
  /** Alma institution code from the `inst_code` claim, e.g. `01MY_INST`. */
  instCode: string;
  /** Cloud App id from `aud` (`ExlCloudApp:<app id>`), as the token wrote it (without `!~`). */
  appId: string;
  /** True when `aud` was `ExlCloudApp:!~<app id>`: the app is served from a developer's machine. */
  localDev: boolean;
  /** Alma user from `sub`, when present. */
  subject?: string;
}

/** Settings for `createCloudAppJwtVerifier`. Give exactly one of `publicKeyPem` and `jwksUrl`. */
export interface CloudAppJwtOptions {
  /** The issuer's RS256 public key as PEM text (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY` or an X.509 certificate). */
  publicKeyPem?: string;
  /** URL of the issuer's JWKS. */
  jwksUrl?: string;
  /** Exact expected `iss`. */
  issuer: string;
  /** App ids (GitHub `owner/repository`) accepted in `aud`; compared ignoring case. */
  allowedApps: string[];
  /** Accept `aud` = `ExlCloudApp:!~<app id>` (an app served from a developer's machine). */
  allowLocalDev: boolean;
  /** Known institution codes. */
  isKnownInstitution: (instCode: string) => boolean;
  /** Accepted clock skew for `exp`/`nbf`, in seconds. */
  clockToleranceSec: number;
  /** Timeout for fetching the JWKS, in milliseconds. */
  jwksTimeoutMs: number;
}

/** Prefix of the `aud` claim in Ex Libris Cloud App JWTs (docs/contracts.md, "Cloud App host and tokens"). */
export const CLOUD_APP_AUDIENCE_PREFIX = 'ExlCloudApp:';
/** Marker after the prefix of an app served from a developer's machine (`eca start`). */
export const LOCAL_DEV_MARKER = '!~';

/**
 * Reads PEM text into an RSA public key.
 *
 * @throws Error with a readable message when the text is not a PEM public key or certificate, or not RSA.
 */
export function parseRsaPublicKeyPem(pem: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new Error('is not a PEM public key or certificate');
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new Error(
      `holds a ${key.asymmetricKeyType ?? 'non-RSA'} key; Cloud App tokens are RS256 (RSA)`,
    );
  return key;
}

/**
 * Builds the check for `Authorization: Bearer <Cloud App JWT>`.
 *
 * The JWT is the one the Cloud App SDK hands out (`CloudAppEventsService.getAuthToken()`),
 * signed by Ex Libris with RS256. Claims checked (docs/contracts.md, "Cloud App host and tokens"):
 * signature against the issuer's key (a PEM key, as Ex Libris's own authorizers ship it, or a JWKS),
 * RS256 only, `iss` exactly, `exp` (required), `nbf`, `aud` = `ExlCloudApp:<allowed app id>` with the
 * app id compared ignoring case (a string, or an array holding exactly that one string),
 * `ExlCloudApp:!~<app id>` only when `allowLocalDev`, and `inst_code`. A token of the older form
 * whose `iss` is `ExlCloudApp:<app id>` is refused as a wrong issuer.
 *
 * The returned function resolves to the caller's identity or throws `ProxyError`:
 * 401 when there is no usable token (missing, malformed, bad signature, expired,
 * wrong issuer); 403 when the token is genuine but not for this proxy (wrong `aud`,
 * a developer's copy when not allowed, unknown `inst_code`); 503 when the JWKS cannot be fetched.
 * The token itself never appears in an error message.
 *
 * @throws Error at build time when neither or both key sources are given, or the PEM is unusable.
 */
export function createCloudAppJwtVerifier(
  options: CloudAppJwtOptions,
): (authorization: string | undefined) => Promise<CloudAppIdentity> {
  if (Boolean(options.publicKeyPem) === Boolean(options.jwksUrl))
    throw new Error('give exactly one of publicKeyPem and jwksUrl');
  const key = options.publicKeyPem
    ? parseRsaPublicKeyPem(options.publicKeyPem)
    : createRemoteJWKSet(new URL(options.jwksUrl as string), {
        timeoutDuration: options.jwksTimeoutMs,
      });
  const apps = new Set(options.allowedApps.map((a) => a.toLowerCase()));

  return async (authorization) => {
    const token = bearerToken(authorization);
    let payload: JWTPayload;
    try {
      const verifyOptions = {
        algorithms: ['RS256'],
        issuer: options.issuer,
        requiredClaims: ['exp'],
        clockTolerance: options.clockToleranceSec,
      };
      // Two calls rather than one over a union: jose's overloads take a key or a key-set function.
      ({ payload } =
        typeof key === 'function'
          ? await jwtVerify(token, key, verifyOptions)
          : await jwtVerify(token, key, verifyOptions));
    } catch (e) {
      throw verificationError(e);
    }

    const { appId, localDev } = appOf(payload.aud);
    if (appId === undefined || !apps.has(appId.toLowerCase())) {
      throw new ProxyError(
        403,
        'app_not_allowed',
        'The Cloud App token was issued for an app this proxy does not serve (its "aud" is not an allowed ExlCloudApp:<app id>).',
      );
    }
    if (localDev && !options.allowLocalDev) {
      throw new ProxyError(
        403,
        'app_not_allowed',
        "The Cloud App token comes from a copy of the app served from a developer's computer (ExlCloudApp:!~...); this proxy accepts it only with PROXY_ALLOW_LOCAL_DEV=true.",
      );
    }
    const instCode = payload.inst_code;
    if (typeof instCode !== 'string' || !options.isKnownInstitution(instCode)) {
      throw new ProxyError(
        403,
        'unknown_institution',
        "This proxy has no OCLC credentials for your institution (the token's inst_code is not configured).",
      );
    }
    return {
      instCode,
      appId,
      localDev,
      subject: typeof payload.sub === 'string' ? payload.sub : undefined,
    };
  };
}

/** The app id in `aud` (`ExlCloudApp:<id>` or `ExlCloudApp:!~<id>`), or undefined when `aud` has another form. */
function appOf(audClaim: unknown): { appId?: string; localDev: boolean } {
  const aud = Array.isArray(audClaim) && audClaim.length === 1 ? audClaim[0] : audClaim;
  if (typeof aud !== 'string' || !aud.startsWith(CLOUD_APP_AUDIENCE_PREFIX))
    return { localDev: false };
  let rest = aud.slice(CLOUD_APP_AUDIENCE_PREFIX.length);
  const localDev = rest.startsWith(LOCAL_DEV_MARKER);
  if (localDev) rest = rest.slice(LOCAL_DEV_MARKER.length);
  return rest === '' ? { localDev } : { appId: rest, localDev };
}

function bearerToken(authorization: string | undefined): string {
  if (!authorization) {
    throw new ProxyError(
      401,
      'jwt_missing',
      'Sign-in required: send the Cloud App token as "Authorization: Bearer <token>".',
    );
  }
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)\s*$/i.exec(
    authorization,
  );
  if (!match) {
    throw new ProxyError(
      401,
      'jwt_malformed',
      'The Authorization header is not "Bearer <Cloud App token>" with a well-formed JWT.',
    );
  }
  return match[1];
}

function verificationError(e: unknown): ProxyError {
  const reload = 'Reload the app in Alma to get a new token.';
  if (e instanceof errors.JWTExpired)
    return new ProxyError(401, 'jwt_expired', `The Cloud App token has expired. ${reload}`);
  if (e instanceof errors.JWTClaimValidationFailed) {
    if (e.claim === 'iss') {
      const iss = e.payload.iss;
      const older =
        typeof iss === 'string' && iss.startsWith(CLOUD_APP_AUDIENCE_PREFIX)
          ? ' It has the older form that names the app in "iss"; this proxy accepts only tokens whose "iss" is the Ex Libris issuer and whose "aud" names the app.'
          : '';
      return new ProxyError(
        401,
        'jwt_wrong_issuer',
        `The Cloud App token was not issued by the issuer this proxy trusts.${older}`,
      );
    }
    if (e.claim === 'nbf')
      return new ProxyError(
        401,
        'jwt_not_yet_valid',
        'The Cloud App token is not valid yet (check the server clock).',
      );
    return new ProxyError(
      401,
      'jwt_invalid',
      `The Cloud App token's "${e.claim}" claim is missing or invalid.`,
    );
  }
  if (
    e instanceof errors.JWSSignatureVerificationFailed ||
    e instanceof errors.JWKSNoMatchingKey ||
    e instanceof errors.JWKSMultipleMatchingKeys
  ) {
    return new ProxyError(
      401,
      'jwt_bad_signature',
      "The Cloud App token's signature does not match the issuer's keys.",
    );
  }
  if (e instanceof errors.JOSEAlgNotAllowed || e instanceof errors.JOSENotSupported) {
    return new ProxyError(
      401,
      'jwt_algorithm_not_allowed',
      'The Cloud App token must be signed with RS256.',
    );
  }
  if (e instanceof errors.JWSInvalid || e instanceof errors.JWTInvalid) {
    return new ProxyError(401, 'jwt_malformed', 'The Cloud App token is not a well-formed JWT.');
  }
  // Anything else is about fetching the issuer's keys (timeout, HTTP error, bad JWKS, network).
  return new ProxyError(
    503,
    'jwks_unavailable',
    "The proxy cannot fetch the Cloud App token issuer's keys right now; try again shortly.",
  );
}
