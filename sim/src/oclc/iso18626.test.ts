import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FakeLender, WorldShareRequest } from '../state.js';
import { emptyState } from './empty-state.js';
import { parseIsoMessage, type ParsedIsoMessage } from './iso18626-xml.js';
import { validateIso18626 } from './iso18626-xsd.js';
import {
  contract,
  LIBRARY,
  OTHER_LIBRARY,
  sampleCreateBody,
  startStandInInbox,
  startTestOclc,
  type TestOclc,
} from './test-support.js';

/** OCLC's sample Renew names request 168134581 in requestingAgencyRequestId; its Cancel names 168134641. */
const RENEW = contract('iso18626/RequestingAgencyMessageRenew.xml');
const CANCEL = contract('iso18626/RequestingAgencyMessageCancel.xml');
const STATUS_REQUEST = RENEW.replace(
  '<ns1:action>Renew</ns1:action>',
  '<ns1:action>StatusRequest</ns1:action>',
);

/** The same message about another request id (in requestingAgencyRequestId, where OCLC's sample puts it). */
const about = (xml: string, id: string) =>
  xml.replace(/<ns1:requestingAgencyRequestId>[^<]*</, `<ns1:requestingAgencyRequestId>${id}<`);

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

  const seed = (
    requestStatus: string,
    lender?: FakeLender,
    extra: Partial<WorldShareRequest> = {},
  ): WorldShareRequest => {
    const request: WorldShareRequest = {
      requestId: '168134581',
      referenceId: 'ALMA-77',
      requestStatus,
      dueDate: '2027-03-01',
      lender,
      ...extra,
    };
    oclc.state.worldshare.requests.push(request);
    return request;
  };

  /** Sends a message; asserts HTTP 200, that the answer validates against the XSD, and parses it. */
  const send = async (
    xml: string,
  ): Promise<{
    text: string;
    parsed: ParsedIsoMessage;
    errorType?: string;
    messageStatus?: string;
  }> => {
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
      assert.deepEqual(
        { ...message, t: 0 },
        {
          t: 0,
          requestId: '168134581',
          action: 'Renew',
          xml: RENEW,
          valid: true,
          answer: answer.text,
        },
      );
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
      const bySupplyingId = RENEW.replace('168134581', 'Requesting-ID-0').replace(
        'Requesting-ID-1',
        '170000009',
      );
      const byReference = about(STATUS_REQUEST, 'ALMA-77');
      for (const xml of [bySupplyingId, byReference]) {
        const answer = await send(xml);
        assert.deepEqual(
          [answer.messageStatus, answer.errorType],
          ['ERROR', 'UnrecognisedDataValue'],
        );
      }
      assert.equal((await send(about(RENEW, '170000009'))).messageStatus, 'OK');
      assert.deepEqual(
        oclc.state.worldshare.messages.map((m) => m.requestId),
        [undefined, undefined, '170000009'],
      );
    });

    it('refuses agency ids that are not ISIL OCLC-<symbol> as in the samples', async () => {
      seed('LOANED');
      const oclcType = RENEW.replace(/>ISIL</g, '>OCLC<');
      const bareSymbol = RENEW.replace('>OCLC-BCDEF<', '>BCDEF<');
      for (const xml of [oclcType, bareSymbol]) {
        const answer = await send(xml);
        assert.deepEqual(
          [answer.messageStatus, answer.errorType],
          ['ERROR', 'UnrecognisedDataValue'],
        );
      }
      assert.deepEqual(
        oclc.state.worldshare.messages.map((m) => m.requestId),
        [undefined, undefined],
        'matched to no request: the lender was not asked',
      );
    });
  });

  describe('refusals', () => {
    it('answers a message that is not valid with BadlyFormedMessage and records it as invalid', async () => {
      seed('LOANED');
      const invalid = RENEW.replace(
        '<ns1:action>Renew</ns1:action>',
        '<ns1:action>Extend</ns1:action>',
      );
      const answer = await send(invalid);
      assert.equal(answer.parsed.kind, 'requestingAgencyMessageConfirmation');
      assert.equal(answer.messageStatus, 'ERROR');
      assert.equal(answer.errorType, 'BadlyFormedMessage');
      assert.match(answer.text, /Extend/);
      assert.deepEqual(
        oclc.state.worldshare.messages.map((m) => [m.valid, m.requestId, m.xml]),
        [[false, undefined, invalid]],
      );
      assert.equal(oclc.state.worldshare.pushes.length, 0);
    });

    it('answers text that is not XML, and an empty body, with BadlyFormedMessage', async () => {
      assert.equal((await send('Renew please')).errorType, 'BadlyFormedMessage');
      assert.equal((await send('')).errorType, 'BadlyFormedMessage');
      const asJson = await fetch(`${oclc.url}/ILL/iso18626`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"action":"Renew"}',
      });
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
      const res = await oclc.iso(
        about(RENEW, String(created.body.response.illRequest.requestId)),
        await oclc.token(OTHER_LIBRARY),
      );
      assert.equal(res.status, 403);
      assert.equal(oclc.state.worldshare.messages.length, 0);
    });
  });

  describe('answers pushed to the requester endpoint', () => {
    let inbox: Awaited<ReturnType<typeof startStandInInbox>>;
    before(async () => {
      inbox = await startStandInInbox();
    });
    beforeEach(() => {
      inbox.deliveries.length = 0;
      oclc.pusher.setEndpoint(LIBRARY.instCode, {
        url: `${inbox.url}/iso18626/${LIBRARY.instCode}`,
        username: LIBRARY.instCode,
        password: 'inbox-secret-1',
      });
    });
    after(() => inbox.close());

    /** The n-th pushed message (1-based), once it arrived: checked against the XSD and parsed. */
    const pushed = async (n: number): Promise<{ text: string; parsed: ParsedIsoMessage }> => {
      await inbox.next(n);
      const text = inbox.deliveries[n - 1].body;
      assert.deepEqual(
        (await validateIso18626(text)).errors,
        [],
        'every pushed message validates against the XSD',
      );
      const parsed = parseIsoMessage(text);
      assert.ok(parsed);
      return { text, parsed };
    };

    it('Renew gets only its confirmation; the approval is pushed later with the inbox credentials', async () => {
      const request = seed('LOANED', { renewal: 'approve', newDueDate: '2027-04-01', delayMs: 0 });
      const confirmation = await send(RENEW);
      assert.equal(confirmation.parsed.kind, 'requestingAgencyMessageConfirmation');
      assert.equal(confirmation.messageStatus, 'OK');
      const answer = await pushed(1);
      assert.equal(answer.parsed.kind, 'supplyingAgencyMessage');
      assert.equal(answer.parsed.reasonForMessage, 'RenewResponse');
      assert.equal(answer.parsed.answerYesNo, 'Y');
      assert.equal(answer.parsed.status, 'Loaned');
      assert.equal(answer.parsed.dueDate, '2027-04-01T05:00:00Z');
      assert.equal(answer.parsed.header?.supplyingAgencyRequestId, '168134581');
      assert.equal(answer.parsed.header?.requestingAgencyRequestId, 'ALMA-77');
      assert.deepEqual(answer.parsed.header?.requestingAgencyId, {
        type: 'ISIL',
        value: `OCLC-${LIBRARY.symbol}`,
      });
      assert.deepEqual(answer.parsed.header?.supplyingAgencyId, {
        type: 'ISIL',
        value: 'OCLC-BCDEF',
      });
      const delivery = inbox.deliveries[0];
      assert.equal(delivery.path, `/iso18626/${LIBRARY.instCode}`);
      assert.equal(
        delivery.authorization,
        `Basic ${Buffer.from(`${LIBRARY.instCode}:inbox-secret-1`).toString('base64')}`,
      );
      assert.match(delivery.contentType ?? '', /^application\/xml/);
      assert.equal(request.dueDate, '2027-04-01');
      await oclc.pusher.settled();
      const [push] = oclc.state.worldshare.pushes;
      assert.equal(push.requestId, '168134581');
      assert.equal(push.status, 200);
      assert.equal(push.messageStatus, 'OK');
      assert.equal(push.xml, answer.text);
      assert.ok(
        !JSON.stringify(push).includes('inbox-secret-1'),
        'the inbox secret is never recorded',
      );
      const read = await oclc.call('GET', '/ILL/request/data/168134581', token);
      assert.equal(read.body.response.illRequest.dueDate, '2027-04-01T05:00:00Z');
    });

    it('the answer waits for lender.delayMs: nothing is pushed or changed before it', async () => {
      const request = seed('LOANED', {
        renewal: 'approve',
        newDueDate: '2027-04-01',
        delayMs: 600_000,
      });
      assert.equal((await send(RENEW)).messageStatus, 'OK');
      assert.equal(inbox.deliveries.length, 0);
      assert.equal(oclc.state.worldshare.pushes.length, 0);
      assert.equal(request.dueDate, '2027-03-01', 'the lender acts when it answers');
      oclc.pusher.cancelScheduled();
    });

    it('approve without a date grants 28 more days', async () => {
      const request = seed('LOANED', { renewal: 'approve', delayMs: 0 });
      await send(RENEW);
      await pushed(1);
      assert.equal(request.dueDate, '2027-03-29');
    });

    it('deny: RenewResponse N with the unchanged due date', async () => {
      const request = seed('LOANED', { renewal: 'deny', newDueDate: '2027-04-01', delayMs: 0 });
      assert.equal((await send(RENEW)).messageStatus, 'OK');
      const answer = await pushed(1);
      assert.equal(answer.parsed.reasonForMessage, 'RenewResponse');
      assert.equal(answer.parsed.answerYesNo, 'N');
      assert.equal(answer.parsed.dueDate, '2027-03-01T05:00:00Z');
      assert.equal(request.dueDate, '2027-03-01');
    });

    it('renewal none: the lender stays silent', async () => {
      seed('LOANED', { renewal: 'none', delayMs: 0 });
      await send(RENEW);
      await oclc.pusher.settled();
      assert.equal(inbox.deliveries.length, 0);
      assert.equal(oclc.state.worldshare.pushes.length, 0);
    });

    it('Cancel accepted: CancelResponse Y, status Cancelled, WorldShare CANCELLED', async () => {
      const request = seed('PENDING', { cancel: 'accept', delayMs: 0 });
      assert.equal(
        (await send(about(CANCEL, '168134581'))).parsed.kind,
        'requestingAgencyMessageConfirmation',
      );
      const answer = await pushed(1);
      assert.equal(answer.parsed.reasonForMessage, 'CancelResponse');
      assert.equal(answer.parsed.answerYesNo, 'Y');
      assert.equal(answer.parsed.status, 'Cancelled');
      assert.equal(request.requestStatus, 'CANCELLED');
    });

    it('Cancel refused: CancelResponse N, status unchanged', async () => {
      const request = seed('PENDING', { cancel: 'refuse', delayMs: 0 });
      await send(about(CANCEL, '168134581'));
      const answer = await pushed(1);
      assert.equal(answer.parsed.answerYesNo, 'N');
      assert.equal(answer.parsed.status, 'RequestReceived');
      assert.equal(request.requestStatus, 'PENDING');
    });

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
      it(`StatusRequest: confirmation, then a pushed StatusRequestResponse reporting ${requestStatus} as ${isoStatus}`, async () => {
        seed(requestStatus, { delayMs: 0 }, { lastChange: '2026-11-20T10:00:00Z' });
        const confirmation = await send(STATUS_REQUEST);
        assert.equal(confirmation.parsed.kind, 'requestingAgencyMessageConfirmation');
        const answer = await pushed(1);
        assert.equal(answer.parsed.reasonForMessage, 'StatusRequestResponse');
        assert.equal(answer.parsed.status, isoStatus);
        assert.match(answer.text, /<ns1:lastChange>2026-11-20T10:00:00Z</);
      });
    }

    it('StatusRequest leaves dueDate out when none is set', async () => {
      seed('PENDING', { delayMs: 0 }, { dueDate: undefined });
      await send(STATUS_REQUEST);
      assert.equal((await pushed(1)).parsed.dueDate, undefined);
    });

    it('an endpoint that refuses is recorded with its status and answer; the lender does not retry', async () => {
      const refusing = await startStandInInbox(() => ({ status: 401, body: 'no' }));
      try {
        oclc.pusher.setEndpoint(LIBRARY.instCode, {
          url: refusing.url,
          username: LIBRARY.instCode,
          password: 'wrong',
        });
        seed('LOANED', { renewal: 'deny', delayMs: 0 });
        await send(RENEW);
        await refusing.next(1);
        await oclc.pusher.settled();
        assert.deepEqual(
          oclc.state.worldshare.pushes.map((p) => [p.status, p.confirmation]),
          [[401, 'no']],
        );
        assert.equal(refusing.deliveries.length, 1);
      } finally {
        await refusing.close();
      }
    });

    it('lender.confirmError: an ERROR confirmation, with or without errorData, and nothing pushed', async () => {
      seed('LOANED', { renewal: 'approve', delayMs: 0, confirmError: {} });
      const bare = await send(RENEW);
      assert.equal(bare.messageStatus, 'ERROR');
      assert.doesNotMatch(bare.text, /errorData/);
      oclc.state.worldshare.requests[0].lender = {
        confirmError: { errorType: 'UnrecognisedDataValue', errorValue: 'not yours' },
      };
      const typed = await send(RENEW);
      assert.equal(typed.errorType, 'UnrecognisedDataValue');
      await oclc.pusher.settled();
      assert.equal(inbox.deliveries.length, 0);
      assert.equal(oclc.state.worldshare.requests[0].dueDate, '2027-03-01');
    });

    it('without an endpoint for the institution the push is recorded as not sent', async () => {
      oclc.pusher.setEndpoint(LIBRARY.instCode, null);
      seed('LOANED', { renewal: 'deny', delayMs: 0 });
      await send(RENEW);
      await oclc.pusher.settled();
      const [push] = oclc.state.worldshare.pushes;
      assert.equal(push.status, 0);
      assert.match(push.error ?? '', /no requester endpoint/);
    });
  });
});
