import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { SimState } from '../state.js';
import type { LooseJson } from '../testing/harness.js';
import { emptyState } from './empty-state.js';
import type { OclcInstitution } from './institutions.js';
import type { LenderPusher } from './lender-push.js';
import { startFakeOclc, type FakeOclcOptions } from './server.js';

/** Test fixtures shared by the fake OCLC's test files. */

export const LIBRARY: OclcInstitution = {
  instCode: 'TEST_INST',
  wskey: 'test-wskey-0001',
  secret: 's3cret-value-never-shown',
  registryId: '128807',
  symbol: 'OCPSB',
  scopes: 'WorldShareILL SCIM',
};

export const OTHER_LIBRARY: OclcInstitution = {
  instCode: 'OTHER_INST',
  wskey: 'other-wskey-0002',
  secret: 'another-secret',
  registryId: '91475',
  symbol: 'OTHER',
  scopes: 'WorldShareILL',
};

/** A contract file's text, e.g. `contract('iso18626/RequestingAgencyMessageRenew.xml')`. */
export function contract(relativePath: string): string {
  return readFileSync(
    fileURLToPath(new URL(`../../../contracts/${relativePath}`, import.meta.url)),
    'utf8',
  );
}

/** A clock tests move by hand, so expiry and rate limits need no waiting. Epoch milliseconds. */
export class ManualClock {
  constructor(public ms = Date.UTC(2026, 11, 1, 12, 0, 0)) {}
  readonly now = () => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/** A running fake with its state, clock and helpers for the calls tests make. */
export interface TestOclc {
  url: string;
  state: SimState;
  clock: ManualClock;
  pusher: LenderPusher;
  close(): Promise<void>;
  /** POST /token for `institution` (default LIBRARY) asking for its scopes and registry context. */
  token(institution?: OclcInstitution): Promise<string>;
  /** A JSON call with a Bearer token; returns status, headers and parsed JSON (or text). */
  call(
    method: string,
    path: string,
    token: string | undefined,
    body?: unknown,
  ): Promise<{ status: number; headers: Headers; body: LooseJson }>;
  /** POST of an ISO 18626 XML message with a Bearer token; returns status and XML text. */
  iso(xml: string, token: string | undefined): Promise<{ status: number; text: string }>;
}

/** Starts a fake OCLC on 127.0.0.1, port 0, with LIBRARY and OTHER_LIBRARY and a manual clock. */
export async function startTestOclc(
  state: SimState = emptyState(),
  opts: Partial<FakeOclcOptions> = {},
): Promise<TestOclc> {
  const clock = new ManualClock();
  const holder = { state };
  const fake = await startFakeOclc(() => holder.state, {
    institutions: [LIBRARY, OTHER_LIBRARY],
    now: clock.now,
    ...opts,
  });
  const call: TestOclc['call'] = async (method, path, token, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(fake.url + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, headers: res.headers, body: parsed };
  };
  return {
    url: fake.url,
    get state() {
      return holder.state;
    },
    set state(s: SimState) {
      holder.state = s;
    },
    clock,
    pusher: fake.pusher,
    close: fake.close,
    async token(institution = LIBRARY) {
      const res = await tokenRequest(
        fake.url,
        institution.wskey,
        institution.secret,
        `${institution.scopes} context:${institution.registryId}`,
      );
      if (res.status !== 200)
        throw new Error(`token request failed: ${res.status} ${JSON.stringify(res.body)}`);
      return (res.body as { access_token: string }).access_token;
    },
    call,
    async iso(xml, token) {
      const headers: Record<string, string> = { 'content-type': 'application/xml' };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(`${fake.url}/ILL/iso18626`, { method: 'POST', headers, body: xml });
      return { status: res.status, text: await res.text() };
    },
  };
}

/** POST /token with HTTP Basic `wskey:secret` and the given scope; `grantType` defaults to client_credentials. */
export async function tokenRequest(
  url: string,
  wskey: string | undefined,
  secret: string | undefined,
  scope: string,
  grantType = 'client_credentials',
) {
  const headers: Record<string, string> = {};
  if (wskey !== undefined)
    headers.authorization = `Basic ${Buffer.from(`${wskey}:${secret}`).toString('base64')}`;
  const query = new URLSearchParams({ grant_type: grantType, scope });
  const res = await fetch(`${url}/token?${query}`, { method: 'POST', headers });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

/** OCLC's sample create body (contracts/oclc-ill/illRequest-sample.json) adapted: needed in the future, a referenceId. */
export function sampleCreateBody(
  overrides: { serviceType?: 'LOAN' | 'COPY'; referenceId?: string } = {},
): LooseJson {
  const body = JSON.parse(contract('oclc-ill/illRequest-sample.json'));
  body.illRequest.needed = '2027-08-15T00:00:00.000-00:00';
  body.illRequest.referenceId = overrides.referenceId ?? 'ALMA-REQ-1001';
  body.illRequest.requester.serviceType = overrides.serviceType ?? 'COPY';
  return body;
}

/** One message a stand-in requester endpoint received. */
export interface InboxDelivery {
  path: string;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

/**
 * A small local stand-in for a library's ISO 18626 requester endpoint (the proxy's inbox), on
 * 127.0.0.1, port 0: it records every POST and answers with `answer` (default: HTTP 200 and a
 * supplyingAgencyMessageConfirmation OK). `next(n)` resolves once n deliveries have arrived.
 */
export async function startStandInInbox(
  answer: (d: InboxDelivery) => { status: number; body: string } = () => ({
    status: 200,
    body: CONFIRMATION_OK,
  }),
) {
  const deliveries: InboxDelivery[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delivery: InboxDelivery = {
        path: req.url ?? '',
        authorization: req.headers.authorization,
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks).toString('utf8'),
      };
      deliveries.push(delivery);
      const out = answer(delivery);
      res.writeHead(out.status, { 'content-type': 'application/xml' }).end(out.body);
      for (const w of waiters.filter((w) => deliveries.length >= w.n)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deliveries,
    next: (n: number) =>
      deliveries.length >= n
        ? Promise.resolve()
        : new Promise<void>((resolve) => waiters.push({ n, resolve })),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A supplyingAgencyMessageConfirmation OK, as a requester endpoint answers a message it stored. */
export const CONFIRMATION_OK = `<?xml version="1.0" encoding="UTF-8"?>
<ISO18626Message xmlns="http://illtransactions.org/2013/iso18626" version="v1_2_2017"><supplyingAgencyMessageConfirmation><confirmationHeader><timestamp>2026-12-01T12:00:00Z</timestamp><timestampReceived>2026-12-01T12:00:00Z</timestampReceived><messageStatus>OK</messageStatus></confirmationHeader></supplyingAgencyMessageConfirmation></ISO18626Message>`;
