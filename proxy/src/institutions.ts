import { parseIpRange } from './ip-ranges.ts';

/**
 * OCLC credentials of one Alma institution, as kept in the institutions file.
 *
 * Source: OCLC WSKey (client credentials) documentation; docs/contracts.md, "OCLC OAuth 2 (WSKey)".
 * - `wskey`: the WSKey (OAuth client id), documented.
 * - `secret`: the WSKey secret; stays in this process, never logged or returned.
 * - `registryId`: the institution's WorldCat registry id, e.g. "128807"; used in
 *   the token scope as `context:<registryId>`.
 * - `scopes`: space-separated OCLC scopes, e.g. "WorldShareILL".
 */
export interface Institution {
  wskey: string;
  secret: string;
  registryId: string;
  scopes: string;
  /**
   * Password the lender side (OCLC) sends, with the inst_code as user name, in HTTP Basic when it
   * POSTs ISO 18626 messages to this institution's inbox (`POST /iso18626/<inst_code>`). At least
   * 16 characters. Without it the institution's inbox refuses every message (401).
   */
  inboxSecret?: string;
  /** The institution's OCLC symbol, e.g. "ABCDE"; when set, inbox messages must name it as requesting agency. */
  symbol?: string;
  /** IPs or CIDR ranges (IPv4 or IPv6) allowed to POST to the inbox; absent or empty allows any address. */
  inboxAllowedIps?: string[];
}

const FIELDS = ['wskey', 'secret', 'registryId', 'scopes'] as const;

/** Shortest accepted `inboxSecret`. */
export const MIN_INBOX_SECRET_LENGTH = 16;

/**
 * Parses the institutions JSON (object keyed by Alma `inst_code`).
 *
 * A numeric `registryId` is accepted and turned into a string.
 *
 * @param text JSON text.
 * @param source where it came from, for messages (a file name or env var name).
 * @returns the institutions, or a list of readable problems (never containing a secret).
 */
export function parseInstitutionsJson(
  text: string,
  source: string,
): Record<string, Institution> | string[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    // V8's message may quote the text around the error, which can be a secret: report the position only.
    const position = /position (\d+)/.exec((e as Error).message)?.[1];
    return [`${source} is not valid JSON${position ? ` (error near character ${position})` : ''}`];
  }
  if (!isPlainObject(data)) return [`${source} must be a JSON object keyed by inst_code`];
  const out: Record<string, Institution> = {};
  const problems: string[] = [];
  for (const [instCode, entry] of Object.entries(data)) {
    if (!isPlainObject(entry)) {
      problems.push(
        `${source}: institution "${instCode}" must be an object with ${FIELDS.join(', ')}`,
      );
      continue;
    }
    const registryId =
      typeof entry.registryId === 'number' ? String(entry.registryId) : entry.registryId;
    out[instCode] = { ...entry, registryId } as Institution;
  }
  problems.push(...validateInstitutions(out).map((p) => `${source}: ${p}`));
  return problems.length > 0 ? problems : out;
}

/**
 * Checks an institutions map: at least one entry, every field a non-empty
 * string, `registryId` all digits.
 *
 * @returns readable problems; empty when valid. Secrets are never quoted.
 */
export function validateInstitutions(institutions: unknown): string[] {
  if (!isPlainObject(institutions))
    return ['institutions must be an object keyed by inst_code (PROXY_INSTITUTIONS_FILE)'];
  const entries = Object.entries(institutions);
  if (entries.length === 0)
    return ['institutions must list at least one inst_code (PROXY_INSTITUTIONS_FILE)'];
  const problems: string[] = [];
  for (const [instCode, entry] of entries) {
    if (!instCode.trim()) problems.push('an institution has an empty inst_code');
    if (!isPlainObject(entry)) {
      problems.push(`institution "${instCode}" must be an object with ${FIELDS.join(', ')}`);
      continue;
    }
    for (const field of FIELDS) {
      const v = entry[field];
      if (typeof v !== 'string' || v.trim() === '')
        problems.push(`institution "${instCode}": "${field}" must be a non-empty string`);
    }
    if (
      typeof entry.registryId === 'string' &&
      entry.registryId.trim() !== '' &&
      !/^\d+$/.test(entry.registryId)
    ) {
      problems.push(
        `institution "${instCode}": "registryId" must be digits only, e.g. "128807" (got "${entry.registryId}")`,
      );
    }
    problems.push(...validateInboxFields(instCode, entry));
  }
  return problems;
}

function validateInboxFields(instCode: string, entry: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const secret = entry.inboxSecret;
  if (
    secret !== undefined &&
    (typeof secret !== 'string' || secret.length < MIN_INBOX_SECRET_LENGTH)
  ) {
    problems.push(
      `institution "${instCode}": "inboxSecret" must be a string of at least ${MIN_INBOX_SECRET_LENGTH} characters`,
    );
  }
  const symbol = entry.symbol;
  if (
    symbol !== undefined &&
    (typeof symbol !== 'string' || !/^[A-Za-z0-9$#@-]{1,32}$/.test(symbol))
  ) {
    problems.push(
      `institution "${instCode}": "symbol" must be an OCLC symbol such as "ABCDE" (got ${JSON.stringify(symbol)})`,
    );
  }
  const ips = entry.inboxAllowedIps;
  if (ips !== undefined) {
    if (!Array.isArray(ips))
      problems.push(
        `institution "${instCode}": "inboxAllowedIps" must be a list of IPs or CIDR ranges`,
      );
    else {
      for (const ip of ips) {
        if (typeof ip !== 'string' || parseIpRange(ip) === null) {
          problems.push(
            `institution "${instCode}": "inboxAllowedIps" entry ${JSON.stringify(ip)} is not an IP address or CIDR range (e.g. "192.0.2.10" or "192.0.2.0/24")`,
          );
        }
      }
    }
  }
  return problems;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
