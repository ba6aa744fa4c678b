/**
 * What Alma puts around a Cloud App, as far as the public record shows it (docs/contracts.md, "Alma's
 * sandboxed iframe and connect-src"): the Content-Security-Policy of the app's document, whose
 * `connect-src` comes from the manifest's `contentSecurity.connectSrc`, and the `sandbox` flags of the
 * sidebar iframe, of which the manifest may switch on a few (`contentSecurity.sandbox`).
 */
import { readFileSync } from 'node:fs';

/** The manifest's `contentSecurity` section (the Cloud App manifest schema, @exlibris/exl-cloudapp-base). */
export interface ManifestContentSecurity {
  connectSrc?: string[];
  frameSrc?: string[];
  sandbox?: {
    modals?: boolean;
    downloads?: boolean;
    popups?: boolean;
    'popups-to-escape-sandbox'?: boolean;
  };
}

/**
 * The policy's directives before the manifest adds to them: the ones the Ex Libris CLI (`eca`, lib/files.js)
 * writes into the app for development, with `script-src` as for a production build (no 'unsafe-eval' or
 * 'unsafe-inline'). Assumed to match what Alma applies; documented in docs/contracts.md.
 */
export const BASE_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'style-src': "'self' 'unsafe-inline' fonts.googleapis.com",
  'script-src': "'self'",
  'font-src': "'self' fonts.gstatic.com *.ext.exlibrisgroup.com",
  'img-src': "'self' data: https:",
  'connect-src': "'self'",
  'frame-src': "'self' https:",
};

/**
 * Sandbox flags every Cloud App frame gets. Alma's own list is not published; this is the strictest set the
 * app works with: scripts, its own origin (so `connect-src 'self'` and CORS see a real origin), and forms
 * (Angular's submit handlers never fire in a frame without allow-forms).
 */
export const BASE_SANDBOX = ['allow-scripts', 'allow-same-origin', 'allow-forms'] as const;

/** Manifest `contentSecurity.sandbox` switches and the iframe flags they add (schema: all default false). */
const SANDBOX_SWITCHES: Record<string, string> = {
  modals: 'allow-modals',
  downloads: 'allow-downloads',
  popups: 'allow-popups',
  'popups-to-escape-sandbox': 'allow-popups-to-escape-sandbox',
};

/**
 * Reads `contentSecurity` from a manifest.json file.
 * @throws Error naming the file when it cannot be read, is not JSON, or `connectSrc` is not a list of strings.
 */
export function readManifestContentSecurity(path: string): ManifestContentSecurity {
  let manifest: { contentSecurity?: ManifestContentSecurity };
  try {
    manifest = JSON.parse(readFileSync(path, 'utf8')) as typeof manifest;
  } catch (e) {
    throw new Error(`cannot read the Cloud App manifest ${path}: ${(e as Error).message}`);
  }
  const cs = manifest.contentSecurity ?? {};
  for (const key of ['connectSrc', 'frameSrc'] as const) {
    const list = cs[key];
    if (
      list !== undefined &&
      (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || /[\s;,]/.test(s)))
    ) {
      throw new Error(
        `${path}: contentSecurity.${key} must be a list of sources without spaces, commas or semicolons`,
      );
    }
  }
  return cs;
}

/**
 * The Content-Security-Policy header value for the app's documents: BASE_DIRECTIVES, with the manifest's
 * `connectSrc` (and `frameSrc`) appended, then `extraConnectSrc` (what an institution adds to its copy of the
 * manifest; the local stack adds its proxy's origin this way).
 */
export function contentSecurityPolicy(
  cs: ManifestContentSecurity,
  extraConnectSrc: readonly string[] = [],
): string {
  const directives: Record<string, string> = { ...BASE_DIRECTIVES };
  const connect = [...(cs.connectSrc ?? []), ...extraConnectSrc];
  if (connect.length) directives['connect-src'] += ` ${connect.join(' ')}`;
  if (cs.frameSrc?.length) directives['frame-src'] += ` ${cs.frameSrc.join(' ')}`;
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/** The iframe's `sandbox` attribute value: BASE_SANDBOX plus the flags the manifest switches on. */
export function sandboxFlags(cs: ManifestContentSecurity): string {
  const flags: string[] = [...BASE_SANDBOX];
  for (const [name, flag] of Object.entries(SANDBOX_SWITCHES)) {
    if ((cs.sandbox as Record<string, unknown> | undefined)?.[name] === true) flags.push(flag);
  }
  return flags.join(' ');
}
