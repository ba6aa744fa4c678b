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
}

const FIELDS = ['wskey', 'secret', 'registryId', 'scopes'] as const;

/**
 * Parses the institutions JSON (object keyed by Alma `inst_code`).
 *
 * A numeric `registryId` is accepted and turned into a string.
 *
 * @param text JSON text.
 * @param source where it came from, for messages (a file name or env var name).
 * @returns the institutions, or a list of readable problems (never containing a secret).
 */
export function parseInstitutionsJson(text: string, source: string): Record<string, Institution> | string[] {
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
      problems.push(`${source}: institution "${instCode}" must be an object with ${FIELDS.join(', ')}`);
      continue;
    }
    const registryId = typeof entry.registryId === 'number' ? String(entry.registryId) : entry.registryId;
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
  if (!isPlainObject(institutions)) return ['institutions must be an object keyed by inst_code (PROXY_INSTITUTIONS_FILE)'];
  const entries = Object.entries(institutions);
  if (entries.length === 0) return ['institutions must list at least one inst_code (PROXY_INSTITUTIONS_FILE)'];
  const problems: string[] = [];
  for (const [instCode, entry] of entries) {
    if (!instCode.trim()) problems.push('an institution has an empty inst_code');
    if (!isPlainObject(entry)) {
      problems.push(`institution "${instCode}" must be an object with ${FIELDS.join(', ')}`);
      continue;
    }
    for (const field of FIELDS) {
      const v = entry[field];
      if (typeof v !== 'string' || v.trim() === '') problems.push(`institution "${instCode}": "${field}" must be a non-empty string`);
    }
    if (typeof entry.registryId === 'string' && entry.registryId.trim() !== '' && !/^\d+$/.test(entry.registryId)) {
      problems.push(`institution "${instCode}": "registryId" must be digits only, e.g. "128807" (got "${entry.registryId}")`);
    }
  }
  return problems;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
