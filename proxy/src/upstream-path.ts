import { ProxyError } from './errors.ts';

/**
 * Checks the request target (path and query, as received) before it is
 * appended to an allowed upstream origin.
 *
 * Refused with 400 `invalid_path`: anything not starting with a single `/`;
 * `//` anywhere in the path; backslashes; control characters or spaces; `#`;
 * and any path segment that is `.` or `..` or decodes to one or contains a
 * slash once percent-decoded (`%2e%2e`, `..%2f`). The query string is passed
 * through untouched: it cannot change the origin.
 *
 * @param target e.g. `/ILL/request/data/123?inst=1`.
 * @returns the same target when it is safe to forward.
 */
export function checkForwardTarget(target: string): string {
  const bad = (why: string): ProxyError =>
    new ProxyError(400, 'invalid_path', `The request path cannot be forwarded: ${why}.`);
  if (!target.startsWith('/')) throw bad('it must start with "/"');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f\\#]/.test(target))
    throw bad('it contains a space, control character, backslash or "#"');
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  if (path.includes('//')) throw bad('it contains "//"');
  for (const segment of path.split('/').slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      throw bad('it has malformed percent-encoding');
    }
    if (segment === '.' || segment === '..' || decoded === '.' || decoded === '..')
      throw bad('it contains a "." or ".." segment');
    if (decoded.includes('/') || decoded.includes('\\')) throw bad('it contains an encoded slash');
  }
  return target;
}
