/**
 * Serves the built app inside the simulator with the real proxy, seeded with the sample borrowing
 * requests and the first one open, and prints the URL. Ports: PORT (host page, default 4300) and
 * the next three for the app, the fake OCLC and the proxy.
 */
import { startStack } from './stack.js';

const port = Number(process.env.PORT ?? 4300);
if (!Number.isInteger(port) || port <= 0 || port > 65532) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}

async function main(): Promise<void> {
  const stack = await startStack({
    port,
    appPort: port + 1,
    oclcPort: port + 2,
    proxyPort: port + 3,
  });
  const state = await stack.state();
  const first = state.alma.requests[0];
  if (first) await stack.page({ requestIds: [String(first.request_id)] });

  console.log('');
  console.log(`WorldShare Bridge is running inside the Alma simulator: ${stack.sim.hostUrl}/`);
  console.log('(app, fake OCLC and proxy on the next three ports; Ctrl+C stops everything)');

  const stop = async () => {
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
