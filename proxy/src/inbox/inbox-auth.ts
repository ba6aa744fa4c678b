import { createHash, timingSafeEqual } from 'node:crypto';
import { ProxyError } from '../errors.ts';
import type { Institution } from '../institutions.ts';
import { createIpAllowList } from '../ip-ranges.ts';

/** Realm named in the 401 challenge. */
export const INBOX_REALM = 'WorldShare Bridge ISO 18626 inbox';

/**
 * Builds the sender check of `POST /iso18626/<instCode>`:
 * HTTP Basic with user = the Alma inst_code of the path and password = that institution's
 * `inboxSecret` (compared in constant time over SHA-256 digests), then the institution's optional
 * `inboxAllowedIps`.
 *
 * The returned function throws `ProxyError` 401 `inbox_unauthorized` (with a Basic challenge) for a
 * missing or wrong secret, a user that is not the path's institution, an unknown institution or one
 * without `inboxSecret`, all alike so nobody can probe which institutions exist; 403
 * `inbox_ip_not_allowed` when the (authenticated) sender's address is not allowed.
 */
export function createInboxAuth(
  institutions: Record<string, Institution>,
): (instCode: string, authorization: string | undefined, clientIp: string) => void {
  const allowLists = new Map<string, (ip: string) => boolean>();
  for (const [code, inst] of Object.entries(institutions)) {
    if (inst.inboxAllowedIps && inst.inboxAllowedIps.length > 0)
      allowLists.set(code, createIpAllowList(inst.inboxAllowedIps));
  }
  return (instCode, authorization, clientIp) => {
    const inst = Object.hasOwn(institutions, instCode) ? institutions[instCode] : undefined;
    const creds = basicCredentials(authorization);
    // Always compare, even for an unknown institution, so the answer takes the same time.
    const expected = inst?.inboxSecret ?? '\u0000no inbox secret';
    const secretOk = sameSecret(creds?.password ?? '', expected);
    if (!inst?.inboxSecret || !creds || creds.user !== instCode || !secretOk) {
      throw new ProxyError(
        401,
        'inbox_unauthorized',
        'Send HTTP Basic credentials: the institution code of this inbox and its inbox secret.',
        {
          'www-authenticate': `Basic realm="${INBOX_REALM}", charset="UTF-8"`,
        },
      );
    }
    const allowed = allowLists.get(instCode);
    if (allowed && !allowed(clientIp)) {
      throw new ProxyError(
        403,
        'inbox_ip_not_allowed',
        'This address may not send messages to this inbox.',
      );
    }
  };
}

function basicCredentials(header: string | undefined): { user: string; password: string } | null {
  const m = /^Basic +([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header ?? '');
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon === -1
    ? null
    : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
