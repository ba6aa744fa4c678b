import { existsSync } from 'node:fs';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';

export interface AppServerOptions {
  host: string;
  port: number;
  /** Absolute path of the built Cloud App (the `build/` folder `eca build` makes). */
  appDir: string;
  /** The Content-Security-Policy every answer carries (read per answer, so it may change while running). */
  contentSecurityPolicy?: () => string;
  logger?: boolean;
}

/**
 * Serves the built Cloud App on its own origin (as Alma serves apps from another host than its own), with
 * `index.html` at `/`. Every answer says `cache-control: no-store` and carries no ETag/Last-Modified, so a
 * browser never runs a stale build after a rebuild. A missing `appDir` still starts (answers 404) so the
 * simulator can run before the first build; `ready` says whether index.html was there at start.
 * With `contentSecurityPolicy` every answer carries that policy, as Alma serves a Cloud App (alma-frame.ts).
 */
export async function startAppServer(
  opts: AppServerOptions,
): Promise<{ app: FastifyInstance; url: string; ready: boolean }> {
  const app = Fastify({ forceCloseConnections: true, logger: opts.logger ?? false });
  const ready = existsSync(opts.appDir);
  if (ready) {
    await app.register(fastifyStatic, {
      root: opts.appDir,
      index: 'index.html',
      cacheControl: false,
      etag: false,
      lastModified: false,
    });
  }
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('cache-control', 'no-store');
    if (opts.contentSecurityPolicy)
      reply.header('content-security-policy', opts.contentSecurityPolicy());
    return payload;
  });
  const address = await app.listen({ host: opts.host, port: opts.port });
  return { app, url: `${address}/`, ready: ready && existsSync(`${opts.appDir}/index.html`) };
}
