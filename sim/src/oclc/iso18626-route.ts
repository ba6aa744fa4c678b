import type { FastifyInstance } from 'fastify';
import type { WorldShareRequest } from '../state.js';
import { authorizeBearer } from './bearer-auth.js';
import type { FakeOclcContext } from './context.js';
import { isoDateTime } from './dates.js';
import { reactToRequestingAgencyMessage } from './fake-lender.js';
import { ownerRegistryId } from './ill-request-view.js';
import { validateIso18626 } from './iso18626-xsd.js';
import {
  buildRequestingAgencyMessageConfirmation,
  parseIsoMessage,
  type IsoHeader,
} from './iso18626-xml.js';
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
 * - agency ids not ISIL `OCLC-<symbol>` (as OCLC's samples) -> ERROR, UnrecognisedDataValue;
 * - no WorldShare request has the id in `requestingAgencyRequestId` -> ERROR, UnrecognisedDataValue;
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
    const sendXml = (answer: string) =>
      reply.code(200).type('application/xml; charset=utf-8').send(answer);

    const check = await validateIso18626(xml);
    if (!check.valid) {
      const answer = errorConfirmation(
        t,
        undefined,
        'BadlyFormedMessage',
        (check.errors.join(' ') || 'empty message').slice(0, MAX_ERROR_VALUE),
      );
      state.worldshare.messages.push({ t, xml, valid: false, answer });
      return sendXml(answer);
    }

    const message = parseIsoMessage(xml);
    if (message?.kind !== 'requestingAgencyMessage' || !message.header || !message.action) {
      const answer = errorConfirmation(
        t,
        message?.header,
        'UnrecognisedDataElement',
        `only requestingAgencyMessage is accepted here, got ${message?.kind ?? 'nothing'}`,
      );
      state.worldshare.messages.push({ t, xml, valid: true, answer });
      return sendXml(answer);
    }

    const { header, action } = message;
    const agencyProblem = agencyIdProblem(header);
    if (agencyProblem) {
      const answer = errorConfirmation(t, header, 'UnrecognisedDataValue', agencyProblem, action);
      state.worldshare.messages.push({ t, action, xml, valid: true, answer });
      return sendXml(answer);
    }
    const request = findRequest(state.worldshare.requests, header);
    if (!request) {
      const answer = errorConfirmation(
        t,
        header,
        'UnrecognisedDataValue',
        `no request with id ${header.requestingAgencyRequestId || '(none)'} in requestingAgencyRequestId`,
        action,
      );
      state.worldshare.messages.push({ t, action, xml, valid: true, answer });
      return sendXml(answer);
    }
    const owner = ownerRegistryId(request);
    if (owner !== undefined && owner !== grant.registryId) {
      return reply
        .code(403)
        .send(
          illErrorBody('Not authorized for this request', [
            { failureCode: FailureCode.Unauthorized, fieldName: 'requestId' },
          ]),
        );
    }

    const reaction = reactToRequestingAgencyMessage(
      request,
      header,
      action,
      grant.institution,
      ctx.now,
    );
    state.worldshare.messages.push({
      t,
      requestId: request.requestId,
      action,
      xml,
      valid: true,
      answer: reaction.confirmation,
    });
    if (reaction.answer)
      ctx.pusher.later(
        reaction.delayMs,
        state,
        grant.institution.instCode,
        request.requestId,
        reaction.answer,
      );
    return sendXml(reaction.confirmation);
  });
}

/**
 * The WorldShare request a requestingAgencyMessage header names: its `requestingAgencyRequestId` is
 * the WorldShare request id, where OCLC's Renew and Cancel samples put it
 * (contracts/iso18626/RequestingAgencyMessageRenew.xml, ...Cancel.xml). Nothing else matches: not
 * `supplyingAgencyRequestId` (the Renew sample has a placeholder there), not the borrower's referenceId.
 */
export function findRequest(
  requests: WorldShareRequest[],
  header: IsoHeader,
): WorldShareRequest | undefined {
  const id = header.requestingAgencyRequestId;
  return id ? requests.find((r) => String(r.requestId) === id) : undefined;
}

/** An agency id as OCLC's samples write it: type ISIL, value `OCLC-<symbol>` (symbol letters and digits). */
const OCLC_AGENCY_VALUE = /^OCLC-[A-Za-z0-9]+$/;

/**
 * Why the header's agency ids are not what OCLC's samples show (`agencyIdType` ISIL, `agencyIdValue`
 * `OCLC-<symbol>`, for both agencies), or undefined when they are.
 */
export function agencyIdProblem(header: IsoHeader): string | undefined {
  for (const which of ['requestingAgencyId', 'supplyingAgencyId'] as const) {
    const id = header[which];
    if (id?.type !== 'ISIL' || !OCLC_AGENCY_VALUE.test(id.value ?? '')) {
      return `${which} must be agencyIdType ISIL with agencyIdValue OCLC-<symbol>, got ${id?.type ?? '(none)'} ${id?.value ?? '(none)'}`;
    }
  }
  return undefined;
}

function errorConfirmation(
  t: number,
  header: IsoHeader | undefined,
  type: 'BadlyFormedMessage' | 'UnrecognisedDataElement' | 'UnrecognisedDataValue',
  value: string,
  action?: string,
): string {
  return buildRequestingAgencyMessageConfirmation({
    confirmed: header,
    timestamp: isoDateTime(t),
    timestampReceived: header?.timestamp || isoDateTime(t),
    messageStatus: 'ERROR',
    action,
    error: { type, value },
  });
}
