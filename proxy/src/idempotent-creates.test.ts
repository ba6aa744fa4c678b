import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createProxyServer } from './server.ts';
import { startProxy } from './start.ts';
import { ALLOWED_ORIGIN, createHarness, OTHER_INST } from './test-support/harness.ts';
import type { Harness } from './test-support/harness.ts';
import { storeBackends } from './test-support/store-backends.ts';

/** Resolves once `condition` holds, checking every 10 ms; rejects after `ms`. */
async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  ms = 10_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const CREATE = '/ILL/request/data';
const BODY = '{"illRequest":{"title":"Moby Dick"}}';

for (const backend of storeBackends()) {
  describe(`idempotent create on ${backend.name}`, () => {
    let h: Harness;
    let release: () => void = () => {};
    let created = 0;
    const create = (key: string | undefined, opts: { inst?: string; path?: string } = {}) =>
      h.call(opts.path ?? CREATE, {
        method: 'POST',
        inst: opts.inst,
        payload: BODY,
        headers: {
          'content-type': 'application/json',
          ...(key !== undefined ? { 'idempotency-key': key } : {}),
        },
      });
    /** The fake WorldShare answers 201 with a new request id, once `release()` is called. */
    const holdCreates = (): void => {
      let open!: () => void;
      const gate = new Promise<void>((r) => (open = r));
      release = open;
      h.upstream.behave((_req, res) => {
        void gate.then(() => {
          created += 1;
          res.statusCode = 201;
          res.setHeader('content-type', 'application/json');
          res.setHeader('location', `/ILL/request/data/${770 + created}`);
          res.end(JSON.stringify({ requestId: String(770 + created) }));
        });
      });
    };

    before(async () => {
      h = await createHarness({ ...(await backend.fresh()), idempotencyPollMs: 20 });
    });
    after(async () => {
      await h?.close();
      backend.cleanup();
    });
    beforeEach(() => {
      h.upstream.reset();
      created = 0;
      holdCreates();
    });

    it('sends ten concurrent repeats of a key to WorldShare once; all get its answer, repeats marked replayed', async () => {
      const calls = Array.from({ length: 10 }, () => create('alma-1001'));
      await waitFor(() => h.upstream.received.length >= 1, 'the first create upstream');
      release();
      const answers = await Promise.all(calls);
      assert.equal(h.upstream.received.length, 1);
      for (const a of answers) {
        assert.equal(a.statusCode, 201, a.body);
        assert.equal(a.json().requestId, '771');
        assert.equal(a.headers.location, '/ILL/request/data/771');
        assert.match(String(a.headers['content-type']), /application\/json/);
      }
      assert.equal(answers.filter((a) => a.headers['idempotent-replayed'] === 'true').length, 9);
    });

    it('answers a later repeat (another staff member, after a reload) from the store without calling WorldShare', async () => {
      release();
      const first = await create('alma-1002');
      const staff2 = await h.call(CREATE, {
        method: 'POST',
        payload: BODY,
        headers: { 'content-type': 'application/json', 'idempotency-key': 'alma-1002' },
        inst: undefined,
      });
      assert.equal(first.headers['idempotent-replayed'], undefined);
      assert.equal(staff2.headers['idempotent-replayed'], 'true');
      assert.equal(staff2.body, first.body);
      assert.equal(h.upstream.received.length, 1);
    });

    it('releases the key when the first create fails, so a repeat is sent again', async () => {
      h.upstream.behave((_req, res) => {
        res.statusCode = 500;
        res.end('{"problem":"busy"}');
      });
      const failed = await create('alma-1003');
      assert.equal(failed.statusCode, 500);
      h.upstream.behave((_req, res) => res.socket?.destroy());
      const unreachable = await create('alma-1003');
      assert.equal(unreachable.statusCode, 502);
      holdCreates();
      release();
      const retried = await create('alma-1003');
      assert.equal(retried.statusCode, 201);
      assert.equal(retried.headers['idempotent-replayed'], undefined);
      assert.equal(h.upstream.received.length, 3);
      const again = await create('alma-1003');
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.equal(h.upstream.received.length, 3);
    });

    it('keys per institution, refuses a key reused for another path, and leaves calls without a key alone', async () => {
      release();
      await create('alma-1004');
      const other = await create('alma-1004', { inst: OTHER_INST });
      assert.equal(other.headers['idempotent-replayed'], undefined);
      assert.equal(h.upstream.received.length, 2);
      const mismatch = await create('alma-1004', { path: '/ILL/request/data/5/notes' });
      assert.equal(mismatch.statusCode, 422);
      assert.equal(mismatch.json().error.code, 'idempotency_key_mismatch');
      await create(undefined);
      await create(undefined);
      assert.equal(h.upstream.received.length, 4);
      const invalid = await create('  ');
      assert.equal(invalid.statusCode, 400);
      assert.equal(invalid.json().error.code, 'idempotency_key_invalid');
    });

    it('makes one create across two proxy instances sharing the store', async () => {
      const second: FastifyInstance = await createProxyServer(h.config);
      try {
        const jwt = await h.issuer.sign();
        const headers = {
          authorization: `Bearer ${jwt}`,
          'x-proxy-host': h.upstream.host,
          'content-type': 'application/json',
          'idempotency-key': 'alma-1005',
        };
        const calls = Array.from({ length: 6 }, (_, i) =>
          (i % 2 === 0 ? h.proxy : second).inject({
            method: 'POST',
            url: CREATE,
            payload: BODY,
            headers,
          }),
        );
        await waitFor(() => h.upstream.received.length >= 1, 'the first create upstream');
        release();
        const answers = await Promise.all(calls);
        assert.deepEqual(
          answers.map((a) => a.statusCode),
          [201, 201, 201, 201, 201, 201],
        );
        assert.equal(new Set(answers.map((a) => a.body)).size, 1);
        assert.equal(h.upstream.received.length, 1);
      } finally {
        await second.close();
      }
    });

    it('finishes the create when the browser goes away mid-call; the repeat gets its answer', async () => {
      const running = await startProxy({ ...h.config, port: 0 });
      try {
        const jwt = await h.issuer.sign();
        const headers = {
          authorization: `Bearer ${jwt}`,
          'x-proxy-host': h.upstream.host,
          'content-type': 'application/json',
          'idempotency-key': 'alma-1006',
        };
        const browser = new AbortController();
        const gone = fetch(`${running.url}${CREATE}`, {
          method: 'POST',
          body: BODY,
          headers,
          signal: browser.signal,
        }).catch((e: Error) => e.name);
        await waitFor(() => h.upstream.received.length >= 1, 'the first create upstream');
        browser.abort();
        assert.equal(await gone, 'AbortError');
        release();
        const repeat = await fetch(`${running.url}${CREATE}`, {
          method: 'POST',
          body: BODY,
          headers,
        });
        assert.equal(repeat.status, 201);
        assert.equal(repeat.headers.get('idempotent-replayed'), 'true');
        assert.equal(((await repeat.json()) as { requestId: string }).requestId, '771');
        assert.equal(h.upstream.received.length, 1);
      } finally {
        await running.close();
      }
    });
  });
}

describe('idempotency over CORS', () => {
  let h: Harness;
  before(async () => {
    h = await createHarness();
  });
  after(() => h?.close());

  it('allows the Idempotency-Key request header and exposes Idempotent-Replayed', async () => {
    const pre = await h.request({
      method: 'OPTIONS',
      url: CREATE,
      headers: {
        origin: ALLOWED_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'idempotency-key',
      },
    });
    assert.match(String(pre.headers['access-control-allow-headers']), /Idempotency-Key/);
    const res = await h.call(CREATE, {
      method: 'POST',
      payload: BODY,
      headers: {
        origin: ALLOWED_ORIGIN,
        'content-type': 'application/json',
        'idempotency-key': 'k-1',
      },
    });
    assert.match(String(res.headers['access-control-expose-headers']), /Idempotent-Replayed/);
  });
});
