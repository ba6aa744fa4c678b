import type { FastifyInstance } from 'fastify';
import type { JwtSigner } from '../jwt/signer.js';
import { createSimState } from '../seed/index.js';
import type { SimState } from '../state.js';
import { entityOfRequest, type PageEntity } from '../host/entities.js';
import type { HostPage } from '../host/page-model.js';
import { userSpace } from '../host/users.js';
import { parseResetSpec } from './reset-schema.js';
import { snapshot } from './snapshot.js';
import { tokenDefaults } from './token-defaults.js';
import type { SimIdentity } from './token-defaults.js';

export interface ControlDeps {
  getState: () => SimState;
  setState: (state: SimState) => void;
  page: HostPage;
  signer: JwtSigner;
  identity: SimIdentity;
  /** Institution configuration a reset without `config` starts with (undefined: empty). */
  defaultConfig: () => Record<string, unknown> | undefined;
}

/** Checks a `/__sim/page` entity list; returns an error message or undefined. */
function entityProblem(entities: unknown): string | undefined {
  if (!Array.isArray(entities)) return 'entities must be an array';
  for (const [i, e] of entities.entries()) {
    if (!e || typeof e !== 'object') return `entities[${i}] must be an object`;
    const { id, type, link } = e as Record<string, unknown>;
    if (typeof id !== 'string' || typeof type !== 'string' || typeof link !== 'string') {
      return `entities[${i}] needs string id, type and link`;
    }
  }
  return undefined;
}

/**
 * The control API tests and demos drive the simulator with (all JSON):
 * - `POST /__sim/reset` (ResetSpec) -> `{ok:true}`; replaces the whole SimState (missing parts seeded)
 *   and empties the page. Without `config` the state gets the default configuration (`setDefaultConfig`;
 *   the local stack sets its own), so a bare reset leaves the app configured. 400 `{ok:false, errors}` for a body the schema refuses.
 * - `POST /__sim/page` `{entities:[...]}` or `{requestIds:[...]}` -> `{ok:true, entities}`; the host page
 *   then sends PAGE_LOAD. 400 for a malformed list or an unknown request id.
 * - `GET /__sim/state` -> the snapshot (see snapshot.ts).
 * - `POST /__sim/jwt` `{claims?, expiresInSec?, signWithForeignKey?, user?}` -> `{jwt}` (for proxy tests;
 *   `sub` is `user`'s primary id, default the default user's).
 * - `GET /__sim/jwks.json` -> the JWKS of the Cloud App tokens; `GET /__sim/public-key.pem` -> the same key as PEM.
 */
export function registerControlRoutes(app: FastifyInstance, deps: ControlDeps): void {
  app.post('/__sim/reset', async (req, reply) => {
    const parsed = parseResetSpec(req.body);
    if ('errors' in parsed) return reply.code(400).send({ ok: false, errors: parsed.errors });
    const fallback = deps.defaultConfig();
    const spec =
      parsed.spec.config === undefined && fallback !== undefined
        ? { ...parsed.spec, config: fallback }
        : parsed.spec;
    deps.setState(createSimState(spec));
    deps.page.set([]);
    return { ok: true };
  });

  app.post('/__sim/page', async (req, reply) => {
    const body = (req.body ?? {}) as { entities?: unknown; requestIds?: unknown };
    let entities: PageEntity[];
    if (body.entities !== undefined) {
      const problem = entityProblem(body.entities);
      if (problem) return reply.code(400).send({ ok: false, errors: [problem] });
      entities = (body.entities as PageEntity[]).map((e) => ({
        ...e,
        description: typeof e.description === 'string' ? e.description : '',
      }));
    } else if (Array.isArray(body.requestIds)) {
      const state = deps.getState();
      entities = [];
      for (const id of body.requestIds) {
        const request = state.alma.requests.find((r) => r.request_id === id);
        if (!request)
          return reply
            .code(400)
            .send({ ok: false, errors: [`no borrowing request ${String(id)} in the simulator`] });
        entities.push(entityOfRequest(request));
      }
    } else {
      return reply
        .code(400)
        .send({ ok: false, errors: ['give entities:[...] or requestIds:[...]'] });
    }
    deps.page.set(entities);
    return { ok: true, entities };
  });

  app.get('/__sim/state', async () => snapshot(deps.getState(), deps.page));

  app.post('/__sim/jwt', async (req, reply) => {
    const body = (req.body ?? {}) as {
      claims?: unknown;
      expiresInSec?: unknown;
      signWithForeignKey?: unknown;
      user?: unknown;
    };
    if (
      body.user !== undefined &&
      (typeof body.user !== 'string' || !userSpace(deps.getState(), body.user))
    ) {
      return reply.code(400).send({
        ok: false,
        errors: ['user must be the primary id of a staff user in the simulator'],
      });
    }
    if (
      body.claims !== undefined &&
      (typeof body.claims !== 'object' || body.claims === null || Array.isArray(body.claims))
    ) {
      return reply.code(400).send({ ok: false, errors: ['claims must be an object'] });
    }
    if (body.expiresInSec !== undefined && typeof body.expiresInSec !== 'number') {
      return reply.code(400).send({ ok: false, errors: ['expiresInSec must be a number'] });
    }
    const jwt = await deps.signer.mint(
      tokenDefaults(deps.identity, deps.getState(), body.user as string | undefined),
      {
        claims: body.claims as Record<string, unknown> | undefined,
        expiresInSec: body.expiresInSec as number | undefined,
        signWithForeignKey: body.signWithForeignKey === true,
      },
    );
    return { jwt };
  });

  app.get('/__sim/jwks.json', async (_req, reply) => {
    reply.header('cache-control', 'no-store');
    return deps.signer.jwks();
  });

  app.get('/__sim/public-key.pem', async (_req, reply) => {
    reply.header('cache-control', 'no-store').header('content-type', 'application/x-pem-file');
    return deps.signer.publicKeyPem;
  });
}
