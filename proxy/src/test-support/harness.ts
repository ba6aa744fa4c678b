import { Writable } from 'node:stream';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ProxyConfig } from '../config.ts';
import { createProxyServer } from '../server.ts';
import type { FakeTokenEndpoint } from './fake-token-endpoint.ts';
import { startFakeTokenEndpoint } from './fake-token-endpoint.ts';
import type { FakeUpstream } from './fake-upstream.ts';
import { startFakeUpstream } from './fake-upstream.ts';
import type { TestJwtIssuer } from './jwt-issuer.ts';
import { startJwtIssuer, TEST_APP_ID, TEST_INST } from './jwt-issuer.ts';

/** Distinctive credentials so a leak is easy to spot anywhere. */
export const TEST_SECRET = 'S3cr3t-Do-Not-Leak-94f1c2e7';
export const TEST_WSKEY = 'wskey-test-inst-a';
export const OTHER_INST = '02OTHER_INST';
export const OTHER_SECRET = 'Other-S3cr3t-Never-Shown-5d0b';
export const OTHER_WSKEY = 'wskey-test-inst-b';
export const ALLOWED_ORIGIN = 'https://apps.exl.test';

/** Everything a proxy test needs: JWT issuer, fake OCLC upstream and token endpoint, the proxy, captured logs. */
export interface Harness {
  proxy: FastifyInstance;
  config: ProxyConfig;
  issuer: TestJwtIssuer;
  upstream: FakeUpstream;
  tokenEndpoint: FakeTokenEndpoint;
  /** Every log line the proxy wrote, parsed. */
  logLines: string[];
  /** Every response the proxy gave through `request`. */
  responses: LightMyRequestResponse[];
  /** Sends a request through the proxy (in-process) and records the response. */
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  /** Sends a request to the fake upstream with a valid JWT for `inst` (default TEST_INST). */
  call(
    path?: string,
    opts?: Omit<InjectOptions, 'url'> & { inst?: string },
  ): Promise<LightMyRequestResponse>;
  /** Replaces the proxy by a fresh one (empty token cache and rate limits), optionally with other settings. */
  restartProxy(overrides?: Partial<ProxyConfig>): Promise<void>;
  /** Things that must never leave the proxy: secrets, Basic credentials, OCLC tokens, JWTs, caller X-Proxy-Auth values. */
  sensitiveValues(): string[];
  /**
   * Describes every sensitive value found in a response body/header or a log line, and every
   * Cloud App JWT or WSKey secret that reached the upstream; empty when clean.
   */
  findLeaks(): string[];
  /** Remember a value (e.g. an X-Proxy-Auth the caller sent) that must not show in responses or logs. */
  markSensitive(value: string): void;
  close(): Promise<void>;
}

export async function createHarness(overrides: Partial<ProxyConfig> = {}): Promise<Harness> {
  const issuer = await startJwtIssuer();
  const upstream = await startFakeUpstream();
  const tokenEndpoint = await startFakeTokenEndpoint({
    [TEST_WSKEY]: TEST_SECRET,
    [OTHER_WSKEY]: OTHER_SECRET,
  });
  const logLines: string[] = [];
  const responses: LightMyRequestResponse[] = [];
  const extraSensitive: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      logLines.push(...String(chunk).split('\n').filter(Boolean));
      cb();
    },
  });

  const baseConfig: ProxyConfig = {
    host: '127.0.0.1',
    port: 0,
    jwksUrl: issuer.jwksUrl,
    issuer: issuer.issuer,
    allowedApps: [TEST_APP_ID, 'another-app'],
    allowedUpstreams: [upstream.origin],
    allowedOrigins: [ALLOWED_ORIGIN],
    institutions: {
      [TEST_INST]: {
        wskey: TEST_WSKEY,
        secret: TEST_SECRET,
        registryId: '128807',
        scopes: 'WorldShareILL',
      },
      [OTHER_INST]: {
        wskey: OTHER_WSKEY,
        secret: OTHER_SECRET,
        registryId: '91475',
        scopes: 'WorldShareILL refresh_token',
      },
    },
    oauthTokenUrl: tokenEndpoint.url,
    upstreamTimeoutMs: 5_000,
    rateLimitPerMinute: 100_000,
  };

  let config: ProxyConfig = { ...baseConfig, ...overrides };
  let proxy = await createProxyServer(config, { logger: { level: 'trace', stream } });

  const h: Harness = {
    get proxy() {
      return proxy;
    },
    get config() {
      return config;
    },
    issuer,
    upstream,
    tokenEndpoint,
    logLines,
    responses,
    async request(opts) {
      const res = await proxy.inject(opts);
      responses.push(res);
      return res;
    },
    async call(path = '/ILL/request/data', opts = {}) {
      const { inst, headers, ...rest } = opts;
      const jwt = await issuer.sign(inst ? { inst_code: inst } : {});
      return h.request({
        method: 'GET',
        ...rest,
        url: path,
        headers: { authorization: `Bearer ${jwt}`, 'x-proxy-host': upstream.host, ...headers },
      });
    },
    async restartProxy(more = {}) {
      await proxy.close();
      config = { ...baseConfig, ...overrides, ...more };
      proxy = await createProxyServer(config, { logger: { level: 'trace', stream } });
    },
    sensitiveValues() {
      return [
        TEST_SECRET,
        OTHER_SECRET,
        Buffer.from(`${TEST_WSKEY}:${TEST_SECRET}`).toString('base64'),
        Buffer.from(`${OTHER_WSKEY}:${OTHER_SECRET}`).toString('base64'),
        ...tokenEndpoint.issued,
        ...issuer.issued,
        ...extraSensitive,
      ];
    },
    findLeaks() {
      const leaks: string[] = [];
      const values = h.sensitiveValues();
      const check = (where: string, text: string): void => {
        for (const v of values)
          if (text.includes(v)) leaks.push(`${where} contains ${v.slice(0, 12)}...`);
      };
      responses.forEach((r, i) => {
        check(`response #${i} body`, r.body);
        check(`response #${i} headers`, JSON.stringify(r.headers));
      });
      logLines.forEach((l, i) => check(`log line #${i}`, l));
      // OCLC tokens and X-Proxy-Auth values belong upstream; JWTs and secrets never do.
      const neverUpstream = [TEST_SECRET, OTHER_SECRET, ...issuer.issued];
      upstream.history.forEach((r, i) => {
        const text = `${r.url} ${JSON.stringify(r.headers)} ${r.body.toString('latin1')}`;
        for (const v of neverUpstream)
          if (text.includes(v)) leaks.push(`upstream request #${i} contains ${v.slice(0, 12)}...`);
      });
      return leaks;
    },
    markSensitive(value) {
      extraSensitive.push(value);
    },
    async close() {
      await proxy.close();
      await Promise.all([issuer.close(), upstream.close(), tokenEndpoint.close()]);
    },
  };
  return h;
}
