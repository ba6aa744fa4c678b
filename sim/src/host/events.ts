import type { FastifyInstance } from 'fastify';
import type { HostPage } from './page-model.js';

/** How often an idle event stream gets a comment line, so proxies and browsers keep it open. */
const KEEP_ALIVE_MS = 15_000;

/**
 * `GET /__sim/events`: Server-Sent Events telling the host page about page changes
 * (`event: page`, `data: {"seq":N}`); the page then reads `/__sim/host/page`. The stream ends when the
 * browser goes away or the server closes (Fastify's forceCloseConnections drops it).
 */
export function registerPageEvents(app: FastifyInstance, page: HostPage): void {
  app.get('/__sim/events', (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    res.write('retry: 500\n\n');
    const off = page.onChange((seq) =>
      res.write(`event: page\ndata: ${JSON.stringify({ seq })}\n\n`),
    );
    const timer = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
    timer.unref();
    req.raw.on('close', () => {
      off();
      clearInterval(timer);
    });
  });
}
