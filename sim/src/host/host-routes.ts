import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { type SimIdentity, tokenDefaults } from '../control/token-defaults.js';
import type { JwtSigner } from '../jwt/signer.js';
import { DEFAULT_USER } from '../seed/index.js';
import type { SimState } from '../state.js';
import type { HostPage } from './page-model.js';

/** The folder of the host page's static files (index.html, host.js, host.css). */
const PAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), 'page');

const PAGE_FILES: Record<string, string> = {
  '/': 'index.html',
  '/host.js': 'host.js',
  '/host.css': 'host.css',
};

const CONTENT_TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
};

export interface HostDeps {
  getState: () => SimState;
  page: HostPage;
  signer: JwtSigner;
  identity: SimIdentity;
  /** The app server's origin with a trailing slash, for the sidebar iframe. */
  appUrl: () => string;
  /** The sidebar iframe's `sandbox` attribute (alma-frame.ts), or null for none. */
  sandbox: () => string | null;
}

/**
 * A JSON string the Cloud App stored with CloudAppSettingsService/CloudAppConfigService `set` turned into
 * the object the SimState keeps. `set(value)` sends JSON.stringify(value || {}) and `remove()` sends '""',
 * so a non-object (the empty string, null) means "nothing stored". Undefined when not JSON at all.
 */
export function storedObjectOf(json: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The routes of the Alma-like host page: the page itself (`/`, `/host.js`, `/host.css`) and the
 * `/__sim/host/...` endpoints its script uses to answer the Cloud App:
 * - `GET boot` -> `{appUrl, sandbox}` (the iframe's sandbox attribute, null for none); `GET init` -> INIT_DATA payload; `GET jwt` -> `{jwt}`.
 * - `GET page` -> PageView; `POST reload` -> PageView after RELOAD_PAGE (see HostPage.reload).
 * - `GET|PUT settings` and `GET|PUT config`: `{settings|config: "<JSON>"}` / body `{value:"<JSON>"}` -> `{success:true}`.
 * - `GET store?key=` -> `{key, value?}`; `PUT store` body `{key, value}` (value null removes) -> `{key, value}`.
 */
export function registerHostRoutes(app: FastifyInstance, deps: HostDeps): void {
  const sendFile = async (reply: FastifyReply, name: string) => {
    const text = await readFile(join(PAGE_DIR, name), 'utf8');
    const ext = name.slice(name.lastIndexOf('.') + 1);
    return reply.header('content-type', CONTENT_TYPES[ext]).header('cache-control', 'no-store').send(text);
  };
  for (const [url, file] of Object.entries(PAGE_FILES)) app.get(url, (_req, reply) => sendFile(reply, file));
  app.get('/favicon.ico', (_req, reply) => reply.code(204).send());

  app.get('/__sim/host/boot', async () => ({ appUrl: deps.appUrl(), sandbox: deps.sandbox() }));

  app.get('/__sim/host/init', async (req) => {
    const state = deps.getState();
    return {
      user: { ...(state.user ?? DEFAULT_USER) },
      lang: state.lang ?? 'en',
      instCode: deps.identity.instCode,
      urls: { alma: `${req.protocol}://${req.host}/` },
      color: 'blue',
    };
  });

  app.get('/__sim/host/jwt', async () => {
    const state = deps.getState();
    return { jwt: await deps.signer.mint(tokenDefaults(deps.identity, state), state.jwt ?? {}) };
  });

  app.get('/__sim/host/page', async () => deps.page.view(deps.getState()));
  app.post('/__sim/host/reload', async () => {
    deps.page.reload(deps.getState());
    return deps.page.view(deps.getState());
  });

  for (const kind of ['settings', 'config'] as const) {
    app.get(`/__sim/host/${kind}`, async () => ({ [kind]: JSON.stringify(deps.getState()[kind]) }));
    app.put(`/__sim/host/${kind}`, async (req, reply) => {
      const value = (req.body as { value?: unknown } | undefined)?.value;
      const stored = typeof value === 'string' ? storedObjectOf(value) : undefined;
      if (!stored) return reply.code(400).send({ error: { message: `${kind} must be a JSON string` } });
      deps.getState()[kind] = stored;
      return { success: true };
    });
  }

  app.get('/__sim/host/store', async (req, reply) => {
    const key = (req.query as { key?: unknown }).key;
    if (typeof key !== 'string') return reply.code(400).send({ error: { message: 'key is required' } });
    const store = deps.getState().store;
    return Object.hasOwn(store, key) ? { key, value: store[key] } : { key };
  });
  app.put('/__sim/host/store', async (req, reply) => {
    const body = (req.body ?? {}) as { key?: unknown; value?: unknown };
    if (typeof body.key !== 'string') return reply.code(400).send({ error: { message: 'key is required' } });
    const store = deps.getState().store;
    if (body.value === null || body.value === undefined) delete store[body.key];
    else store[body.key] = body.value;
    return { key: body.key, value: body.value ?? null };
  });
}
