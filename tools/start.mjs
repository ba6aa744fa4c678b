// `npm start`: installs what is missing, builds the Cloud App when its sources changed, then starts
// the simulator and the proxy and prints the one URL to open (PORT, default 4300).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureInstall } from './ensure-install.mjs';
import { buildApp } from './build-app.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
ensureInstall();
buildApp();
const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'tools', 'serve.ts')], {
  cwd: root,
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
