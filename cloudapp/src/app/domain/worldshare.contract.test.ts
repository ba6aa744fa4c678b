/**
 * Contract tests (node): the WorldShare ILL request bodies the app builds validate against OCLC's
 * published schema (contracts/oclc-ill/swagger.json, `IllRequestSingleRequestEnvelope`), made
 * stricter than OCLC's by forbidding unknown properties in every object; and the app reads OCLC's
 * published answer and error samples.
 * Run: node --import tsx --test cloudapp/src/app/domain/*.contract.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { buildIllRequest } from './citation-mapping';
import { CASES } from './testing/cases';
import { readContract } from './testing/contracts';
import { TODAY, configuredInstitution } from './testing/institution';
import { OCLC_SAMPLES } from './testing/oclc-samples';
import { describeWorldShareError } from './worldshare-errors';
import { parseIllRequestResponse } from './worldshare-request';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every object schema that lists its properties gets additionalProperties: false (OCLC's leaves it open). */
function forbidUnknownProperties(node: Json): Json {
  if (Array.isArray(node)) return node.map(forbidUnknownProperties);
  if (node === null || typeof node !== 'object') return node;
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(node)) out[key] = forbidUnknownProperties(value);
  if (
    out['type'] === 'object' &&
    out['properties'] !== undefined &&
    !('additionalProperties' in out)
  )
    out['additionalProperties'] = false;
  return out;
}

function envelopeValidator(): ValidateFunction {
  const swagger = JSON.parse(readContract('oclc-ill', 'swagger.json')) as { definitions: Json };
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile({
    definitions: forbidUnknownProperties(swagger.definitions),
    $ref: '#/definitions/IllRequestSingleRequestEnvelope',
  });
}

const validateEnvelope = envelopeValidator();

function schemaErrors(body: unknown): string[] {
  return validateEnvelope(body)
    ? []
    : (validateEnvelope.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

describe('request bodies validate against swagger.json IllRequestSingleRequestEnvelope (no unknown properties)', () => {
  it("the strict schema accepts OCLC's own sample body (the schema conversion is sound)", () => {
    assert.deepEqual(
      schemaErrors(JSON.parse(readContract('oclc-ill', 'illRequest-sample.json'))),
      [],
    );
  });

  it('the strict schema refuses an unknown property, an OCLC number as text, and a bad date-time', () => {
    const body = buildIllRequest(CASES[0]!.alma_request, configuredInstitution(), TODAY).body;
    assert.ok(schemaErrors({ illRequest: { ...body.illRequest, patronNote: 'x' } }).length > 0);
    assert.ok(
      schemaErrors({
        illRequest: {
          ...body.illRequest,
          item: { ...body.illRequest.item, oclcNumber: '1167925' },
        },
      }).length > 0,
    );
    assert.ok(
      schemaErrors({ illRequest: { ...body.illRequest, needed: '2026-12-31' } }).length > 0,
    );
  });

  for (const c of CASES) {
    const plan = buildIllRequest(c.alma_request, configuredInstitution(), TODAY);
    const label =
      plan.blocks.length === 0 ? 'exportable' : `preview only, blocked by ${plan.blocks[0]?.code}`;
    it(`case ${c.id} (${label})`, () => {
      assert.deepEqual(schemaErrors(plan.body), []);
    });
  }

  it('without lenders or a maximum cost', () => {
    const config = configuredInstitution();
    config.defaults.lenderString = '';
    config.defaults.maxCost = null;
    for (const c of CASES)
      assert.deepEqual(schemaErrors(buildIllRequest(c.alma_request, config, TODAY).body), [], c.id);
  });

  it('with every citation field filled', () => {
    const request = {
      ...CASES[1]!.alma_request,
      chapter_title: 'c',
      chapter_author: 'ca',
      editor: 'e',
      part: 'p',
      chapter: '3',
      pmid: '123',
      edition: '2nd',
      publisher: 'pub',
      place_of_publication: 'pl',
      oclc_number: 'ocm00012345',
      isbn: '9780226458083',
      specific_edition: true,
      requested_language: { value: 'eng', desc: 'English' },
    };
    assert.deepEqual(
      schemaErrors(buildIllRequest(request, configuredInstitution(), TODAY).body),
      [],
    );
  });
});

describe("the app reads OCLC's answer and error samples (contracts/oclc-ill)", () => {
  it('parseIllRequestResponse reads illRequestResponse.json', () => {
    const view = parseIllRequestResponse(
      JSON.parse(readContract('oclc-ill', 'illRequestResponse.json')),
    );
    assert.deepEqual(view, { requestId: '167513532', requestStatus: 'SUBMITTING' });
  });

  it('describeWorldShareError reads failure-example.json', () => {
    const problem = describeWorldShareError(
      400,
      JSON.parse(readContract('oclc-ill', 'failure-example.json')),
    );
    assert.equal(problem.code, 'billing-address-missing');
    assert.equal(problem.failureCode, 30000);
    assert.equal(problem.field, 'requester.requesterBilling.address.address1');
    assert.equal(problem.fieldLabel, 'billing address');
  });

  it('describeWorldShareError reads errorResponse.json', () => {
    const problem = describeWorldShareError(
      401,
      JSON.parse(readContract('oclc-ill', 'errorResponse.json')),
    );
    assert.equal(problem.code, 'unauthorized');
    assert.equal(problem.detail, 'No valid authentication credentials found in request');
  });

  it('describeWorldShareError knows every business-validation code in failureCodes.txt', () => {
    const text = readContract('oclc-ill', 'failureCodes.txt');
    const codes = [...text.matchAll(/\w+\((\d+), "(\w+)"[^)]*BUSINESS_VALIDATION\)/g)].map(
      (m) => [Number(m[1]), m[2]] as const,
    );
    const expected: Record<string, string> = {
      Missing: 'missing-field',
      Invalid: 'invalid-field',
      OutOfBounds: 'out-of-bounds',
      InvalidInstitutionSymbol: 'invalid-symbol',
      LenderNotSupplier: 'lender-not-supplier',
      UnauthorizedException: 'forbidden',
    };
    assert.ok(codes.length >= 6);
    for (const [failureCode, name] of codes) {
      const problem = describeWorldShareError(400, {
        response: { error: { detail: [{ failureCode, fieldName: 'item.title' }] } },
      });
      assert.equal(problem.code, expected[name] ?? 'invalid-field', `${failureCode} ${name}`);
    }
  });

  for (const [file, copy] of Object.entries(OCLC_SAMPLES)) {
    it(`the browser specs' copy of ${file} equals the file`, () => {
      assert.deepEqual(copy, JSON.parse(readContract('oclc-ill', file)));
    });
  }
});
