import { pendingSteps, probeUrl, readProbe, readTokenAnswer } from './connection-steps';

const PROXY = 'https://ill-proxy.example.edu';
const HOST = '128807.share.worldcat.org';
const read = (status: number, body: unknown) =>
  readProbe(
    { status, body: body === null ? null : typeof body === 'string' ? body : JSON.stringify(body) },
    PROXY,
    HOST,
  );
const proxyError = (code: string, message = 'why') => ({ error: { code, message } });

describe('connection test steps', () => {
  it('starts with four pending steps in order', () => {
    expect(pendingSteps().map((s) => `${s.id}:${s.state}`)).toEqual([
      'config:pending',
      'jwt:pending',
      'proxy:pending',
      'oclc:pending',
    ]);
  });

  it('builds the probe URL under the ILL base, with or without a trailing slash', () => {
    expect(probeUrl('https://128807.share.worldcat.org/')).toBe(
      'https://128807.share.worldcat.org/ILL/request/data?referenceId=connection-test',
    );
    expect(probeUrl(' https://x.example ')).toBe(
      'https://x.example/ILL/request/data?referenceId=connection-test',
    );
  });

  it('a successful read proves the proxy and the OCLC token', () => {
    expect(read(200, { response: { illRequests: [] } })).toEqual({
      proxy: { state: 'ok' },
      oclc: { state: 'ok' },
    });
  });

  it('no answer at all: the proxy is unreachable and OCLC is not reached', () => {
    expect(read(0, null)).toEqual({
      proxy: { state: 'failed', failure: 'unreachable', params: { url: PROXY } },
      oclc: null,
    });
  });

  it('the proxy refusing the JWT, the app or the institution fails step 3', () => {
    expect(read(401, proxyError('jwt_expired', 'expired')).proxy).toEqual({
      state: 'failed',
      failure: 'jwt-refused',
      params: { detail: 'expired' },
    });
    expect(read(403, proxyError('app_not_allowed')).proxy).toEqual(
      jasmine.objectContaining({ failure: 'app-not-allowed' }),
    );
    expect(read(403, proxyError('unknown_institution')).proxy).toEqual(
      jasmine.objectContaining({ failure: 'institution-unknown' }),
    );
    expect(read(400, proxyError('proxy_host_missing', 'X-Proxy-Host')).proxy).toEqual({
      state: 'failed',
      failure: 'proxy-refused',
      params: { status: '400', detail: 'X-Proxy-Host' },
    });
    expect(read(401, proxyError('jwt_missing')).oclc).toBeNull();
  });

  it('refusals after the JWT check pass step 3 and fail step 4', () => {
    expect(read(403, proxyError('upstream_not_allowed'))).toEqual({
      proxy: { state: 'ok' },
      oclc: { state: 'failed', failure: 'upstream-not-allowed', params: { host: HOST } },
    });
    expect(read(502, proxyError('oclc_token_failed', 'invalid_client')).oclc).toEqual({
      state: 'failed',
      failure: 'token-failed',
      params: { detail: 'invalid_client' },
    });
    expect(read(504, proxyError('upstream_timeout')).oclc).toEqual(
      jasmine.objectContaining({ failure: 'worldshare-unreachable' }),
    );
    expect(read(429, proxyError('rate_limited')).oclc).toEqual(
      jasmine.objectContaining({ failure: 'rate-limited' }),
    );
  });

  it('answers from WorldShare itself are read by status', () => {
    const denied = read(401, {
      code: { type: 'http', value: '401' },
      message: 'Unauthorized token',
    });
    expect(denied).toEqual({
      proxy: { state: 'ok' },
      oclc: {
        state: 'failed',
        failure: 'oclc-refused',
        params: { status: '401', detail: 'Unauthorized token' },
      },
    });
    expect(read(404, '<html>Not Found</html>').oclc).toEqual({
      state: 'failed',
      failure: 'not-found',
      params: { host: HOST },
    });
    expect(read(500, { response: { error: { message: 'boom' } } }).oclc).toEqual({
      state: 'failed',
      failure: 'worldshare-error',
      params: { status: '500', detail: 'boom' },
    });
    expect(read(503, null).oclc).toEqual({
      state: 'failed',
      failure: 'worldshare-error',
      params: { status: '503', detail: '' },
    });
  });

  describe('hosted proxy: the token the app asks OCLC for', () => {
    const TOKEN_HOST = 'oauth.oclc.org';
    const readToken = (status: number, body: unknown) =>
      readTokenAnswer(
        {
          status,
          body: body === null ? null : typeof body === 'string' ? body : JSON.stringify(body),
        },
        PROXY,
        TOKEN_HOST,
      );

    it('a token lets the probe go ahead', () => {
      expect(readToken(200, { access_token: 'tk', expires_in: '1199' })).toEqual({
        proxy: { state: 'ok' },
        oclc: null,
        token: 'tk',
      });
    });

    it("OCLC refusing the WSKey or the scope fails step 4 with OCLC's reason", () => {
      expect(
        readToken(401, {
          error: 'invalid_client',
          error_description: 'WSKey or secret is not valid',
        }),
      ).toEqual({
        proxy: { state: 'ok' },
        oclc: {
          state: 'failed',
          failure: 'token-failed',
          params: { detail: 'WSKey or secret is not valid' },
        },
        token: null,
      });
      expect(readToken(400, { error: 'invalid_scope' }).oclc).toEqual({
        state: 'failed',
        failure: 'token-failed',
        params: { detail: 'invalid_scope' },
      });
      expect(readToken(200, {}).oclc).toEqual(
        jasmine.objectContaining({ failure: 'token-failed' }),
      );
      expect(readToken(404, null).oclc).toEqual({
        state: 'failed',
        failure: 'token-failed',
        params: { detail: 'HTTP 404' },
      });
    });

    it("the proxy's own refusals and silence still fail step 3", () => {
      expect(readToken(0, null)).toEqual({
        proxy: { state: 'failed', failure: 'unreachable', params: { url: PROXY } },
        oclc: null,
        token: null,
      });
      expect(readToken(401, proxyError('jwt_expired')).proxy).toEqual(
        jasmine.objectContaining({ failure: 'jwt-refused' }),
      );
      expect(readToken(403, proxyError('upstream_not_allowed')).oclc).toEqual({
        state: 'failed',
        failure: 'upstream-not-allowed',
        params: { host: TOKEN_HOST },
      });
    });
  });
});
