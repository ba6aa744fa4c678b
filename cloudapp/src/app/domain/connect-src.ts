/**
 * Which addresses the app may reach from inside Alma. Alma serves a Cloud App with a
 * Content-Security-Policy whose `connect-src` lists the manifest's `contentSecurity.connectSrc`; the
 * browser blocks every other address (docs/contracts.md, "Alma's sandboxed iframe and connect-src").
 * The configuration page uses this to refuse a proxy address before anyone relies on it.
 */
import { MANIFEST_CONNECT_SRC } from './manifest-connect-src';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const DEFAULT_PORTS: Record<string, string> = {
  'http:': '80',
  'https:': '443',
  'ws:': '80',
  'wss:': '443',
};

/**
 * Whether `url` matches one CSP source expression, by the rules of CSP Level 3 ("Does url match
 * expression"): a scheme source (`https:`), or a host source `[scheme://]host[:port][/path]` with `*.`
 * host wildcards, `*` ports, and a path that matches exactly or, ending in `/`, as a prefix. Keywords
 * such as `'self'` never match here (the proxy is never the app's own origin).
 */
export function matchesSource(url: URL, source: string): boolean {
  const s = source.trim();
  if (s === '' || s.startsWith("'")) return false;
  if (/^[a-z][a-z0-9+.-]*:$/i.test(s)) return schemeMatches(s.toLowerCase(), url.protocol);
  const m =
    /^(?:([a-z][a-z0-9+.-]*):\/\/)?(\*|(?:\*\.)?[^/:?#]+|\[[0-9a-f:.]+\])(?::(\*|\d+))?(\/[^?#]*)?$/i.exec(
      s,
    );
  if (!m) return false;
  const [, scheme, host, port, path] = m;
  if (scheme !== undefined && !schemeMatches(`${scheme.toLowerCase()}:`, url.protocol))
    return false;
  if (scheme === undefined && !['http:', 'https:'].includes(url.protocol)) return false;
  if (!hostMatches(host.toLowerCase(), url.hostname.toLowerCase())) return false;
  if (!portMatches(port, scheme ? `${scheme.toLowerCase()}:` : url.protocol, url)) return false;
  if (path !== undefined && path !== '') {
    const urlPath = decodeURIComponent(url.pathname);
    return path.endsWith('/')
      ? urlPath.startsWith(decodeURIComponent(path))
      : urlPath === decodeURIComponent(path);
  }
  return true;
}

function schemeMatches(sourceScheme: string, urlScheme: string): boolean {
  // An insecure source scheme also allows its secure form.
  return (
    sourceScheme === urlScheme ||
    (sourceScheme === 'http:' && urlScheme === 'https:') ||
    (sourceScheme === 'ws:' && urlScheme === 'wss:')
  );
}

function hostMatches(sourceHost: string, urlHost: string): boolean {
  if (sourceHost === '*') return true;
  if (sourceHost.startsWith('*.')) return urlHost.endsWith(sourceHost.slice(1));
  return sourceHost === urlHost;
}

function portMatches(sourcePort: string | undefined, sourceScheme: string, url: URL): boolean {
  if (sourcePort === '*') return true;
  const urlPort = url.port || DEFAULT_PORTS[url.protocol] || '';
  if (sourcePort === undefined) {
    // No port in the source: the scheme's default port (80 also lets https' 443 through, as the upgrade above).
    return (
      urlPort === DEFAULT_PORTS[sourceScheme] ||
      (DEFAULT_PORTS[sourceScheme] === '80' && urlPort === '443')
    );
  }
  return sourcePort === urlPort;
}

/** A plain-http address on this computer (127.0.0.1, localhost, [::1]): a proxy run locally, as the simulator's. */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
}

/** The outcome of `proxyAddressAllowed`. */
export type ProxyAddressCheck = { allowed: true } | { allowed: false; listed: readonly string[] };

/**
 * Whether the app may call a proxy at `address` from inside Alma: the address matches a source of the
 * manifest's `connectSrc` (`sources`, by default the list the build took from manifest.json), or it is a
 * plain-http address on this computer (development and the simulator, whose host page lists the local proxy
 * the way an institution lists its own proxy host in its copy of the manifest; Alma would block it).
 * An address that is not a URL is left to the URL check (`allowed: true`).
 */
export function proxyAddressAllowed(
  address: string,
  sources: readonly string[] = MANIFEST_CONNECT_SRC,
): ProxyAddressCheck {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { allowed: true };
  }
  if (isLoopbackHttp(url) || sources.some((s) => matchesSource(url, s))) return { allowed: true };
  return { allowed: false, listed: sources };
}
