import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { readContract } from './contracts.js';
import { FailureCode, type FailureDetail } from './oclc-errors.js';

type JsonSchema = Record<string, unknown>;

/**
 * Turns the swagger 2.0 `definitions` of contracts/oclc-ill/swagger.json into JSON Schema.
 *
 * Swagger 2.0 definitions are draft-04-like, so `$ref: '#/definitions/X'` resolves unchanged once the
 * definitions sit under the root schema. One deliberate change: every object that lists `properties`
 * and says nothing about extra ones gets `additionalProperties: false`. That is STRICTER than OCLC's
 * published schema (and than OCLC's server, which is not known to refuse unknown fields): it makes a
 * misspelt field name fail here instead of being silently dropped by WorldShare.
 */
export function strictDefinitions(
  definitions: Record<string, JsonSchema>,
): Record<string, JsonSchema> {
  const close = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(close);
    if (!node || typeof node !== 'object') return node;
    const out: JsonSchema = {};
    for (const [k, v] of Object.entries(node)) out[k] = close(v);
    if (out.type === 'object' && out.properties && out.additionalProperties === undefined)
      out.additionalProperties = false;
    return out;
  };
  return close(definitions) as Record<string, JsonSchema>;
}

let validator: ValidateFunction | undefined;

function envelopeValidator(): ValidateFunction {
  if (!validator) {
    const swagger = JSON.parse(readContract('oclc-ill/swagger.json')) as {
      definitions: Record<string, JsonSchema>;
    };
    // Formats (int64, int32, date-time) are not checked: int64 is unknown to JSON Schema, and the
    // business rules read `needed` themselves so a bad date gets OCLC's own failure code.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    validator = ajv.compile({
      $ref: '#/definitions/IllRequestSingleRequestEnvelope',
      definitions: strictDefinitions(swagger.definitions),
    });
  }
  return validator;
}

/**
 * Validates a create body against `#/definitions/IllRequestSingleRequestEnvelope` (made strict, see
 * `strictDefinitions`). Returns OCLC-style failure details, empty when valid:
 * - a field the schema does not know -> 140001 CannotReadInputException (assumed: how a strict
 *   JSON reader would refuse it);
 * - a value of the wrong type -> 140004 DataConversionException (assumed).
 * `fieldName` is the dotted path inside `illRequest` as in OCLC's failure-example.json
 * (`requester.requesterBilling.address.address1`), arrays as `institutions[0]`.
 */
export function validateIllRequestEnvelope(body: unknown): FailureDetail[] {
  const validate = envelopeValidator();
  if (validate(body)) return [];
  const details: FailureDetail[] = [];
  for (const error of validate.errors ?? []) {
    const detail = toFailureDetail(error);
    if (
      !details.some((d) => d.failureCode === detail.failureCode && d.fieldName === detail.fieldName)
    )
      details.push(detail);
  }
  return details;
}

function toFailureDetail(error: ErrorObject): FailureDetail {
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (error.keyword === 'additionalProperties') {
    segments.push(String((error.params as { additionalProperty: string }).additionalProperty));
    return { failureCode: FailureCode.CannotReadInput, fieldName: fieldPath(segments) };
  }
  return { failureCode: FailureCode.DataConversion, fieldName: fieldPath(segments) };
}

/** `['illRequest','requester','supplierInfo','institutions','0','institutionId']` -> `requester.supplierInfo.institutions[0].institutionId`. */
export function fieldPath(segments: string[]): string {
  const inside = segments[0] === 'illRequest' ? segments.slice(1) : segments;
  if (segments.length === 0) return 'body';
  if (inside.length === 0) return 'illRequest';
  return inside.reduce(
    (path, s) => (/^\d+$/.test(s) ? `${path}[${s}]` : path ? `${path}.${s}` : s),
    '',
  );
}
