/**
 * In-process stand-ins for the proxy benchmark, on 127.0.0.1: an upstream that answers every call
 * at once (with an OAuth token endpoint like OCLC's), and a Cloud App JWT issuer with its JWKS.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { startProxy, type ProxyConfig } from '../proxy/src/index.js';

export interface LoopbackUpstream {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** `127.0.0.1:<port>`, as the app sends it in X-Proxy-Host. */
  host: string;
  jwksUrl: string;
  issuer: string;
  appId: string;
  instCode: string;
  /** A valid Cloud App JWT (RS256, one hour). */
  jwt: string;
  /** Calls answered so far, by path group. */
  counts: { token: number; jwks: number; data: number };
  close(): Promise<void>;
}

/** The body every data call gets: small, like a WorldShare status answer. */
const DATA_BODY = JSON.stringify({
  response: { illRequest: { requestId: '187654321', requestStatus: 'PENDING' } },
});

/**
 * Starts one server that serves `/jwks.json` (the issuer's public key), `POST /token` (an OCLC-shaped
 * token answer, 1199 s lifetime) and answers anything else with 200 and `DATA_BODY` immediately.
 */
export async function startLoopbackUpstream(): Promise<LoopbackUpstream> {
  const keys = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'bench-1', alg: 'RS256', use: 'sig' };
  const counts = { token: 0, jwks: 0, data: 0 };
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '/').split('?')[0];
      res.setHeader('content-type', 'application/json');
      if (path === '/jwks.json') {
        counts.jwks++;
        res.end(JSON.stringify({ keys: [jwk] }));
      } else if (path === '/token' && req.method === 'POST') {
        counts.token++;
        res.end(
          JSON.stringify({
            access_token: 'tk_bench_loopback',
            token_type: 'bearer',
            expires_in: '1199',
          }),
        );
      } else {
        counts.data++;
        res.end(DATA_BODY);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const issuer = 'https://apps01.ext.exlibrisgroup.com/auth';
  const appId = 'some-org/worldshare-bridge';
  const instCode = 'BENCH_INST';
  const now = Math.floor(Date.now() / 1000);
  const jwt = await new SignJWT({ inst_code: instCode, sub: 'bench-user' })
    .setProtectedHeader({ alg: 'RS256', kid: 'bench-1', typ: 'JWT' })
    .setIssuer(issuer)
    .setAudience(`ExlCloudApp:${appId}`)
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(keys.privateKey);
  return {
    origin,
    host: `127.0.0.1:${port}`,
    jwksUrl: `${origin}/jwks.json`,
    issuer,
    appId,
    instCode,
    jwt,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Starts the proxy in-process on loopback, trusting `upstream`'s token issuer and forwarding only
 * to it, with one institution (`upstream.instCode`, WSKey `bench-wskey`). `institution` adds to
 * that institution's settings (an inbox secret...), `extra` to the proxy's (a store location...).
 * The proxy's rate limit is lifted: it guards a real deployment; here it would only measure itself.
 */
export function startBenchProxy(
  upstream: LoopbackUpstream,
  institution: Partial<ProxyConfig['institutions'][string]> = {},
  extra: Partial<ProxyConfig> = {},
) {
  return startProxy({
    host: '127.0.0.1',
    port: 0,
    jwksUrl: upstream.jwksUrl,
    issuer: upstream.issuer,
    allowedApps: [upstream.appId],
    allowedUpstreams: [upstream.origin],
    allowedOrigins: [],
    institutions: {
      [upstream.instCode]: {
        wskey: 'bench-wskey',
        secret: 'bench-secret',
        registryId: '128807',
        scopes: 'WorldShareILL',
        ...institution,
      },
    },
    oauthTokenUrl: `${upstream.origin}/token`,
    upstreamTimeoutMs: 30_000,
    rateLimitPerMinute: 10_000_000,
    ...extra,
  });
}
