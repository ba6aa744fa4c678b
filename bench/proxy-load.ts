/**
 * Scenario 5: the proxy's own cost. The same calls go straight to an upstream that answers at once
 * and through the proxy (JWT check, allow-list, cached OCLC token, forward), in alternating batches
 * so both paths see the same background load. Client, proxy and upstream share this one Node
 * process, so requests per second is a lower bound of what a proxy process serves on its own.
 */
import { startBenchProxy, startLoopbackUpstream } from './loopback-upstream.js';
import { median, quantile, round } from './stats.js';

export interface LoadFigures {
  calls: number;
  concurrency: number;
  wallMs: number;
  requestsPerSec: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface ProxyLoad {
  /** `calls` at `concurrency` in flight: throughput. */
  throughput: { direct: LoadFigures; proxied: LoadFigures };
  /** `calls` one at a time: each call's latency without queueing behind the others. */
  sequential: { direct: LoadFigures; proxied: LoadFigures };
  /** Sequential proxied p50 - direct p50, in ms: what the proxy adds to one call. */
  addedP50Ms: number;
  /** Sequential proxied p99 - direct p99, in ms. */
  addedP99Ms: number;
  /** Proxied p99 - direct p99 at `concurrency`, in ms. */
  addedP99UnderLoadMs: number;
  /** Calls before the measured ones, not counted (JIT, connections, the first token). */
  warmupCalls: number;
  /** Measured calls are made in this many alternating batches per path. */
  batches: number;
  /** OAuth token requests the proxy made in all (the first call fetches one; the rest reuse it). */
  tokenRequests: number;
}

/**
 * Sends `calls` GETs at `concurrency`, then `calls` one at a time, directly and through a proxy
 * started in-process, both on loopback, after `warmup` unmeasured calls per path.
 *
 * @throws Error when any call answers other than 200 (the proxy refused or failed to forward).
 */
export async function measureProxy(opts: {
  calls: number;
  concurrency: number;
  warmup: number;
  batches: number;
}): Promise<ProxyLoad> {
  const upstream = await startLoopbackUpstream();
  const proxy = await startBenchProxy(upstream);
  try {
    const path = '/ILL/request/data/187654321';
    const direct = () =>
      fetch(`${upstream.origin}${path}`, { headers: { accept: 'application/json' } });
    const proxied = () =>
      fetch(`${proxy.url}${path}`, {
        headers: {
          accept: 'application/json',
          authorization: `Bearer ${upstream.jwt}`,
          'x-proxy-host': upstream.host,
        },
      });
    await load(direct, opts.warmup, opts.concurrency);
    await load(proxied, opts.warmup, opts.concurrency);
    const throughput = await alternate(direct, proxied, opts.calls, opts.concurrency, opts.batches);
    const sequential = await alternate(direct, proxied, opts.calls, 1, opts.batches);
    return {
      throughput,
      sequential,
      addedP50Ms: round(sequential.proxied.p50Ms - sequential.direct.p50Ms, 2),
      addedP99Ms: round(sequential.proxied.p99Ms - sequential.direct.p99Ms, 2),
      addedP99UnderLoadMs: round(throughput.proxied.p99Ms - throughput.direct.p99Ms, 2),
      warmupCalls: opts.warmup,
      batches: opts.batches,
      tokenRequests: upstream.counts.token,
    };
  } finally {
    await proxy.close();
    await upstream.close();
  }
}

type Call = () => Promise<Response>;

/** `total` calls per path in `batches` alternating batches; figures over all batches of a path. */
async function alternate(
  direct: Call,
  proxied: Call,
  total: number,
  concurrency: number,
  batches: number,
) {
  const per = Math.ceil(total / batches);
  const d: Sample = { latencies: [], wallMs: 0 };
  const p: Sample = { latencies: [], wallMs: 0 };
  for (let b = 0; b < batches; b++) {
    const n = Math.min(per, total - b * per);
    await run(direct, n, concurrency, d);
    await run(proxied, n, concurrency, p);
  }
  return { direct: figures(d, concurrency), proxied: figures(p, concurrency) };
}

interface Sample {
  latencies: number[];
  wallMs: number;
}

async function load(call: Call, total: number, concurrency: number): Promise<void> {
  await run(call, total, concurrency, { latencies: [], wallMs: 0 });
}

/** `total` calls of `call` with `concurrency` in flight, each read to its end; adds to `into`. */
async function run(call: Call, total: number, concurrency: number, into: Sample): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) {
      next++;
      const t = performance.now();
      const res = await call();
      const body = await res.text();
      into.latencies.push(performance.now() - t);
      if (res.status !== 200)
        throw new Error(`proxy benchmark: a call answered ${res.status}: ${body.slice(0, 200)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  into.wallMs += performance.now() - started;
}

function figures(s: Sample, concurrency: number): LoadFigures {
  return {
    calls: s.latencies.length,
    concurrency,
    wallMs: round(s.wallMs),
    requestsPerSec: round((s.latencies.length / s.wallMs) * 1000, 0),
    p50Ms: round(median(s.latencies), 2),
    p90Ms: round(quantile(s.latencies, 0.9), 2),
    p99Ms: round(quantile(s.latencies, 0.99), 2),
    maxMs: round(Math.max(...s.latencies), 2),
  };
}
