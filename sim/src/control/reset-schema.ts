import { Ajv } from 'ajv';
import { ANALYTICS_COLUMNS } from '../alma/analytics-columns.js';
import { DEFAULT_USER, type ResetSpec } from '../seed/index.js';

const stringMap = { type: 'object' } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
const text = { type: 'string' } as const;
const nonEmpty = { type: 'string', minLength: 1 } as const;

/**
 * A list of records, each an object with every `required` field and `properties` as given. A
 * `closed` record refuses fields not named here, so a misspelt one fails loudly; an `open` one
 * (Alma's and OCLC's records, which carry many more) keeps them as they come.
 */
function listOf(
  required: string[],
  properties: Record<string, object>,
  fields: 'open' | 'closed' = 'open',
) {
  return {
    type: 'array',
    items: { type: 'object', additionalProperties: fields === 'open', required, properties },
  };
}

/** The fields of an INIT_DATA user (HostUser). */
const USER_PROPERTIES = {
  firstName: text,
  lastName: text,
  primaryId: text,
  currentlyAtLibCode: text,
  currentlyAtCircDesk: text,
  currentlyAtDept: text,
  isAdmin: { type: 'boolean' },
} as const;

/**
 * JSON schema of the `POST /__sim/reset` body. Unknown top-level names are refused, so a typo
 * (`request` for `requests`) fails loudly instead of silently reseeding.
 */
export const RESET_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    requests: listOf(['request_id'], { request_id: nonEmpty }),
    loans: listOf(['loan_id', 'user_id', 'item_barcode', 'due_date'], {
      loan_id: nonEmpty,
      user_id: nonEmpty,
      item_barcode: text,
      due_date: text,
      title: text,
    }),
    config: stringMap,
    settings: stringMap,
    store: stringMap,
    worldshare: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requests: listOf(['requestId'], { requestId: nonEmpty, requestStatus: text }),
        knownSuppliers: { type: 'array', items: { type: 'integer' } },
      },
    },
    faults: listOf(
      ['target', 'path'],
      {
        target: { enum: ['alma', 'oclc'] },
        method: text,
        path: text,
        status: { type: 'integer', minimum: 0, maximum: 599 },
        times: { type: 'integer', minimum: -1 },
        delayMs: nonNegative,
      },
      'closed',
    ),
    user: {
      type: 'object',
      additionalProperties: false,
      properties: USER_PROPERTIES,
    },
    users: listOf(
      ['primaryId'],
      { ...USER_PROPERTIES, primaryId: nonEmpty, settings: stringMap, store: stringMap },
      'closed',
    ),
    lang: text,
    apiDelayMs: nonNegative,
    almaRateLimit: { type: 'integer', minimum: 0 },
    cloudAppLimits: {
      type: 'object',
      additionalProperties: false,
      properties: {
        concurrent: { type: 'integer', minimum: 0 },
        perWindow: { type: 'integer', minimum: 0 },
        windowMs: { type: 'integer', minimum: 1 },
      },
    },
    analytics: {
      type: 'object',
      additionalProperties: false,
      properties: {
        reports: listOf(
          ['path', 'columns'],
          { path: nonEmpty, columns: { type: 'array', items: { enum: ANALYTICS_COLUMNS } } },
          'closed',
        ),
      },
    },
    partners: listOf(['code', 'name'], { code: nonEmpty, name: text }, 'closed'),
    codeTables: {
      type: 'object',
      additionalProperties: listOf(['code', 'description'], { code: nonEmpty, description: text }),
    },
    jwt: {
      type: 'object',
      additionalProperties: false,
      properties: {
        claims: { type: 'object' },
        expiresInSec: { type: 'number' },
        signWithForeignKey: { type: 'boolean' },
      },
    },
  },
} as const;

const ajv = new Ajv({ allErrors: true });
const validate = ajv.compile(RESET_SCHEMA);

/**
 * Checks a reset body. Returns the spec, or the list of problems (ajv messages with their JSON
 * pointers, plus fault paths that are not valid regular expressions).
 */
export function parseResetSpec(body: unknown): { spec: ResetSpec } | { errors: string[] } {
  const input = body ?? {};
  if (!validate(input)) {
    return {
      errors: (validate.errors ?? []).map(
        (e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`,
      ),
    };
  }
  const spec = input as ResetSpec;
  const errors: string[] = [];
  const defaultId = spec.user?.primaryId ?? DEFAULT_USER.primaryId;
  const seen = new Set<string>([defaultId]);
  spec.users?.forEach((u, i) => {
    if (seen.has(u.primaryId))
      errors.push(`/users/${i}/primaryId "${u.primaryId}" is already a staff user`);
    seen.add(u.primaryId);
  });
  spec.faults?.forEach((f, i) => {
    try {
      new RegExp(f.path);
    } catch {
      errors.push(`/faults/${i}/path is not a valid regular expression`);
    }
  });
  return errors.length ? { errors } : { spec };
}
