import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setImmediate } from 'node:timers/promises';
import { emptyState } from './empty-state.js';
import {
  LIBRARY,
  OTHER_LIBRARY,
  sampleCreateBody,
  startTestOclc,
  tokenRequest,
  type TestOclc,
} from './test-support.js';

const PATH = '/ILL/request/data';

describe('fake OCLC: rate limit', () => {
  let oclc: TestOclc;
  before(async () => {
    oclc = await startTestOclc(undefined, { rateLimitPerSec: 3 });
  });
  after(() => oclc.close());

  it('answers 429 with Retry-After past the per-token limit, and lets the token through a second later', async () => {
    const token = await oclc.token();
    for (let i = 0; i < 3; i++)
      assert.equal((await oclc.call('GET', `${PATH}?referenceId=r`, token)).status, 200);
    const limited = await oclc.call('GET', `${PATH}?referenceId=r`, token);
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '1');
    assert.equal(typeof limited.body.response.error.message, 'string');

    const other = await oclc.token(OTHER_LIBRARY);
    assert.equal(
      (await oclc.call('GET', `${PATH}?referenceId=r`, other)).status,
      200,
      'the limit is per token',
    );

    oclc.clock.advance(1000);
    assert.equal((await oclc.call('GET', `${PATH}?referenceId=r`, token)).status, 200);
    assert.equal(oclc.state.worldshare.throttled, 1, 'the refusal is counted');
  });

  it('limits ISO 18626 calls with the same counter', async () => {
    const token = await oclc.token();
    for (let i = 0; i < 3; i++) await oclc.call('GET', `${PATH}/1`, token);
    const res = await oclc.iso('<not-even-xml', token);
    assert.equal(res.status, 429);
    assert.equal(oclc.state.worldshare.messages.length, 0);
  });
});

describe('fake OCLC: a rate limit over a longer window', () => {
  let oclc: TestOclc;
  before(async () => {
    oclc = await startTestOclc(undefined, { rateLimit: { calls: 1, windowMs: 1500 } });
  });
  after(() => oclc.close());

  it('lets one call through in any 1500 ms, and counts each refusal', async () => {
    const token = await oclc.token();
    const status = async () => (await oclc.call('GET', `${PATH}/1`, token)).status;
    assert.equal(await status(), 404);
    oclc.clock.advance(1000);
    const refused = await oclc.call('GET', `${PATH}/1`, token);
    assert.equal(refused.status, 429);
    assert.equal(refused.headers.get('retry-after'), '1');
    oclc.clock.advance(499);
    assert.equal(await status(), 429);
    oclc.clock.advance(1);
    assert.equal(await status(), 404, 'the window has passed');
    assert.equal(oclc.state.worldshare.throttled, 2);
    assert.equal(
      oclc.state.worldshare.calls.filter((c) => c.status === 429).length,
      2,
      'the same calls the log shows refused',
    );
  });
});

describe('fake OCLC: faults, call log, unknown routes', () => {
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

  it('answers an injected 500 in OCLC error format, once, then works', async () => {
    oclc.state.faults.push({
      target: 'oclc',
      method: 'POST',
      path: '^/ILL/request/data$',
      status: 500,
      used: 0,
    });
    const failed = await oclc.call('POST', PATH, token, sampleCreateBody());
    assert.equal(failed.status, 500);
    assert.equal(typeof failed.body.response.error.message, 'string');
    assert.equal(
      oclc.state.worldshare.requests.length,
      0,
      'a faulted call must not reach the handler',
    );
    const ok = await oclc.call('POST', PATH, token, sampleCreateBody());
    assert.equal(ok.status, 200);
    assert.equal(oclc.state.faults[0].used, 1);
  });

  it('applies faults to /token too, with Retry-After on 503, and records the call', async () => {
    oclc.state.faults.push({ target: 'oclc', path: '^/token$', status: 503, times: -1, used: 0 });
    const res = await tokenRequest(
      oclc.url,
      LIBRARY.wskey,
      LIBRARY.secret,
      `WorldShareILL context:${LIBRARY.registryId}`,
    );
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '1');
    assert.deepEqual(res.body.code, { type: 'http', value: '503' });
    assert.equal(oclc.state.worldshare.tokenRequests.at(-1)?.status, 503);
  });

  it('ignores fault rules aimed at Alma', async () => {
    oclc.state.faults.push({ target: 'alma', path: '.*', status: 500, times: -1, used: 0 });
    assert.equal((await oclc.call('POST', PATH, token, sampleCreateBody())).status, 200);
  });

  it('stays silent for a status-0 fault until the client gives up', async () => {
    oclc.state.faults.push({ target: 'oclc', path: '^/ILL/request/data$', status: 0, used: 0 });
    const abort = new AbortController();
    const pending = fetch(oclc.url + PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(sampleCreateBody()),
      signal: abort.signal,
    });
    // Give up once the fake has the call: it is logged on arrival and, silent, never gets a status.
    while (oclc.state.worldshare.calls.length === 0) await setImmediate();
    assert.equal(oclc.state.worldshare.calls[0].status, undefined);
    abort.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal(oclc.state.worldshare.requests.length, 0);
  });

  it('uses the state current at each call (a reset replaces the object)', async () => {
    const first = oclc.state;
    await oclc.call('POST', PATH, token, sampleCreateBody());
    oclc.state = emptyState();
    await oclc.call('POST', PATH, token, sampleCreateBody());
    assert.equal(first.worldshare.requests.length, 1);
    assert.equal(oclc.state.worldshare.requests.length, 1);
  });

  it('records every non-token call with its status in worldshare.calls, never the bearer token', async () => {
    await oclc.call('POST', PATH, token, sampleCreateBody());
    await oclc.call('GET', `${PATH}?referenceId=ALMA-REQ-1001`, token);
    await oclc.call('GET', `${PATH}/1`, undefined);
    await oclc.iso('<broken', token);
    const calls = oclc.state.worldshare.calls.map((c) => [c.method, c.url, c.status]);
    assert.deepEqual(calls, [
      ['POST', PATH, 200],
      ['GET', PATH, 200],
      ['GET', `${PATH}/1`, 401],
      ['POST', '/ILL/iso18626', 200],
    ]);
    assert.equal(oclc.state.worldshare.calls[1].query.referenceId, 'ALMA-REQ-1001');
    assert.equal(typeof oclc.state.worldshare.calls[3].body, 'string');
    assert.ok(!JSON.stringify(oclc.state).includes(token));
  });

  it('answers unknown routes with 404 in OCLC error format, and records them', async () => {
    const res = await oclc.call('GET', '/ILL/request/nothing-here', token);
    assert.equal(res.status, 404);
    assert.equal(typeof res.body.response.error.message, 'string');
    const other = await oclc.call('DELETE', '/somewhere', token);
    assert.equal(other.status, 404);
    assert.deepEqual(other.body.code, { type: 'http', value: '404' });
    assert.deepEqual(
      oclc.state.worldshare.calls.map((c) => c.status),
      [404, 404],
    );
  });

  it('answers an unsupported media type in OCLC error format', async () => {
    const res = await fetch(oclc.url + PATH, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: 'x',
    });
    assert.equal(res.status, 415);
    assert.ok((await res.json()).response.error);
  });
});
