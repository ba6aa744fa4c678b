import { requesterOf, isCancelled } from './lookup.js';
import { integerParam, invalidParam } from './params.js';
import type { AlmaRoute } from './route.js';

/**
 * `GET /analytics/reports?path=&limit=&token=` (Alma analytics API; documented route). Simplified answer:
 * real Alma wraps the rows in an XML string (`anies`); the fake answers the parsed shape
 * `{QueryResult:{ResultXml:{rowset:{Row:[{Column0:"0", Column1:user_id, Column2:request_id, Column3:external_id}]}},
 * IsFinished, ResumptionToken?}}`. Any `path` is accepted (required, 400 when missing); the report lists
 * every request exported to a partner (a partner and an `external_id`, not cancelled), in state order.
 * Paging: with `limit` (25-1000, as in Alma) the answer holds that many rows and, when not finished, a
 * `ResumptionToken` that the next call passes as `token`. Without `limit` the fake answers every row at once
 * (simplified: real Alma then pages by 25, so a client should always send `limit` and follow the token).
 */
const runReport: AlmaRoute = {
  method: 'GET',
  path: '/analytics/reports',
  handler: ({ state, query }) => {
    const token = query.token ?? '';
    if (!query.path && !token) throw invalidParam('path', 'the report path is required');
    const limit = integerParam(query, 'limit', Number.MAX_SAFE_INTEGER, 25, 1000);
    let offset = 0;
    if (token) {
      const m = /^sim-(\d+)$/.exec(token);
      if (!m) throw invalidParam('token', `"${token}" is not a resumption token of this report`);
      offset = Number(m[1]);
    }
    const exported = state.alma.requests.filter((r) => r.partner && r.external_id && !isCancelled(r));
    const rows = exported.slice(offset, offset + limit).map((r) => ({
      Column0: '0',
      Column1: requesterOf(r) ?? '',
      Column2: r.request_id,
      Column3: String(r.external_id),
    }));
    const finished = offset + limit >= exported.length;
    return {
      body: {
        QueryResult: {
          ...(finished ? {} : { ResumptionToken: `sim-${offset + limit}` }),
          IsFinished: finished,
          ResultXml: { rowset: { Row: rows } },
        },
      },
    };
  },
};

/** Analytics routes (bulk reconcile's optional source of exported requests). */
export const analyticsRoutes: AlmaRoute[] = [runReport];
