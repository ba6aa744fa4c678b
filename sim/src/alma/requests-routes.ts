import { ALMA_CODES, AlmaApiError } from './errors.js';
import { findUserRequest, isCancelled } from './lookup.js';
import { almaToday, booleanParam, invalidParam, param } from './params.js';
import type { AlmaRoute } from './route.js';

/** Code table whose codes `reason` must come from (Alma users API, DELETE resource-sharing request; documented). */
export const CANCEL_REASONS_TABLE = 'RequestCancellationReasons';

/**
 * `GET /users/{user_id}/resource-sharing-requests/{request_id}` (Alma users API; documented):
 * the stored `user_resource_sharing_request`. `request_id_type=external` looks the request up by
 * `external_id` (documented). Unknown user or request: 404 with an Alma error (Alma documents 400).
 */
const getRequest: AlmaRoute = {
  method: 'GET',
  path: '/users/:user_id/resource-sharing-requests/:request_id',
  handler: ({ state, req, query }) => {
    const idType = query.request_id_type ?? '';
    if (idType !== '' && idType !== 'external')
      throw invalidParam('request_id_type', 'only "external" is supported');
    const request = findUserRequest(
      state,
      param(req, 'user_id'),
      param(req, 'request_id'),
      ALMA_CODES.NO_RESULT,
      idType === 'external',
    );
    return { body: request };
  },
};

/**
 * `DELETE /users/{user_id}/resource-sharing-requests/{request_id}?reason=&note=&notify_user=&remove_request=`
 * (Alma users API; documented). Answers 204.
 * - `reason` must be a code of RequestCancellationReasons; the fake also refuses it missing (400), since a
 *   cancel without a reason is what the app must never send.
 * - `notify_user` defaults to TRUE, as in Alma; the effective value goes into the call log (`effective`),
 *   and when true the patron counts as notified (`patron_notified: true` on the request and an entry in
 *   `alma.patronNotifications`).
 * - `remove_request=true` deletes the request; otherwise its status becomes REQUEST_CANCELED/"Canceled".
 * - An already cancelled request: 400 (40166412); a removed or unknown one: 404.
 */
const cancelRequest: AlmaRoute = {
  method: 'DELETE',
  path: '/users/:user_id/resource-sharing-requests/:request_id',
  handler: ({ state, req, query, call }) => {
    const userId = param(req, 'user_id');
    const requestId = param(req, 'request_id');
    const reason = query.reason ?? '';
    // Recorded before any refusal, so a test can check every cancel the app sent, refused or not.
    const notifyUser = booleanParam(query, 'notify_user', true);
    const removeRequest = booleanParam(query, 'remove_request', false);
    call.effective = { notify_user: notifyUser, remove_request: removeRequest, reason };
    const request = findUserRequest(state, userId, requestId, ALMA_CODES.REQUEST_NOT_FOUND);
    if (reason === '')
      throw invalidParam('reason', `a code of the ${CANCEL_REASONS_TABLE} code table is required`);
    const reasons = state.alma.codeTables[CANCEL_REASONS_TABLE] ?? [];
    if (!reasons.some((row) => row.code === reason)) {
      throw invalidParam(
        'reason',
        `"${reason}" is not a code of the ${CANCEL_REASONS_TABLE} code table`,
      );
    }
    if (isCancelled(request)) {
      throw new AlmaApiError(
        400,
        ALMA_CODES.OPERATION_FAILED,
        `Failed to perform operation: request ${requestId} is already canceled.`,
      );
    }
    if (notifyUser) {
      request.patron_notified = true;
      (state.alma.patronNotifications ??= []).push({
        t: Date.now(),
        user_id: userId,
        request_id: requestId,
        kind: 'cancel',
      });
    }
    if (removeRequest) {
      state.alma.requests = state.alma.requests.filter((r) => r !== request);
    } else {
      request.status = { value: 'REQUEST_CANCELED', desc: 'Canceled' };
      request.last_modified_date = almaToday();
    }
    return { status: 204 };
  },
};

/** The documented resource-sharing request routes of the Alma users API that the app uses. */
export const requestRoutes: AlmaRoute[] = [getRequest, cancelRequest];
