import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import type { RunningProxy } from './start.ts';
import { startProxy } from './start.ts';
import type { Harness } from './test-support/harness.ts';
import { createHarness } from './test-support/harness.ts';

/** A raw HTTP request whose path is sent exactly as written (fetch and inject would normalise it). */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: hostname, port, path, method: 'GET', headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('startProxy over real HTTP', () => {
  let h: Harness;
  let running: RunningProxy;
  before(async () => {
    h = await createHarness();
    running = await startProxy({ ...h.config, host: '127.0.0.1', port: 0 });
  });
  after(async () => {
    await running.close();
    await h.close();
  });

  it('listens on an ephemeral 127.0.0.1 port and answers /healthz', async () => {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.notEqual(running.url, 'http://127.0.0.1:0');
    const res = await rawGet(running.url, '/healthz', {});
    assert.equal(res.status, 200);
    assert.deepEqual(JSON.parse(res.body), { ok: true });
  });

  it('forwards an authenticated request to the upstream', async () => {
    h.upstream.reset();
    const jwt = await h.issuer.sign();
    const res = await rawGet(running.url, '/ILL/request/data/9?x=1', {
      authorization: `Bearer ${jwt}`,
      'x-proxy-host': h.upstream.host,
    });
    assert.equal(res.status, 200);
    assert.equal(h.upstream.received[0].url, '/ILL/request/data/9?x=1');
  });

  it('refuses dot-segment and double-slash paths with 400 before contacting the upstream', async () => {
    h.upstream.reset();
    const jwt = await h.issuer.sign();
    for (const path of [
      '/a/../b',
      '/a/%2e%2e/b',
      '/a/%2E%2e/%2e%2e/b',
      '/a/..%2f..%2fb',
      '//evil.test/x',
      '/a//b',
      '/./a',
    ]) {
      const res = await rawGet(running.url, path, {
        authorization: `Bearer ${jwt}`,
        'x-proxy-host': h.upstream.host,
      });
      assert.equal(res.status, 400, `${path}: ${res.body}`);
      assert.equal(JSON.parse(res.body).error.code, 'invalid_path');
    }
    assert.equal(h.upstream.received.length, 0);
  });

  it('stops listening after close', async () => {
    const other = await startProxy({ ...h.config, port: 0 });
    await other.close();
    await assert.rejects(rawGet(other.url, '/healthz', {}));
  });

  it('refuses an invalid configuration with ProxyConfigError', async () => {
    await assert.rejects(startProxy({ ...h.config, allowedApps: [] }), /allowedApps/);
  });
});
