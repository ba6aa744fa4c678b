/**
 * Contract tests (node): the ISO 18626 messages the app builds validate against the published
 * ISO 18626 v1.2 schema (contracts/iso18626/ISO-18626-v1_2.xsd, checked by libxml2's xmllint),
 * and the app reads every sample message OCLC published next to it.
 * Run: node --import tsx --test cloudapp/src/app/domain/*.contract.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateXML } from 'xmllint-wasm';
import {
  buildRequestingAgencyMessage,
  parseIsoMessage,
  type RequestingAgencyMessageInput,
} from './iso18626';
import { listContracts, readContract } from './testing/contracts';
import { ISO_SAMPLES } from './testing/iso-samples';

const XSD = readContract('iso18626', 'ISO-18626-v1_2.xsd');
const ACTIONS = [
  'Renew',
  'Cancel',
  'StatusRequest',
  'Notification',
  'Received',
  'ShippedReturn',
] as const;

const BASE: RequestingAgencyMessageInput = {
  action: 'Renew',
  requestingAgencyId: { type: 'OCLC', value: 'ZZA' },
  supplyingAgencyId: { type: 'OCLC', value: 'ZZB' },
  requestingAgencyRequestId: '168134581',
  timestamp: '2026-11-30T10:15:00Z',
};

async function schemaErrors(xml: string, fileName = 'message.xml'): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [{ fileName: 'ISO-18626-v1_2.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.rawMessage);
}

describe('ISO 18626 messages the app builds validate against ISO-18626-v1_2.xsd', () => {
  for (const action of ACTIONS) {
    it(`${action}, required fields only`, async () => {
      assert.deepEqual(await schemaErrors(buildRequestingAgencyMessage({ ...BASE, action })), []);
    });

    it(`${action}, with supplyingAgencyRequestId and a note`, async () => {
      const xml = buildRequestingAgencyMessage({
        ...BASE,
        action,
        supplyingAgencyRequestId: 'Requesting-ID-1',
        note: `${action} requested by staff`,
      });
      assert.deepEqual(await schemaErrors(xml), []);
    });

    it(`${action}, with special characters everywhere text goes`, async () => {
      const xml = buildRequestingAgencyMessage({
        ...BASE,
        action,
        requestingAgencyId: { type: 'ISIL', value: 'US-<&>"\'' },
        requestingAgencyRequestId: 'A&B <1> "x"',
        supplyingAgencyRequestId: 'Ærø 中文 “q”',
        note: 'Renew <please> & thank you, "Ærø" \'中文\' — 5 > 4\nsecond line\u0007',
        timestamp: '2026-11-30T10:15:00.123Z',
      });
      assert.deepEqual(await schemaErrors(xml), []);
      const parsed = parseIsoMessage(xml);
      assert.equal(parsed.kind, 'requestingAgencyMessage');
      assert.equal(
        parsed.kind === 'requestingAgencyMessage' && parsed.note,
        'Renew <please> & thank you, "Ærø" \'中文\' — 5 > 4\nsecond line',
      );
    });
  }

  it('the validator really checks order: a header with timestamp before multipleItemRequestId is refused', async () => {
    const good = buildRequestingAgencyMessage(BASE);
    const swapped = good.replace(
      /(<ns1:multipleItemRequestId><\/ns1:multipleItemRequestId>)(<ns1:timestamp>[^<]*<\/ns1:timestamp>)/,
      '$2$1',
    );
    assert.notEqual(swapped, good);
    const errors = await schemaErrors(swapped);
    assert.ok(errors.length > 0, 'expected schema errors');
  });

  it('the validator really checks values: an unknown action is refused', async () => {
    const bad = buildRequestingAgencyMessage(BASE).replace(
      '<ns1:action>Renew</ns1:action>',
      '<ns1:action>Explode</ns1:action>',
    );
    assert.ok((await schemaErrors(bad)).length > 0);
  });
});

describe("the app reads OCLC's ISO 18626 samples (contracts/iso18626/*.xml)", () => {
  const expectedKind: Record<string, string> = {
    'RequestConfirmationSampleError.xml': 'confirmation',
    'RequestFullWSILLMappingSample1.xml': 'request',
    'RequestingAgencyMessageCancel.xml': 'requestingAgencyMessage',
    'RequestingAgencyMessageConfirmationSample1.xml': 'confirmation',
    'RequestingAgencyMessageRenew.xml': 'requestingAgencyMessage',
    'SupplyingAgencyMessageCancelYes.xml': 'supplyingAgencyMessage',
    'SupplyingAgencyMessageLoaned.xml': 'supplyingAgencyMessage',
    'SupplyingAgencyMessageRenewYes.xml': 'supplyingAgencyMessage',
  };
  const files = listContracts('iso18626', '.xml');

  it('knows every sample file', () => {
    assert.deepEqual(files, Object.keys(expectedKind).sort());
  });

  for (const file of files) {
    it(`parses ${file}`, () => {
      const message = parseIsoMessage(readContract('iso18626', file));
      assert.equal(message.kind, expectedKind[file]);
    });

    it(`the browser specs' copy of ${file} is verbatim`, () => {
      assert.equal(ISO_SAMPLES[file], readContract('iso18626', file));
    });
  }

  it('reads the renewal approval due date as the lender meant it', () => {
    const m = parseIsoMessage(readContract('iso18626', 'SupplyingAgencyMessageRenewYes.xml'));
    assert.equal(m.kind, 'supplyingAgencyMessage');
    assert.equal(m.kind === 'supplyingAgencyMessage' && m.answerYesNo, 'Y');
    assert.equal(m.kind === 'supplyingAgencyMessage' && m.dueDate, '2021-02-24');
  });
});
