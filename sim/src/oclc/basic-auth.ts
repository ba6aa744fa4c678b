/** The WSKey and secret of an HTTP Basic `Authorization` header, or undefined when absent or malformed. */
export function basicCredentials(
  header: string | undefined,
): { wskey: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { wskey: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}
