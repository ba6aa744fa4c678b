import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createHarness, OTHER_INST } from '../test-support/harness.ts';
import type { Harness } from '../test-support/harness.ts';
import { TEST_INST } from '../test-support/jwt-issuer.ts';
import {
  basic,
  confirmationOf,
  INBOX_SECRET,
  inboxInstitutions,
  lenderMessage,
  OTHER_INBOX_SECRET,
  postInbox,
} from '../test-support/inbox-fixtures.ts';
import { storeBackends } from '../test-support/store-backends.ts';
import { validateAgainstIso18626 } from './iso18626-schema.ts';

for (const backend of storeBackends()) {
  describe(`ISO 18626 inbox on ${backend.name}`, () => {
    let h: Harness;
    let wsSeq = 500_000;
    const nextWsId = (): string => String(++wsSeq);
    const count = (inst?: string): Promise<number> => h.proxy.store.lenderMessages.count(inst);

    before(async () => {
      const location = await backend.fresh();
      h = await createHarness({
        ...location,
        institutions: inboxInstitutions(),
        inboxMaxBytes: 8 * 1024,
      });
      h.markSensitive(INBOX_SECRET);
      h.markSensitive(OTHER_INBOX_SECRET);
    });
    after(async () => {
      await h?.close();
      backend.cleanup();
    });

    it('stores a supplyingAgencyMessage and answers a schema-valid OK confirmation', async () => {
      const id = nextWsId();
      const res = await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: id,
          answer: 'Y',
          note: 'Renewed &amp; thanks',
          dueDate: '2026-03-24T00:00:00-05:00',
        }),
      );
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^application\/xml/);
      assert.equal(confirmationOf(res.body).status, 'OK');
      assert.deepEqual(await validateAgainstIso18626(res.body), []);
      assert.match(res.body, /<ns1:reasonForMessage>RenewResponse<\/ns1:reasonForMessage>/);
      assert.match(
        res.body,
        /<ns1:requestingAgencyRequestId>alma-req-1<\/ns1:requestingAgencyRequestId>/,
      );
      const [m] = await h.proxy.store.lenderMessages.forRequest(TEST_INST, id);
      assert.equal(m.reasonForMessage, 'RenewResponse');
      assert.equal(m.answerYesNo, 'Y');
      assert.equal(m.status, 'Loaned');
      assert.equal(m.dueDate, '2026-03-24T00:00:00-05:00');
      assert.equal(m.note, 'Renewed & thanks');
      assert.equal(m.timestamp, '2026-02-09T11:29:24Z');
      assert.ok(Date.parse(m.receivedAt) > Date.now() - 60_000);
      assert.deepEqual(h.findLeaks(), []);
    });

    it('stores due dates in the near-miss forms real lenders send, exactly as sent', async () => {
      for (const dueDate of [
        '2022-10-27T03:59Z',
        '2025-05-29T21:14:07.123456Z[UTC]',
        '2021-02-24',
      ]) {
        const id = nextWsId();
        const res = await postInbox(h, lenderMessage({ worldShareRequestId: id, dueDate }));
        assert.equal(confirmationOf(res.body).status, 'OK', dueDate);
        const [m] = await h.proxy.store.lenderMessages.forRequest(TEST_INST, id);
        assert.equal(m.dueDate, dueDate);
      }
    });

    it('stores a message delivered twice once, and confirms both deliveries OK', async () => {
      const id = nextWsId();
      const xml = lenderMessage({ worldShareRequestId: id });
      const first = await postInbox(h, xml);
      const second = await postInbox(h, xml);
      assert.equal(confirmationOf(first.body).status, 'OK');
      assert.equal(confirmationOf(second.body).status, 'OK');
      assert.equal((await h.proxy.store.lenderMessages.forRequest(TEST_INST, id)).length, 1);
      // A later message about the same request (another timestamp) is a new one.
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: id,
          timestamp: '2026-02-10T09:00:00Z',
          status: 'Recalled',
        }),
      );
      assert.equal((await h.proxy.store.lenderMessages.forRequest(TEST_INST, id)).length, 2);
    });

    it('stores messages in the ISO namespace under another prefix, as default namespace and without namespace', async () => {
      for (const ns of ['other-prefix', 'default', 'none'] as const) {
        const id = nextWsId();
        const res = await postInbox(
          h,
          lenderMessage({
            ns,
            worldShareRequestId: id,
            extraInMessageInfo: ns === 'none' ? '<lenderMood>fine</lenderMood>' : '',
          }),
        );
        assert.equal(confirmationOf(res.body).status, 'OK', `${ns}: ${res.body}`);
        assert.equal((await h.proxy.store.lenderMessages.forRequest(TEST_INST, id)).length, 1, ns);
      }
    });

    it("refuses a wrong secret, a missing one, and another institution's path with 401, storing nothing", async () => {
      const before = await count();
      const xml = lenderMessage({ worldShareRequestId: nextWsId() });
      const attempts = [
        await postInbox(h, xml, { secret: 'wrong-secret-wrong-secret' }),
        await postInbox(h, xml, { inst: OTHER_INST, user: OTHER_INST, secret: INBOX_SECRET }),
        await postInbox(h, xml, { inst: OTHER_INST, user: TEST_INST, secret: INBOX_SECRET }),
        await postInbox(h, xml, {
          inst: '99NO_SUCH_INST',
          user: '99NO_SUCH_INST',
          secret: INBOX_SECRET,
        }),
        await h.request({
          method: 'POST',
          url: `/iso18626/${TEST_INST}`,
          payload: xml,
          headers: { 'content-type': 'application/xml' },
        }),
        await h.request({
          method: 'POST',
          url: `/iso18626/${TEST_INST}`,
          payload: xml,
          headers: { 'content-type': 'application/xml', authorization: `Bearer ${INBOX_SECRET}` },
        }),
      ];
      for (const res of attempts) {
        assert.equal(res.statusCode, 401, res.body);
        assert.equal(res.json().error.code, 'inbox_unauthorized');
        assert.match(String(res.headers['www-authenticate']), /^Basic realm=/);
      }
      assert.equal(await count(), before);
      assert.deepEqual(h.findLeaks(), []);
    });

    it('answers ERROR BadlyFormedMessage to malformed XML and stores nothing', async () => {
      const before = await count();
      for (const body of [
        '<ISO18626Message><supplyingAgencyMessage>',
        'not xml at all',
        '',
        Buffer.from([0xff, 0xfe, 0x3c]),
      ]) {
        const res = await postInbox(h, body);
        assert.equal(res.statusCode, 200);
        const c = confirmationOf(res.body);
        assert.equal(c.status, 'ERROR');
        assert.equal(c.errorType, 'BadlyFormedMessage');
        assert.deepEqual(await validateAgainstIso18626(res.body), []);
      }
      assert.equal(await count(), before);
    });

    it('answers ERROR with the standard errorType to schema-invalid values and stores nothing', async () => {
      const before = await count();
      const res = await postInbox(
        h,
        lenderMessage({ worldShareRequestId: nextWsId(), status: 'Teleported' }),
      );
      assert.equal(confirmationOf(res.body).errorType, 'UnrecognisedDataValue');
      assert.match(confirmationOf(res.body).errorValue ?? '', /status/);
      const other = await postInbox(
        h,
        lenderMessage({ worldShareRequestId: nextWsId(), requester: 'OCLC-NOTUS' }),
      );
      assert.equal(confirmationOf(other.body).errorType, 'UnrecognisedDataValue');
      assert.equal(await count(), before);
    });

    it('answers ERROR to a request or requestingAgencyMessage sent to the inbox', async () => {
      const before = await count();
      const ram =
        '<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="1.2"><requestingAgencyMessage/></ISO18626Message>';
      const res = await postInbox(h, ram);
      assert.equal(confirmationOf(res.body).status, 'ERROR');
      assert.equal(confirmationOf(res.body).errorType, 'UnrecognisedDataElement');
      assert.match(confirmationOf(res.body).errorValue ?? '', /only supplyingAgencyMessage/);
      assert.equal(await count(), before);
    });

    it('answers ERROR at once to external-entity and entity-expansion payloads, storing nothing', async () => {
      const before = await count();
      const xxe = `<?xml version="1.0"?><!DOCTYPE ISO18626Message [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${lenderMessage({ note: '&xxe;' }).replace(/^<\?xml[^>]*>/, '')}`;
      const lol = ['<!ENTITY a "lollollollollollollollollollol">'];
      for (let i = 1; i < 10; i++)
        lol.push(
          `<!ENTITY ${String.fromCharCode(97 + i)} "${`&${String.fromCharCode(96 + i)};`.repeat(10)}">`,
        );
      const laughs = `<?xml version="1.0"?><!DOCTYPE ISO18626Message [${lol.join('')}]><ISO18626Message>&j;</ISO18626Message>`;
      for (const body of [xxe, laughs]) {
        const res = await postInbox(h, body);
        assert.equal(res.statusCode, 200);
        const c = confirmationOf(res.body);
        assert.equal(c.errorType, 'BadlyFormedMessage');
        assert.match(c.errorValue ?? '', /DOCTYPE/);
        assert.doesNotMatch(res.body, /root:/);
      }
      assert.equal(await count(), before);
    });

    it('refuses a body over inboxMaxBytes with 413, storing nothing', async () => {
      const before = await count();
      const big = lenderMessage({ worldShareRequestId: nextWsId(), note: 'x'.repeat(9 * 1024) });
      const res = await postInbox(h, big);
      assert.equal(res.statusCode, 413);
      assert.equal(res.json().error.code, 'body_too_large');
      assert.equal(await count(), before);
    });

    it("keeps each institution's messages apart", async () => {
      const id = nextWsId();
      const res = await postInbox(
        h,
        lenderMessage({ worldShareRequestId: id, requester: 'OCLC-ZYXWV' }),
        { inst: OTHER_INST },
      );
      assert.equal(confirmationOf(res.body).status, 'OK', res.body);
      assert.equal((await h.proxy.store.lenderMessages.forRequest(OTHER_INST, id)).length, 1);
      assert.equal((await h.proxy.store.lenderMessages.forRequest(TEST_INST, id)).length, 0);
    });

    it('keeps what it stored across a proxy restart', async () => {
      const id = nextWsId();
      await postInbox(h, lenderMessage({ worldShareRequestId: id }));
      await h.restartProxy();
      const kept = await h.proxy.store.lenderMessages.forRequest(TEST_INST, id);
      assert.equal(kept.length, 1);
      assert.equal(kept[0].status, 'Loaned');
      // And the restarted proxy still recognises it as a duplicate.
      await postInbox(h, lenderMessage({ worldShareRequestId: id }));
      assert.equal((await h.proxy.store.lenderMessages.forRequest(TEST_INST, id)).length, 1);
    });
  });
}

describe('ISO 18626 inbox IP allow-list', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness({
      institutions: inboxInstitutions({ allowedIps: ['192.0.2.0/24', '2001:db8::1'] }),
    });
  });
  after(() => h?.close());

  it('accepts an allowed address (IPv4 range, IPv4-mapped, IPv6) and refuses others with 403, storing nothing', async () => {
    for (const remoteAddress of ['192.0.2.77', '::ffff:192.0.2.8', '2001:db8::1']) {
      const res = await postInbox(
        h,
        lenderMessage({ worldShareRequestId: `7${remoteAddress.length}` }),
        { remoteAddress },
      );
      assert.equal(res.statusCode, 200, `${remoteAddress}: ${res.body}`);
    }
    const stored = await h.proxy.store.lenderMessages.count();
    const res = await postInbox(h, lenderMessage({ worldShareRequestId: '8001' }), {
      remoteAddress: '198.51.100.4',
    });
    assert.equal(res.statusCode, 403);
    assert.equal(res.json().error.code, 'inbox_ip_not_allowed');
    // A wrong secret from a refused address is still 401: the secret is checked first.
    const wrong = await h.request({
      method: 'POST',
      url: `/iso18626/${TEST_INST}`,
      remoteAddress: '198.51.100.4',
      payload: 'x',
      headers: { authorization: basic(TEST_INST, 'nope-nope-nope-nope') },
    });
    assert.equal(wrong.statusCode, 401);
    assert.equal(await h.proxy.store.lenderMessages.count(), stored);
  });
});

describe('ISO 18626 inbox when the store fails', () => {
  it('answers 503 store_unavailable without a confirmation, so the sender delivers again', async () => {
    const h = await createHarness({ institutions: inboxInstitutions() });
    try {
      await h.proxy.store.close();
      const res = await postInbox(h, lenderMessage({ worldShareRequestId: '9100' }));
      assert.equal(res.statusCode, 503);
      assert.equal(res.json().error.code, 'store_unavailable');
      assert.equal(res.headers['retry-after'], '30');
      assert.doesNotMatch(res.body, /messageStatus/);
    } finally {
      await h.close().catch(() => {});
    }
  });
});
