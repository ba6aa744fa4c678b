import { Ajv } from 'ajv';
import { DEFAULT_USER, type ResetSpec } from '../seed/index.js';

const stringMap = { type: 'object' } as const;
const nonNegative = { type: 'number', minimum: 0 } as const;
/** The fields of an INIT_DATA user (HostUser). */
const USER_PROPERTIES = {
  firstName: { type: 'string' },
  lastName: { type: 'string' },
  primaryId: { type: 'string' },
  currentlyAtLibCode: { type: 'string' },
  currentlyAtCircDesk: { type: 'string' },
  currentlyAtDept: { type: 'string' },
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
    requests: {
      type: 'array',
      items: {
        type: 'object',
        required: ['request_id'],
        properties: { request_id: { type: 'string', minLength: 1 } },
      },
    },
    loans: {
      type: 'array',
      items: {
        type: 'object',
        required: ['loan_id', 'user_id', 'item_barcode', 'due_date'],
        properties: {
          loan_id: { type: 'string', minLength: 1 },
          user_id: { type: 'string', minLength: 1 },
          item_barcode: { type: 'string' },
          due_date: { type: 'string' },
          title: { type: 'string' },
        },
      },
    },
    config: stringMap,
    settings: stringMap,
    store: stringMap,
    worldshare: {
      type: 'object',
      additionalProperties: false,
      properties: {
        requests: {
          type: 'array',
          items: {
            type: 'object',
            required: ['requestId'],
            properties: {
              requestId: { type: 'string', minLength: 1 },
              requestStatus: { type: 'string' },
            },
          },
        },
        knownSuppliers: { type: 'array', items: { type: 'integer' } },
      },
    },
    faults: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['target', 'path'],
        properties: {
          target: { enum: ['alma', 'oclc'] },
          method: { type: 'string' },
          path: { type: 'string' },
          status: { type: 'integer', minimum: 0, maximum: 599 },
          times: { type: 'integer', minimum: -1 },
          delayMs: nonNegative,
        },
      },
    },
    user: {
      type: 'object',
      additionalProperties: false,
      properties: USER_PROPERTIES,
    },
    users: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['primaryId'],
        properties: {
          ...USER_PROPERTIES,
          primaryId: { type: 'string', minLength: 1 },
          settings: stringMap,
          store: stringMap,
        },
      },
    },
    lang: { type: 'string' },
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
        reports: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'columns'],
            properties: {
              path: { type: 'string', minLength: 1 },
              columns: {
                type: 'array',
                items: {
                  enum: [
                    'requestId',
                    'userId',
                    'externalId',
                    'partnerCode',
                    'status',
                    'lastModified',
                    'title',
                  ],
                },
              },
            },
          },
        },
      },
    },
    partners: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'name'],
        properties: { code: { type: 'string', minLength: 1 }, name: { type: 'string' } },
      },
    },
    codeTables: {
      type: 'object',
      additionalProperties: {
        type: 'array',
        items: {
          type: 'object',
          required: ['code', 'description'],
          properties: { code: { type: 'string', minLength: 1 }, description: { type: 'string' } },
        },
      },
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
