import type { FastifyInstance } from 'fastify';
import type { WorldShareRequest } from '../state.js';
import { authorizeBearer } from './bearer-auth.js';
import type { FakeOclcContext } from './context.js';
import { isoDateTime } from './dates.js';
import { reactToRequestingAgencyMessage } from './fake-lender.js';
import { ownerRegistryId } from './ill-request-view.js';
import { validateIso18626 } from './iso18626-xsd.js';
import { buildRequestingAgencyMessageConfirmation, parseIsoMessage, type IsoHeader } from './iso18626-xml.js';
import { illErrorBody, FailureCode } from './oclc-errors.js';

/**
 * ASSUMED path of WorldShare's ISO 18626 endpoint for borrowers (no public document names it; the
 * app keeps it in configuration).
 */
export const ISO18626_PATH = '/ILL/iso18626';

/** Longest xmllint explanation echoed in an errorValue, so a huge bad message gives a short answer. */
const MAX_ERROR_VALUE = 500;

/**
 * Registers `POST /ILL/iso18626`: the fake lender's ISO 18626 endpoint (Bearer token as for the ILL
 * Request API). The body is XML (`application/xml` or `text/xml`). Always HTTP 200 with XML once
 * authorised, as ISO 18626 reports errors inside the message:
 * - not well-formed or not valid against the XSD -> requestingAgencyMessageConfirmation, messageStatus
 *   ERROR, errorType BadlyFormedMessage (recorded with `valid:false`);
 * - valid but not a requestingAgencyMessage -> ERROR, UnrecognisedDataElement;
 * - no WorldShare request matches the header ids -> ERROR, UnrecognisedDataValue;
 * - otherwise the fake lender confirms it (OK) and, per `request.lender`, pushes its answer to the
 *   token's institution's requester endpoint after `lender.delayMs` (fake-lender.ts, lender-push.ts);
 *   the HTTP reply never carries the answer, as in ISO 18626.
 * A request owned by another registry than the token's -> HTTP 403 in OCLC's error format.
 * Every message is recorded in `state.worldshare.messages` `{t, requestId, action, xml, valid, answer}`.
 */
export function registerIso18626Route(app: FastifyInstance, ctx: FakeOclcContext): void {
  app.post(ISO18626_PATH, async (req, reply) => {
    const grant = await authorizeBearer(ctx, req, reply);
    if (!grant) return reply;
    const state = ctx.stateOf(req);
    const t = ctx.now();
    const xml = typeof req.body === 'string' ? req.body : '';
    const sendXml = (answer: string) => reply.code(200).type('application/xml; charset=utf-8').send(answer);

    const check = await validateIso18626(xml);
    if (!check.valid) {
      const answer = errorConfirmation(t, undefined, 'BadlyFormedMessage', (check.errors.join(' ') || 'empty message').slice(0, MAX_ERROR_VALUE));
      state.worldshare.messages.push({ t, xml, valid: false, answer });
      return sendXml(answer);
    }

    const message = parseIsoMessage(xml);
    if (message?.kind !== 'requestingAgencyMessage' || !message.header || !message.action) {
      const answer = errorConfirmation(t, message?.header, 'UnrecognisedDataElement', `only requestingAgencyMessage is accepted here, got ${message?.kind ?? 'nothing'}`);
      state.worldshare.messages.push({ t, xml, valid: true, answer });
      return sendXml(answer);
    }

    const { header, action } = message;
    const request = findRequest(state.worldshare.requests, header);
    if (!request) {
      const ids = [header.requestingAgencyRequestId, header.supplyingAgencyRequestId].filter(Boolean).join(', ');
      const answer = errorConfirmation(t, header, 'UnrecognisedDataValue', `no request with id ${ids || '(none)'}`, action);
      state.worldshare.messages.push({ t, action, xml, valid: true, answer });
      return sendXml(answer);
    }
    const owner = ownerRegistryId(request);
    if (owner !== undefined && owner !== grant.registryId) {
      return reply.code(403).send(illErrorBody('Not authorized for this request', [{ failureCode: FailureCode.Unauthorized, fieldName: 'requestId' }]));
    }

    const reaction = reactToRequestingAgencyMessage(request, header, action, grant.institution, ctx.now);
    state.worldshare.messages.push({ t, requestId: request.requestId, action, xml, valid: true, answer: reaction.confirmation });
    if (reaction.answer) ctx.pusher.later(reaction.delayMs, state, grant.institution.instCode, request.requestId, reaction.answer);
    return sendXml(reaction.confirmation);
  });
}

/**
 * The WorldShare request a header names. OCLC's own samples put the WorldShare id in
 * `requestingAgencyRequestId` (RequestingAgencyMessageRenew.xml) and in `supplyingAgencyRequestId`
 * (the lender's answers), so either header id may be the WorldShare request id or the borrower's
 * `referenceId`; request ids are tried first.
 */
export function findRequest(requests: WorldShareRequest[], header: IsoHeader): WorldShareRequest | undefined {
  const ids = [header.requestingAgencyRequestId, header.supplyingAgencyRequestId].filter((id): id is string => !!id);
  for (const id of ids) {
    const byId = requests.find((r) => String(r.requestId) === id);
    if (byId) return byId;
  }
  for (const id of ids) {
    const byReference = requests.find((r) => r.referenceId === id);
    if (byReference) return byReference;
  }
  return undefined;
}

function errorConfirmation(t: number, header: IsoHeader | undefined, type: 'BadlyFormedMessage' | 'UnrecognisedDataElement' | 'UnrecognisedDataValue', value: string, action?: string): string {
  return buildRequestingAgencyMessageConfirmation({
    confirmed: header,
    timestamp: isoDateTime(t),
    timestampReceived: header?.timestamp || isoDateTime(t),
    messageStatus: 'ERROR',
    action,
    error: { type, value },
  });
}
