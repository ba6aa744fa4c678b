import type { FastifyRequest } from 'fastify';
import { toRecordedCall } from '../faults.js';
import type { RecordedCall, SimState } from '../state.js';
import { basicCredentials } from './basic-auth.js';

/** Form fields that may carry a secret and so are never recorded. */
const SECRET_FIELDS = new Set(['client_secret', 'password', 'refresh_token', 'access_token']);

/**
 * Records one call to the fake OCLC in the state `GET /__sim/state` shows: token requests in
 * `worldshare.tokenRequests` (with the WSKey from HTTP Basic, never the secret nor any secret form
 * field), every other call in `worldshare.calls`. Returns the record so its `status` can be filled
 * in when the answer leaves. Headers are not recorded at all, so no bearer token lands in the log.
 */
export function recordOclcCall(state: SimState, req: FastifyRequest): RecordedCall {
  const call = toRecordedCall(req);
  if (call.url === '/token') {
    const record: RecordedCall = {
      ...call,
      query: redactFields(call.query),
      body: redactForm(req.body),
      wskey: basicCredentials(req.headers.authorization)?.wskey,
    };
    state.worldshare.tokenRequests.push(record);
    return record;
  }
  state.worldshare.calls.push(call);
  return call;
}

function redactForm(body: unknown): unknown {
  if (typeof body !== 'string') return body ?? null;
  return redactFields(Object.fromEntries(new URLSearchParams(body)));
}

function redactFields(fields: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) out[k] = SECRET_FIELDS.has(k) ? '<redacted>' : v;
  return out;
}
