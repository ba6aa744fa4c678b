import type { AddressInfo } from 'node:net';
import type { ProxyConfig } from './config.ts';
import { resolveConfig } from './config.ts';
import type { ProxyServerOptions } from './server.ts';
import { createProxyServer } from './server.ts';

/** A listening proxy. */
export interface RunningProxy {
  /** Base URL to call, e.g. `http://127.0.0.1:4303` (a wildcard listen address is shown as 127.0.0.1). */
  url: string;
  /** Where the store is, e.g. `SQLite /srv/data/proxy.sqlite` or `PostgreSQL db:5432/wsb` (never a password). */
  store: string;
  /** Stops listening and closes open connections. */
  close(): Promise<void>;
}

/**
 * Builds the proxy and listens on `config.host`:`config.port` (port 0 picks a free port).
 *
 * @throws ProxyConfigError when `config` is invalid; the listen error when the port is taken.
 */
export async function startProxy(
  config: ProxyConfig,
  opts: ProxyServerOptions = {},
): Promise<RunningProxy> {
  const c = resolveConfig(config);
  const app = await createProxyServer(c, opts);
  await app.listen({ host: c.host, port: c.port });
  const { port } = app.server.address() as AddressInfo;
  const shownHost =
    c.host === '0.0.0.0' || c.host === '::'
      ? '127.0.0.1'
      : c.host.includes(':')
        ? `[${c.host}]`
        : c.host;
  return {
    url: `http://${shownHost}:${port}`,
    store: app.store.description,
    close: async () => {
      await app.close();
    },
  };
}
