import { configuredInstitution } from './testing/institution';
import {
  basicAuth,
  bearerAuth,
  forwardedRequest,
  oclcTokenRequest,
  ownProxyRequest,
  readAccessToken,
  signed,
  tokenRequestUrl,
} from './proxy-request';

describe('proxy requests', () => {
  describe('forwardedRequest', () => {
    it('puts the upstream path and query under the proxy address and names the upstream host', () => {
      const request = forwardedRequest('https://proxy.example.org/base/', {
        method: 'GET',
        url: 'https://128807.share.worldcat.org/ILL/request/data/5?x=1',
      });
      expect(request).toEqual({
        method: 'GET',
        url: 'https://proxy.example.org/base/ILL/request/data/5?x=1',
        headers: { 'X-Proxy-Host': '128807.share.worldcat.org' },
        responseType: 'json',
        upstreamHost: '128807.share.worldcat.org',
      });
    });

    it('keeps a proxy address without a path or trailing slash as it is', () => {
      expect(
        forwardedRequest('https://proxy.example.org', {
          method: 'GET',
          url: 'https://x.example/ILL/request/data',
        })?.url,
      ).toBe('https://proxy.example.org/ILL/request/data');
    });

    it('carries the body, content type, response type and idempotency key', () => {
      const request = forwardedRequest('https://proxy.example.org', {
        method: 'POST',
        url: 'https://128807.share.worldcat.org/ILL/iso18626',
        body: '<ISO18626Message/>',
        contentType: 'application/xml',
        responseType: 'text',
        idempotencyKey: '1987654320004',
      });
      expect(request?.headers).toEqual({
        'X-Proxy-Host': '128807.share.worldcat.org',
        'Content-Type': 'application/xml',
        'Idempotency-Key': '1987654320004',
      });
      expect(request?.body).toBe('<ISO18626Message/>');
      expect(request?.responseType).toBe('text');
    });

    it('is null when the proxy address or the upstream URL is not an absolute URL', () => {
      const call = { method: 'GET', url: 'https://x.example/a' } as const;
      expect(forwardedRequest('not a url', call)).toBeNull();
      expect(forwardedRequest('', call)).toBeNull();
      expect(forwardedRequest('https://proxy.example.org', { ...call, url: '/a' })).toBeNull();
    });
  });

  describe('ownProxyRequest', () => {
    it('puts the path under the proxy address, with no upstream host', () => {
      expect(
        ownProxyRequest('https://proxy.example.org/base/', {
          method: 'POST',
          path: '/bridge/lender-states',
          body: { worldShareRequestIds: ['1'] },
        }),
      ).toEqual({
        method: 'POST',
        url: 'https://proxy.example.org/base/bridge/lender-states',
        headers: {},
        body: { worldShareRequestIds: ['1'] },
        responseType: 'json',
        upstreamHost: null,
      });
    });

    it('is null when the proxy address is not an absolute URL', () => {
      expect(ownProxyRequest('proxy', { method: 'GET', path: '/bridge/x' })).toBeNull();
    });
  });

  describe('signed', () => {
    const request = forwardedRequest('https://proxy.example.org', {
      method: 'GET',
      url: 'https://128807.share.worldcat.org/ILL/request/data/5',
    })!;

    it('adds the Cloud App JWT as a bearer token and leaves X-Proxy-Auth out without an OCLC credential', () => {
      expect(signed(request, { jwt: 'jwt-1' }).headers).toEqual({
        Authorization: 'Bearer jwt-1',
        'X-Proxy-Host': '128807.share.worldcat.org',
      });
      expect('X-Proxy-Auth' in signed(request, { jwt: 'jwt-1', proxyAuth: null }).headers).toBe(
        false,
      );
    });

    it('adds the OCLC credential as X-Proxy-Auth (hosted proxy)', () => {
      expect(signed(request, { jwt: 'jwt-1', proxyAuth: bearerAuth('tk') }).headers).toEqual({
        Authorization: 'Bearer jwt-1',
        'X-Proxy-Host': '128807.share.worldcat.org',
        'X-Proxy-Auth': 'Bearer tk',
      });
    });

    it('does not change the request it was given', () => {
      signed(request, { jwt: 'jwt-1', proxyAuth: 'Bearer tk' });
      expect(request.headers).toEqual({ 'X-Proxy-Host': '128807.share.worldcat.org' });
    });
  });

  describe("OCLC's token request (hosted proxy)", () => {
    it("asks for the configured scopes in the institution's context", () => {
      expect(tokenRequestUrl('https://oauth.oclc.org/token', 'WorldShareILL', '128807')).toBe(
        'https://oauth.oclc.org/token?grant_type=client_credentials&scope=WorldShareILL%20context%3A128807',
      );
    });

    it("uses OCLC's documented token address when none is configured", () => {
      expect(tokenRequestUrl('', 'WorldShareILL', '1')).toMatch(
        /^https:\/\/oauth\.oclc\.org\/token\?grant_type=client_credentials&scope=/,
      );
      expect(tokenRequestUrl('  ', 'WorldShareILL', '1')).toMatch(/^https:\/\/oauth\.oclc\.org\//);
    });

    it('sends WSKey and secret as HTTP Basic', () => {
      expect(basicAuth('KEY', 'SECRET')).toBe(`Basic ${btoa('KEY:SECRET')}`);
    });

    it('is built from the configuration, one token per WSKey and scope', () => {
      const config = configuredInstitution({
        proxy: { mode: 'exlibris', url: 'https://p.example', wskey: 'KEY', secret: 'SECRET' },
      });
      const request = oclcTokenRequest(config);
      expect(request.call).toEqual({
        method: 'POST',
        url: tokenRequestUrl(
          config.worldshare.oauthTokenUrl ?? '',
          config.worldshare.oauthScopes,
          config.worldshare.registryId,
        ),
      });
      expect(request.proxyAuth).toBe(basicAuth('KEY', 'SECRET'));
      expect(request.cacheKey).toBe(
        `KEY|${config.worldshare.oauthScopes} context:${config.worldshare.registryId}`,
      );
      const otherSecret = oclcTokenRequest({
        ...config,
        proxy: { ...config.proxy, secret: 'OTHER' },
      });
      expect(otherSecret.cacheKey).toBe(request.cacheKey);
      expect(otherSecret.proxyAuth).not.toBe(request.proxyAuth);
    });

    it('reads the token and its lifetime, given as a number or as text', () => {
      expect(readAccessToken({ access_token: 'tk', expires_in: '1199' })).toEqual({
        token: 'tk',
        expiresInSeconds: 1199,
      });
      expect(readAccessToken({ access_token: 'tk', expires_in: 3599 })).toEqual({
        token: 'tk',
        expiresInSeconds: 3599,
      });
      expect(readAccessToken({ access_token: 'tk' })).toEqual({ token: 'tk', expiresInSeconds: 0 });
    });

    it('finds no token in an answer without a non-empty access_token', () => {
      expect(readAccessToken({ access_token: '' })).toBeNull();
      expect(readAccessToken({ access_token: 5 })).toBeNull();
      expect(readAccessToken({ error: 'invalid_client' })).toBeNull();
      expect(readAccessToken(null)).toBeNull();
      expect(readAccessToken('tk')).toBeNull();
    });
  });
});
