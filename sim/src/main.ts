/**
 * `npm run sim`: starts the simulator alone and prints the host page URL. Environment:
 * PORT (host page, default 4300), APP_PORT (default PORT+1), OCLC_PORT (default PORT+2), APP_DIR (built app,
 * default <repo>/build), SIM_LOG=1 for request logs. Opens case 01 so the page shows a borrowing request.
 */
import { SEED_REQUESTS, startSim } from './index.js';

function portFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

const port = portFromEnv('PORT', 4300);
const sim = await startSim({
  port,
  appPort: portFromEnv('APP_PORT', port === 0 ? 0 : port + 1),
  oclcPort: portFromEnv('OCLC_PORT', port === 0 ? 0 : port + 2),
  appDir: process.env.APP_DIR || undefined,
  logger: process.env.SIM_LOG === '1',
});
await fetch(`${sim.hostUrl}/__sim/page`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ requestIds: [SEED_REQUESTS[0].request_id] }),
});
console.log(sim.hostUrl);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    sim.close().finally(() => process.exit(0));
  });
}
