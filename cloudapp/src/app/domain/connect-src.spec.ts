import { MANIFEST_CONNECT_SRC } from './manifest-connect-src';
import { isLoopbackHttp, matchesSource, proxyAddressAllowed } from './connect-src';

describe('connect-src matching (CSP host sources)', () => {
  const match = (url: string, source: string) => matchesSource(new URL(url), source);

  it('matches an origin source on any path of that origin', () => {
    expect(
      match('https://api-na.exldevnetwork.net/proxy', 'https://api-na.exldevnetwork.net'),
    ).toBeTrue();
    expect(
      match('https://API-NA.exldevnetwork.net/proxy/x?y=1', 'https://api-na.exldevnetwork.net'),
    ).toBeTrue();
  });

  it('does not match another host, a look-alike, another scheme or another port', () => {
    expect(
      match(
        'https://api-na.exldevnetwork.net.evil.example/proxy',
        'https://api-na.exldevnetwork.net',
      ),
    ).toBeFalse();
    expect(
      match('https://evil.example/api-na.exldevnetwork.net', 'https://api-na.exldevnetwork.net'),
    ).toBeFalse();
    expect(
      match('http://api-na.exldevnetwork.net/proxy', 'https://api-na.exldevnetwork.net'),
    ).toBeFalse();
    expect(
      match('https://api-na.exldevnetwork.net:8443/proxy', 'https://api-na.exldevnetwork.net'),
    ).toBeFalse();
    expect(
      match('https://proxy.exlibrisgroup.com', 'https://api-na.exldevnetwork.net'),
    ).toBeFalse();
  });

  it('follows the CSP rules for wildcards, ports, paths and scheme upgrades', () => {
    expect(match('https://a.proxy.example.edu', 'https://*.proxy.example.edu')).toBeTrue();
    expect(match('https://proxy.example.edu', 'https://*.proxy.example.edu')).toBeFalse();
    expect(match('https://proxy.example.edu:8443', 'https://proxy.example.edu:*')).toBeTrue();
    expect(match('https://proxy.example.edu:8443', 'https://proxy.example.edu:8443')).toBeTrue();
    expect(match('https://proxy.example.edu/ill/x', 'https://proxy.example.edu/ill/')).toBeTrue();
    expect(match('https://proxy.example.edu/other', 'https://proxy.example.edu/ill/')).toBeFalse();
    expect(match('https://proxy.example.edu/ill', 'https://proxy.example.edu/ill')).toBeTrue();
    expect(match('https://proxy.example.edu/ill/x', 'https://proxy.example.edu/ill')).toBeFalse();
    expect(match('https://proxy.example.edu', 'http://proxy.example.edu')).toBeTrue();
    expect(match('https://proxy.example.edu', 'proxy.example.edu')).toBeTrue();
    expect(match('https://anything.example', 'https:')).toBeTrue();
    expect(match('https://anything.example', "'self'")).toBeFalse();
    expect(match('https://anything.example', '')).toBeFalse();
  });
});

describe('proxyAddressAllowed', () => {
  it("uses the manifest's connectSrc as the build read it", () => {
    expect(MANIFEST_CONNECT_SRC).toContain('https://api-na.exldevnetwork.net');
    expect(proxyAddressAllowed('https://api-eu.exldevnetwork.net/proxy')).toEqual({
      allowed: true,
    });
    expect(proxyAddressAllowed('https://api-ap.exldevnetwork.net/proxy')).toEqual({
      allowed: true,
    });
    expect(proxyAddressAllowed('https://worldshare-bridge-proxy.example.org')).toEqual({
      allowed: true,
    });
  });

  it('refuses an address the manifest does not list, and says what is listed', () => {
    expect(proxyAddressAllowed('https://proxy.exlibrisgroup.com', ['https://a.example'])).toEqual({
      allowed: false,
      listed: ['https://a.example'],
    });
    expect(proxyAddressAllowed('https://ill-proxy.my-library.example')).toEqual({
      allowed: false,
      listed: MANIFEST_CONNECT_SRC,
    });
  });

  it('accepts a proxy on this computer over plain http, but not over https or on another host', () => {
    expect(proxyAddressAllowed('http://127.0.0.1:4303', [])).toEqual({ allowed: true });
    expect(proxyAddressAllowed('http://localhost:4303/', [])).toEqual({ allowed: true });
    expect(isLoopbackHttp(new URL('http://[::1]:4303'))).toBeTrue();
    expect(isLoopbackHttp(new URL('https://127.0.0.1:4303'))).toBeFalse();
    expect(isLoopbackHttp(new URL('http://127.0.0.2'))).toBeFalse();
    expect(proxyAddressAllowed('http://192.168.1.5:4303', []).allowed).toBeFalse();
  });

  it('leaves what is not a URL to the URL check', () => {
    expect(proxyAddressAllowed('not a url', [])).toEqual({ allowed: true });
  });
});
