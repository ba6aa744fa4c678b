import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FaultRule, RecordedCall, SimState } from './state.js';

/** Which fake a fault rule or a call log belongs to. */
export type FakeTarget = FaultRule['target'];

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Turns a Fastify request into the call-log shape of `GET /__sim/state` (`t` in epoch ms). */
export function toRecordedCall(req: FastifyRequest): RecordedCall {
  const url = req.url;
  const query: Record<string, string> = {};
  const qIndex = url.indexOf('?');
  if (qIndex >= 0) {
    for (const [k, v] of new URLSearchParams(url.slice(qIndex + 1))) query[k] = v;
  }
  return {
    t: Date.now(),
    method: req.method,
    url: qIndex >= 0 ? url.slice(0, qIndex) : url,
    query,
    body: req.body ?? null,
  };
}

/** Finds the first unused fault rule matching a call, and marks one use of it. */
export function takeFault(
  state: SimState,
  target: FakeTarget,
  method: string,
  path: string,
): FaultRule | undefined {
  for (const rule of state.faults) {
    if (rule.target !== target) continue;
    if (rule.method && rule.method.toUpperCase() !== method.toUpperCase()) continue;
    if (!new RegExp(rule.path).test(path)) continue;
    const times = rule.times ?? 1;
    if (times !== -1 && rule.used >= times) continue;
    rule.used++;
    return rule;
  }
  return undefined;
}

/**
 * Applies the configured delay and any matching fault to a call, before the fake handles it.
 * Returns true when the call was answered here (a fault), so the handler must not run.
 * A fault with status 0 never answers: the reply is left open until the client goes away.
 */
export async function applyDelayAndFaults(
  state: SimState,
  target: FakeTarget,
  req: FastifyRequest,
  reply: FastifyReply,
  errorBody: (status: number) => unknown,
): Promise<boolean> {
  if (state.apiDelayMs > 0) await sleep(state.apiDelayMs);
  const path = req.url.split('?')[0];
  const rule = takeFault(state, target, req.method, path);
  if (!rule) return false;
  if (rule.delayMs) await sleep(rule.delayMs);
  if (rule.status === undefined) return false;
  if (rule.status === 0) {
    reply.hijack();
    return true;
  }
  await reply.code(rule.status).send(errorBody(rule.status));
  return true;
}
