/**
 * WorldShare (and proxy) failures in terms staff understand.
 * Sources: contracts/oclc-ill/failure-example.json (`{response: {error: {message, detail:
 * [{failureCode, fieldName}]}}}`), failureCodes.txt (30000 Missing, 30001 Invalid,
 * 30002 OutOfBounds, 30004 InvalidInstitutionSymbol, 30005 LenderNotSupplier, 140005 Unauthorized),
 * errorResponse.json (`{code: {type, value}, message}`, OCLC's 401), all documented by OCLC; and
 * the Cloud App proxy's own `{error: {code, message}}`, read by proxy-errors.ts (this project's
 * proxy lists its codes in proxy/src/error-codes.ts). docs/contracts.md, "WorldShare ILL Request
 * API" and "Proxy error codes".
 */
import { isKnownProxyErrorCode, readProxyErrorCode, type ProxyErrorCode } from './proxy-errors';

export type WorldShareProblemCode =
  | 'missing-field'
  /** OCLC's 30000 at `requester.requesterBilling.address...`: the library's billing address is not configured. */
  | 'billing-address-missing'
  /** The Cloud App proxy refused the call itself (see `proxyCode`). */
  | 'proxy-refused'
  | 'invalid-field'
  | 'out-of-bounds'
  | 'invalid-symbol'
  | 'lender-not-supplier'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'rate-limited'
  | 'server-error'
  | 'unavailable'
  | 'unknown';

/** One field-level failure as OCLC reports it. */
export interface WorldShareFieldFailure {
  failureCode: number | null;
  field: string | null;
  fieldLabel: string | null;
}

export interface WorldShareProblem {
  code: WorldShareProblemCode;
  /** OCLC's `fieldName` of the first failure, e.g. 'item.title'. */
  field: string | null;
  /** The same field in staff words: 'title', 'needed-by date', 'lender string'...; null when unknown. */
  fieldLabel: string | null;
  /** The same field as a translation key under `wsField.` (what the screen shows); null when unknown. */
  fieldKey?: WorldShareFieldKey | null;
  failureCode: number | null;
  /** The message the other side gave, for the details line; never contains credentials the app sent. */
  detail: string | null;
  /** Every field-level failure OCLC listed, in order (empty when none). */
  failures: WorldShareFieldFailure[];
  /** The proxy's own refusal code when the proxy (not WorldShare) refused and the app knows the code. */
  proxyCode?: ProxyErrorCode;
}

const FAILURE_CODES: Readonly<Record<number, WorldShareProblemCode>> = {
  30000: 'missing-field',
  30001: 'invalid-field',
  30002: 'out-of-bounds',
  30004: 'invalid-symbol',
  30005: 'lender-not-supplier',
  140005: 'forbidden',
};

/** A WorldShare field in staff words, as a key under `wsField.` in the translation files. */
export type WorldShareFieldKey =
  | 'title'
  | 'articleTitle'
  | 'author'
  | 'articleAuthor'
  | 'oclcNumber'
  | 'isbn'
  | 'issn'
  | 'volume'
  | 'issueDate'
  | 'pages'
  | 'publisher'
  | 'publicationDate'
  | 'publicationPlace'
  | 'edition'
  | 'verification'
  | 'citation'
  | 'needed'
  | 'referenceId'
  | 'requestStatus'
  | 'registryId'
  | 'serviceType'
  | 'lenderString'
  | 'maxCost'
  | 'billingAddress'
  | 'billing'
  | 'deliveryAddress'
  | 'delivery'
  | 'requester';

/**
 * WorldShare field paths (swagger.json names) -> translation key and English staff words; the
 * longest matching path wins.
 */
const FIELD_LABELS: ReadonlyArray<readonly [string, WorldShareFieldKey, string]> = [
  ['item.title', 'title', 'title'],
  ['item.articleTitle', 'articleTitle', 'article or chapter title'],
  ['item.author', 'author', 'author'],
  ['item.articleAuthor', 'articleAuthor', 'article or chapter author'],
  ['item.oclcNumber', 'oclcNumber', 'OCLC number'],
  ['item.isbn', 'isbn', 'ISBN'],
  ['item.issn', 'issn', 'ISSN'],
  ['item.issueVolume', 'volume', 'volume'],
  ['item.issueDate', 'issueDate', 'issue date'],
  ['item.pages', 'pages', 'pages'],
  ['item.publisherName', 'publisher', 'publisher'],
  ['item.publicationDate', 'publicationDate', 'publication date'],
  ['item.publicationPlace', 'publicationPlace', 'place of publication'],
  ['item.edition', 'edition', 'edition'],
  ['item.verification', 'verification', 'verification note'],
  ['item', 'citation', 'citation'],
  ['needed', 'needed', 'needed-by date'],
  ['referenceId', 'referenceId', 'Alma request id'],
  ['requestStatus', 'requestStatus', 'request status'],
  ['requester.institution', 'registryId', 'registry id'],
  ['requester.serviceType', 'serviceType', 'service type'],
  ['requester.supplierInfo', 'lenderString', 'lender string'],
  ['requester.requesterBilling.maximumCost', 'maxCost', 'maximum cost'],
  ['requester.requesterBilling.address', 'billingAddress', 'billing address'],
  ['requester.requesterBilling', 'billing', 'billing'],
  ['requester.requesterDelivery.address', 'deliveryAddress', 'delivery address'],
  ['requester.requesterDelivery', 'delivery', 'delivery'],
  ['requester', 'requester', 'requesting library'],
];

function fieldEntry(fieldName: string | null | undefined): (typeof FIELD_LABELS)[number] | null {
  if (typeof fieldName !== 'string' || fieldName.trim() === '') return null;
  const path = fieldName
    .trim()
    .replace(/^illRequest\./, '')
    .replace(/\[\d*\]/g, '');
  const lower = path.toLowerCase();
  let best: (typeof FIELD_LABELS)[number] | null = null;
  for (const entry of FIELD_LABELS) {
    const key = entry[0].toLowerCase();
    if (
      (lower === key || lower.startsWith(`${key}.`)) &&
      (best === null || entry[0].length > best[0].length)
    )
      best = entry;
  }
  return best;
}

/**
 * Staff words for an OCLC `fieldName` ('item.title' -> 'title',
 * 'requester.requesterBilling.address.address1' -> 'billing address'); null when not known.
 */
export function worldShareFieldLabel(fieldName: string | null | undefined): string | null {
  return fieldEntry(fieldName)?.[2] ?? null;
}

/** The translation key (under `wsField.`) of an OCLC `fieldName`; null when not known. */
export function worldShareFieldKey(
  fieldName: string | null | undefined,
): WorldShareFieldKey | null {
  return fieldEntry(fieldName)?.[1] ?? null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function integer(value: unknown): number | null {
  const n = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) ? n : null;
}

function codeFromStatus(status: number): WorldShareProblemCode {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status === 0 || status === 408 || status === 502 || status === 503 || status === 504)
    return 'unavailable';
  if (status >= 500 && status <= 599) return 'server-error';
  return 'unknown';
}

function parseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/**
 * Describes a failed WorldShare call from its HTTP status and body. Reads OCLC's ILL error
 * format (field failures with codes), OCLC's gateway errors (`{code, message}`), the proxy's
 * `{error: {code, message}}`, JSON text, plain text or nothing. The first field failure decides
 * `code`, `field` and `failureCode` (30000 at the billing address: 'billing-address-missing');
 * otherwise a proxy code the app knows (proxy-errors.ts; `proxyCode` is then set), otherwise the HTTP status
 * (401 unauthorized, 403 forbidden, 404 not-found, 429 rate-limited, 0/408/502/503/504
 * unavailable, other 5xx server-error, anything else unknown). Never throws.
 */
export function describeWorldShareError(status: number, body: unknown): WorldShareProblem {
  const httpStatus = typeof status === 'number' && Number.isFinite(status) ? status : 0;
  const data = parseBody(body);
  const problem: WorldShareProblem = {
    code: codeFromStatus(httpStatus),
    field: null,
    fieldLabel: null,
    failureCode: null,
    detail: typeof data === 'string' ? (text(data)?.slice(0, 500) ?? null) : null,
    failures: [],
  };
  if (!isObject(data)) return problem;

  const envelope = isObject(data['response']) ? data['response'] : data;
  const error = envelope['error'];
  if (isObject(error)) {
    problem.detail = text(error['message']) ?? problem.detail;
    const details = Array.isArray(error['detail'])
      ? error['detail']
      : isObject(error['detail'])
        ? [error['detail']]
        : [];
    for (const d of details) {
      if (!isObject(d)) continue;
      const field = text(d['fieldName']);
      problem.failures.push({
        failureCode: integer(d['failureCode']),
        field,
        fieldLabel: worldShareFieldLabel(field),
      });
    }
    const first = problem.failures[0];
    if (first) {
      problem.field = first.field;
      problem.fieldLabel = first.fieldLabel;
      problem.fieldKey = worldShareFieldKey(first.field);
      problem.failureCode = first.failureCode;
      const mapped = first.failureCode === null ? undefined : FAILURE_CODES[first.failureCode];
      // A 404 is "no such request" whatever field detail comes with it (the read-by-id path).
      if (mapped && httpStatus !== 404) {
        problem.code =
          mapped === 'missing-field' &&
          /^requester\.requesterBilling\.address(\.|$)/i.test(first.field ?? '')
            ? 'billing-address-missing'
            : mapped;
      } else if (problem.code === 'unknown' && first.field !== null) problem.code = 'invalid-field';
    }
    const proxyCode = text(error['code']);
    const reading = first ? null : readProxyErrorCode(proxyCode);
    if (reading && isKnownProxyErrorCode(proxyCode)) {
      problem.code = reading.problem;
      problem.proxyCode = proxyCode;
    }
    return problem;
  }

  // OCLC gateway form, e.g. {code: {type: 'http', value: '401'}, message: '...'}
  problem.detail = text(data['message']) ?? text(data['detail']) ?? problem.detail;
  const gatewayStatus = isObject(data['code'])
    ? integer(data['code']['value'])
    : integer(data['code']);
  if (problem.code === 'unknown' && gatewayStatus !== null)
    problem.code = codeFromStatus(gatewayStatus);
  return problem;
}
