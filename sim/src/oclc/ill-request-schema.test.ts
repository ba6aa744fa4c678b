import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldPath, strictDefinitions, validateIllRequestEnvelope } from './ill-request-schema.js';
import { contract, sampleCreateBody } from './test-support.js';

describe('ILL request schema from swagger.json', () => {
  const definitions = JSON.parse(contract('oclc-ill/swagger.json')).definitions;

  it('closes every object with properties, and leaves explicit additionalProperties alone', () => {
    const strict = strictDefinitions(definitions);
    assert.equal(strict.Item.additionalProperties, false);
    const properties = (name: string) =>
      (strict[name] as { properties: Record<string, Record<string, unknown>> }).properties;
    assert.equal(properties('IllRequest').requester.$ref, '#/definitions/Requester');
    assert.deepEqual(properties('ResponseEntity').headers.additionalProperties, {
      type: 'array',
      items: { type: 'string' },
    });
    assert.equal(properties('ResponseEntity').body.additionalProperties, undefined);
    assert.equal(
      definitions.Item.additionalProperties,
      undefined,
      'the published definitions are not modified',
    );
  });

  it('accepts OCLC sample create body as published', () => {
    assert.deepEqual(
      validateIllRequestEnvelope(JSON.parse(contract('oclc-ill/illRequest-sample.json'))),
      [],
    );
    assert.deepEqual(validateIllRequestEnvelope(sampleCreateBody()), []);
  });

  it('names the failing field inside illRequest', () => {
    assert.deepEqual(validateIllRequestEnvelope({ illRequest: { item: { title: 7 } } }), [
      { failureCode: 140004, fieldName: 'item.title' },
    ]);
    assert.deepEqual(validateIllRequestEnvelope({ request: {} }), [
      { failureCode: 140001, fieldName: 'request' },
    ]);
    assert.deepEqual(validateIllRequestEnvelope([]), [{ failureCode: 140004, fieldName: 'body' }]);
  });

  it('writes paths the way OCLC does', () => {
    assert.equal(
      fieldPath(['illRequest', 'requester', 'requesterBilling', 'address', 'address1']),
      'requester.requesterBilling.address.address1',
    );
    assert.equal(
      fieldPath(['illRequest', 'requester', 'supplierInfo', 'institutions', '0', 'institutionId']),
      'requester.supplierInfo.institutions[0].institutionId',
    );
    assert.equal(fieldPath(['illRequest']), 'illRequest');
    assert.equal(fieldPath([]), 'body');
  });
});
