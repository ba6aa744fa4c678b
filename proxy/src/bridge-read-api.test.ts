import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LENDER_STATES_MAX_IDS } from './lender-inbox-api.ts';
import { ALLOWED_ORIGIN, createHarness, OTHER_INST } from './test-support/harness.ts';
import type { Harness } from './test-support/harness.ts';
import { inboxInstitutions, lenderMessage, postInbox } from './test-support/inbox-fixtures.ts';
import { storeBackends } from './test-support/store-backends.ts';

for (const backend of storeBackends()) {
  describe(`read API for the app on ${backend.name}`, () => {
    let h: Harness;
    const get = async (path: string, inst?: string) => {
      const jwt = await h.issuer.sign(inst ? { inst_code: inst } : {});
      return h.request({
        method: 'GET',
        url: path,
        headers: { authorization: `Bearer ${jwt}`, origin: ALLOWED_ORIGIN },
      });
    };
    const states = async (ids: unknown, inst?: string) => {
      const jwt = await h.issuer.sign(inst ? { inst_code: inst } : {});
      return h.request({
        method: 'POST',
        url: '/bridge/lender-states',
        payload: JSON.stringify({ worldShareRequestIds: ids }),
        headers: {
          authorization: `Bearer ${jwt}`,
          'content-type': 'application/json',
          origin: ALLOWED_ORIGIN,
        },
      });
    };

    before(async () => {
      h = await createHarness({ ...(await backend.fresh()), institutions: inboxInstitutions() });
      // 900001: Loaned with a due date, then a renewal answer, then a Recalled status without a due date.
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: '900001',
          reason: 'RequestResponse',
          timestamp: '2026-02-01T10:00:00Z',
          dueDate: '2026-03-01T05:00:00Z',
        }),
      );
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: '900001',
          reason: 'RenewResponse',
          answer: 'Y',
          timestamp: '2026-02-20T10:00:00Z',
          dueDate: '2026-03-24T05:00:00Z',
        }),
      );
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: '900001',
          reason: 'StatusChange',
          status: 'Recalled',
          timestamp: '2026-02-25T10:00:00Z',
          dueDate: '',
        }),
      );
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: '900002',
          reason: 'Notification',
          note: 'Please return soon',
          timestamp: '2026-02-02T10:00:00Z',
        }),
      );
      // The same WorldShare id at another institution must never show.
      await postInbox(
        h,
        lenderMessage({
          worldShareRequestId: '900001',
          requester: 'OCLC-ZYXWV',
          reason: 'Notification',
          note: 'for the other library',
        }),
        { inst: OTHER_INST },
      );
    });
    after(async () => {
      await h?.close();
      backend.cleanup();
    });

    it("returns one request's messages oldest first, only the caller institution's, with CORS", async () => {
      const res = await get('/bridge/lender-messages/900001');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      const body = res.json();
      assert.equal(body.worldShareRequestId, '900001');
      assert.deepEqual(
        body.messages.map((m: { reasonForMessage: string }) => m.reasonForMessage),
        ['RequestResponse', 'RenewResponse', 'StatusChange'],
      );
      const renew = body.messages[1];
      assert.deepEqual(Object.keys(renew).sort(), [
        'answerYesNo',
        'dueDate',
        'id',
        'lastChange',
        'note',
        'reasonForMessage',
        'reasonUnfilled',
        'receivedAt',
        'status',
        'timestamp',
        'worldShareRequestId',
      ]);
      assert.equal(renew.answerYesNo, 'Y');
      assert.equal(renew.dueDate, '2026-03-24T05:00:00Z');
      assert.equal(typeof renew.id, 'string');
      const other = (await get('/bridge/lender-messages/900001', OTHER_INST)).json();
      assert.deepEqual(
        other.messages.map((m: { note: string }) => m.note),
        ['for the other library'],
      );
    });

    it('answers an empty list for a request without messages', async () => {
      const res = await get('/bridge/lender-messages/123');
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json(), { worldShareRequestId: '123', messages: [] });
    });

    it('returns the latest state of many requests in one call; ids without messages are absent', async () => {
      const res = await states(['900001', '900002', '555']);
      assert.equal(res.statusCode, 200, res.body);
      const s = res.json().states;
      assert.deepEqual(Object.keys(s).sort(), ['900001', '900002']);
      assert.equal(s['900001'].status, 'Recalled');
      assert.equal(s['900001'].dueDate, '2026-03-24T05:00:00Z', 'the latest non-empty due date');
      assert.equal(s['900001'].messages.length, 3);
      assert.equal(s['900001'].lastReceivedAt, s['900001'].messages[2].receivedAt);
      assert.equal(s['900002'].messages[0].note, 'Please return soon');
      const other = (await states(['900001', '900002'], OTHER_INST)).json().states;
      assert.deepEqual(Object.keys(other), ['900001']);
      assert.equal(other['900001'].messages.length, 1);
    });

    it(`accepts ${LENDER_STATES_MAX_IDS} ids and refuses more with 400 too_many_ids`, async () => {
      const ids = Array.from({ length: LENDER_STATES_MAX_IDS }, (_, i) => String(900000 + i));
      const ok = await states(ids);
      assert.equal(ok.statusCode, 200);
      assert.deepEqual(Object.keys(ok.json().states).sort(), ['900001', '900002']);
      const tooMany = await states([...ids, '1']);
      assert.equal(tooMany.statusCode, 400);
      assert.equal(tooMany.json().error.code, 'too_many_ids');
    });

    it('refuses bad bodies with 400 and calls without a valid Cloud App token with 401', async () => {
      assert.equal((await states('900001')).json().error.code, 'invalid_body');
      assert.equal((await states([''])).json().error.code, 'invalid_request_id');
      const noJwt = await h.request({ method: 'GET', url: '/bridge/lender-messages/900001' });
      assert.equal(noJwt.statusCode, 401);
      assert.equal(noJwt.json().error.code, 'jwt_missing');
      const forged = await h.issuer.sign({}, { key: 'other' });
      const bad = await h.request({
        method: 'POST',
        url: '/bridge/lender-states',
        payload: '{"worldShareRequestIds":["900001"]}',
        headers: { authorization: `Bearer ${forged}` },
      });
      assert.equal(bad.statusCode, 401);
      assert.doesNotMatch(bad.body, /900001|Recalled/);
      assert.equal(h.upstream.received.length, 0, 'the read API never goes upstream');
    });

    it('answers the CORS preflight of the read API', async () => {
      const res = await h.request({
        method: 'OPTIONS',
        url: '/bridge/lender-states',
        headers: {
          origin: ALLOWED_ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type',
        },
      });
      assert.equal(res.statusCode, 204);
      assert.equal(res.headers['access-control-allow-origin'], ALLOWED_ORIGIN);
      assert.match(String(res.headers['access-control-allow-headers']), /Authorization/);
    });
  });
}
