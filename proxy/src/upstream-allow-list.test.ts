import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProxyError } from './errors.ts';
import type { Harness } from './test-support/harness.ts';
import { createHarness } from './test-support/harness.ts';
import { UpstreamAllowList } from './upstream-allow-list.ts';

const refusedWith = (status: number) => (e: unknown) =>
  e instanceof ProxyError && e.statusCode === status;

describe('UpstreamAllowList', () => {
  const list = new UpstreamAllowList([
    'https://oauth.oclc.org',
    'https://128807.share.worldcat.org',
    'http://127.0.0.1:4310',
    'http://[::1]:4311',
  ]);

  for (const [header, origin] of [
    ['oauth.oclc.org', 'https://oauth.oclc.org'],
    ['OAuth.OCLC.org', 'https://oauth.oclc.org'],
    ['128807.share.worldcat.org', 'https://128807.share.worldcat.org'],
    ['https://128807.share.worldcat.org', 'https://128807.share.worldcat.org'],
    ['HTTPS://OAUTH.OCLC.ORG', 'https://oauth.oclc.org'],
    ['127.0.0.1:4310', 'http://127.0.0.1:4310'],
    ['http://127.0.0.1:4310', 'http://127.0.0.1:4310'],
    ['[::1]:4311', 'http://[::1]:4311'],
  ] as const) {
    it(`accepts ${JSON.stringify(header)} as ${origin}, scheme and port from the list`, () => {
      assert.equal(list.resolve(header).origin, origin);
    });
  }

  for (const header of [
    'oauth.oclc.org.',
    'oauth.ocIc.org',
    'ｏauth.oclc.org',
    'OAUTH.OCLC.ORG:443',
    'oauth.oclc.org:8443',
    'http://oauth.oclc.org',
    'https://oauth.oclc.org/',
    'https://oauth.oclc.org:443',
    'https://oauth.oclc.org/token',
    'ftp://oauth.oclc.org',
    '//oauth.oclc.org',
    'oauth.oclc.org@evil.test',
    'evil.test@oauth.oclc.org',
    'user:pw@oauth.oclc.org',
    'evil.test#oauth.oclc.org',
    'oauth.oclc.org#evil.test',
    'oauth.oclc.org.evil.test',
    'evil-oauth.oclc.org',
    'oclc.org',
    'oauth.oclc.org/path',
    'oauth.oclc.org?x=1',
    'oauth.oclc.org\\evil.test',
    'oauth.oclc.org,evil.test',
    'oauth.oclc.org evil.test',
    'oauth.oclc.org\tevil.test',
    'oauth.oclc.org%2eevil.test',
    '127.0.0.1',
    '127.0.0.1:4311',
    '127.0.0.1:04310',
    '127.0.0.1:4310:80',
    '127.1:4310',
    '0x7f000001:4310',
    '2130706433:4310',
    '0177.0.0.1:4310',
    'localhost:4310',
    '[::ffff:127.0.0.1]:4310',
    '[::1]:4310',
    '[0:0:0:0:0:0:0:1]:4311',
    '10.0.0.1',
  ]) {
    it(`refuses ${JSON.stringify(header)} with 403`, () => {
      assert.throws(() => list.resolve(header), refusedWith(403));
    });
  }

  it('refuses a header sent twice with 403', () => {
    assert.throws(() => list.resolve(['oauth.oclc.org', 'evil.test']), refusedWith(403));
    assert.throws(() => list.resolve(['oauth.oclc.org', 'oauth.oclc.org']), refusedWith(403));
  });

  it('asks for the header with 400 when it is missing or empty', () => {
    assert.throws(() => list.resolve(undefined), refusedWith(400));
    assert.throws(() => list.resolve(''), refusedWith(400));
  });

  it('quotes a refused header only in bounded printable form', () => {
    try {
      list.resolve(`evil${'x'.repeat(500)}\u0007`);
      assert.fail('should refuse');
    } catch (e) {
      assert.ok(e instanceof ProxyError);
      assert.ok(e.message.length < 300, e.message);
      assert.ok(!e.message.includes('\u0007'), 'no control character quoted');
    }
  });
});

describe('X-Proxy-Host through the proxy', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h.close());

  it('forwards for the listed host and for the listed origin', async () => {
    for (const header of [h.upstream.host, h.upstream.origin]) {
      const res = await h.call('/ILL/request/data', { headers: { 'x-proxy-host': header } });
      assert.equal(res.statusCode, 200, header);
    }
    assert.equal(h.upstream.received.length, 2);
  });

  it('refuses every trick with 403 and forwards nothing', async () => {
    h.upstream.reset();
    const tokensBefore = h.tokenEndpoint.requests.length;
    const H = h.upstream.host;
    const [, port] = H.split(':');
    const otherPort = String(Number(port) === 65535 ? 1 : Number(port) + 1);
    const tricks = [
      `${H}@evil.test`,
      `evil.test@${H}`,
      `user:pw@${H}`,
      `evil.test#${H}`,
      `${H}#evil.test`,
      `${H}.evil.test`,
      `127.0.0.1.evil.test:${port}`,
      `127.0.0.1:${otherPort}`,
      '127.0.0.1',
      `127.0.0.1:0${port}`,
      `${H}:80`,
      `127.0.0.2:${port}`,
      `127.1:${port}`,
      `0x7f000001:${port}`,
      `2130706433:${port}`,
      `localhost:${port}`,
      `[::1]:${port}`,
      `[::ffff:127.0.0.1]:${port}`,
      `${H}/ILL`,
      `${H}?q=1`,
      `${H}/`,
      `${H}\\evil.test`,
      `${H},evil.test`,
      `${H}, ${H}`,
      `${H} evil.test`,
      `127.0.0.1 :${port}`,
      `${H}\tevil.test`,
      `https://${H}`,
      `http://${H}/`,
      `HTTP://${H}:${port}`,
      'oauth.oclc.org',
    ];
    for (const trick of tricks) {
      const res = await h.call('/ILL/request/data', { headers: { 'x-proxy-host': trick } });
      assert.equal(
        res.statusCode,
        403,
        `${JSON.stringify(trick)} -> ${res.statusCode} ${res.body}`,
      );
      assert.equal(res.json().error.code, 'upstream_not_allowed');
    }
    assert.equal(h.upstream.received.length, 0, 'nothing reached the upstream');
    assert.equal(
      h.tokenEndpoint.requests.length,
      tokensBefore,
      'no OCLC token was requested for a refused host',
    );
  });

  it('refuses a repeated X-Proxy-Host header with 403', async () => {
    const res = await h.call('/ILL/request/data', {
      headers: { 'x-proxy-host': [h.upstream.host, 'evil.test'] },
    });
    assert.equal(res.statusCode, 403);
  });

  it('answers 400 when X-Proxy-Host is missing', async () => {
    const jwt = await h.issuer.sign();
    const res = await h.request({
      method: 'GET',
      url: '/x',
      headers: { authorization: `Bearer ${jwt}` },
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'proxy_host_missing');
  });

  it('checks the JWT before the host, so unauthenticated callers learn nothing about the list', async () => {
    const res = await h.request({
      method: 'GET',
      url: '/x',
      headers: { 'x-proxy-host': 'evil.test' },
    });
    assert.equal(res.statusCode, 401);
  });

  it('never echoed a token or secret in any answer or log line', () => {
    assert.deepEqual(h.findLeaks(), []);
  });
});
