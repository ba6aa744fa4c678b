/**
 * The configuration page's **Test connection**, as data: four steps, each ok or failed with a
 * reason in staff words (`config.test.step.<id>`, `config.test.reason.<failure>`), and the reading
 * of the one probe call that exercises the proxy, the Cloud App JWT and the OCLC token together.
 *
 * Why one probe: the proxy checks the JWT, then gets (or reuses) the institution's OCLC token and
 * forwards the call, so a harmless read through it proves all three. Who refused is told by the
 * body: this project's proxy answers its own refusals as `{error: {code, message}}` (proxy/src/errors.ts);
 * OCLC answers `{response: {error: ...}}` (ILL API, contracts/oclc-ill) or `{code: {type, value}, message}`
 * (its gateway, errorResponse.json).
 */

import {
  type ProxyConnectionFailure,
  proxyRefusalOf,
  readProxyErrorCode,
} from '../domain/proxy-errors';
import { readAccessToken } from '../domain/proxy-request';
import type { ConfigFieldPath } from './config-fields';

export type ConnectionStepId = 'config' | 'jwt' | 'proxy' | 'oclc';
export type ConnectionStepState = 'pending' | 'running' | 'ok' | 'failed' | 'skipped';
export type ConnectionFailure =
  | 'incomplete'
  | 'invalid'
  | 'host-silent'
  | 'host-error'
  | 'no-token'
  | 'unreachable'
  | ProxyConnectionFailure
  | 'oclc-refused'
  | 'not-found'
  | 'worldshare-error';

export interface ConnectionStep {
  id: ConnectionStepId;
  state: ConnectionStepState;
  failure: ConnectionFailure | null;
  /** Placeholders of the failure text: `detail`, `status`, `url`, `host` (always strings). */
  params: Record<string, string>;
  /** For `incomplete`: the configuration fields still to fill. */
  fields: ConfigFieldPath[];
}

export const CONNECTION_STEP_IDS: readonly ConnectionStepId[] = ['config', 'jwt', 'proxy', 'oclc'];

/** The four steps before a run: all pending. */
export function pendingSteps(): ConnectionStep[] {
  return CONNECTION_STEP_IDS.map((id) => ({
    id,
    state: 'pending',
    failure: null,
    params: {},
    fields: [],
  }));
}

/** The outcome of one step. */
export type StepOutcome =
  | { state: 'ok' }
  | { state: 'failed'; failure: ConnectionFailure; params?: Record<string, string> };

/** What the probe call brought back: HTTP status (0 = no answer at all) and the body as text. */
export interface ProbeAnswer {
  status: number;
  body: string | null;
}

function parse(body: string | null): unknown {
  if (!body) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** OCLC's ILL error `{response: {error: {message}}}` or gateway error `{code, message}`. */
function oclcMessage(data: unknown): string {
  if (!isObject(data)) return '';
  const response = data['response'];
  if (
    isObject(response) &&
    isObject(response['error']) &&
    typeof response['error']['message'] === 'string'
  ) {
    return response['error']['message'];
  }
  return typeof data['message'] === 'string' ? data['message'] : '';
}

/**
 * Reads the probe's answer into the outcomes of the proxy step (3) and the OCLC step (4).
 * `oclc` is null when step 3 failed (step 4 then was not reached).
 *
 * - 2xx: both ok.
 * - no answer (status 0): the proxy is unreachable (wrong address, down, or it does not allow
 *   this app's origin — browsers hide which).
 * - the proxy's own refusal, read by domain/proxy-errors.ts (one reading per code the proxy sends):
 *   `jwt_*` 401 -> the proxy refused the app's sign-in token; `app_not_allowed` /
 *   `unknown_institution` 403 -> the proxy does not serve this app or institution;
 *   `upstream_not_allowed` -> JWT accepted, but the WorldShare address is not one the proxy
 *   forwards to; `oclc_token_failed` -> JWT accepted, OCLC refused the institution's key;
 *   `upstream_timeout` / `upstream_unreachable` / `upstream_redirect` -> WorldShare cannot be
 *   reached from the proxy; `rate_limited` 429 -> busy; the rest -> refused with its message;
 *   a code the app does not know -> refused with its message (429: busy).
 * - anything else came from WorldShare through the proxy: 401/403 -> OCLC refused the token;
 *   404 -> wrong WorldShare address; 429 -> busy; other statuses -> WorldShare error.
 * Proxy codes are those of this project's proxy (proxy/src); the Ex Libris hosted proxy's codes
 * are not published, so its refusals fall to the status-based reading.
 */
export function readProbe(
  answer: ProbeAnswer,
  proxyUrl: string,
  upstreamHost: string,
): { proxy: StepOutcome; oclc: StepOutcome | null } {
  const ok: StepOutcome = { state: 'ok' };
  const fail = (failure: ConnectionFailure, params: Record<string, string> = {}): StepOutcome => ({
    state: 'failed',
    failure,
    params,
  });
  const status = answer.status;
  if (status >= 200 && status < 300) return { proxy: ok, oclc: ok };
  if (status === 0) return { proxy: fail('unreachable', { url: proxyUrl }), oclc: null };

  const data = parse(answer.body);
  const refusal = proxyRefusalOf(data);
  if (refusal) {
    const detail = refusal.message;
    const reading = readProxyErrorCode(refusal.code);
    if (reading) {
      const params: Record<string, string> =
        reading.failure === 'upstream-not-allowed' || reading.failure === 'worldshare-unreachable'
          ? { host: upstreamHost }
          : reading.failure === 'rate-limited'
            ? {}
            : reading.failure === 'proxy-refused'
              ? { status: String(status), detail }
              : { detail };
      return reading.step === 'proxy'
        ? { proxy: fail(reading.failure, params), oclc: null }
        : { proxy: ok, oclc: fail(reading.failure, params) };
    }
    // A code this app does not know (a newer proxy): said by the proxy, with its own words.
    if (status === 429) return { proxy: ok, oclc: fail('rate-limited') };
    return { proxy: fail('proxy-refused', { status: String(status), detail }), oclc: null };
  }

  const detail = oclcMessage(data);
  if (status === 401 || status === 403)
    return { proxy: ok, oclc: fail('oclc-refused', { status: String(status), detail }) };
  if (status === 404) return { proxy: ok, oclc: fail('not-found', { host: upstreamHost }) };
  if (status === 429) return { proxy: ok, oclc: fail('rate-limited') };
  return { proxy: ok, oclc: fail('worldshare-error', { status: String(status), detail }) };
}

/** OAuth 2's `{error, error_description}` (RFC 6749 section 5.2), or another message, from a token answer. */
function tokenErrorMessage(data: unknown): string {
  if (!isObject(data)) return '';
  const description = data['error_description'];
  if (typeof description === 'string' && description) return description;
  if (typeof data['error'] === 'string') return data['error'];
  return oclcMessage(data);
}

/**
 * With the Ex Libris hosted proxy the app asks OCLC for its token itself (client credentials,
 * WSKey and secret as HTTP Basic in `X-Proxy-Auth`, built by `oclcTokenRequest` in
 * domain/proxy-request.ts; docs/contracts.md, "OCLC OAuth 2 (WSKey)"); this reads that answer. The proxy's own refusals and silence are read as for the probe (step 3). Past the
 * proxy, a 2xx with an `access_token` lets the probe go ahead (`token` set, `oclc` null); any
 * other answer of OCLC's token service fails step 4 as `token-failed` with OCLC's reason
 * (`invalid_client`: WSKey or secret wrong; `invalid_scope`: scope or registry id wrong).
 */
export function readTokenAnswer(
  answer: ProbeAnswer,
  proxyUrl: string,
  tokenHost: string,
): { proxy: StepOutcome; oclc: StepOutcome | null; token: string | null } {
  const data = parse(answer.body);
  if (answer.status >= 200 && answer.status < 300) {
    const token = readAccessToken(data)?.token;
    if (token) return { proxy: { state: 'ok' }, oclc: null, token };
    return {
      proxy: { state: 'ok' },
      oclc: { state: 'failed', failure: 'token-failed', params: { detail: 'no access_token' } },
      token: null,
    };
  }
  const read = readProbe(answer, proxyUrl, tokenHost);
  if (read.proxy.state === 'failed' || read.oclc === null || read.oclc.state === 'ok')
    return { ...read, token: null };
  if (
    read.oclc.failure === 'oclc-refused' ||
    read.oclc.failure === 'worldshare-error' ||
    read.oclc.failure === 'not-found'
  ) {
    const detail = tokenErrorMessage(data) || `HTTP ${answer.status}`;
    return {
      proxy: read.proxy,
      oclc: { state: 'failed', failure: 'token-failed', params: { detail } },
      token: null,
    };
  }
  return { ...read, token: null };
}

/**
 * The upstream read used as the probe: a search of the institution's own requests by a reference
 * id no Alma request has (`GET <illBaseUrl>/ILL/request/data?referenceId=connection-test`), which
 * changes nothing in WorldShare and answers quickly. The search by referenceId is assumed (the
 * export uses the same call to find an earlier attempt).
 */
export function probeUrl(illBaseUrl: string): string {
  return `${illBaseUrl.trim().replace(/\/+$/, '')}/ILL/request/data?referenceId=connection-test`;
}
