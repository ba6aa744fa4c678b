/**
 * Scenario 6: the proxy's store. ISO 18626 supplyingAgencyMessages POSTed to one proxy's inbox
 * (sender check, safe parse, XSD validation, durable write, confirmation), on SQLite (a file in a
 * temporary folder, synchronous=FULL) and on PostgreSQL (a throw-away local cluster with fsync on);
 * then the app's read of the latest state of 1,000 WorldShare requests in one call. Client and
 * proxy share this one Node process, so the figures are a lower bound of one proxy process.
 *
 * Alone: `npx tsx bench/inbox-load.ts` prints the figures as JSON (no app build, no browser).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { openProxyStore } from '../proxy/src/store/index.js';
import { ensurePostgres } from '../tools/ensure-postgres.mjs';
import { startPgCluster } from '../tools/pg-cluster.mjs';
import { startBenchProxy, startLoopbackUpstream } from './loopback-upstream.js';
import { median, quantile, round } from './stats.js';

export interface InboxFigures {
  backend: 'SQLite' | 'PostgreSQL';
  messages: number;
  concurrency: number;
  wallMs: number;
  /** Messages stored and confirmed OK per second. */
  messagesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Rows in the store afterwards (must equal warm-up + measured messages). */
  stored: number;
}

export interface StatesReadFigures {
  backend: 'SQLite' | 'PostgreSQL';
  /** Ids asked per call (each has lender messages). */
  ids: number;
  calls: number;
  p50Ms: number;
  p99Ms: number;
  /** Size of one answer. */
  responseBytes: number;
}

export interface StoreLoad {
  inbox: InboxFigures[];
  statesRead: StatesReadFigures[];
}

const SECRET = 'bench-inbox-secret-0123456789';

function message(wsId: string, seq: number): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<ns1:ISO18626Message xmlns:ns1="http://illtransactions.org/2013/iso18626" ns1:version="1.2">
  <ns1:supplyingAgencyMessage>
    <ns1:header>
      <ns1:supplyingAgencyId><ns1:agencyIdType>ISIL</ns1:agencyIdType><ns1:agencyIdValue>OCLC-BCDEF</ns1:agencyIdValue></ns1:supplyingAgencyId>
      <ns1:requestingAgencyId><ns1:agencyIdType>ISIL</ns1:agencyIdType><ns1:agencyIdValue>OCLC-BENCH</ns1:agencyIdValue></ns1:requestingAgencyId>
      <ns1:multipleItemRequestId/>
      <ns1:timestamp>2026-02-09T11:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}Z</ns1:timestamp>
      <ns1:requestingAgencyRequestId>alma-${seq}</ns1:requestingAgencyRequestId>
      <ns1:supplyingAgencyRequestId>${wsId}</ns1:supplyingAgencyRequestId>
    </ns1:header>
    <ns1:messageInfo><ns1:reasonForMessage>RenewResponse</ns1:reasonForMessage><ns1:answerYesNo>Y</ns1:answerYesNo><ns1:note>Renewed, message ${seq}</ns1:note></ns1:messageInfo>
    <ns1:statusInfo><ns1:status>Loaned</ns1:status><ns1:dueDate>2026-03-24T05:00:00Z</ns1:dueDate><ns1:lastChange>2026-02-09T11:28:41Z</ns1:lastChange></ns1:statusInfo>
  </ns1:supplyingAgencyMessage>
</ns1:ISO18626Message>`;
}

/**
 * Sends `warmup` then `messages` inbox POSTs at `concurrency` to a proxy on each backend (one message
 * per WorldShare request id), then reads the states of `stateIds` requests (seeded straight into the
 * store beforehand, two messages each) `readCalls` times.
 *
 * @throws Error when a message is not confirmed OK, or not every message was stored.
 */
export async function measureStore(opts: {
  messages: number;
  concurrency: number;
  warmup: number;
  stateIds: number;
  readCalls: number;
}): Promise<StoreLoad> {
  ensurePostgres();
  const cluster = await startPgCluster({ durable: true });
  const dir = mkdtempSync(join(tmpdir(), 'wsb-bench-store-'));
  try {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query('create database bench');
    await admin.end();
    const pgUrl = new URL(cluster.url);
    pgUrl.pathname = '/bench';
    const out: StoreLoad = { inbox: [], statesRead: [] };
    for (const [backend, location] of [
      ['SQLite', { dataDir: dir }],
      ['PostgreSQL', { databaseUrl: pgUrl.toString() }],
    ] as const) {
      const r = await measureOne(backend, location, opts);
      out.inbox.push(r.inbox);
      out.statesRead.push(r.states);
    }
    return out;
  } finally {
    cluster.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const SEEDED = 200_000_000;

async function seed(
  location: { dataDir?: string; databaseUrl?: string },
  instCode: string,
  ids: number,
): Promise<void> {
  const store = await openProxyStore(location);
  try {
    for (let i = 0; i < ids; i++) {
      for (const [reason, status, at] of [
        ['RequestResponse', 'Loaned', '2026-02-01T10:00:00Z'],
        ['RenewResponse', 'Loaned', '2026-02-20T10:00:00Z'],
      ] as const) {
        await store.lenderMessages.add({
          inst_code: instCode,
          world_share_request_id: String(SEEDED + i),
          requesting_agency_request_id: `alma-${i}`,
          supplying_agency_id: 'ISIL:OCLC-BCDEF',
          requesting_agency_id: 'ISIL:OCLC-BENCH',
          message_timestamp: at,
          reason_for_message: reason,
          answer_yes_no: reason === 'RenewResponse' ? 'Y' : null,
          status,
          due_date: '2026-03-24T05:00:00Z',
          due_date_at: '2026-03-24T05:00:00.000Z',
          last_change: at,
          note: 'Seeded for the read benchmark',
          reason_unfilled: null,
          received_at: new Date().toISOString(),
          raw_xml: '<seeded/>',
          dedupe_key: `${i}-${reason}`,
        });
      }
    }
  } finally {
    await store.close();
  }
}

async function measureOne(
  backend: 'SQLite' | 'PostgreSQL',
  location: { dataDir?: string; databaseUrl?: string },
  opts: {
    messages: number;
    concurrency: number;
    warmup: number;
    stateIds: number;
    readCalls: number;
  },
) {
  const upstream = await startLoopbackUpstream();
  await seed(location, upstream.instCode, opts.stateIds);
  const proxy = await startBenchProxy(upstream, { inboxSecret: SECRET, symbol: 'BENCH' }, location);
  try {
    const auth = `Basic ${Buffer.from(`${upstream.instCode}:${SECRET}`).toString('base64')}`;
    const post = async (seq: number): Promise<void> => {
      const res = await fetch(`${proxy.url}/iso18626/${upstream.instCode}`, {
        method: 'POST',
        body: message(String(100_000_000 + seq), seq),
        headers: { 'content-type': 'application/xml', authorization: auth },
      });
      const body = await res.text();
      if (res.status !== 200 || !body.includes('<ns1:messageStatus>OK</ns1:messageStatus>'))
        throw new Error(`inbox benchmark (${backend}): HTTP ${res.status}: ${body.slice(0, 300)}`);
    };
    await run(post, 0, opts.warmup, opts.concurrency);
    const lat: number[] = [];
    const t0 = performance.now();
    await run(
      async (seq) => {
        const t = performance.now();
        await post(seq);
        lat.push(performance.now() - t);
      },
      opts.warmup,
      opts.messages,
      opts.concurrency,
    );
    const wallMs = performance.now() - t0;

    const ids = Array.from({ length: opts.stateIds }, (_, i) => String(SEEDED + i));
    const readLat: number[] = [];
    let responseBytes = 0;
    let stored = 0;
    for (let i = 0; i < opts.readCalls; i++) {
      const t = performance.now();
      const res = await fetch(`${proxy.url}/bridge/lender-states`, {
        method: 'POST',
        body: JSON.stringify({ worldShareRequestIds: ids }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${upstream.jwt}` },
      });
      const text = await res.text();
      readLat.push(performance.now() - t);
      if (res.status !== 200)
        throw new Error(`states benchmark (${backend}): HTTP ${res.status}: ${text.slice(0, 300)}`);
      const states = (JSON.parse(text) as { states: Record<string, unknown> }).states;
      if (Object.keys(states).length !== opts.stateIds)
        throw new Error(
          `states benchmark (${backend}): ${Object.keys(states).length} states for ${opts.stateIds} ids`,
        );
      responseBytes = Buffer.byteLength(text);
    }
    // Every message has its own request id, so the stored count is the number of states of all ids.
    const all = Array.from({ length: opts.warmup + opts.messages }, (_, i) =>
      String(100_000_000 + i),
    );
    for (let i = 0; i < all.length; i += 1000) {
      const res = await fetch(`${proxy.url}/bridge/lender-states`, {
        method: 'POST',
        body: JSON.stringify({ worldShareRequestIds: all.slice(i, i + 1000) }),
        headers: { 'content-type': 'application/json', authorization: `Bearer ${upstream.jwt}` },
      });
      stored += Object.keys(
        ((await res.json()) as { states: Record<string, unknown> }).states,
      ).length;
    }
    if (stored !== all.length)
      throw new Error(
        `inbox benchmark (${backend}): ${stored} of ${all.length} confirmed messages found in the store`,
      );
    return {
      inbox: {
        backend,
        messages: opts.messages,
        concurrency: opts.concurrency,
        wallMs: round(wallMs),
        messagesPerSec: round((opts.messages / wallMs) * 1000, 0),
        p50Ms: round(median(lat), 2),
        p99Ms: round(quantile(lat, 0.99), 2),
        stored,
      } satisfies InboxFigures,
      states: {
        backend,
        ids: opts.stateIds,
        calls: opts.readCalls,
        p50Ms: round(median(readLat), 2),
        p99Ms: round(quantile(readLat, 0.99), 2),
        responseBytes,
      } satisfies StatesReadFigures,
    };
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

/** Calls `call(first .. first+total-1)` with `concurrency` in flight. */
async function run(
  call: (seq: number) => Promise<void>,
  first: number,
  total: number,
  concurrency: number,
): Promise<void> {
  let next = first;
  const end = first + total;
  const worker = async (): Promise<void> => {
    while (next < end) await call(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
}

/** Settings `npm run bench` uses. */
export const STORE_LOAD = {
  messages: 200,
  concurrency: 10,
  warmup: 20,
  stateIds: 1000,
  readCalls: 20,
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  measureStore(STORE_LOAD).then(
    (r) => {
      console.log(JSON.stringify(r, null, 2));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
