import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ProxyError } from '../errors.ts';
import type { Institution } from '../institutions.ts';
import type { LenderMessageStore } from '../store/lender-messages.ts';
import { createInboxAuth } from './inbox-auth.ts';
import { receiveInboxMessage } from './receive-message.ts';

/** Path of an institution's inbox; `:instCode` is the Alma institution code. */
export const INBOX_PATH = '/iso18626/:instCode';

type InboxRequest = FastifyRequest<{ Params: { instCode: string } }>;

/**
 * Registers `POST /iso18626/:instCode`, the requester endpoint a library registers with OCLC
 * (docs/contracts.md, "ISO 18626: the library's inbox").
 *
 * Order: sender check (HTTP Basic inst_code + inboxSecret, then IP allow-list) before the body is
 * read; body size (`maxBytes`, larger -> 413 before it is read in full); then `receiveInboxMessage`.
 * Answers 200 with a `supplyingAgencyMessageConfirmation` (OK or ERROR); 503 `store_unavailable`
 * (no confirmation, so the sender delivers again) when the store cannot commit.
 */
export function registerInbox(
  app: FastifyInstance,
  deps: { institutions: Record<string, Institution>; store: LenderMessageStore; maxBytes: number },
): void {
  const checkSender = createInboxAuth(deps.institutions);
  app.route({
    method: 'POST',
    url: INBOX_PATH,
    bodyLimit: deps.maxBytes,
    onRequest: async (request: InboxRequest) => {
      checkSender(request.params.instCode, request.headers.authorization, request.ip);
    },
    handler: async (request: InboxRequest, reply: FastifyReply) => {
      const instCode = request.params.instCode;
      let outcome;
      try {
        outcome = await receiveInboxMessage({
          instCode,
          institution: deps.institutions[instCode],
          body: Buffer.isBuffer(request.body) ? request.body : undefined,
          store: deps.store,
        });
      } catch (e) {
        request.log.error({ err: e, instCode }, 'the inbox could not store a lender message');
        throw new ProxyError(
          503,
          'store_unavailable',
          'The message could not be stored right now; deliver it again later.',
          { 'retry-after': '30' },
        );
      }
      request.log.info(
        { instCode, result: outcome.result, worldShareRequestId: outcome.worldShareRequestId },
        'ISO 18626 message received',
      );
      return reply.code(200).type('application/xml; charset=utf-8').send(outcome.confirmation);
    },
  });
}
