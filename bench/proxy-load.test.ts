import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { startLoopbackUpstream } from './loopback-upstream.js';
import { measureProxy } from './proxy-load.js';

describe('proxy load scenario', () => {
  test('every call goes through the real proxy with one OCLC token, and the figures add up', async () => {
    const r = await measureProxy({ calls: 40, concurrency: 4, warmup: 4, batches: 2 });
    assert.equal(r.throughput.proxied.calls, 40);
    assert.equal(r.throughput.direct.calls, 40);
    assert.equal(r.sequential.proxied.concurrency, 1);
    assert.equal(r.tokenRequests, 1, 'the proxy reused its token');
    for (const f of [
      r.throughput.direct,
      r.throughput.proxied,
      r.sequential.direct,
      r.sequential.proxied,
    ]) {
      assert.ok(f.p50Ms <= f.p99Ms && f.p99Ms <= f.maxMs, 'quantiles in order');
      assert.ok(f.requestsPerSec > 0);
    }
    assert.equal(
      r.addedP99Ms,
      Math.round((r.sequential.proxied.p99Ms - r.sequential.direct.p99Ms) * 100) / 100,
    );
  });

  test('the loopback upstream refuses nothing but counts what it served, and closes', async () => {
    const u = await startLoopbackUpstream();
    try {
      const jwks = (await (await fetch(u.jwksUrl)).json()) as { keys: { kid: string }[] };
      assert.equal(jwks.keys[0].kid, 'bench-1');
      const token = (await (await fetch(`${u.origin}/token`, { method: 'POST' })).json()) as {
        expires_in: string;
      };
      assert.equal(token.expires_in, '1199');
      assert.equal((await fetch(`${u.origin}/ILL/request/data/1`)).status, 200);
      assert.deepEqual(u.counts, { token: 1, jwks: 1, data: 1 });
      assert.match(u.origin, /^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await u.close();
    }
    await assert.rejects(fetch(`${u.origin}/x`));
  });
});
