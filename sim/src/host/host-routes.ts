import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type SimIdentity, tokenDefaults } from '../control/token-defaults.js';
import type { JwtSigner } from '../jwt/signer.js';
import type { SimState } from '../state.js';
import type { HostPage } from './page-model.js';
import { type UserSpace, userSpace } from './users.js';

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
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The `user` query parameter of a host endpoint (the user the page was opened as), if any. */
function userParam(req: FastifyRequest): string | undefined {
  const user = (req.query as { user?: unknown } | undefined)?.user;
  return typeof user === 'string' && user !== '' ? user : undefined;
}

/**
 * The routes of the Alma-like host page: the page itself (`/`, `/host.js`, `/host.css`) and the
 * `/__sim/host/...` endpoints its script uses to answer the Cloud App:
 * - `GET boot` -> `{appUrl, sandbox}` (the iframe's sandbox attribute, null for none); `GET init` -> INIT_DATA payload; `GET jwt` -> `{jwt}`.
 * - `GET page` -> PageView; `POST reload` -> PageView after RELOAD_PAGE (see HostPage.reload).
 * - `GET|PUT settings` and `GET|PUT config`: `{settings|config: "<JSON>"}` / body `{value:"<JSON>"}` -> `{success:true}`.
 * - `GET store?key=` -> `{key, value?}`; `PUT store` body `{key, value}` (value null removes) -> `{key, value}`.
 * The page is opened as one staff user (`/?user=<primary id>`, default: the reset's `user`) and passes
 * `?user=` to `init`, `jwt`, `settings` and `store`: INIT_DATA names that user, the JWT's `sub` is their
 * primary id, and settings and store are theirs alone, as Alma keeps them; `config` is the institution's.
 * An unknown user -> 404 on those endpoints.
 */
export function registerHostRoutes(app: FastifyInstance, deps: HostDeps): void {
  const sendFile = async (reply: FastifyReply, name: string) => {
    const text = await readFile(join(PAGE_DIR, name), 'utf8');
    const ext = name.slice(name.lastIndexOf('.') + 1);
    return reply
      .header('content-type', CONTENT_TYPES[ext])
      .header('cache-control', 'no-store')
      .send(text);
  };
  for (const [url, file] of Object.entries(PAGE_FILES))
    app.get(url, (_req, reply) => sendFile(reply, file));
  app.get('/favicon.ico', (_req, reply) => reply.code(204).send());

  /** The signed-in user's space, or undefined after answering 404. */
  const spaceOf = (req: FastifyRequest, reply: FastifyReply): UserSpace | undefined => {
    const id = userParam(req);
    const space = userSpace(deps.getState(), id);
    if (!space)
      void reply.code(404).send({
        error: { message: `no staff user ${id} in the simulator (add it with reset users)` },
      });
    return space;
  };

  app.get('/__sim/host/boot', async () => ({ appUrl: deps.appUrl(), sandbox: deps.sandbox() }));

  app.get('/__sim/host/init', async (req, reply) => {
    const space = spaceOf(req, reply);
    if (!space) return reply;
    const state = deps.getState();
    return {
      user: { ...space.user },
      lang: state.lang ?? 'en',
      instCode: deps.identity.instCode,
      urls: { alma: `${req.protocol}://${req.host}/` },
      color: 'blue',
    };
  });

  app.get('/__sim/host/jwt', async (req, reply) => {
    const space = spaceOf(req, reply);
    if (!space) return reply;
    const state = deps.getState();
    return {
      jwt: await deps.signer.mint(
        tokenDefaults(deps.identity, state, space.user.primaryId),
        state.jwt ?? {},
      ),
    };
  });

  app.get('/__sim/host/page', async () => deps.page.view(deps.getState()));
  app.post('/__sim/host/reload', async () => {
    deps.page.reload(deps.getState());
    return deps.page.view(deps.getState());
  });

  app.get('/__sim/host/config', async () => ({ config: JSON.stringify(deps.getState().config) }));
  app.put('/__sim/host/config', async (req, reply) => {
    const stored = storedValue(req);
    if (!stored)
      return reply.code(400).send({ error: { message: 'config must be a JSON string' } });
    deps.getState().config = stored;
    return { success: true };
  });

  app.get('/__sim/host/settings', async (req, reply) => {
    const space = spaceOf(req, reply);
    if (!space) return reply;
    return { settings: JSON.stringify(space.settings()) };
  });
  app.put('/__sim/host/settings', async (req, reply) => {
    const space = spaceOf(req, reply);
    if (!space) return reply;
    const stored = storedValue(req);
    if (!stored)
      return reply.code(400).send({ error: { message: 'settings must be a JSON string' } });
    space.setSettings(stored);
    return { success: true };
  });

  app.get('/__sim/host/store', async (req, reply) => {
    const key = (req.query as { key?: unknown }).key;
    if (typeof key !== 'string')
      return reply.code(400).send({ error: { message: 'key is required' } });
    const space = spaceOf(req, reply);
    if (!space) return reply;
    const store = space.store();
    return Object.hasOwn(store, key) ? { key, value: store[key] } : { key };
  });
  app.put('/__sim/host/store', async (req, reply) => {
    const body = (req.body ?? {}) as { key?: unknown; value?: unknown };
    if (typeof body.key !== 'string')
      return reply.code(400).send({ error: { message: 'key is required' } });
    const space = spaceOf(req, reply);
    if (!space) return reply;
    const store = space.store();
    if (body.value === null || body.value === undefined) delete store[body.key];
    else store[body.key] = body.value;
    return { key: body.key, value: body.value ?? null };
  });
}

/** The stored object of a settings/config PUT body `{value: "<JSON>"}`, or undefined when it is not JSON. */
function storedValue(req: FastifyRequest): Record<string, unknown> | undefined {
  const value = (req.body as { value?: unknown } | undefined)?.value;
  return typeof value === 'string' ? storedObjectOf(value) : undefined;
}
