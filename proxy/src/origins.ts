/**
 * Parses one configured origin such as `https://oauth.oclc.org` or
 * `http://127.0.0.1:4310`.
 *
 * Only `http:` and `https:` with a host are accepted; a path other than `/`,
 * a query, a fragment or user info are refused because an origin entry must
 * name nothing but scheme, host and port.
 *
 * @returns the parsed URL (use `.origin` and `.host`), or a readable reason string when invalid.
 */
export function parseOrigin(raw: string): URL | string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `"${value}" is not a URL (expected e.g. https://oauth.oclc.org)`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `"${value}" must start with https:// or http://`;
  if (!url.hostname) return `"${value}" has no host`;
  if (url.username || url.password) return `"${value}" must not contain user info`;
  if (
    (url.pathname !== '/' && url.pathname !== '') ||
    url.search ||
    url.hash ||
    value.endsWith('?') ||
    value.endsWith('#')
  ) {
    return `"${value}" must be an origin only (scheme://host[:port]), without path, query or fragment`;
  }
  return url;
}
