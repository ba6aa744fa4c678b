// Writes manifest.json's contentSecurity.connectSrc into the app as a constant
// (cloudapp/src/app/domain/manifest-connect-src.ts), so the configuration page knows at build time which
// proxy addresses Alma will let the app reach. manifest.json stays the one source: tools/build-app.mjs runs
// this before every build and a contract test fails when the file and the manifest disagree.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const GENERATED_FILE = join(
  root,
  'cloudapp',
  'src',
  'app',
  'domain',
  'manifest-connect-src.ts',
);

/** The TypeScript text for the given connectSrc list. */
export function connectSrcModule(connectSrc) {
  const items = connectSrc.map((s) => `  ${JSON.stringify(s)},`).join('\n');
  return `// Generated from manifest.json (contentSecurity.connectSrc) by tools/gen-connect-src.mjs. Do not edit:
// change the manifest; the build regenerates this file.

/** The sources Alma adds to the app's Content-Security-Policy connect-src (docs/contracts.md, "Alma's sandboxed iframe and connect-src"). */
export const MANIFEST_CONNECT_SRC: readonly string[] = [
${items}
];
`;
}

/** Rewrites the generated file when it differs from the manifest; returns true when it wrote. */
export function generateConnectSrc() {
  const manifest = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8'));
  const list = manifest.contentSecurity?.connectSrc ?? [];
  if (!Array.isArray(list) || list.some((s) => typeof s !== 'string'))
    throw new Error('manifest.json: contentSecurity.connectSrc must be a list of strings');
  const text = connectSrcModule(list);
  let current = '';
  try {
    current = readFileSync(GENERATED_FILE, 'utf8');
  } catch {
    // not generated yet
  }
  if (current === text) return false;
  writeFileSync(GENERATED_FILE, text);
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(
    generateConnectSrc() ? `[connect-src] wrote ${GENERATED_FILE}` : '[connect-src] up to date',
  );
}
