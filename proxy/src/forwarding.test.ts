import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { Harness } from './test-support/harness.ts';
import { createHarness } from './test-support/harness.ts';
import type { FakeUpstream } from './test-support/fake-upstream.ts';
import { startFakeUpstream } from './test-support/fake-upstream.ts';
import { listenOnLocalhost } from './test-support/http-fixture.ts';

const ISO_RENEW = `<?xml version="1.0" encoding="UTF-8"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" ill:version="1.2" xmlns:ill="http://illtransactions.org/2013/iso18626">
  <requestingAgencyMessage><action>Renew</action><note>Überprüfung – “quotes” &amp; 日本語</note></requestingAgencyMessage>
</ISO18626Message>`;

describe('forwarding', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());
  beforeEach(() => h.upstream.reset());

  it('forwards method, path, query, raw XML body, content-type and accept', async () => {
    h.upstream.behave((req, res) => {
      res.statusCode = 201;
      res.setHeader('content-type', 'application/xml; charset=utf-8');
      res.setHeader('location', '/ILL/request/data/77');
      res.end('<ISO18626Message><supplyingAgencyMessage/></ISO18626Message>');
      void req;
    });
    const res = await h.call('/ILL/iso18626?symbol=OCLC%3AABC&x=1', {
      method: 'POST',
      payload: Buffer.from(ISO_RENEW, 'utf8'),
      headers: { 'content-type': 'application/xml; charset=utf-8', accept: 'application/xml' },
    });
    assert.equal(res.statusCode, 201);
    assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(res.headers.location, '/ILL/request/data/77');
    assert.equal(res.body, '<ISO18626Message><supplyingAgencyMessage/></ISO18626Message>');
    const got = h.upstream.received[0];
    assert.equal(got.method, 'POST');
    assert.equal(got.url, '/ILL/iso18626?symbol=OCLC%3AABC&x=1');
    assert.equal(got.body.toString('utf8'), ISO_RENEW, 'every byte of the body arrives unchanged');
    assert.equal(got.headers['content-type'], 'application/xml; charset=utf-8');
    assert.equal(got.headers.accept, 'application/xml');
  });

  it('forwards a JSON body byte for byte without reformatting it', async () => {
    const json = '{ "illRequest" : {"item":{"title":"Ça  va\\u00e9"}} }';
    await h.call('/ILL/request/data', {
      method: 'POST',
      payload: json,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(h.upstream.received[0].body.toString('utf8'), json);
  });

  it('forwards PUT, PATCH, DELETE and HEAD', async () => {
    for (const method of ['PUT', 'PATCH', 'DELETE', 'HEAD'] as const) {
      const res = await h.call('/ILL/request/data/5', {
        method,
        payload: method === 'HEAD' ? undefined : 'x',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(res.statusCode, 200, method);
    }
    assert.deepEqual(
      h.upstream.received.map((r) => r.method),
      ['PUT', 'PATCH', 'DELETE', 'HEAD'],
    );
  });

  it('passes upstream error statuses, bodies and content types back unchanged', async () => {
    const oclcError =
      '{"response":{"error":{"message":"Invalid","detail":[{"failureCode":"30001","fieldName":"isbn"}]}}}';
    h.upstream.behave((_req, res) => {
      res.statusCode = 400;
      res.setHeader('content-type', 'application/json');
      res.end(oclcError);
    });
    const res = await h.call('/ILL/request/data', {
      method: 'POST',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.body, oclcError);
  });

  it('injects the institution OCLC token when there is no X-Proxy-Auth', async () => {
    await h.call('/ILL/request/data/1');
    const auth = h.upstream.received[0].headers.authorization;
    assert.equal(auth, `Bearer ${h.tokenEndpoint.issued.at(-1)}`);
    assert.match(auth ?? '', /^Bearer tk_wskey-test-inst-a_\d+_q7z$/);
  });

  it('sends X-Proxy-Auth upstream as Authorization, verbatim, and asks OCLC for no token', async () => {
    await h.restartProxy();
    h.tokenEndpoint.reset();
    const callerAuth = 'Bearer caller-supplied-token-8c1e';
    h.markSensitive(callerAuth);
    const res = await h.call('/ILL/request/data/1', { headers: { 'x-proxy-auth': callerAuth } });
    assert.equal(res.statusCode, 200);
    assert.equal(h.upstream.received[0].headers.authorization, callerAuth);
    assert.equal(h.tokenEndpoint.requests.length, 0);
  });

  it('passes an upstream 401 back without retrying when the caller supplied X-Proxy-Auth', async () => {
    h.upstream.behave((_req, res) => {
      res.statusCode = 401;
      res.end('{"message":"bad key"}');
    });
    h.markSensitive('wskey="caller-wskey-3f0"');
    const res = await h.call('/x', { headers: { 'x-proxy-auth': 'wskey="caller-wskey-3f0"' } });
    assert.equal(res.statusCode, 401);
    assert.equal(h.upstream.received.length, 1);
  });

  it('never sends the Cloud App JWT, cookies, X-Proxy-* or hop-by-hop headers upstream', async () => {
    const jwt = await h.issuer.sign();
    await h.request({
      method: 'POST',
      url: '/ILL/request/data',
      payload: 'x',
      headers: {
        authorization: `Bearer ${jwt}`,
        'x-proxy-host': h.upstream.host,
        'content-type': 'text/plain',
        cookie: 'session=alma-session-cookie',
        connection: 'keep-alive, x-secret-hop',
        'x-secret-hop': 'hop',
        'keep-alive': 'timeout=5',
        'proxy-authorization': 'Basic Zm9vOmJhcg==',
        te: 'trailers',
        upgrade: 'websocket',
        'x-forwarded-for': '10.1.2.3',
        origin: 'https://apps.exl.test',
        'x-custom': 'y',
      },
    });
    const got = h.upstream.received[0];
    const all = JSON.stringify(got.headers) + got.url;
    assert.ok(!all.includes(jwt), 'the Cloud App JWT never reaches the upstream');
    for (const name of [
      'cookie',
      'x-proxy-host',
      'x-proxy-auth',
      'x-secret-hop',
      'keep-alive',
      'proxy-authorization',
      'te',
      'upgrade',
      'x-forwarded-for',
      'origin',
      'x-custom',
    ]) {
      assert.equal(got.headers[name], undefined, `${name} is not forwarded`);
    }
    assert.match(got.headers.authorization ?? '', /^Bearer tk_/);
    assert.equal(got.headers.host, h.upstream.host);
  });

  it('never passes upstream cookies or content-encoding back', async () => {
    h.upstream.behave((_req, res) => {
      res.setHeader('set-cookie', 'oclc=1');
      res.setHeader('content-type', 'text/plain');
      res.setHeader('x-internal', 'z');
      res.end('hello');
    });
    const res = await h.call('/x');
    assert.equal(res.headers['set-cookie'], undefined);
    assert.equal(res.headers['x-internal'], undefined);
    assert.equal(res.body, 'hello');
  });

  it('passes 304 Not Modified through', async () => {
    h.upstream.behave((_req, res) => {
      res.statusCode = 304;
      res.setHeader('etag', '"v1"');
      res.end();
    });
    const res = await h.call('/x', { headers: { 'if-none-match': '"v1"' } });
    assert.equal(res.statusCode, 304);
    assert.equal(h.upstream.received[0].headers['if-none-match'], '"v1"');
  });

  describe('redirects', () => {
    let elsewhere: FakeUpstream;
    before(async () => {
      elsewhere = await startFakeUpstream();
    });
    after(() => elsewhere.close());

    for (const status of [301, 302, 303, 307, 308]) {
      it(`does not follow a ${status} and answers 502 without the Location`, async () => {
        h.upstream.reset();
        h.upstream.behave((_req, res) => {
          res.statusCode = status;
          res.setHeader('location', `${elsewhere.origin}/steal`);
          res.end();
        });
        const res = await h.call('/ILL/request/data', {
          method: 'POST',
          payload: 'x',
          headers: { 'content-type': 'text/plain' },
        });
        assert.equal(res.statusCode, 502);
        assert.equal(res.json().error.code, 'upstream_redirect');
        assert.equal(res.headers.location, undefined);
        assert.equal(elsewhere.received.length, 0, 'the redirect target was never contacted');
        assert.equal(h.upstream.received.length, 1);
      });
    }
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const gone = await listenOnLocalhost(() => undefined);
    await gone.close();
    await h.restartProxy({ allowedUpstreams: [gone.origin] });
    try {
      const res = await h.call('/x', { headers: { 'x-proxy-host': gone.host } });
      assert.equal(res.statusCode, 502);
      assert.equal(res.json().error.code, 'upstream_unreachable');
      assert.match(res.json().error.message, /cannot be reached/);
    } finally {
      await h.restartProxy();
    }
  });

  it('answers 504 when the upstream does not answer in time', async () => {
    await h.restartProxy({ upstreamTimeoutMs: 150 });
    try {
      h.upstream.behave(() => {
        // never answers; the fixture closes the connection at the end of the suite
      });
      const res = await h.call('/x');
      assert.equal(res.statusCode, 504);
      assert.equal(res.json().error.code, 'upstream_timeout');
      assert.equal(h.upstream.received.length, 1, 'the request did reach the upstream');
    } finally {
      await h.restartProxy();
    }
  });

  it('answers 504 when the upstream stops in the middle of its body', async () => {
    await h.restartProxy({ upstreamTimeoutMs: 150 });
    try {
      h.upstream.behave((_req, res) => {
        res.setHeader('content-type', 'text/plain');
        res.write('partial');
      });
      const res = await h.call('/x');
      assert.equal(res.statusCode, 504);
    } finally {
      await h.restartProxy();
    }
  });

  it('refuses a body over the limit with 413 and a JSON error', async () => {
    await h.restartProxy({ bodyLimitBytes: 1000 });
    try {
      const res = await h.call('/x', {
        method: 'POST',
        payload: 'x'.repeat(2000),
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(res.statusCode, 413);
      assert.equal(typeof res.json().error.message, 'string');
      assert.equal(h.upstream.received.length, 0);
    } finally {
      await h.restartProxy();
    }
  });

  it('answers GET /healthz without auth', async () => {
    const res = await h.request({ method: 'GET', url: '/healthz' });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { ok: true });
  });

  it('answers 404 in the JSON error shape for methods it does not forward', async () => {
    const res = await h.request({
      method: 'PROPFIND',
      url: '/x',
      headers: { 'x-proxy-host': h.upstream.host },
    });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found');
  });

  it('never echoed a token or secret in any answer or log line', () => {
    assert.deepEqual(h.findLeaks(), []);
  });
});
