import { ProxyError } from './errors.ts';
import type { Institution } from './institutions.ts';

/** An OCLC access token and when it stops being valid. */
export interface OclcAccessToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/**
 * The HTTP Basic credentials for a WSKey: `base64(wskey:secret)`.
 * Exposed so the value can be registered for log scrubbing.
 */
export function basicCredentials(institution: Institution): string {
  return Buffer.from(`${institution.wskey}:${institution.secret}`).toString('base64');
}

/**
 * Asks OCLC for an access token with the client credentials grant.
 *
 * Request (OCLC "Client Credentials Grant", documented; docs/contracts.md, "OCLC OAuth 2 (WSKey)"):
 * `POST <tokenUrl>?grant_type=client_credentials&scope=<scopes> context:<registryId>`
 * with `Authorization: Basic base64(wskey:secret)`.
 * Answer (contracts/oclc-ill/access_token.json): `{access_token, token_type,
 * expires_in, expires_at}`; `expires_in` is seconds and may be a string.
 * When `expires_in` is unusable, `expires_at` (e.g. `2019-08-23 18:45:29Z`) is used.
 *
 * @param instCode only for messages.
 * @param now clock in epoch milliseconds.
 * @throws ProxyError 502 `oclc_token_failed` (never quoting the secret or the answer body).
 */
export async function requestOclcToken(
  tokenUrl: string,
  instCode: string,
  institution: Institution,
  timeoutMs: number,
  now: () => number,
): Promise<OclcAccessToken> {
  const fail = (why: string): ProxyError =>
    new ProxyError(
      502,
      'oclc_token_failed',
      `Could not get an OCLC access token for institution ${instCode}: ${why}.`,
    );

  const scope = `${institution.scopes} context:${institution.registryId}`;
  const separator = tokenUrl.includes('?') ? '&' : '?';
  const url = `${tokenUrl}${separator}grant_type=client_credentials&scope=${encodeURIComponent(scope)}`;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${basicCredentials(institution)}`,
        accept: 'application/json',
      },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (e) {
    const timedOut = (e as Error).name === 'TimeoutError';
    throw fail(
      timedOut
        ? `the token endpoint did not answer within ${timeoutMs} ms`
        : 'the token endpoint cannot be reached',
    );
  }
  if (res.status === 401 || res.status === 403) {
    throw fail(
      `the token endpoint refused the credentials (HTTP ${res.status}); check the WSKey, secret, registry id and scopes`,
    );
  }
  if (!res.ok) throw fail(`the token endpoint answered HTTP ${res.status}`);

  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw fail('the token endpoint answered with something that is not JSON');
  }
  const answer = body as Record<string, unknown>;
  const accessToken = answer.access_token;
  if (typeof accessToken !== 'string' || accessToken === '')
    throw fail('the answer has no access_token');
  const expiresAt = expiryOf(answer, now());
  if (expiresAt === undefined) throw fail('the answer has no usable expires_in or expires_at');
  return { accessToken, expiresAt };
}

function expiryOf(answer: Record<string, unknown>, nowMs: number): number | undefined {
  const inRaw = answer.expires_in;
  const seconds =
    typeof inRaw === 'number'
      ? inRaw
      : typeof inRaw === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(inRaw)
        ? Number(inRaw)
        : NaN;
  if (Number.isFinite(seconds) && seconds > 0) return nowMs + seconds * 1000;
  if (typeof answer.expires_at === 'string') {
    const at = Date.parse(answer.expires_at.replace(' ', 'T'));
    if (Number.isFinite(at) && at > nowMs) return at;
  }
  return undefined;
}
