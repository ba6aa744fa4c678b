import type { FastifyInstance } from 'fastify';
import type { WorldShareRequest } from '../state.js';
import { authorizeBearer } from './bearer-auth.js';
import type { FakeOclcContext } from './context.js';
import { isoDateTime, oclcDateTime } from './dates.js';
import { checkIllRequestRules } from './ill-request-rules.js';
import { validateIllRequestEnvelope } from './ill-request-schema.js';
import { illRequestView, ownerRegistryId } from './ill-request-view.js';
import { DEFAULT_KNOWN_SUPPLIERS } from './institutions.js';
import { FailureCode, illErrorBody, VALIDATION_MESSAGE } from './oclc-errors.js';
import { findPatronData } from './patron-data.js';

/** First id the fake hands out; the real ids in OCLC's samples are nine-digit numbers too. */
const FIRST_REQUEST_ID = 170000001;

/**
 * Registers the ILL Request API (OCLC developer workshop spec, contracts/oclc-ill/swagger.json; the
 * project's docs/contracts.md, "WorldShare ILL Request API"):
 * - `POST /ILL/request/data` create, body `{illRequest:{...}}`;
 * - `GET /ILL/request/data/{requestId}` read;
 * - `GET /ILL/request/data?referenceId=<x>` search by the borrower's reference id.
 * All need a Bearer token (bearer-auth.ts). A request whose `requester.institution.institutionId` is
 * another registry than the token's is refused with 403 (140005 UnauthorizedException).
 */
export function registerIllRequestRoutes(app: FastifyInstance, ctx: FakeOclcContext): void {
  /**
   * Create. Checks, in order, each answering 400 in OCLC's error format:
   * 1. patron data anywhere (30001 at each path) -> also sets `state.worldshare.patronDataReceived`;
   * 2. the published schema, made strict (ill-request-schema.ts);
   * 3. WorldShare's business rules (ill-request-rules.ts).
   * Success: 200 (as swagger.json documents) with `{response:{illRequest:{requestId, ...,
   * requestStatus:"PENDING"}}}`; the request is stored in `state.worldshare.requests`.
   * A second create with the same referenceId makes a second request, as WorldShare would:
   * preventing duplicates is the app's job.
   */
  app.post('/ILL/request/data', async (req, reply) => {
    const grant = await authorizeBearer(ctx, req, reply);
    if (!grant) return reply;
    const state = ctx.stateOf(req);
    const body = req.body;

    const patronPaths = findPatronData(body);
    if (patronPaths.length > 0) {
      state.worldshare.patronDataReceived = true;
      return reply.code(400).send(
        illErrorBody(
          VALIDATION_MESSAGE,
          patronPaths.map((fieldName) => ({ failureCode: FailureCode.Invalid, fieldName })),
        ),
      );
    }
    if (body === undefined || body === null || body === '') {
      return reply
        .code(400)
        .send(
          illErrorBody(VALIDATION_MESSAGE, [
            { failureCode: FailureCode.Missing, fieldName: 'illRequest' },
          ]),
        );
    }
    const schemaDetails = validateIllRequestEnvelope(body);
    if (schemaDetails.length > 0)
      return reply.code(400).send(illErrorBody(VALIDATION_MESSAGE, schemaDetails));

    const illRequest = (body as { illRequest?: Record<string, unknown> }).illRequest;
    if (!illRequest)
      return reply
        .code(400)
        .send(
          illErrorBody(VALIDATION_MESSAGE, [
            { failureCode: FailureCode.Missing, fieldName: 'illRequest' },
          ]),
        );
    const ruleDetails = checkIllRequestRules(illRequest, {
      registryId: grant.registryId,
      knownSuppliers: state.worldshare.knownSuppliers ?? DEFAULT_KNOWN_SUPPLIERS,
      now: ctx.now(),
    });
    if (ruleDetails.length > 0)
      return reply.code(400).send(illErrorBody(VALIDATION_MESSAGE, ruleDetails, illRequest));

    const now = ctx.now();
    const stored: WorldShareRequest = {
      requestId: String(nextRequestId(state.worldshare.requests)),
      referenceId: typeof illRequest.referenceId === 'string' ? illRequest.referenceId : undefined,
      requestStatus: 'PENDING',
      illRequest,
      created: oclcDateTime(now),
      lastChange: isoDateTime(now),
    };
    state.worldshare.requests.push(stored);
    return reply.code(200).send({ response: { illRequest: illRequestView(stored) } });
  });

  app.get<{ Params: { requestId: string } }>('/ILL/request/data/:requestId', async (req, reply) => {
    const grant = await authorizeBearer(ctx, req, reply);
    if (!grant) return reply;
    const request = ctx
      .stateOf(req)
      .worldshare.requests.find((r) => String(r.requestId) === req.params.requestId);
    if (!request) {
      return reply
        .code(404)
        .send(
          illErrorBody(`Request ${req.params.requestId} not found`, [
            { failureCode: FailureCode.Invalid, fieldName: 'requestId' },
          ]),
        );
    }
    const owner = ownerRegistryId(request);
    if (owner !== undefined && owner !== grant.registryId) {
      return reply
        .code(403)
        .send(
          illErrorBody('Not authorized to read this request', [
            { failureCode: FailureCode.Unauthorized, fieldName: 'requestId' },
          ]),
        );
    }
    return reply.send({ response: { illRequest: illRequestView(request) } });
  });

  /**
   * Search by `referenceId`. Assumed: OCLC's published schema has no search; WorldShare's own UI can
   * find a request by the borrower's reference, and the app needs that to prove "already exported"
   * after a lost answer. Only the caller's own (or seeded, unowned) requests are listed.
   */
  app.get<{ Querystring: { referenceId?: string } }>('/ILL/request/data', async (req, reply) => {
    const grant = await authorizeBearer(ctx, req, reply);
    if (!grant) return reply;
    const referenceId = req.query.referenceId;
    if (!referenceId) {
      return reply
        .code(400)
        .send(
          illErrorBody(VALIDATION_MESSAGE, [
            { failureCode: FailureCode.Missing, fieldName: 'referenceId' },
          ]),
        );
    }
    const found = ctx.stateOf(req).worldshare.requests.filter((r) => {
      const owner = ownerRegistryId(r);
      return r.referenceId === referenceId && (owner === undefined || owner === grant.registryId);
    });
    return reply.send({ response: { illRequests: found.map(illRequestView) } });
  });
}

function nextRequestId(requests: WorldShareRequest[]): number {
  let max = FIRST_REQUEST_ID - 1;
  for (const r of requests) {
    const n = Number(r.requestId);
    if (Number.isSafeInteger(n) && n > max) max = n;
  }
  return max + 1;
}
