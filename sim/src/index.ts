/**
 * The simulator: an Alma-like host page that speaks the Cloud App message protocol, a fake Alma REST API,
 * a server for the built Cloud App, and the fake OCLC. Tests and tools start it in-process with `startSim`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  contentSecurityPolicy,
  readManifestContentSecurity,
  sandboxFlags,
} from './app/alma-frame.js';
import { startAppServer } from './app/app-server.js';
import { HostPage } from './host/page-model.js';
import { startHostServer } from './host/host-server.js';
import { createJwtSigner } from './jwt/signer.js';
import { type OclcInstitution, startFakeOclc } from './oclc/index.js';
import { LenderPusher, type RequesterEndpoint } from './oclc/lender-push.js';
import { createSimState } from './seed/index.js';
import type { SimState } from './state.js';

export type { OclcInstitution } from './oclc/index.js';
export type { RequesterEndpoint } from './oclc/lender-push.js';
export type * from './state.js';
export { createSimState, SEED_REQUESTS, DEFAULT_USER, type ResetSpec } from './seed/index.js';
export type { PageEntity } from './host/entities.js';

/** Repository root (sim/src/ is two levels down). */
const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The Cloud App token issuer Ex Libris's current proxy authorizer checks (docs/contracts.md, "Cloud App host and tokens"). */
export const SIM_ISSUER = 'https://apps01.ext.exlibrisgroup.com/auth';
/** The simulated app's Cloud App id: a GitHub owner/repository, as Alma names apps in `aud`. */
export const SIM_APP_ID = 'some-org/worldshare-bridge';

/** The institution the fake OCLC knows by default (credentials invented for the simulator). */
export const DEFAULT_OCLC_INSTITUTION: OclcInstitution = {
  instCode: 'SIM_INST',
  registryId: '128807',
  symbol: 'SIM',
  wskey: 'sim-wskey',
  secret: 'sim-secret-never-in-browser-7f3a',
  scopes: 'WorldShareILL',
};

export interface SimOptions {
  /** Interface all servers bind to; default 127.0.0.1. */
  host?: string;
  /** Host page + fake Alma + control API port; default 4300; 0 = ephemeral. */
  port?: number;
  /** Built-app server port; default 4301; 0 = ephemeral. */
  appPort?: number;
  /** Fake OCLC port; default 4302; 0 = ephemeral. */
  oclcPort?: number;
  /** The built Cloud App; default <repo>/build. */
  appDir?: string;
  /** JWT `iss`; default `SIM_ISSUER` (Ex Libris's issuer). */
  issuer?: string;
  /** Cloud App id (GitHub owner/repository), JWT `aud` = "ExlCloudApp:<appId>"; default `SIM_APP_ID`. */
  appId?: string;
  /** Alma institution code (INIT_DATA instCode, JWT inst_code); default "SIM_INST". */
  instCode?: string;
  /** Libraries the fake OCLC knows; default [DEFAULT_OCLC_INSTITUTION]. */
  oclcInstitutions?: OclcInstitution[];
  /** Fastify request logging on the host and app servers; default off. */
  logger?: boolean;
  /** Calls per second per OCLC token the fake OCLC accepts before answering 429; default 10. */
  oclcRateLimitPerSec?: number;
  /** Instead of `oclcRateLimitPerSec`: `calls` per OCLC token in any `windowMs`. */
  oclcRateLimit?: { calls: number; windowMs: number };
  /**
   * The Cloud App manifest whose `contentSecurity` sets the app's Content-Security-Policy and the sidebar
   * iframe's sandbox, as Alma does (src/app/alma-frame.ts); default <repo>/manifest.json. `false` serves the
   * app with neither (for checks that are not about Alma's frame).
   */
  manifest?: string | false;
  /** Institution configuration a reset without `config` starts with; default none (empty). */
  defaultConfig?: Record<string, unknown>;
  /**
   * Each institution's ISO 18626 requester endpoint (instCode -> where the fake lender pushes its
   * answers); more can be set later with `setRequesterEndpoint`.
   */
  requesterEndpoints?: Record<string, RequesterEndpoint>;
}

export interface RunningSim {
  /** Host page origin, e.g. http://127.0.0.1:4300 (no trailing slash). */
  hostUrl: string;
  /** Built-app origin with a trailing slash, e.g. http://127.0.0.1:4301/. */
  appUrl: string;
  /** Fake OCLC origin (no trailing slash). */
  oclcUrl: string;
  /** JWKS of the Cloud App tokens: `${hostUrl}/__sim/jwks.json`. */
  jwksUrl: string;
  /** The same key as PEM: `${hostUrl}/__sim/public-key.pem`. */
  publicKeyUrl: string;
  /** The PEM text itself (what a proxy's `PROXY_PUBLIC_KEY_FILE` holds). */
  publicKeyPem: string;
  issuer: string;
  appId: string;
  instCode: string;
  oclcInstitutions: OclcInstitution[];
  /** The live state (replaced by each reset; do not keep it across one). */
  getState(): SimState;
  /**
   * Adds sources (e.g. `http://127.0.0.1:4303`, a local proxy's origin) to the app's `connect-src`, as an
   * institution lists its own proxy host in its copy of the manifest. Applies from the next page load.
   */
  allowConnectSrc(...sources: string[]): void;
  /** The Content-Security-Policy the app is served with now (null with `manifest: false`). */
  contentSecurityPolicy(): string | null;
  /** The sidebar iframe's sandbox attribute (null with `manifest: false`). */
  sandbox: string | null;
  /** Sets the configuration a reset without `config` starts with (undefined: empty). */
  setDefaultConfig(config: Record<string, unknown> | undefined): void;
  /**
   * Sets where the fake lender pushes its messages for `instCode` (HTTP Basic `username`/`password`),
   * or with null forgets it (pushes are then recorded with status 0).
   */
  setRequesterEndpoint(instCode: string, endpoint: RequesterEndpoint | null): void;
  /** Closes every server, even with calls left unanswered by a status-0 fault. */
  close(): Promise<void>;
}

/**
 * Starts the simulator: host server, app server and fake OCLC, sharing one SimState (seeded).
 * Rejects when a port is taken; whatever had started is closed first.
 */
export async function startSim(opts: SimOptions = {}): Promise<RunningSim> {
  const host = opts.host ?? '127.0.0.1';
  const identity = {
    issuer: opts.issuer ?? SIM_ISSUER,
    appId: opts.appId ?? SIM_APP_ID,
    instCode: opts.instCode ?? 'SIM_INST',
  };
  const oclcInstitutions = opts.oclcInstitutions ?? [DEFAULT_OCLC_INSTITUTION];
  let defaultConfig =
    opts.defaultConfig === undefined ? undefined : structuredClone(opts.defaultConfig);
  let state = createSimState(defaultConfig ? { config: defaultConfig } : {});
  const getState = () => state;
  const setState = (next: SimState) => {
    state = next;
  };
  const page = new HostPage();
  const pusher = new LenderPusher();
  for (const [instCode, endpoint] of Object.entries(opts.requesterEndpoints ?? {}))
    pusher.setEndpoint(instCode, endpoint);
  const signer = await createJwtSigner();
  const manifestPath =
    opts.manifest === undefined ? join(REPO_ROOT, 'manifest.json') : opts.manifest;
  const security = manifestPath === false ? null : readManifestContentSecurity(manifestPath);
  const extraConnectSrc: string[] = [];
  const csp = () => (security ? contentSecurityPolicy(security, extraConnectSrc) : null);
  const sandbox = security ? sandboxFlags(security) : null;

  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    await Promise.allSettled(closers.map((c) => c()));
  };
  try {
    const appServer = await startAppServer({
      host,
      port: opts.appPort ?? 4301,
      appDir: opts.appDir ?? join(REPO_ROOT, 'build'),
      contentSecurityPolicy: security ? () => csp() as string : undefined,
      logger: opts.logger,
    });
    closers.push(() => appServer.app.close());
    const oclc = await startFakeOclc(getState, {
      host,
      port: opts.oclcPort ?? 4302,
      institutions: oclcInstitutions,
      rateLimitPerSec: opts.oclcRateLimitPerSec,
      rateLimit: opts.oclcRateLimit,
      pusher,
    });
    closers.push(() => oclc.close());
    const hostServer = await startHostServer({
      host,
      port: opts.port ?? 4300,
      getState,
      setState,
      page,
      signer,
      identity,
      appUrl: () => appServer.url,
      sandbox: () => sandbox,
      defaultConfig: () => defaultConfig,
      logger: opts.logger,
      lenderSend: {
        pusher,
        institutions: oclcInstitutions,
        defaultInstCode: identity.instCode,
        now: Date.now,
      },
    });
    closers.push(() => hostServer.app.close());
    return {
      hostUrl: hostServer.url,
      appUrl: appServer.url,
      oclcUrl: oclc.url,
      jwksUrl: `${hostServer.url}/__sim/jwks.json`,
      publicKeyUrl: `${hostServer.url}/__sim/public-key.pem`,
      publicKeyPem: signer.publicKeyPem,
      ...identity,
      oclcInstitutions,
      getState,
      allowConnectSrc: (...sources) => {
        for (const source of sources) {
          if (!/^[^\s;,]+$/.test(source)) throw new Error(`not a CSP source: "${source}"`);
          if (!extraConnectSrc.includes(source)) extraConnectSrc.push(source);
        }
      },
      contentSecurityPolicy: csp,
      sandbox,
      setDefaultConfig: (config) => {
        defaultConfig = config === undefined ? undefined : structuredClone(config);
      },
      setRequesterEndpoint: (instCode, endpoint) => pusher.setEndpoint(instCode, endpoint),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
