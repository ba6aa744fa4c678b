import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  buildRequestingAgencyMessageConfirmation,
  buildSupplyingAgencyMessage,
  parseIsoMessage,
  type IsoHeader,
} from './iso18626-xml.js';
import { validateIso18626 } from './iso18626-xsd.js';
import { contract } from './test-support.js';

const sampleFiles = readdirSync(
  fileURLToPath(new URL('../../../contracts/iso18626/', import.meta.url)),
).filter((f) => f.endsWith('.xml'));

const header: IsoHeader = {
  supplyingAgencyId: { type: 'ISIL', value: 'OCLC-BCDEF' },
  requestingAgencyId: { type: 'ISIL', value: 'OCLC-ABCDE' },
  multipleItemRequestId: '',
  timestamp: '2027-01-02T03:04:05Z',
  requestingAgencyRequestId: 'A&B <ref> "1"',
};

describe('ISO 18626 validator (contracts/iso18626/ISO-18626-v1_2.xsd)', () => {
  it('finds OCLC samples to check', () => {
    assert.ok(sampleFiles.includes('SupplyingAgencyMessageRenewYes.xml'));
    assert.ok(sampleFiles.length >= 8);
  });

  for (const file of sampleFiles) {
    it(`accepts OCLC's sample ${file}`, async () => {
      assert.deepEqual(await validateIso18626(contract(`iso18626/${file}`)), {
        valid: true,
        errors: [],
      });
    });
  }

  it('refuses XML that is not well-formed', async () => {
    const result = await validateIso18626(
      contract('iso18626/RequestingAgencyMessageRenew.xml').replace('</ns1:action>', ''),
    );
    assert.equal(result.valid, false);
    assert.ok(result.errors.length > 0);
  });

  it('refuses a well-formed message that breaks the schema (missing header, wrong namespace, unknown action)', async () => {
    const renew = contract('iso18626/RequestingAgencyMessageRenew.xml');
    for (const broken of [
      renew.replace(/<ns1:header>[\s\S]*<\/ns1:header>/, ''),
      renew.replace('http://illtransactions.org/2013/iso18626', 'http://example.org/other'),
      renew.replace('>Renew<', '>Extend<'),
      '<ISO18626Message/>',
    ]) {
      assert.equal((await validateIso18626(broken)).valid, false, broken.slice(0, 80));
    }
  });
});

describe('ISO 18626 messages the fake builds', () => {
  it('supplyingAgencyMessage: valid, escapes text, and reads back', async () => {
    const xml = buildSupplyingAgencyMessage({
      inReplyTo: header,
      supplyingAgencyRequestId: '168134644',
      timestamp: '2027-01-02T03:05:00Z',
      reasonForMessage: 'RenewResponse',
      answerYesNo: 'Y',
      note: 'Loan condition: <none> & no fee',
      status: 'Loaned',
      dueDate: '2027-04-01T05:00:00Z',
      lastChange: '2027-01-02T03:05:00Z',
    });
    assert.deepEqual((await validateIso18626(xml)).errors, []);
    const parsed = parseIsoMessage(xml);
    assert.deepEqual(parsed?.header, {
      ...header,
      timestamp: '2027-01-02T03:05:00Z',
      supplyingAgencyRequestId: '168134644',
    });
    assert.equal(parsed?.reasonForMessage, 'RenewResponse');
    assert.equal(parsed?.answerYesNo, 'Y');
    assert.equal(parsed?.dueDate, '2027-04-01T05:00:00Z');
    assert.match(xml, /Loan condition: &lt;none&gt; &amp; no fee/);
  });

  it('supplyingAgencyMessage keeps the borrower’s supplyingAgencyRequestId when given', () => {
    const xml = buildSupplyingAgencyMessage({
      inReplyTo: { ...header, supplyingAgencyRequestId: 'S-1' },
      supplyingAgencyRequestId: '168134644',
      timestamp: '2027-01-02T03:05:00Z',
      reasonForMessage: 'StatusRequestResponse',
      status: 'Loaned',
      lastChange: '2027-01-02T03:05:00Z',
    });
    assert.equal(parseIsoMessage(xml)?.header?.supplyingAgencyRequestId, 'S-1');
  });

  it('requestingAgencyMessageConfirmation: OK with header, and ERROR without one, both valid', async () => {
    const ok = buildRequestingAgencyMessageConfirmation({
      confirmed: header,
      timestamp: '2027-01-02T03:05:00Z',
      timestampReceived: header.timestamp,
      messageStatus: 'OK',
      action: 'Cancel',
    });
    const error = buildRequestingAgencyMessageConfirmation({
      timestamp: '2027-01-02T03:05:00Z',
      timestampReceived: '2027-01-02T03:05:00Z',
      messageStatus: 'ERROR',
      error: { type: 'BadlyFormedMessage', value: "parser error: '<' & friends" },
    });
    assert.deepEqual((await validateIso18626(ok)).errors, []);
    assert.deepEqual((await validateIso18626(error)).errors, []);
    assert.equal(parseIsoMessage(ok)?.action, 'Cancel');
    assert.equal(parseIsoMessage(error)?.kind, 'requestingAgencyMessageConfirmation');
  });

  it('parses OCLC sample messages', () => {
    const renew = parseIsoMessage(contract('iso18626/RequestingAgencyMessageRenew.xml'));
    assert.equal(renew?.kind, 'requestingAgencyMessage');
    assert.equal(renew?.action, 'Renew');
    assert.equal(renew?.header?.requestingAgencyRequestId, '168134581');
    assert.equal(renew?.header?.supplyingAgencyRequestId, 'Requesting-ID-1');
    assert.deepEqual(renew?.header?.supplyingAgencyId, { type: 'ISIL', value: 'OCLC-ABCDE' });
    const cancelYes = parseIsoMessage(contract('iso18626/SupplyingAgencyMessageCancelYes.xml'));
    assert.deepEqual(
      [cancelYes?.reasonForMessage, cancelYes?.answerYesNo, cancelYes?.status],
      ['CancelResponse', 'Y', 'Cancelled'],
    );
    assert.equal(parseIsoMessage('not xml <'), undefined);
    assert.equal(parseIsoMessage('<other/>'), undefined);
  });
});
