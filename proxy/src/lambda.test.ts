import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLambdaHandler } from './lambda.ts';
import type { LambdaHandler } from './lambda.ts';
import type { Harness } from './test-support/harness.ts';
import { createHarness } from './test-support/harness.ts';

interface LambdaAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded?: boolean;
}

/** An API Gateway HTTP API (payload format 2.0) event. */
function httpApiEvent(
  method: string,
  path: string,
  query: Record<string, string>,
  headers: Record<string, string>,
  body?: string,
) {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: new URLSearchParams(query).toString(),
    headers,
    queryStringParameters: Object.keys(query).length ? query : undefined,
    requestContext: {
      http: { method, path, sourceIp: '198.51.100.7' },
      requestId: 'req-1',
      stage: '$default',
    },
    body: body === undefined ? undefined : Buffer.from(body).toString('base64'),
    isBase64Encoded: body !== undefined,
  };
}

describe('AWS Lambda handler', () => {
  let h: Harness;
  let handler: LambdaHandler;
  before(async () => {
    h = await createHarness();
    handler = createLambdaHandler(h.config, { logger: false });
  });
  after(() => h.close());

  it('answers /healthz', async () => {
    const res = (await handler(httpApiEvent('GET', '/healthz', {}, {}), {})) as LambdaAnswer;
    assert.equal(res.statusCode, 200);
    assert.deepEqual(JSON.parse(res.body), { ok: true });
  });

  it('forwards an authenticated event with its query and body to the upstream', async () => {
    h.upstream.reset();
    const jwt = await h.issuer.sign();
    const xml = '<ISO18626Message><requestingAgencyMessage/></ISO18626Message>';
    const event = httpApiEvent(
      'POST',
      '/iso18626',
      { symbol: 'OCLC:ABC', list: 'a,b' },
      {
        authorization: `Bearer ${jwt}`,
        'x-proxy-host': h.upstream.host,
        'content-type': 'application/xml',
      },
      xml,
    );
    const res = (await handler(event, {})) as LambdaAnswer;
    assert.equal(res.statusCode, 200, res.body);
    const got = h.upstream.received[0];
    assert.equal(got.method, 'POST');
    const url = new URL(got.url, 'http://x');
    assert.equal(url.pathname, '/iso18626');
    assert.equal(url.searchParams.get('symbol'), 'OCLC:ABC');
    assert.equal(url.searchParams.get('list'), 'a,b', 'a comma-separated value stays one value');
    assert.equal(got.body.toString(), xml);
    assert.match(got.headers.authorization ?? '', /^Bearer tk_/);
  });

  it('refuses an event without a Cloud App token', async () => {
    const res = (await handler(
      httpApiEvent('GET', '/x', {}, { 'x-proxy-host': h.upstream.host }),
      {},
    )) as LambdaAnswer;
    assert.equal(res.statusCode, 401);
    assert.equal(JSON.parse(res.body).error.code, 'jwt_missing');
  });

  it('put no secret, token or JWT in any Lambda answer', async () => {
    const jwt = await h.issuer.sign();
    const answers = [
      await handler(
        httpApiEvent(
          'GET',
          '/x',
          {},
          { authorization: `Bearer ${jwt}`, 'x-proxy-host': h.upstream.host },
        ),
        {},
      ),
      await handler(
        httpApiEvent(
          'GET',
          '/x',
          {},
          { authorization: `Bearer ${jwt}`, 'x-proxy-host': 'evil.test' },
        ),
        {},
      ),
      await handler(
        httpApiEvent(
          'GET',
          '/x',
          {},
          { authorization: `Bearer ${jwt}x`, 'x-proxy-host': h.upstream.host },
        ),
        {},
      ),
    ];
    const text = JSON.stringify(answers);
    for (const v of h.sensitiveValues())
      assert.ok(!text.includes(v), `leaked ${v.slice(0, 12)}...`);
    assert.deepEqual(h.findLeaks(), []);
  });

  it('reports a configuration error on the first event and builds again on the next', async () => {
    const broken = createLambdaHandler({ ...h.config, allowedApps: [] }, { logger: false });
    await assert.rejects(broken(httpApiEvent('GET', '/healthz', {}, {}), {}), /allowedApps/);
    await assert.rejects(broken(httpApiEvent('GET', '/healthz', {}, {}), {}), /allowedApps/);
  });
});
