/**
 * Contract tests (node): the ISO 18626 messages the library sends about an exported request have the
 * header OCLC's published Renew and Cancel samples show (contracts/iso18626/RequestingAgencyMessage*.xml)
 * and validate against ISO-18626-v1_2.xsd.
 * Run: node --import tsx --test cloudapp/src/app/domain/iso-exchange.contract.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { readContract } from './testing/contracts';
import { configuredInstitution } from './testing/institution';
import type { BorrowingRequest } from './alma-request';
import { SUPPLYING_AGENCY_SYMBOL, WORLDSHARE_ID_SLOT, borrowerMessage } from './iso-exchange';

const XSD = readContract('iso18626', 'ISO-18626-v1_2.xsd');
const SAMPLES = {
  Renew: readContract('iso18626', 'RequestingAgencyMessageRenew.xml'),
  Cancel: readContract('iso18626', 'RequestingAgencyMessageCancel.xml'),
};

const config = configuredInstitution();
const request = { request_id: '1987654320059', external_id: '168134581' } as BorrowingRequest;
const NOW = new Date('2026-11-30T10:15:00.123Z');

type Node = Record<string, unknown>;
const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  preserveOrder: false,
});

/** The header of a requestingAgencyMessage: its element names in order, and the parsed element. */
function headerOf(xml: string): { names: string[]; header: Node } {
  const header = ((parser.parse(xml) as Node)['ISO18626Message'] as Node)[
    'requestingAgencyMessage'
  ] as Node;
  const h = header['header'] as Node;
  return { names: Object.keys(h), header: h };
}

async function schemaErrors(xml: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: 'ISO-18626-v1_2.xsd', contents: XSD }],
  });
  return result.errors.map((e) => e.rawMessage);
}

describe("ISO 18626 headers of the messages the library sends, as in OCLC's samples", () => {
  it("the WorldShare id goes where OCLC's Renew and Cancel samples put it (the default slot)", () => {
    assert.equal(WORLDSHARE_ID_SLOT, 'requestingAgencyRequestId');
    for (const sample of Object.values(SAMPLES))
      assert.match(String(headerOf(sample).header['requestingAgencyRequestId']), /^\d+$/);
  });

  for (const action of ['Renew', 'Cancel', 'StatusRequest'] as const) {
    it(`${action}: ISIL agency ids OCLC-<symbol>, the WorldShare id in requestingAgencyRequestId, schema-valid`, async () => {
      const xml = borrowerMessage(action, request, '168134581', config, NOW);
      assert.deepEqual(await schemaErrors(xml), []);
      const { names, header } = headerOf(xml);
      // The Cancel sample's header, element for element (the Renew sample adds a placeholder supplyingAgencyRequestId).
      assert.deepEqual(names, headerOf(SAMPLES.Cancel).names);
      assert.deepEqual(
        headerOf(SAMPLES.Renew).names.filter((n) => n !== 'supplyingAgencyRequestId'),
        names,
      );
      for (const [which, value] of [
        ['requestingAgencyId', 'OCLC-SIM'],
        ['supplyingAgencyId', `OCLC-${SUPPLYING_AGENCY_SYMBOL}`],
      ] as const) {
        const agency = header[which] as Node;
        const type = agency['agencyIdType'] as Node;
        assert.equal(type['#text'], 'ISIL', which);
        assert.equal(
          type['@scheme'],
          'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0',
          which,
        );
        assert.equal(agency['agencyIdValue'], value, which);
      }
      assert.equal(header['requestingAgencyRequestId'], '168134581');
      assert.equal(header['timestamp'], '2026-11-30T10:15:00Z');
      assert.ok(!xml.includes(request.request_id), 'the Alma request id is not sent');
    });
  }

  it('the other slot, when a library must move it: WorldShare id in supplyingAgencyRequestId, Alma id as the requesting id', async () => {
    const xml = borrowerMessage(
      'Renew',
      request,
      '168134581',
      config,
      NOW,
      'supplyingAgencyRequestId',
    );
    assert.deepEqual(await schemaErrors(xml), []);
    const { header } = headerOf(xml);
    assert.equal(header['supplyingAgencyRequestId'], '168134581');
    assert.equal(header['requestingAgencyRequestId'], '1987654320059');
  });

  it("refuses to build without the institution's OCLC symbol or a WorldShare id", () => {
    const noSymbol = { ...config, worldshare: { ...config.worldshare, symbol: ' ' } };
    assert.throws(() => borrowerMessage('Renew', request, '168134581', noSymbol, NOW), RangeError);
    assert.throws(() => borrowerMessage('Renew', request, '', config, NOW), RangeError);
  });
});
