/**
 * Counting the simulator's call log (`GET /__sim/state`): Alma calls, WorldShare calls and OAuth token
 * requests within a time window. Each logged call carries `t` (epoch ms, on arrival).
 */
import type { Call, SimSnapshot, Stack } from '../tools/stack.js';

export interface CallCounts {
  alma: {
    total: number;
    reads: number;
    writes: number;
    rateLimited: number;
    routes: Record<string, number>;
  };
  worldshare: {
    total: number;
    creates: number;
    reads: number;
    isoMessages: number;
    other: number;
    routes: Record<string, number>;
  };
  tokenRequests: number;
}

/** `METHOD /path` with ids replaced by `{id}`, so counts group by route. */
export function routeOf(call: Call): string {
  const path = call.url
    .replace(/^.*\/almaws\/v1/, '')
    .replace(/\/(users|user)\/[^/]+/, '/$1/{user}')
    .replace(/\/(resource-sharing-requests|loans|data)\/[^/]+/, '/$1/{id}');
  const op = call.query?.op ? `?op=${call.query.op}` : '';
  return `${call.method} ${path}${op}`;
}

const within = (calls: Call[], from: number, to: number) =>
  calls.filter((c) => c.t >= from && c.t <= to);

function tally(calls: Call[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of calls) out[routeOf(c)] = (out[routeOf(c)] ?? 0) + 1;
  return out;
}

/**
 * Counts the calls logged between `from` and `to` (epoch ms, inclusive).
 * WorldShare: a create is `POST .../ILL/request/data`, a read any GET, an ISO message a POST to the
 * ISO 18626 path (its path contains "iso18626"); token requests are counted apart.
 */
export function countCalls(state: SimSnapshot, from: number, to: number): CallCounts {
  const alma = within(state.alma.calls, from, to);
  const ws = within(state.worldshare.calls, from, to);
  const creates = ws.filter(
    (c) => c.method === 'POST' && /\/ILL\/request\/data$/.test(c.url),
  ).length;
  const reads = ws.filter((c) => c.method === 'GET').length;
  const isoMessages = ws.filter((c) => c.method === 'POST' && /iso18626/i.test(c.url)).length;
  return {
    alma: {
      total: alma.length,
      reads: alma.filter((c) => c.method === 'GET').length,
      writes: alma.filter((c) => c.method !== 'GET').length,
      rateLimited: alma.filter((c) => c.status === 429).length,
      routes: tally(alma),
    },
    worldshare: {
      total: ws.length,
      creates,
      reads,
      isoMessages,
      other: ws.length - creates - reads - isoMessages,
      routes: tally(ws),
    },
    tokenRequests: within(state.worldshare.tokenRequests, from, to).length,
  };
}

/**
 * Waits until no new Alma, WorldShare or token call has been logged for `quietMs`, so trailing
 * calls of an action (a re-read after an update) are counted with it. Returns the time of the last
 * call seen (epoch ms), or `since` when none came.
 *
 * @throws Error when calls keep coming for longer than `maxMs` (a scenario that never settles).
 */
export async function waitForQuiet(
  stack: Stack,
  since: number,
  quietMs = 500,
  maxMs = 120_000,
): Promise<number> {
  const end = Date.now() + maxMs;
  let last = since;
  for (;;) {
    const s = await stack.state();
    const all = [...s.alma.calls, ...s.worldshare.calls, ...s.worldshare.tokenRequests].map(
      (c) => c.t,
    );
    last = Math.max(since, ...all.filter((t) => t >= since));
    if (Date.now() - last >= quietMs) return last;
    if (Date.now() > end) throw new Error(`calls still arriving ${maxMs} ms after the action`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
