import type { FastifyRequest } from 'fastify';
import { ProxyError } from './errors.ts';
import { LENDER_STATES_MAX_IDS, type LenderMessage, type LenderState } from './lender-inbox-api.ts';
import type { LenderMessageStore } from './store/lender-messages.ts';

/** Longest accepted WorldShare request id. */
export const MAX_REQUEST_ID_LENGTH = 64;

/**
 * Handlers of the app's read API (docs/contracts.md, "Proxy API for the app"). Both expect
 * `request.identity` from the Cloud App JWT check and only ever read that institution's messages.
 */
export function createBridgeReadApi(messages: LenderMessageStore) {
  return {
    /** `GET /bridge/lender-messages/:worldShareRequestId` -> `{ worldShareRequestId, messages }`, oldest first. */
    async lenderMessages(
      request: FastifyRequest<{ Params: { worldShareRequestId: string } }>,
    ): Promise<{ worldShareRequestId: string; messages: LenderMessage[] }> {
      const instCode = instOf(request);
      const id = request.params.worldShareRequestId;
      checkId(id);
      return { worldShareRequestId: id, messages: await messages.forRequest(instCode, id) };
    },

    /**
     * `POST /bridge/lender-states` with `{"worldShareRequestIds": [...]}` (at most `LENDER_STATES_MAX_IDS`)
     * -> `{ states: { <id>: LenderState } }`; ids without any message are absent.
     */
    async lenderStates(request: FastifyRequest): Promise<{ states: Record<string, LenderState> }> {
      const instCode = instOf(request);
      const ids = stateIds(request.body);
      return { states: await messages.states(instCode, ids) };
    },
  };
}

function instOf(request: FastifyRequest): string {
  if (!request.identity) throw new Error('read API reached without an authenticated identity');
  return request.identity.instCode;
}

function checkId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.trim() === '' || id.length > MAX_REQUEST_ID_LENGTH) {
    throw new ProxyError(
      400,
      'invalid_request_id',
      `A WorldShare request id is 1 to ${MAX_REQUEST_ID_LENGTH} characters.`,
    );
  }
}

function stateIds(body: unknown): string[] {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.isBuffer(body) ? body.toString('utf8') : '');
  } catch {
    throw new ProxyError(
      400,
      'invalid_body',
      'Send a JSON body {"worldShareRequestIds": ["...", ...]}.',
    );
  }
  const ids = (data as { worldShareRequestIds?: unknown } | null)?.worldShareRequestIds;
  if (!Array.isArray(ids))
    throw new ProxyError(
      400,
      'invalid_body',
      'Send a JSON body {"worldShareRequestIds": ["...", ...]}.',
    );
  if (ids.length > LENDER_STATES_MAX_IDS) {
    throw new ProxyError(
      400,
      'too_many_ids',
      `Ask about at most ${LENDER_STATES_MAX_IDS} WorldShare requests per call (got ${ids.length}).`,
    );
  }
  for (const id of ids) checkId(id);
  return ids as string[];
}
