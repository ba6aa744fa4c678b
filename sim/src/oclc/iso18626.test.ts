import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FakeLender, WorldShareRequest } from '../state.js';
import { emptyState } from './empty-state.js';
import { parseIsoMessage, type ParsedIsoMessage } from './iso18626-xml.js';
import { validateIso18626 } from './iso18626-xsd.js';
import { contract, OTHER_LIBRARY, sampleCreateBody, startTestOclc, type TestOclc } from './test-support.js';

/** OCLC's sample Renew names request 168134581 in requestingAgencyRequestId; its Cancel names 168134641. */
const RENEW = contract('iso18626/RequestingAgencyMessageRenew.xml');
const CANCEL = contract('iso18626/RequestingAgencyMessageCancel.xml');
const STATUS_REQUEST = RENEW.replace('<ns1:action>Renew</ns1:action>', '<ns1:action>StatusRequest</ns1:action>');

/** The same message about another request id (in requestingAgencyRequestId, where OCLC's sample puts it). */
const about = (xml: string, id: string) => xml.replace(/<ns1:requestingAgencyRequestId>[^<]*</, `<ns1:requestingAgencyRequestId>${id}<`);

describe('fake OCLC: ISO 18626 lender', () => {
  let oclc: TestOclc;
  let token: string;
  before(async () => {
    oclc = await startTestOclc(undefined, { rateLimitPerSec: 0 });
  });
  beforeEach(async () => {
    oclc.state = emptyState();
    token = await oclc.token();
  });
  after(() => oclc.close());

  const seed = (requestStatus: string, lender?: FakeLender, extra: Partial<WorldShareRequest> = {}): WorldShareRequest => {
    const request: WorldShareRequest = { requestId: '168134581', referenceId: 'ALMA-77', requestStatus, dueDate: '2027-03-01', lender, ...extra };
    oclc.state.worldshare.requests.push(request);
    return request;
  };

  /** Sends a message; asserts HTTP 200, that the answer validates against the XSD, and parses it. */
  const send = async (xml: string): Promise<{ text: string; parsed: ParsedIsoMessage; errorType?: string; messageStatus?: string }> => {
    const res = await oclc.iso(xml, token);
    assert.equal(res.status, 200);
    const check = await validateIso18626(res.text);
    assert.deepEqual(check.errors, [], 'every message the fake builds validates against the XSD');
    const parsed = parseIsoMessage(res.text);
    assert.ok(parsed);
    return {
      text: res.text,
      parsed,
      messageStatus: /<ns1:messageStatus>(\w+)</.exec(res.text)?.[1],
      errorType: /<ns1:errorType>(\w+)</.exec(res.text)?.[1],
    };
  };

  describe('OCLC sample messages', () => {
    it('accepts the sample Renew with an OK confirmation and records it', async () => {
      seed('LOANED', { renewal: 'none' });
      const answer = await send(RENEW);
      assert.equal(answer.parsed.kind, 'requestingAgencyMessageConfirmation');
      assert.equal(answer.messageStatus, 'OK');
      assert.equal(answer.parsed.action, 'Renew');
      assert.match(answer.text, /<ns1:requestingAgencyRequestId>168134581</);
      assert.match(answer.text, /<ns1:timestampReceived>2021-02-09T11:08:39Z</);
      const [message] = oclc.state.worldshare.messages;
      assert.deepEqual({ ...message, t: 0 }, { t: 0, requestId: '168134581', action: 'Renew', xml: RENEW, valid: true, answer: answer.text });
    });

    it('accepts the sample Cancel with an OK confirmation', async () => {
      seed('PENDING', { cancel: 'refuse' }, { requestId: '168134641' });
      const answer = await send(CANCEL);
      assert.equal(answer.messageStatus, 'OK');
      assert.equal(answer.parsed.action, 'Cancel');
      assert.equal(oclc.state.worldshare.messages[0].requestId, '168134641');
    });

    it('takes text/xml with a charset as well as application/xml', async () => {
      seed('LOANED');
      const res = await fetch(`${oclc.url}/ILL/iso18626`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/xml; charset=UTF-8' },
        body: RENEW,
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/xml/);
      assert.match(await res.text(), /<ns1:messageStatus>OK</);
    });

    it('finds the request only by the WorldShare id in requestingAgencyRequestId, where the samples put it', async () => {
      seed('LOANED', undefined, { requestId: '170000009' });
      const bySupplyingId = RENEW.replace('168134581', 'Requesting-ID-0').replace('Requesting-ID-1', '170000009');
      const byReference = about(STATUS_REQUEST, 'ALMA-77');
      for (const xml of [bySupplyingId, byReference]) {
        const answer = await send(xml);
        assert.deepEqual([answer.messageStatus, answer.errorType], ['ERROR', 'UnrecognisedDataValue']);
      }
      assert.equal((await send(about(RENEW, '170000009'))).messageStatus, 'OK');
      assert.deepEqual(oclc.state.worldshare.messages.map((m) => m.requestId), [undefined, undefined, '170000009']);
    });

    it('refuses agency ids that are not ISIL OCLC-<symbol> as in the samples', async () => {
      seed('LOANED');
      const oclcType = RENEW.replace(/>ISIL</g, '>OCLC<');
      const bareSymbol = RENEW.replace('>OCLC-BCDEF<', '>BCDEF<');
      for (const xml of [oclcType, bareSymbol]) {
        const answer = await send(xml);
        assert.deepEqual([answer.messageStatus, answer.errorType], ['ERROR', 'UnrecognisedDataValue']);
      }
      assert.deepEqual(oclc.state.worldshare.messages.map((m) => m.requestId), [undefined, undefined], 'matched to no request: the lender was not asked');
    });
  });

  describe('refusals', () => {
    it('answers a message that is not valid with BadlyFormedMessage and records it as invalid', async () => {
      seed('LOANED');
      const invalid = RENEW.replace('<ns1:action>Renew</ns1:action>', '<ns1:action>Extend</ns1:action>');
      const answer = await send(invalid);
      assert.equal(answer.parsed.kind, 'requestingAgencyMessageConfirmation');
      assert.equal(answer.messageStatus, 'ERROR');
      assert.equal(answer.errorType, 'BadlyFormedMessage');
      assert.match(answer.text, /Extend/);
      assert.deepEqual(oclc.state.worldshare.messages.map((m) => [m.valid, m.requestId, m.xml]), [[false, undefined, invalid]]);
      assert.equal(oclc.state.worldshare.requests[0].pendingAnswer, undefined);
    });

    it('answers text that is not XML, and an empty body, with BadlyFormedMessage', async () => {
      assert.equal((await send('Renew please')).errorType, 'BadlyFormedMessage');
      assert.equal((await send('')).errorType, 'BadlyFormedMessage');
      const asJson = await fetch(`${oclc.url}/ILL/iso18626`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{"action":"Renew"}' });
      assert.match(await asJson.text(), /BadlyFormedMessage/);
    });

    it('answers an unknown request id with UnrecognisedDataValue', async () => {
      const answer = await send(about(RENEW, '999'));
      assert.equal(answer.messageStatus, 'ERROR');
      assert.equal(answer.errorType, 'UnrecognisedDataValue');
      assert.equal(oclc.state.worldshare.messages[0].valid, true);
    });

    it('answers a valid message of another kind with UnrecognisedDataElement', async () => {
      const answer = await send(contract('iso18626/SupplyingAgencyMessageRenewYes.xml'));
      assert.equal(answer.errorType, 'UnrecognisedDataElement');
    });

    it('needs a Bearer token, and refuses another registry’s request with 403', async () => {
      seed('LOANED');
      assert.equal((await oclc.iso(RENEW, undefined)).status, 401);
      const created = await oclc.call('POST', '/ILL/request/data', token, sampleCreateBody());
      const res = await oclc.iso(about(RENEW, String(created.body.response.illRequest.requestId)), await oclc.token(OTHER_LIBRARY));
      assert.equal(res.status, 403);
      assert.equal(oclc.state.worldshare.messages.length, 0);
    });
  });

  describe('Renew', () => {
    it('approve: RenewResponse Y with the new due date as a local midnight in UTC; due date stored', async () => {
      const request = seed('LOANED', { renewal: 'approve', newDueDate: '2027-04-01' });
      await send(RENEW);
      assert.equal(request.dueDate, '2027-04-01');
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.kind, 'supplyingAgencyMessage');
      assert.equal(answer.parsed.reasonForMessage, 'RenewResponse');
      assert.equal(answer.parsed.answerYesNo, 'Y');
      assert.equal(answer.parsed.status, 'Loaned');
      assert.equal(answer.parsed.dueDate, '2027-04-01T05:00:00Z');
      const read = await oclc.call('GET', '/ILL/request/data/168134581', token);
      assert.equal(read.body.response.illRequest.dueDate, '2027-04-01T05:00:00Z');
    });

    it('approve without a date grants 28 more days', async () => {
      const request = seed('LOANED', { renewal: 'approve' });
      await send(RENEW);
      assert.equal(request.dueDate, '2027-03-29');
    });

    it('deny: RenewResponse N and the due date unchanged', async () => {
      const request = seed('LOANED', { renewal: 'deny', newDueDate: '2027-04-01' });
      assert.equal((await send(RENEW)).messageStatus, 'OK');
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.reasonForMessage, 'RenewResponse');
      assert.equal(answer.parsed.answerYesNo, 'N');
      assert.equal(answer.parsed.dueDate, '2027-03-01T05:00:00Z');
      assert.equal(request.dueDate, '2027-03-01');
    });

    it('none: no answer yet, a plain StatusRequestResponse without answerYesNo', async () => {
      seed('LOANED', { renewal: 'none', newDueDate: '2027-04-01' });
      await send(RENEW);
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.reasonForMessage, 'StatusRequestResponse');
      assert.equal(answer.parsed.answerYesNo, undefined);
      assert.equal(answer.parsed.status, 'Loaned');
      assert.equal(answer.parsed.dueDate, '2027-03-01T05:00:00Z');
    });

    it('the waiting answer is given once, then status answers resume', async () => {
      seed('LOANED', { renewal: 'approve', newDueDate: '2027-04-01' });
      await send(RENEW);
      assert.equal((await send(STATUS_REQUEST)).parsed.reasonForMessage, 'RenewResponse');
      const next = await send(STATUS_REQUEST);
      assert.equal(next.parsed.reasonForMessage, 'StatusRequestResponse');
      assert.equal(next.parsed.dueDate, '2027-04-01T05:00:00Z');
    });
  });

  describe('Cancel', () => {
    it('accept: status CANCELLED at once, CancelResponse Y with status Cancelled', async () => {
      const request = seed('PENDING', { cancel: 'accept' });
      await send(about(CANCEL, '168134581'));
      assert.equal(request.requestStatus, 'CANCELLED');
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.reasonForMessage, 'CancelResponse');
      assert.equal(answer.parsed.answerYesNo, 'Y');
      assert.equal(answer.parsed.status, 'Cancelled');
      const read = await oclc.call('GET', '/ILL/request/data/168134581', token);
      assert.equal(read.body.response.illRequest.requestStatus, 'CANCELLED');
    });

    it('refuse: CancelResponse N, status unchanged', async () => {
      const request = seed('PENDING', { cancel: 'refuse' });
      await send(about(CANCEL, '168134581'));
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.reasonForMessage, 'CancelResponse');
      assert.equal(answer.parsed.answerYesNo, 'N');
      assert.equal(answer.parsed.status, 'RequestReceived');
      assert.equal(request.requestStatus, 'PENDING');
    });
  });

  describe('StatusRequest', () => {
    const cases: [string, string][] = [
      ['PENDING', 'RequestReceived'],
      ['LOANED', 'Loaned'],
      ['SHIPPED', 'Loaned'],
      ['RECEIVED', 'Loaned'],
      ['RETURNED', 'LoanCompleted'],
      ['CLOSED', 'LoanCompleted'],
      ['CANCELLED', 'Cancelled'],
      ['UNFILLED', 'Unfilled'],
      ['EXPIRED', 'Unfilled'],
    ];
    for (const [requestStatus, isoStatus] of cases) {
      it(`reports ${requestStatus} as ${isoStatus}`, async () => {
        seed(requestStatus, undefined, { lastChange: '2026-11-20T10:00:00Z' });
        const answer = await send(STATUS_REQUEST);
        assert.equal(answer.parsed.reasonForMessage, 'StatusRequestResponse');
        assert.equal(answer.parsed.status, isoStatus);
        assert.match(answer.text, /<ns1:lastChange>2026-11-20T10:00:00Z</);
        assert.equal(oclc.state.worldshare.messages[0].action, 'StatusRequest');
      });
    }

    it('leaves dueDate out when none is set', async () => {
      seed('PENDING', undefined, { dueDate: undefined });
      const answer = await send(STATUS_REQUEST);
      assert.equal(answer.parsed.dueDate, undefined);
    });
  });

  describe('raw replay', () => {
    it('gives lender.raw verbatim as the next answer, once, and keeps WorldShare coherent with it', async () => {
      const raw = contract('iso18626/SupplyingAgencyMessageRenewYes.xml');
      const request = seed('LOANED', { renewal: 'none', raw });
      const res = await oclc.iso(STATUS_REQUEST, token);
      assert.equal(res.text, raw);
      assert.equal(request.lender?.raw, undefined);
      assert.equal(request.dueDate, '2021-02-24T05:00:00Z');
      assert.equal(oclc.state.worldshare.messages[0].answer, raw);
      assert.equal((await send(STATUS_REQUEST)).parsed.reasonForMessage, 'StatusRequestResponse');
    });

    it('replays a CancelResponse Y as a cancellation', async () => {
      const request = seed('PENDING', { raw: contract('iso18626/SupplyingAgencyMessageCancelYes.xml') });
      await oclc.iso(STATUS_REQUEST, token);
      assert.equal(request.requestStatus, 'CANCELLED');
    });

    it('replays even a broken message verbatim, changing nothing', async () => {
      const request = seed('LOANED', { raw: '<ns1:ISO18626Message>broken' });
      const res = await oclc.iso(STATUS_REQUEST, token);
      assert.equal(res.text, '<ns1:ISO18626Message>broken');
      assert.equal(request.requestStatus, 'LOANED');
      assert.equal(request.dueDate, '2027-03-01');
    });
  });
});
