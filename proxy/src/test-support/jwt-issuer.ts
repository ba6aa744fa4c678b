import { exportJWK, exportSPKI, generateKeyPair, SignJWT } from 'jose';
import type { CryptoKey, JWTPayload } from 'jose';
import { listenOnLocalhost } from './http-fixture.ts';

/** Test stand-in for the Ex Libris Cloud App token issuer. */
export interface TestJwtIssuer {
  jwksUrl: string;
  /** The same public key as PEM (SPKI), as Ex Libris ships its key. */
  publicKeyPem: string;
  /** A PEM public key that signed nothing here (a foreign key). */
  otherPublicKeyPem: string;
  issuer: string;
  /** Every token signed so far, to check none of them leaks. */
  issued: string[];
  /** Number of JWKS downloads. */
  jwksFetches(): number;
  /**
   * Signs a Cloud App JWT. Claims default to a valid token for app `worldshare-bridge`
   * and institution `01TEST_INST`, valid for an hour; `undefined` values remove a claim.
   */
  sign(
    claims?: Record<string, unknown>,
    opts?: { key?: 'issuer' | 'other'; kid?: string; alg?: 'RS256' | 'PS256' },
  ): Promise<string>;
  close(): Promise<void>;
}

export const TEST_APP_ID = 'worldshare-bridge';
export const TEST_INST = '01TEST_INST';

/** Starts a JWKS server with one RS256 key (kid `k1`) and keeps a second, unpublished key for forgeries. */
export async function startJwtIssuer(): Promise<TestJwtIssuer> {
  const main = await generateKeyPair('RS256', { extractable: true });
  const other = await generateKeyPair('RS256', { extractable: true });
  const pss = await generateKeyPair('PS256', { extractable: true });
  const jwk = { ...(await exportJWK(main.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const pssJwk = { ...(await exportJWK(pss.publicKey)), kid: 'p1', alg: 'PS256', use: 'sig' };
  let fetches = 0;
  const fixture = await listenOnLocalhost((_req, res) => {
    fetches += 1;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk, pssJwk] }));
  });
  const issuer = 'https://issuer.test/auth';
  const issued: string[] = [];
  return {
    jwksUrl: `${fixture.origin}/auth/jwks.json`,
    publicKeyPem: await exportSPKI(main.publicKey),
    otherPublicKeyPem: await exportSPKI(other.publicKey),
    issuer,
    issued,
    jwksFetches: () => fetches,
    async sign(claims = {}, opts = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: issuer,
        aud: `ExlCloudApp:${TEST_APP_ID}`,
        sub: 'staff-user-1',
        inst_code: TEST_INST,
        iat: now,
        exp: now + 3600,
        ...claims,
      };
      for (const k of Object.keys(payload)) if (payload[k] === undefined) delete payload[k];
      const alg = opts.alg ?? 'RS256';
      const key: CryptoKey =
        alg === 'PS256'
          ? pss.privateKey
          : opts.key === 'other'
            ? other.privateKey
            : main.privateKey;
      const token = await new SignJWT(payload as JWTPayload)
        .setProtectedHeader({ alg, kid: opts.kid ?? (alg === 'PS256' ? 'p1' : 'k1'), typ: 'JWT' })
        .sign(key);
      issued.push(token);
      return token;
    },
    close: fixture.close,
  };
}
