/**
 * The simulator: an Alma-like host page that speaks the Cloud App message protocol, a fake Alma REST API,
 * a server for the built Cloud App, and the fake OCLC. Tests and tools start it in-process with `startSim`.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
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
  /** JWT `iss`; default "Prima". */
  issuer?: string;
  /** Cloud App id, JWT `aud` = "ExlCloudApp:<appId>"; default "worldshare-bridge". */
  appId?: string;
  /** Alma institution code (INIT_DATA instCode, JWT inst_code); default "SIM_INST". */
  instCode?: string;
  /** Libraries the fake OCLC knows; default [DEFAULT_OCLC_INSTITUTION]. */
  oclcInstitutions?: OclcInstitution[];
  /** Fastify request logging on the host and app servers; default off. */
  logger?: boolean;
  /** Calls per second per OCLC token the fake OCLC accepts before answering 429; default 10. */
  oclcRateLimitPerSec?: number;
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
  issuer: string;
  appId: string;
  instCode: string;
  oclcInstitutions: OclcInstitution[];
  /** The live state (replaced by each reset; do not keep it across one). */
  getState(): SimState;
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
  const identity = { issuer: opts.issuer ?? 'Prima', appId: opts.appId ?? 'worldshare-bridge', instCode: opts.instCode ?? 'SIM_INST' };
  const oclcInstitutions = opts.oclcInstitutions ?? [DEFAULT_OCLC_INSTITUTION];
  let state = createSimState();
  const getState = () => state;
  const setState = (next: SimState) => {
    state = next;
  };
  const page = new HostPage();
  const pusher = new LenderPusher();
  for (const [instCode, endpoint] of Object.entries(opts.requesterEndpoints ?? {})) pusher.setEndpoint(instCode, endpoint);
  const signer = await createJwtSigner();

  const closers: (() => Promise<void>)[] = [];
  const closeAll = async () => {
    await Promise.allSettled(closers.map((c) => c()));
  };
  try {
    const appServer = await startAppServer({ host, port: opts.appPort ?? 4301, appDir: opts.appDir ?? join(REPO_ROOT, 'build'), logger: opts.logger });
    closers.push(() => appServer.app.close());
    const oclc = await startFakeOclc(getState, { host, port: opts.oclcPort ?? 4302, institutions: oclcInstitutions, rateLimitPerSec: opts.oclcRateLimitPerSec, pusher });
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
      logger: opts.logger,
      lenderSend: { pusher, institutions: oclcInstitutions, defaultInstCode: identity.instCode, now: Date.now },
    });
    closers.push(() => hostServer.app.close());
    return {
      hostUrl: hostServer.url,
      appUrl: appServer.url,
      oclcUrl: oclc.url,
      jwksUrl: `${hostServer.url}/__sim/jwks.json`,
      ...identity,
      oclcInstitutions,
      getState,
      setRequesterEndpoint: (instCode, endpoint) => pusher.setEndpoint(instCode, endpoint),
      close: closeAll,
    };
  } catch (err) {
    await closeAll();
    throw err;
  }
}
