import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { WorldShareRequest } from '../state.js';
import type { LooseJson } from '../testing/harness.js';
import { emptyState } from './empty-state.js';
import {
  contract,
  OTHER_LIBRARY,
  sampleCreateBody,
  startTestOclc,
  type TestOclc,
} from './test-support.js';

const PATH = '/ILL/request/data';

describe('fake OCLC: ILL Request API', () => {
  let oclc: TestOclc;
  let token: string;
  before(async () => {
    // The clock stands still in these tests, so the per-second limit would count them all; it has its own tests.
    oclc = await startTestOclc(undefined, { rateLimitPerSec: 0 });
  });
  beforeEach(async () => {
    oclc.state = emptyState();
    token = await oclc.token();
  });
  after(() => oclc.close());

  const details = (res: { body: LooseJson }) =>
    res.body.response.error.detail.map(
      (d: { failureCode: number; fieldName: string }) => `${d.failureCode} ${d.fieldName}`,
    );

  describe('create', () => {
    it('creates a COPY request from OCLC sample body and answers in the shape of illRequestResponse.json', async () => {
      const res = await oclc.call('POST', PATH, token, sampleCreateBody({ serviceType: 'COPY' }));
      assert.equal(res.status, 200);
      const created = res.body.response.illRequest;
      const published = JSON.parse(contract('oclc-ill/illRequestResponse.json')).response
        .illRequest;
      for (const key of [
        'requestId',
        'created',
        'edited',
        'requestStatus',
        'needed',
        'requester',
        'item',
      ]) {
        assert.ok(key in created, `answer lacks ${key}`);
        assert.equal(
          typeof created[key],
          typeof published[key],
          `${key} has another type than OCLC's sample`,
        );
      }
      assert.equal(created.patron, undefined);
      assert.equal(created.requestStatus, 'PENDING');
      assert.equal(created.referenceId, 'ALMA-REQ-1001');
      assert.match(created.created, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
      assert.equal(created.needed, '2027-08-15T00:00:00.000+0000');
      assert.equal(created.requester.serviceType, 'COPY');
      assert.equal(created.requester.fulfillmentType, 'OCLC_ILL');
      assert.equal(created.item.title, 'Outwitting Squirrels');

      const stored = oclc.state.worldshare.requests;
      assert.equal(stored.length, 1);
      assert.equal(stored[0].requestId, String(created.requestId));
      assert.equal(stored[0].referenceId, 'ALMA-REQ-1001');
      assert.equal(stored[0].requestStatus, 'PENDING');
      assert.deepEqual(stored[0].illRequest, sampleCreateBody({ serviceType: 'COPY' }).illRequest);
    });

    it('creates a LOAN request for a book with the fields the app maps', async () => {
      const body = sampleCreateBody({ serviceType: 'LOAN', referenceId: 'ALMA-REQ-2002' });
      Object.assign(body.illRequest.item, {
        author: 'Adler, Bill',
        oclcNumber: 780941515,
        publisherName: 'Chicago Review Press',
        publicationDate: '1996',
        edition: { editionType: 'ANY' },
      });
      body.illRequest.requester.requesterBilling.maximumCost = { currency: 'USD', amount: 25 };
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.response.illRequest.requester.serviceType, 'LOAN');
      assert.equal(res.body.response.illRequest.item.oclcNumber, 780941515);
    });

    it('gives each create a new numeric id, even for the same referenceId (duplicates are the app’s to prevent)', async () => {
      const a = await oclc.call('POST', PATH, token, sampleCreateBody());
      const b = await oclc.call('POST', PATH, token, sampleCreateBody());
      assert.equal(typeof a.body.response.illRequest.requestId, 'number');
      assert.notEqual(a.body.response.illRequest.requestId, b.body.response.illRequest.requestId);
      assert.equal(oclc.state.worldshare.requests.length, 2);
    });

    it('does not reuse a seeded request id', async () => {
      oclc.state.worldshare.requests.push({ requestId: '180000000', requestStatus: 'LOANED' });
      const res = await oclc.call('POST', PATH, token, sampleCreateBody());
      assert.equal(res.body.response.illRequest.requestId, 180000001);
    });
  });

  describe('schema (published swagger.json, made strict)', () => {
    it('refuses a misspelt field', async () => {
      const body = sampleCreateBody();
      body.illRequest.item.titel = body.illRequest.item.title;
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 400);
      assert.deepEqual(details(res), ['140001 item.titel']);
      assert.equal(
        res.body.response.error.message,
        'There was an error processing your request. Please check the error detail.',
      );
      assert.match(res.body.response.error.instance, /^[0-9a-f-]{36}$/);
      assert.equal(oclc.state.worldshare.requests.length, 0);
    });

    it('refuses a value of the wrong type, naming array positions', async () => {
      const body = sampleCreateBody();
      body.illRequest.item.oclcNumber = '780941515';
      body.illRequest.requester.supplierInfo.institutions[1].institutionId = '116402';
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 400);
      assert.deepEqual(details(res).sort(), [
        '140004 item.oclcNumber',
        '140004 requester.supplierInfo.institutions[1].institutionId',
      ]);
    });

    it('refuses unreadable JSON and an empty body', async () => {
      const res = await fetch(oclc.url + PATH, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: '{"illRequest":',
      });
      assert.equal(res.status, 400);
      assert.equal((await res.json()).response.error.detail[0].failureCode, 140001);
      const empty = await oclc.call('POST', PATH, token, {});
      assert.deepEqual(details(empty), ['30000 illRequest']);
    });
  });

  describe('business rules', () => {
    const refused = async (mutate: (b: LooseJson) => void) => {
      const body = sampleCreateBody();
      mutate(body.illRequest);
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 400);
      assert.equal(oclc.state.worldshare.requests.length, 0);
      return details(res);
    };

    it('title missing or blank -> 30000 item.title', async () => {
      assert.deepEqual(await refused((r) => delete r.item.title), ['30000 item.title']);
      assert.deepEqual(await refused((r) => (r.item.title = '   ')), ['30000 item.title']);
    });

    it('service type other than LOAN/COPY -> 30001, missing -> 30000', async () => {
      assert.deepEqual(await refused((r) => (r.requester.serviceType = 'LOAN_OR_COPY')), [
        '30001 requester.serviceType',
      ]);
      assert.deepEqual(await refused((r) => delete r.requester.serviceType), [
        '30000 requester.serviceType',
      ]);
    });

    it("requester institution other than the token's registry -> 30001", async () => {
      assert.deepEqual(
        await refused(
          (r) => (r.requester.institution.institutionId = Number(OTHER_LIBRARY.registryId)),
        ),
        ['30001 requester.institution.institutionId'],
      );
      assert.deepEqual(await refused((r) => delete r.requester.institution), [
        '30000 requester.institution.institutionId',
      ]);
    });

    it('no billing address line 1 -> 30000 at requester.requesterBilling.address.address1, answered as failure-example.json', async () => {
      const published = JSON.parse(contract('oclc-ill/failure-example.json')).response;
      // OCLC's own failing request: the published sample without its billing block.
      const body = sampleCreateBody();
      delete body.illRequest.requester.requesterBilling;
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 400);
      assert.deepEqual(res.body.response.error.detail, published.error.detail);
      assert.equal(res.body.response.error.message, published.error.message);
      assert.match(res.body.response.error.instance, /^[0-9a-f-]{36}$/);
      assert.deepEqual(
        res.body.response.illRequest,
        body.illRequest,
        'the refused request is echoed as in the sample',
      );
      assert.equal(oclc.state.worldshare.requests.length, 0);

      assert.deepEqual(
        await refused((r) => (r.requester.requesterBilling.address.address1 = '  ')),
        ['30000 requester.requesterBilling.address.address1'],
      );
      assert.deepEqual(
        await refused(
          (r) => (r.requester.requesterBilling = { maximumCost: { currency: 'USD', amount: 5 } }),
        ),
        ['30000 requester.requesterBilling.address.address1'],
      );
      // A delivery address does not stand in for the billing one (the published failure has one).
      assert.deepEqual(await refused((r) => delete r.requester.requesterBilling.address), [
        '30000 requester.requesterBilling.address.address1',
      ]);
    });

    it('needed in the past -> 30002, unreadable -> 30001', async () => {
      assert.deepEqual(await refused((r) => (r.needed = '2019-08-15T00:00:00.000-00:00')), [
        '30002 needed',
      ]);
      assert.deepEqual(await refused((r) => (r.needed = 'next week')), ['30001 needed']);
    });

    it('accepts needed = today in a time zone behind UTC', async () => {
      const body = sampleCreateBody();
      body.illRequest.needed = '2026-12-01T00:00:00.000-05:00';
      assert.equal((await oclc.call('POST', PATH, token, body)).status, 200);
    });

    it('unknown supplier -> 30005 at its position; state can change the known list', async () => {
      assert.deepEqual(
        await refused((r) => r.requester.supplierInfo.institutions.push({ institutionId: 999999 })),
        ['30005 requester.supplierInfo.institutions[2].institutionId'],
      );
      oclc.state.worldshare.knownSuppliers = [999999];
      const body = sampleCreateBody();
      body.illRequest.requester.supplierInfo.institutions = [{ institutionId: 999999 }];
      assert.equal((await oclc.call('POST', PATH, token, body)).status, 200);
    });

    it('reports every failure at once', async () => {
      const all = await refused((r) => {
        delete r.item.title;
        r.requester.serviceType = 'X';
      });
      assert.deepEqual(all, ['30000 item.title', '30001 requester.serviceType']);
    });
  });

  describe('patron data', () => {
    it('refuses a patron block and flags the violation in the state', async () => {
      const body = sampleCreateBody();
      body.illRequest.patron = { name: 'Example Patron', userId: 'patron-0001' };
      assert.equal(oclc.state.worldshare.patronDataReceived, undefined);
      const res = await oclc.call('POST', PATH, token, body);
      assert.equal(res.status, 400);
      assert.deepEqual(details(res), ['30001 patron']);
      assert.equal(oclc.state.worldshare.patronDataReceived, true);
      assert.equal(oclc.state.worldshare.requests.length, 0);
    });

    it('refuses patron-like fields elsewhere and flags them too', async () => {
      const body = sampleCreateBody();
      body.illRequest.requester.requesterDelivery.patronEmail = 'someone@example.org';
      const res = await oclc.call('POST', PATH, token, body);
      assert.deepEqual(details(res), ['30001 requester.requesterDelivery.patronEmail']);
      assert.equal(oclc.state.worldshare.patronDataReceived, true);
    });

    it('does not flag a clean body', async () => {
      await oclc.call('POST', PATH, token, sampleCreateBody());
      assert.equal(oclc.state.worldshare.patronDataReceived, undefined);
    });
  });

  describe('read and search', () => {
    it('reads back a created request with its current status', async () => {
      const created = await oclc.call('POST', PATH, token, sampleCreateBody());
      const id = created.body.response.illRequest.requestId;
      oclc.state.worldshare.requests[0].requestStatus = 'SHIPPED';
      const res = await oclc.call('GET', `${PATH}/${id}`, token);
      assert.equal(res.status, 200);
      assert.equal(res.body.response.illRequest.requestId, id);
      assert.equal(res.body.response.illRequest.requestStatus, 'SHIPPED');
      assert.equal(res.body.response.illRequest.item.title, 'Outwitting Squirrels');
    });

    it('serves a seeded request with its due date', async () => {
      oclc.state.worldshare.requests.push({
        requestId: '168134581',
        referenceId: 'R-7',
        requestStatus: 'LOANED',
        dueDate: '2027-03-01',
        lender: { renewal: 'approve' },
      });
      const res = await oclc.call('GET', `${PATH}/168134581`, token);
      assert.equal(res.status, 200);
      assert.deepEqual(
        {
          id: res.body.response.illRequest.requestId,
          status: res.body.response.illRequest.requestStatus,
          due: res.body.response.illRequest.dueDate,
        },
        { id: 168134581, status: 'LOANED', due: '2027-03-01T05:00:00Z' },
      );
      assert.equal(res.body.response.illRequest.lender, undefined);
    });

    it('answers 404 in OCLC error format for an unknown id', async () => {
      const res = await oclc.call('GET', `${PATH}/42`, token);
      assert.equal(res.status, 404);
      assert.equal(typeof res.body.response.error.message, 'string');
    });

    it("answers 403 for another registry's request", async () => {
      const created = await oclc.call('POST', PATH, token, sampleCreateBody());
      const other = await oclc.token(OTHER_LIBRARY);
      const res = await oclc.call(
        'GET',
        `${PATH}/${created.body.response.illRequest.requestId}`,
        other,
      );
      assert.equal(res.status, 403);
      assert.equal(res.body.response.error.detail[0].failureCode, 140005);
    });

    it('searches by referenceId, own requests only, possibly none', async () => {
      await oclc.call('POST', PATH, token, sampleCreateBody({ referenceId: 'R-1' }));
      await oclc.call('POST', PATH, token, sampleCreateBody({ referenceId: 'R-2' }));
      oclc.state.worldshare.requests.push({
        requestId: '5',
        referenceId: 'R-1',
        requestStatus: 'CLOSED',
      });
      const res = await oclc.call('GET', `${PATH}?referenceId=R-1`, token);
      assert.equal(res.status, 200);
      assert.deepEqual(
        res.body.response.illRequests.map((r: WorldShareRequest) => [
          r.referenceId,
          r.requestStatus,
        ]),
        [
          ['R-1', 'PENDING'],
          ['R-1', 'CLOSED'],
        ],
      );
      const none = await oclc.call('GET', `${PATH}?referenceId=R-404`, token);
      assert.deepEqual(none.body, { response: { illRequests: [] } });
      const other = await oclc.call(
        'GET',
        `${PATH}?referenceId=R-2`,
        await oclc.token(OTHER_LIBRARY),
      );
      assert.deepEqual(other.body.response.illRequests, []);
      const missing = await oclc.call('GET', PATH, token);
      assert.equal(missing.status, 400);
    });
  });

  describe('authentication', () => {
    it('answers 401 with the errorResponse.json shape without a token, with an unknown one, and with a Basic header', async () => {
      const published = JSON.parse(contract('oclc-ill/errorResponse.json'));
      for (const auth of [undefined, 'tk_unknown']) {
        const res = await oclc.call('POST', PATH, auth, sampleCreateBody());
        assert.equal(res.status, 401);
        assert.deepEqual(res.body, published);
      }
      const basic = await fetch(oclc.url + `${PATH}/1`, {
        headers: { authorization: 'Basic dGVzdDp0ZXN0' },
      });
      assert.equal(basic.status, 401);
      assert.equal(oclc.state.worldshare.requests.length, 0);
    });

    it('answers 401 once the token has expired', async () => {
      const fresh = await oclc.token();
      oclc.clock.advance(1198 * 1000);
      assert.equal((await oclc.call('GET', `${PATH}?referenceId=x`, fresh)).status, 200);
      oclc.clock.advance(1000);
      const res = await oclc.call('GET', `${PATH}?referenceId=x`, fresh);
      assert.equal(res.status, 401);
      assert.equal(res.body.code.value, '401');
    });
  });
});
