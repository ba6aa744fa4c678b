import { pendingSteps, probeUrl, readProbe } from './connection-steps';

const PROXY = 'https://ill-proxy.example.edu';
const HOST = '128807.share.worldcat.org';
const read = (status: number, body: unknown) => readProbe({ status, body: body === null ? null : typeof body === 'string' ? body : JSON.stringify(body) }, PROXY, HOST);
const proxyError = (code: string, message = 'why') => ({ error: { code, message } });

describe('connection test steps', () => {
  it('starts with four pending steps in order', () => {
    expect(pendingSteps().map((s) => `${s.id}:${s.state}`)).toEqual(['config:pending', 'jwt:pending', 'proxy:pending', 'oclc:pending']);
  });

  it('builds the probe URL under the ILL base, with or without a trailing slash', () => {
    expect(probeUrl('https://128807.share.worldcat.org/')).toBe('https://128807.share.worldcat.org/ILL/request/data?referenceId=connection-test');
    expect(probeUrl(' https://x.example ')).toBe('https://x.example/ILL/request/data?referenceId=connection-test');
  });

  it('a successful read proves the proxy and the OCLC token', () => {
    expect(read(200, { response: { illRequests: [] } })).toEqual({ proxy: { state: 'ok' }, oclc: { state: 'ok' } });
  });

  it('no answer at all: the proxy is unreachable and OCLC is not reached', () => {
    expect(read(0, null)).toEqual({ proxy: { state: 'failed', failure: 'unreachable', params: { url: PROXY } }, oclc: null });
  });

  it('the proxy refusing the JWT, the app or the institution fails step 3', () => {
    expect(read(401, proxyError('jwt_expired', 'expired')).proxy).toEqual({ state: 'failed', failure: 'jwt-refused', params: { detail: 'expired' } });
    expect(read(403, proxyError('app_not_allowed')).proxy).toEqual(jasmine.objectContaining({ failure: 'app-not-allowed' }));
    expect(read(403, proxyError('unknown_institution')).proxy).toEqual(jasmine.objectContaining({ failure: 'institution-unknown' }));
    expect(read(400, proxyError('proxy_host_missing', 'X-Proxy-Host')).proxy).toEqual({ state: 'failed', failure: 'proxy-refused', params: { status: '400', detail: 'X-Proxy-Host' } });
    expect(read(401, proxyError('jwt_missing')).oclc).toBeNull();
  });

  it('refusals after the JWT check pass step 3 and fail step 4', () => {
    expect(read(403, proxyError('upstream_not_allowed'))).toEqual({ proxy: { state: 'ok' }, oclc: { state: 'failed', failure: 'upstream-not-allowed', params: { host: HOST } } });
    expect(read(502, proxyError('oclc_token_failed', 'invalid_client')).oclc).toEqual({ state: 'failed', failure: 'token-failed', params: { detail: 'invalid_client' } });
    expect(read(504, proxyError('upstream_timeout')).oclc).toEqual(jasmine.objectContaining({ failure: 'worldshare-unreachable' }));
    expect(read(429, proxyError('rate_limited')).oclc).toEqual(jasmine.objectContaining({ failure: 'rate-limited' }));
  });

  it('answers from WorldShare itself are read by status', () => {
    const denied = read(401, { code: { type: 'http', value: '401' }, message: 'Unauthorized token' });
    expect(denied).toEqual({ proxy: { state: 'ok' }, oclc: { state: 'failed', failure: 'oclc-refused', params: { status: '401', detail: 'Unauthorized token' } } });
    expect(read(404, '<html>Not Found</html>').oclc).toEqual({ state: 'failed', failure: 'not-found', params: { host: HOST } });
    expect(read(500, { response: { error: { message: 'boom' } } }).oclc).toEqual({ state: 'failed', failure: 'worldshare-error', params: { status: '500', detail: 'boom' } });
    expect(read(503, null).oclc).toEqual({ state: 'failed', failure: 'worldshare-error', params: { status: '503', detail: '' } });
  });
});
