// `npm run proxy`: reads the environment, starts the proxy, logs where it listens.
import { loadConfigFromEnv, ProxyConfigError } from './index.ts';
import { startProxy } from './start.ts';

try {
  const config = loadConfigFromEnv(process.env);
  const proxy = await startProxy(config, { logger: true });
  console.log(
    `WorldShare Bridge proxy listening on ${proxy.url} (${Object.keys(config.institutions).length} institution(s), upstreams: ${config.allowedUpstreams.join(', ')}; store: ${proxy.store})`,
  );
  const stop = (): void => {
    proxy.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (e) {
  console.error(
    e instanceof ProxyConfigError
      ? e.message
      : `The proxy could not start: ${(e as Error).message}`,
  );
  process.exit(1);
}
