import {
  type CryptoKey,
  type JWK,
  SignJWT,
  calculateJwkThumbprint,
  exportJWK,
  exportSPKI,
  generateKeyPair,
} from 'jose';

/**
 * What a Cloud App JWT says by default: the claims Alma's JWT_AUTH_TOKEN carries, in the shape Ex Libris's
 * own proxy authorizers check (docs/contracts.md, "Cloud App host and tokens").
 */
export interface CloudAppTokenDefaults {
  /** `iss`: Ex Libris's issuer, `https://apps01.ext.exlibrisgroup.com/auth` (configurable). */
  issuer: string;
  /** The app id, its GitHub `owner/repository`; `aud` becomes "ExlCloudApp:<appId>". */
  appId: string;
  /** `inst_code`, the Alma institution code. */
  instCode: string;
  /** `sub`, the staff user's primary id. */
  subject: string;
}

export interface MintOptions {
  /** Claims merged over the defaults; a claim set to null is left out. */
  claims?: Record<string, unknown>;
  /** Lifetime in seconds from now (default 3600); negative = already expired. */
  expiresInSec?: number;
  /** Sign with a key absent from the JWKS (same `kid`), i.e. a token whose signature must fail. */
  signWithForeignKey?: boolean;
}

/** Signs Cloud App tokens with an RS256 key pair made at start, and publishes its public key. */
export interface JwtSigner {
  /** Key id in every token's header and in the JWKS. */
  readonly kid: string;
  /** The JWKS document (`{keys:[<public RSA JWK, alg RS256, use sig, kid>]}`). */
  jwks(): { keys: JWK[] };
  /** The same public key as PEM text (SPKI, `-----BEGIN PUBLIC KEY-----`), the form Ex Libris ships its key in. */
  readonly publicKeyPem: string;
  /** Mints a compact JWS. `iat` is now (epoch s); `exp` = iat + expiresInSec. */
  mint(defaults: CloudAppTokenDefaults, options?: MintOptions): Promise<string>;
}

const DEFAULT_LIFETIME_SEC = 3600;

/** Creates a signer with a fresh 2048-bit RSA key pair (and, on first need, a foreign one for forgeries). */
export async function createJwtSigner(): Promise<JwtSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const publicKeyPem = await exportSPKI(publicKey);
  const jwk: JWK = { ...publicJwk, kid, alg: 'RS256', use: 'sig' };
  let foreignKey: Promise<CryptoKey> | undefined;

  return {
    kid,
    publicKeyPem,
    jwks: () => ({ keys: [{ ...jwk }] }),
    async mint(defaults, options = {}) {
      const iat = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: defaults.issuer,
        aud: `ExlCloudApp:${defaults.appId}`,
        sub: defaults.subject,
        inst_code: defaults.instCode,
        iat,
        exp: iat + (options.expiresInSec ?? DEFAULT_LIFETIME_SEC),
      };
      for (const [name, value] of Object.entries(options.claims ?? {})) {
        if (value === null) delete payload[name];
        else payload[name] = value;
      }
      let key: CryptoKey = privateKey;
      if (options.signWithForeignKey) {
        foreignKey ??= generateKeyPair('RS256', { modulusLength: 2048 }).then(
          (pair) => pair.privateKey,
        );
        key = await foreignKey;
      }
      return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key);
    },
  };
}
