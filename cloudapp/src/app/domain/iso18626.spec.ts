import {
  ISO18626_NAMESPACE,
  Iso18626FormatError,
  buildRequestingAgencyMessage,
  parseIsoMessage,
  type IsoMessage,
  type RequestingAgencyMessageInput,
} from './iso18626';
import { ISO_SAMPLES } from './testing/iso-samples';

const RENEW: RequestingAgencyMessageInput = {
  action: 'Renew',
  requestingAgencyId: { type: 'OCLC', value: 'ZZA' },
  supplyingAgencyId: { type: 'OCLC', value: 'ZZB' },
  requestingAgencyRequestId: '168134581',
  supplyingAgencyRequestId: 'Requesting-ID-1',
  timestamp: '2026-11-30T10:15:00Z',
};

function sample(name: string): string {
  const xml = ISO_SAMPLES[name];
  if (xml === undefined) throw new Error(`no sample ${name}`);
  return xml;
}

function expectFormatError(xml: string, message: RegExp): void {
  expect(() => parseIsoMessage(xml)).toThrowMatching(
    (e) =>
      e instanceof Iso18626FormatError &&
      e.name === 'Iso18626FormatError' &&
      message.test(e.message),
  );
}

/** OCLC's RenewYes sample rewritten to use the default namespace instead of the ns1 prefix. */
function withDefaultNamespace(xml: string): string {
  return xml
    .replace(/<(\/?)ns1:/g, '<$1')
    .replace(/ ns1:(version|scheme)=/g, ' $1=')
    .replace('xmlns:ns1=', 'xmlns=');
}

describe('iso18626', () => {
  describe('buildRequestingAgencyMessage', () => {
    it('builds a v1.2 message in the ISO 18626 namespace', () => {
      const xml = buildRequestingAgencyMessage(RENEW);
      expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBeTrue();
      expect(xml).toContain(
        `<ns1:ISO18626Message xmlns:ns1="${ISO18626_NAMESPACE}" ns1:version="v1_2_2017">`,
      );
      expect(xml).toContain('<ns1:action>Renew</ns1:action>');
    });

    it('writes the header in the order the schema requires', () => {
      const xml = buildRequestingAgencyMessage(RENEW);
      const order = [
        '<ns1:header>',
        '<ns1:supplyingAgencyId>',
        '<ns1:requestingAgencyId>',
        '<ns1:multipleItemRequestId>',
        '<ns1:timestamp>2026-11-30T10:15:00Z</ns1:timestamp>',
        '<ns1:requestingAgencyRequestId>168134581</ns1:requestingAgencyRequestId>',
        '<ns1:supplyingAgencyRequestId>Requesting-ID-1</ns1:supplyingAgencyRequestId>',
        '</ns1:header>',
        '<ns1:action>',
      ];
      const positions = order.map((tag) => xml.indexOf(tag));
      expect(positions).not.toContain(-1);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      expect(xml).toContain(
        '<ns1:supplyingAgencyId><ns1:agencyIdType ns1:scheme="http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0">OCLC</ns1:agencyIdType><ns1:agencyIdValue>ZZB</ns1:agencyIdValue></ns1:supplyingAgencyId>',
      );
    });

    it('round-trips every action, with and without the optional fields', () => {
      for (const action of [
        'Renew',
        'Cancel',
        'StatusRequest',
        'Notification',
        'Received',
        'ShippedReturn',
      ] as const) {
        const full = parseIsoMessage(
          buildRequestingAgencyMessage({ ...RENEW, action, note: `${action} please` }),
        );
        expect(full)
          .withContext(action)
          .toEqual({
            kind: 'requestingAgencyMessage',
            action,
            requestingAgencyRequestId: '168134581',
            supplyingAgencyRequestId: 'Requesting-ID-1',
            note: `${action} please`,
          });
        const bare = buildRequestingAgencyMessage({
          ...RENEW,
          action,
          supplyingAgencyRequestId: undefined,
        });
        expect(bare).not.toContain('supplyingAgencyRequestId');
        expect(bare).not.toContain('<ns1:note>');
        expect(parseIsoMessage(bare)).withContext(action).toEqual({
          kind: 'requestingAgencyMessage',
          action,
          requestingAgencyRequestId: '168134581',
          supplyingAgencyRequestId: null,
          note: null,
        });
      }
    });

    it('escapes special characters so a note with <&"\' round-trips', () => {
      const note = 'Renew <please> & thank you, "Ærø" \'中文\' — 5 > 4';
      const xml = buildRequestingAgencyMessage({
        ...RENEW,
        note,
        requestingAgencyRequestId: 'A&B<1>',
      });
      expect(xml).not.toContain('<please>');
      expect(xml).toContain('&lt;please&gt; &amp; thank you');
      const parsed = parseIsoMessage(xml);
      expect(parsed.kind === 'requestingAgencyMessage' && parsed.note).toBe(note);
      expect(parsed.kind === 'requestingAgencyMessage' && parsed.requestingAgencyRequestId).toBe(
        'A&B<1>',
      );
    });

    it('writes the note in Unicode NFC', () => {
      const xml = buildRequestingAgencyMessage({ ...RENEW, note: 'Merci, re\u0301ponse rapide' });
      expect(xml).toContain('<ns1:note>Merci, r\u00e9ponse rapide</ns1:note>');
      expect(xml).not.toMatch(/\u0301/);
    });

    it('drops characters XML cannot carry instead of writing a broken document', () => {
      const xml = buildRequestingAgencyMessage({ ...RENEW, note: 'bell\u0007 and nul\u0000 gone' });
      expect(xml).toContain('<ns1:note>bell and nul gone</ns1:note>');
      expect(() => parseIsoMessage(xml)).not.toThrow();
    });

    it('refuses a bad action, timestamp, agency or request id', () => {
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, action: 'Explode' as never }),
      ).toThrowError(RangeError, /action/);
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, timestamp: '30/11/2026' }),
      ).toThrowError(RangeError, /timestamp/);
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, timestamp: '2026-11-30' }),
      ).toThrowError(RangeError, /timestamp/);
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, supplyingAgencyId: { type: 'OCLC', value: ' ' } }),
      ).toThrowError(RangeError, /supplyingAgencyId/);
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, requestingAgencyId: { type: '', value: 'ZZA' } }),
      ).toThrowError(RangeError, /requestingAgencyId/);
      expect(() =>
        buildRequestingAgencyMessage({ ...RENEW, requestingAgencyRequestId: '' }),
      ).toThrowError(RangeError, /requestingAgencyRequestId/);
    });
  });

  describe("parseIsoMessage on OCLC's samples", () => {
    it('reads the renewal approval with its due date as a calendar date', () => {
      expect(parseIsoMessage(sample('SupplyingAgencyMessageRenewYes.xml'))).toEqual({
        kind: 'supplyingAgencyMessage',
        reasonForMessage: 'RenewResponse',
        answerYesNo: 'Y',
        status: 'Loaned',
        dueDate: '2021-02-24',
        dueDateRaw: '2021-02-24T05:00:00Z',
        lastChange: '2021-02-09T11:28:41Z',
        note: 'test request\n                Loan condition: OTHER (none)',
        requestingAgencyRequestId: 'Requesting-ID-2',
        supplyingAgencyRequestId: '168134644',
      });
    });

    it('reads the loan notice', () => {
      const m = parseIsoMessage(sample('SupplyingAgencyMessageLoaned.xml'));
      expect(m).toEqual(
        jasmine.objectContaining<IsoMessage>({
          kind: 'supplyingAgencyMessage',
          reasonForMessage: 'RequestResponse',
          answerYesNo: null,
          status: 'Loaned',
          dueDate: '2021-03-11',
          supplyingAgencyRequestId: '168134644',
        }),
      );
    });

    it('reads the cancel approval, which has no due date', () => {
      expect(parseIsoMessage(sample('SupplyingAgencyMessageCancelYes.xml'))).toEqual({
        kind: 'supplyingAgencyMessage',
        reasonForMessage: 'CancelResponse',
        answerYesNo: 'Y',
        status: 'Cancelled',
        dueDate: null,
        dueDateRaw: null,
        lastChange: '2021-02-09T11:43:26Z',
        note: null,
        requestingAgencyRequestId: 'Requesting-ID-4',
        supplyingAgencyRequestId: '168134646',
      });
    });

    it('reads the borrower messages', () => {
      expect(parseIsoMessage(sample('RequestingAgencyMessageRenew.xml'))).toEqual({
        kind: 'requestingAgencyMessage',
        action: 'Renew',
        requestingAgencyRequestId: '168134581',
        supplyingAgencyRequestId: 'Requesting-ID-1',
        note: null,
      });
      expect(parseIsoMessage(sample('RequestingAgencyMessageCancel.xml'))).toEqual({
        kind: 'requestingAgencyMessage',
        action: 'Cancel',
        requestingAgencyRequestId: '168134641',
        supplyingAgencyRequestId: null,
        note: null,
      });
    });

    it('reads an error confirmation', () => {
      expect(parseIsoMessage(sample('RequestConfirmationSampleError.xml'))).toEqual({
        kind: 'confirmation',
        element: 'requestConfirmation',
        messageStatus: 'ERROR',
        action: null,
        errorType: 'BadlyFormedMessage',
        errorValue: 'Some explanation of the error here',
      });
    });

    it('reads a requesting agency message confirmation', () => {
      expect(parseIsoMessage(sample('RequestingAgencyMessageConfirmationSample1.xml'))).toEqual({
        kind: 'confirmation',
        element: 'requestingAgencyMessageConfirmation',
        messageStatus: 'OK',
        action: 'Notification',
        errorType: 'BadlyFormedMessage',
        errorValue: 'Error Value',
      });
    });

    it('reads a full request', () => {
      expect(parseIsoMessage(sample('RequestFullWSILLMappingSample1.xml'))).toEqual({
        kind: 'request',
        title: 'Something about elephants',
        requestingAgencyRequestId: 'my123',
      });
    });

    it('has every sample file inlined', () => {
      expect(Object.keys(ISO_SAMPLES).length).toBe(8);
      for (const [name, xml] of Object.entries(ISO_SAMPLES))
        expect(() => parseIsoMessage(xml))
          .withContext(name)
          .not.toThrow();
    });
  });

  describe('parseIsoMessage on other spellings', () => {
    it('reads a default-namespace message like the prefixed one', () => {
      const prefixed = parseIsoMessage(sample('SupplyingAgencyMessageRenewYes.xml'));
      const plain = withDefaultNamespace(sample('SupplyingAgencyMessageRenewYes.xml'));
      expect(plain).not.toContain('ns1:');
      expect(parseIsoMessage(plain)).toEqual(prefixed);
    });

    it('reads another prefix like ns1', () => {
      const other = sample('SupplyingAgencyMessageCancelYes.xml')
        .replace(/ns1:/g, 'iso:')
        .replace('xmlns:ns1=', 'xmlns:iso=');
      expect(other).toContain('xmlns:iso=');
      expect(parseIsoMessage(other)).toEqual(
        parseIsoMessage(sample('SupplyingAgencyMessageCancelYes.xml')),
      );
    });

    it('reads a supplying agency message confirmation and a lower-case answer', () => {
      const confirmation =
        `<ISO18626Message xmlns="${ISO18626_NAMESPACE}" version="v1_2_2017"><supplyingAgencyMessageConfirmation>` +
        '<confirmationHeader><timestamp>2026-11-30T10:00:00Z</timestamp><timestampReceived>2026-11-30T10:00:01Z</timestampReceived>' +
        '<messageStatus>OK</messageStatus></confirmationHeader><reasonForMessage>RenewResponse</reasonForMessage>' +
        '</supplyingAgencyMessageConfirmation></ISO18626Message>';
      expect(parseIsoMessage(confirmation)).toEqual({
        kind: 'confirmation',
        element: 'supplyingAgencyMessageConfirmation',
        messageStatus: 'OK',
        action: null,
        errorType: null,
        errorValue: null,
      });
      const denied = sample('SupplyingAgencyMessageRenewYes.xml').replace(
        '<ns1:answerYesNo>Y<',
        '<ns1:answerYesNo>n<',
      );
      const m = parseIsoMessage(denied);
      expect(m.kind === 'supplyingAgencyMessage' && m.answerYesNo).toBe('N');
    });

    it('reads an unreadable due date as null but keeps the raw text', () => {
      const odd = sample('SupplyingAgencyMessageRenewYes.xml').replace(
        '2021-02-24T05:00:00Z',
        'whenever',
      );
      const m = parseIsoMessage(odd);
      expect(m.kind === 'supplyingAgencyMessage' && [m.dueDate, m.dueDateRaw]).toEqual([
        null,
        'whenever',
      ]);
    });

    it('ignores elements from other namespaces', () => {
      const xml =
        `<ns1:ISO18626Message xmlns:ns1="${ISO18626_NAMESPACE}" xmlns:x="urn:other" ns1:version="v1_2_2017">` +
        '<x:supplyingAgencyMessage/><ns1:requestingAgencyMessage><ns1:header><ns1:requestingAgencyRequestId>7</ns1:requestingAgencyRequestId>' +
        '<x:supplyingAgencyRequestId>fake</x:supplyingAgencyRequestId></ns1:header><ns1:action>Cancel</ns1:action></ns1:requestingAgencyMessage></ns1:ISO18626Message>';
      expect(parseIsoMessage(xml)).toEqual({
        kind: 'requestingAgencyMessage',
        action: 'Cancel',
        requestingAgencyRequestId: '7',
        supplyingAgencyRequestId: null,
        note: null,
      });
    });
  });

  describe('parseIsoMessage errors', () => {
    const ns = ISO18626_NAMESPACE;

    it('refuses what is not XML', () => {
      expectFormatError('', /empty/);
      expectFormatError('   ', /empty/);
      expectFormatError('hello', /not well-formed XML/);
      expectFormatError('{"response": {}}', /not well-formed XML/);
      expectFormatError('<a><b></a>', /not well-formed XML.*line 1/);
      expectFormatError(null as unknown as string, /empty/);
    });

    it('refuses a DOCTYPE (no entity tricks)', () => {
      expectFormatError(
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><ISO18626Message xmlns="${ns}"/>`,
        /DOCTYPE/,
      );
    });

    it('refuses a wrong root element', () => {
      expectFormatError(
        `<supplyingAgencyMessage xmlns="${ns}"/>`,
        /root element is "supplyingAgencyMessage"/,
      );
      expectFormatError('<html><body>Bad gateway</body></html>', /root element is "html"/);
    });

    it('refuses a wrong or missing namespace', () => {
      expectFormatError(
        '<ISO18626Message xmlns="http://illtransactions.org/2099/other"><request/></ISO18626Message>',
        /namespace "http:\/\/illtransactions.org\/2099\/other"/,
      );
      expectFormatError(
        '<ISO18626Message version="v1_2_2017"><request/></ISO18626Message>',
        /namespace "\(none\)"/,
      );
    });

    it('refuses an unknown or missing message type', () => {
      expectFormatError(
        `<ns1:ISO18626Message xmlns:ns1="${ns}" ns1:version="v1_2_2017"><ns1:shippedForward/></ns1:ISO18626Message>`,
        /"shippedForward" is not an ISO 18626 message type/,
      );
      expectFormatError(`<ISO18626Message xmlns="${ns}"/>`, /contains no message/);
    });

    it('refuses messages missing what their type requires', () => {
      expectFormatError(
        `<ISO18626Message xmlns="${ns}"><supplyingAgencyMessage><header/><messageInfo/></supplyingAgencyMessage></ISO18626Message>`,
        /reasonForMessage/,
      );
      expectFormatError(
        `<ISO18626Message xmlns="${ns}"><requestingAgencyMessage><header/></requestingAgencyMessage></ISO18626Message>`,
        /no action/,
      );
      expectFormatError(
        `<ISO18626Message xmlns="${ns}"><requestConfirmation><confirmationHeader><messageStatus>MAYBE</messageStatus></confirmationHeader></requestConfirmation></ISO18626Message>`,
        /messageStatus OK or ERROR/,
      );
    });

    it('refuses two root elements', () => {
      expectFormatError(
        `<ISO18626Message xmlns="${ns}"/><ISO18626Message xmlns="${ns}"/>`,
        /root|well-formed/,
      );
    });
  });
});
