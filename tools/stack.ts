/**
 * The local stand-in for the outside world, composed for `npm start`, the end-to-end tests and the
 * benchmark: the simulator (Alma-like host page, fake Alma, fake OCLC) and this project's real
 * proxy in front of the fake OCLC, wired together on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  institutionConfig,
  type InstitutionConfigFixture,
} from '../fixtures/institution-config.js';
import { startProxy } from '../proxy/src/index.js';
import { startSim, type RunningSim } from '../sim/src/index.js';
import type { AlmaLoan, BorrowingRequest } from '../cloudapp/src/app/domain/alma-request.js';
import type { IllRequestBody } from '../cloudapp/src/app/domain/worldshare-request.js';
import type { SimSnapshot as SimStateSnapshot } from '../sim/src/control/snapshot.js';
import type { LenderPush, RecordedCall, WorldShareRequest } from '../sim/src/state.js';

export interface StackOptions {
  /** Host page port; 0 = any free port. */
  port?: number;
  appPort?: number;
  oclcPort?: number;
  proxyPort?: number;
  /** The built Cloud App to serve (default: APP_DIR from the environment, else <repo>/build). */
  appDir?: string;
  /** Calls per second per token the fake OCLC accepts (default 10, as the fake's own default). */
  oclcRateLimitPerSec?: number;
  /** Instead of `oclcRateLimitPerSec`: `calls` per token in any `windowMs` (a pace slower than one a second). */
  oclcRateLimit?: { calls: number; windowMs: number };
  /** Requests per minute the proxy allows per institution. */
  proxyRateLimitPerMinute?: number;
  /** The manifest whose contentSecurity sets Alma's policy and sandbox (default the repository's manifest.json). */
  manifest?: string;
  /** How long the proxy waits for OCLC, in ms (default 30 000, the app's own WorldShare timeout). */
  proxyUpstreamTimeoutMs?: number;
  logger?: boolean;
}

export interface Stack {
  sim: RunningSim;
  proxyUrl: string;
  /** The proxy's ISO 18626 inbox for the simulator's institution, with the HTTP Basic credentials a lender (OCLC) uses. */
  inbox: { url: string; username: string; password: string };
  /** The institution configuration that points the app at this stack's proxy and fake OCLC. */
  institutionConfig: InstitutionConfigFixture;
  /**
   * `POST /__sim/reset`. Without `config` the simulator keeps this stack's institution configuration
   * (set as its default configuration), exactly as a bare `curl -X POST .../__sim/reset` does. The
   * proxy's store (idempotency keys, lender messages) is emptied too: a reset is a new world whose
   * Alma and WorldShare ids repeat the last one's, which a real Alma never does.
   */
  reset(body?: Record<string, unknown>): Promise<void>;
  /** `POST /__sim/page`: the host shows these entities (or request ids) and tells the app. */
  page(body: { entities?: unknown[]; requestIds?: string[] }): Promise<void>;
  /** `GET /__sim/state`. */
  state(): Promise<SimSnapshot>;
  /** `POST /__sim/lender/send`: the fake lender pushes `xml` about WorldShare request `requestId` to the proxy's inbox now. */
  lenderSend(requestId: string, xml: string): Promise<LenderPush>;
  close(): Promise<void>;
}

/**
 * The shape of `GET /__sim/state` (sim/src/control/snapshot.ts), with the records the app exchanges
 * typed as the app reads them: Alma's borrowing requests and loans (domain/alma-request.ts) and the
 * body a WorldShare request was created with (domain/worldshare-request.ts; seeded requests have none).
 */
export type SimSnapshot = Omit<SimStateSnapshot, 'alma' | 'worldshare'> & {
  alma: Omit<SimStateSnapshot['alma'], 'requests' | 'loans'> & {
    requests: BorrowingRequest[];
    loans: AlmaLoan[];
  };
  worldshare: Omit<SimStateSnapshot['worldshare'], 'requests'> & {
    requests: (Omit<WorldShareRequest, 'illRequest'> & { illRequest?: IllRequestBody })[];
  };
};

/** One call a fake received, as `GET /__sim/state` lists it. */
export type Call = RecordedCall;

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const sim = await startSim({
    port: opts.port ?? 0,
    appPort: opts.appPort ?? 0,
    oclcPort: opts.oclcPort ?? 0,
    appDir: opts.appDir ?? process.env.APP_DIR,
    logger: opts.logger ?? false,
    oclcRateLimitPerSec: opts.oclcRateLimitPerSec,
    oclcRateLimit: opts.oclcRateLimit,
    manifest: opts.manifest,
  });
  // Each institution's ISO 18626 inbox secret: generated per stack, given to the proxy (which
  // checks it) and to the fake lender (which sends it with every push).
  const inboxSecrets = new Map(
    sim.oclcInstitutions.map((i) => [i.instCode, randomBytes(24).toString('base64url')]),
  );
  const institutions: Record<
    string,
    {
      wskey: string;
      secret: string;
      registryId: string;
      scopes: string;
      symbol: string;
      inboxSecret: string;
    }
  > = {};
  for (const i of sim.oclcInstitutions) {
    institutions[i.instCode] = {
      wskey: i.wskey,
      secret: i.secret,
      registryId: i.registryId,
      scopes: i.scopes,
      symbol: i.symbol,
      inboxSecret: inboxSecrets.get(i.instCode)!,
    };
  }
  // The proxy's SQLite store lives in a folder of the stack's own, so a reset can empty it.
  const proxyDataDir = mkdtempSync(join(tmpdir(), 'wsb-proxy-store-'));
  let proxy: { url: string; close(): Promise<void> };
  try {
    proxy = await startProxy({
      host: '127.0.0.1',
      port: opts.proxyPort ?? 0,
      // As Ex Libris ships its key: PEM text (the simulator also serves it at sim.publicKeyUrl and as a JWKS).
      publicKeyPem: sim.publicKeyPem,
      issuer: sim.issuer,
      allowedApps: [sim.appId],
      allowedUpstreams: [sim.oclcUrl],
      allowedOrigins: [sim.appUrl],
      institutions,
      oauthTokenUrl: `${sim.oclcUrl}/token`,
      upstreamTimeoutMs: opts.proxyUpstreamTimeoutMs ?? 30_000,
      dataDir: proxyDataDir,
      rateLimitPerMinute: opts.proxyRateLimitPerMinute ?? 100_000,
    } as Parameters<typeof startProxy>[0]);
  } catch (e) {
    await sim.close();
    rmSync(proxyDataDir, { recursive: true, force: true });
    throw e;
  }
  for (const i of sim.oclcInstitutions) {
    sim.setRequesterEndpoint(i.instCode, {
      url: `${proxy.url}/iso18626/${encodeURIComponent(i.instCode)}`,
      username: i.instCode,
      password: inboxSecrets.get(i.instCode)!,
    });
  }
  const inst =
    sim.oclcInstitutions.find((i) => i.instCode === sim.instCode) ?? sim.oclcInstitutions[0];
  const config = institutionConfig({
    proxy: { url: proxy.url },
    worldshare: {
      registryId: inst.registryId,
      symbol: inst.symbol,
      illBaseUrl: sim.oclcUrl,
      oauthScopes: inst.scopes,
      oauthTokenUrl: `${sim.oclcUrl}/token`,
    },
    // A delivery address of its own, so the e2e tests see both addresses travel.
    library: {
      deliveryAddress: {
        attention: 'Interlibrary Loan',
        address1: '100 Library Way, Dock B',
        locality: 'Springfield',
        region: 'OH',
        postal: '45501',
        country: 'US',
      },
    },
  });

  // The app reaches this proxy only if its Content-Security-Policy lists it, as an institution running its
  // own proxy lists that host in its copy of the manifest (contentSecurity.connectSrc).
  sim.allowConnectSrc(new URL(proxy.url).origin);
  // A reset without `config` (a script's or a demo's bare POST /__sim/reset) keeps the app pointed at this stack.
  sim.setDefaultConfig(config);

  const control = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(
      `${sim.hostUrl}${path}`,
      body === undefined
        ? {}
        : {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          },
    );
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };

  const stack: Stack = {
    sim,
    proxyUrl: proxy.url,
    inbox: {
      url: `${proxy.url}/iso18626/${inst.instCode}`,
      username: inst.instCode,
      password: institutions[inst.instCode].inboxSecret,
    },
    institutionConfig: config,
    reset: async (body = {}) => {
      emptyProxyStore(proxyDataDir);
      await control<unknown>('/__sim/reset', body);
    },
    page: async (body) => {
      await control<unknown>('/__sim/page', body);
    },
    state: () => control<SimSnapshot>('/__sim/state'),
    lenderSend: (requestId, xml) => control<LenderPush>('/__sim/lender/send', { requestId, xml }),
    close: async () => {
      await proxy.close();
      await sim.close();
      rmSync(proxyDataDir, { recursive: true, force: true });
    },
  };
  await stack.reset();
  return stack;
}

/**
 * Deletes every row the proxy keeps about the simulated world (its `idempotency_keys` and
 * `lender_messages` tables in `<dataDir>/proxy.sqlite`), through a second SQLite connection; the
 * schema and its migrations stay. Tables the proxy does not have are skipped.
 */
function emptyProxyStore(dataDir: string): void {
  const db = new Database(join(dataDir, 'proxy.sqlite'), { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    for (const table of ['idempotency_keys', 'lender_messages']) {
      if (tables.has(table)) db.prepare(`DELETE FROM ${table}`).run();
    }
  } finally {
    db.close();
  }
}
