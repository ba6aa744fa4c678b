import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, test } from 'node:test';
import { parseIsoMessage } from '../oclc/iso18626-xml.js';
import { validateIso18626 } from '../oclc/iso18626-xsd.js';
import { contract, startStandInInbox } from '../oclc/test-support.js';
import { startTestSim, type TestSim } from '../testing/harness.js';

const RENEW_YES = contract('iso18626/SupplyingAgencyMessageRenewYes.xml');
const CANCEL_YES = contract('iso18626/SupplyingAgencyMessageCancelYes.xml');

describe('POST /__sim/lender/send', () => {
  let t: TestSim;
  let inbox: Awaited<ReturnType<typeof startStandInInbox>>;
  before(async () => {
    inbox = await startStandInInbox();
    t = await startTestSim({
      requesterEndpoints: {
        SIM_INST: { url: `${inbox.url}/iso18626/SIM_INST`, username: 'SIM_INST', password: 'pw-9' },
      },
    });
  });
  after(async () => {
    await t.close();
    await inbox.close();
  });
  beforeEach(async () => {
    inbox.deliveries.length = 0;
    await t.reset({
      worldshare: {
        requests: [
          {
            requestId: '1700001',
            referenceId: 'ALMA-5',
            requestStatus: 'LOANED',
            dueDate: '2027-03-01',
          },
        ],
      },
    });
  });

  test('pushes a published sample at once with the header set to that request; the rest verbatim; listed in the state', async () => {
    const res = await t.call('POST', '/__sim/lender/send', {
      requestId: '1700001',
      xml: RENEW_YES,
    });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 200);
    assert.equal(res.body.messageStatus, 'OK');
    assert.equal(inbox.deliveries.length, 1);
    const sent = inbox.deliveries[0];
    assert.equal(sent.path, '/iso18626/SIM_INST');
    assert.equal(sent.authorization, `Basic ${Buffer.from('SIM_INST:pw-9').toString('base64')}`);
    assert.deepEqual((await validateIso18626(sent.body)).errors, []);
    const parsed = parseIsoMessage(sent.body);
    assert.equal(parsed?.header?.supplyingAgencyRequestId, '1700001');
    assert.equal(parsed?.header?.requestingAgencyRequestId, 'ALMA-5');
    assert.deepEqual(parsed?.header?.requestingAgencyId, { type: 'ISIL', value: 'OCLC-SIM' });
    assert.equal(
      parsed?.header?.timestamp,
      '2021-02-09T11:29:24Z',
      'the timestamp is sent as given',
    );
    const strip = (xml: string) => xml.replace(/<ns1:header>[\s\S]*<\/ns1:header>/, '');
    assert.equal(strip(sent.body), strip(RENEW_YES), 'everything outside the header verbatim');
    const state = await t.state();
    assert.equal(state.worldshare.pushes.length, 1);
    assert.equal(state.worldshare.pushes[0].xml, sent.body);
    assert.match(state.worldshare.pushes[0].confirmation ?? '', /<messageStatus>OK</);
    assert.equal(
      state.worldshare.requests[0].dueDate,
      '2021-02-24T05:00:00Z',
      'WorldShare follows an approval',
    );
  });

  test('a message in the default namespace and without supplyingAgencyRequestId gets one', async () => {
    const plain = RENEW_YES.replace(/ns1:/g, '')
      .replace('xmlns:ns1=', 'xmlns=')
      .replace(/<supplyingAgencyRequestId>[^<]*<\/supplyingAgencyRequestId>/, '');
    const res = await t.call('POST', '/__sim/lender/send', { requestId: '1700001', xml: plain });
    assert.equal(res.status, 200);
    const parsed = parseIsoMessage(inbox.deliveries[0].body);
    assert.equal(parsed?.header?.supplyingAgencyRequestId, '1700001');
    assert.match(
      inbox.deliveries[0].body,
      /<requestingAgencyRequestId>ALMA-5<\/requestingAgencyRequestId><supplyingAgencyRequestId>1700001<\/supplyingAgencyRequestId>/,
    );
  });

  test('a CancelResponse N that says Cancelled does not cancel at WorldShare; Y does', async () => {
    const refused = CANCEL_YES.replace('<ns1:answerYesNo>Y<', '<ns1:answerYesNo>N<');
    await t.call('POST', '/__sim/lender/send', { requestId: '1700001', xml: refused });
    assert.equal((await t.state()).worldshare.requests[0].requestStatus, 'LOANED');
    await t.call('POST', '/__sim/lender/send', { requestId: '1700001', xml: CANCEL_YES });
    assert.equal((await t.state()).worldshare.requests[0].requestStatus, 'CANCELLED');
  });

  test('refuses an unknown request, a body without xml, and text that is not a supplyingAgencyMessage; nothing pushed', async () => {
    assert.equal(
      (await t.call('POST', '/__sim/lender/send', { requestId: '999', xml: RENEW_YES })).status,
      404,
    );
    assert.equal(
      (await t.call('POST', '/__sim/lender/send', { requestId: '1700001' })).status,
      400,
    );
    const notSupplying = await t.call('POST', '/__sim/lender/send', {
      requestId: '1700001',
      xml: contract('iso18626/RequestingAgencyMessageRenew.xml'),
    });
    assert.equal(notSupplying.status, 400);
    assert.match(notSupplying.body.errors[0], /supplyingAgencyMessage/);
    assert.equal(
      (await t.call('POST', '/__sim/lender/send', { requestId: '1700001', xml: 'not xml' })).status,
      400,
    );
    assert.equal(inbox.deliveries.length, 0);
    assert.equal((await t.state()).worldshare.pushes.length, 0);
  });
});
