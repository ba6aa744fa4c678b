import type { FastifyInstance } from 'fastify';
import { applyPushedMessage } from '../oclc/fake-lender.js';
import { ownerRegistryId } from '../oclc/ill-request-view.js';
import type { OclcInstitution } from '../oclc/institutions.js';
import { parseIsoMessage } from '../oclc/iso18626-xml.js';
import { RetargetError, retargetHeader } from '../oclc/lender-header.js';
import type { LenderPusher } from '../oclc/lender-push.js';
import type { SimState } from '../state.js';

export interface LenderSendDeps {
  getState: () => SimState;
  pusher: LenderPusher;
  /** The libraries the fake OCLC knows. */
  institutions: OclcInstitution[];
  /** The institution a request that names no owner belongs to (the simulator's own). */
  defaultInstCode: string;
  now: () => number;
}

/**
 * `POST /__sim/lender/send {requestId, xml}`: the fake lender pushes one `supplyingAgencyMessage`
 * about WorldShare request `requestId` to its library's requester endpoint at once (for tests and
 * staff training). The header's agency ids and request ids are set to that request's
 * (lender-header.ts); everything else is sent verbatim. The WorldShare request then follows what the
 * message says (fake-lender.ts `applyPushedMessage`).
 *
 * Answers 200 with the push record `{t, requestId, instCode, xml, status, confirmation, ...}` (also
 * listed in `GET /__sim/state` under `worldshare.pushes`); 400 `{ok:false, errors}` for a body
 * without requestId and xml, or an xml that is not a supplyingAgencyMessage with a header; 404 for
 * an unknown request id. The library is the request's owner (by registry id), else the default one.
 */
export function registerLenderSendRoute(app: FastifyInstance, deps: LenderSendDeps): void {
  app.post('/__sim/lender/send', async (req, reply) => {
    const body = (req.body ?? {}) as { requestId?: unknown; xml?: unknown };
    if (
      typeof body.requestId !== 'string' ||
      body.requestId === '' ||
      typeof body.xml !== 'string' ||
      body.xml === ''
    ) {
      return reply
        .code(400)
        .send({ ok: false, errors: ['requestId and xml must be non-empty strings'] });
    }
    const state = deps.getState();
    const request = state.worldshare.requests.find((r) => String(r.requestId) === body.requestId);
    if (!request)
      return reply
        .code(404)
        .send({ ok: false, errors: [`no WorldShare request ${body.requestId}`] });
    const parsed = parseIsoMessage(body.xml);
    if (parsed?.kind !== 'supplyingAgencyMessage') {
      return reply.code(400).send({
        ok: false,
        errors: [
          `xml must be an ISO 18626 supplyingAgencyMessage, got ${parsed?.kind ?? 'no readable message'}`,
        ],
      });
    }
    const owner = ownerRegistryId(request);
    const borrower =
      (owner !== undefined
        ? (deps.institutions.find(
            (i) => i.registryId === owner && i.instCode === deps.defaultInstCode,
          ) ?? deps.institutions.find((i) => i.registryId === owner))
        : undefined) ??
      deps.institutions.find((i) => i.instCode === deps.defaultInstCode) ??
      deps.institutions[0];
    if (!borrower)
      return reply
        .code(400)
        .send({ ok: false, errors: ['the fake OCLC knows no institution to send to'] });
    let xml: string;
    try {
      xml = retargetHeader(body.xml, request, borrower);
    } catch (e) {
      if (e instanceof RetargetError)
        return reply.code(400).send({ ok: false, errors: [e.message] });
      throw e;
    }
    applyPushedMessage(request, xml, deps.now());
    return deps.pusher.push(state, borrower.instCode, request.requestId, xml);
  });
}
