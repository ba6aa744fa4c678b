import Fastify, { type FastifyInstance } from 'fastify';
import { ALMA_PREFIX, fakeAlmaPlugin } from '../alma/plugin.js';
import { registerControlRoutes } from '../control/control-routes.js';
import { type LenderSendDeps, registerLenderSendRoute } from '../control/lender-send-route.js';
import type { SimIdentity } from '../control/token-defaults.js';
import type { JwtSigner } from '../jwt/signer.js';
import type { SimState } from '../state.js';
import { registerPageEvents } from './events.js';
import { registerHostRoutes } from './host-routes.js';
import type { HostPage } from './page-model.js';

export interface HostServerOptions {
  host: string;
  port: number;
  getState: () => SimState;
  setState: (state: SimState) => void;
  page: HostPage;
  signer: JwtSigner;
  identity: SimIdentity;
  appUrl: () => string;
  sandbox: () => string | null;
  /** Institution configuration a reset without `config` starts with (undefined: empty). */
  defaultConfig: () => Record<string, unknown> | undefined;
  logger?: boolean;
  /** The fake lender's push side, for `POST /__sim/lender/send`; absent = no such route. */
  lenderSend?: Omit<LenderSendDeps, 'getState'>;
}

/** Largest JSON body the host accepts (a reset with hundreds of requests is well below it). */
const BODY_LIMIT_BYTES = 20 * 1024 * 1024;

/**
 * Starts the host server: the Alma-like page and its `/__sim/host/...` endpoints, the page event stream,
 * the control API (`/__sim/...`) and the fake Alma REST API under `/almaws/v1`.
 */
export async function startHostServer(
  opts: HostServerOptions,
): Promise<{ app: FastifyInstance; url: string }> {
  const app = Fastify({
    forceCloseConnections: true,
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
  });
  registerHostRoutes(app, opts);
  registerPageEvents(app, opts.page);
  registerControlRoutes(app, opts);
  if (opts.lenderSend)
    registerLenderSendRoute(app, { ...opts.lenderSend, getState: opts.getState });
  await app.register(fakeAlmaPlugin, { prefix: ALMA_PREFIX, getState: opts.getState });
  const address = await app.listen({ host: opts.host, port: opts.port });
  return { app, url: address };
}
