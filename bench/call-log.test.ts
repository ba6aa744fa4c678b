import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Call, SimSnapshot } from '../tools/stack.js';
import { countCalls, routeOf } from './call-log.js';

const call = (
  t: number,
  method: string,
  url: string,
  status = 200,
  query: Record<string, string> = {},
): Call => ({ t, method, url, query, body: null, status });

function snapshot(alma: Call[], ws: Call[], tokens: Call[] = []): SimSnapshot {
  return {
    alma: { requests: [], loans: [], calls: alma, codeTables: {}, throttled: 0 },
    worldshare: {
      requests: [],
      messages: [],
      pushes: [],
      calls: ws,
      tokenRequests: tokens,
      throttled: 0,
    },
    config: {},
    settings: {},
    store: {},
    stores: {},
    settingsByUser: {},
    faults: [],
    user: undefined,
    users: [],
    lang: undefined,
    page: { seq: 0, entities: [] },
  };
}

describe('call log counts', () => {
  test('routeOf groups ids and keeps the rapido operation', () => {
    assert.equal(
      routeOf(call(0, 'GET', '/almaws/v1/users/P1/resource-sharing-requests/123')),
      'GET /users/{user}/resource-sharing-requests/{id}',
    );
    assert.equal(
      routeOf(
        call(0, 'POST', '/almaws/v1/rapido/v1/user/P1/resource-sharing-requests/123', 200, {
          op: 'assign_request_to_partner',
        }),
      ),
      'POST /rapido/v1/user/{user}/resource-sharing-requests/{id}?op=assign_request_to_partner',
    );
    assert.equal(routeOf(call(0, 'GET', '/ILL/request/data/555')), 'GET /ILL/request/data/{id}');
    assert.equal(routeOf(call(0, 'POST', '/ILL/request/data')), 'POST /ILL/request/data');
  });

  test('counts only the window, inclusive at both ends, and sorts WorldShare calls by kind', () => {
    const state = snapshot(
      [
        call(99, 'GET', '/almaws/v1/users/P1/resource-sharing-requests/1'),
        call(100, 'GET', '/almaws/v1/users/P1/resource-sharing-requests/1'),
        call(150, 'POST', '/almaws/v1/rapido/v1/user/P1/resource-sharing-requests/1', 200, {
          op: 'assign_request_to_partner',
        }),
        call(160, 'GET', '/almaws/v1/users/P1/loans', 429),
        call(200, 'DELETE', '/almaws/v1/users/P1/resource-sharing-requests/1', 204),
        call(201, 'GET', '/almaws/v1/users/P1/resource-sharing-requests/1'),
      ],
      [
        call(110, 'GET', '/ILL/request/data'),
        call(120, 'POST', '/ILL/request/data'),
        call(130, 'POST', '/ILL/iso18626'),
        call(140, 'PUT', '/ILL/request/data/9'),
        call(300, 'GET', '/ILL/request/data/9'),
      ],
      [call(105, 'POST', '/token'), call(50, 'POST', '/token')],
    );
    const c = countCalls(state, 100, 200);
    assert.deepEqual(
      {
        total: c.alma.total,
        reads: c.alma.reads,
        writes: c.alma.writes,
        rateLimited: c.alma.rateLimited,
      },
      { total: 4, reads: 2, writes: 2, rateLimited: 1 },
    );
    assert.equal(c.alma.routes['GET /users/{user}/resource-sharing-requests/{id}'], 1);
    assert.deepEqual(
      { ...c.worldshare, routes: undefined },
      { total: 4, creates: 1, reads: 1, isoMessages: 1, other: 1, routes: undefined },
    );
    assert.equal(c.tokenRequests, 1);
  });

  test('an empty window counts nothing', () => {
    const c = countCalls(snapshot([call(1, 'GET', '/almaws/v1/x')], []), 10, 20);
    assert.equal(c.alma.total, 0);
    assert.equal(c.worldshare.total, 0);
    assert.deepEqual(c.alma.routes, {});
  });
});
