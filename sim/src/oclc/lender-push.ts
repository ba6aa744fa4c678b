import type { LenderPush, SimState } from '../state.js';
import { isoDateTime } from './dates.js';

/** Where a library receives its lenders' ISO 18626 messages, and the credentials it asks for. */
export interface RequesterEndpoint {
  /** Full URL, e.g. `http://127.0.0.1:4303/iso18626/SIM_INST`. */
  url: string;
  /** HTTP Basic user (the proxy's inbox expects the Alma institution code). */
  username: string;
  /** HTTP Basic password (the institution's inbox secret). Never recorded. */
  password: string;
}

/** Longest time a push waits for the requester endpoint's answer. */
const PUSH_TIMEOUT_MS = 10_000;

/**
 * The fake lender's outgoing side: POSTs `supplyingAgencyMessage`s to each institution's requester
 * endpoint (ISO 18626: the supplying agency sends its answers and status changes to the requesting
 * agency's own endpoint, which answers with a `supplyingAgencyMessageConfirmation`). Every push is
 * recorded in the state it belongs to (`worldshare.pushes`), with the HTTP status and the body of
 * the confirmation; the password is never recorded.
 */
export class LenderPusher {
  private readonly endpoints = new Map<string, RequesterEndpoint>();
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly now: () => number = Date.now) {}

  /** Sets (or with null removes) an institution's requester endpoint. */
  setEndpoint(instCode: string, endpoint: RequesterEndpoint | null): void {
    if (endpoint) this.endpoints.set(instCode, { ...endpoint });
    else this.endpoints.delete(instCode);
  }

  endpoint(instCode: string): RequesterEndpoint | undefined {
    return this.endpoints.get(instCode);
  }

  /**
   * POSTs `xml` to `instCode`'s endpoint now and records the push in `state.worldshare.pushes`.
   * Without an endpoint, or when the endpoint cannot be reached, the push is recorded with status 0
   * and `error` in words. Never throws.
   */
  async push(
    state: SimState,
    instCode: string,
    requestId: string,
    xml: string,
  ): Promise<LenderPush> {
    const record: LenderPush = {
      t: this.now(),
      requestId,
      instCode,
      xml,
      status: 0,
      confirmation: null,
    };
    state.worldshare.pushes.push(record);
    const endpoint = this.endpoints.get(instCode);
    if (!endpoint) {
      record.error = `no requester endpoint for institution ${instCode}`;
      return record;
    }
    const work = (async () => {
      try {
        const res = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/xml; charset=utf-8',
            authorization: `Basic ${Buffer.from(`${endpoint.username}:${endpoint.password}`).toString('base64')}`,
          },
          body: xml,
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
        record.status = res.status;
        record.confirmation = await res.text();
        const status = /<(?:[\w.-]+:)?messageStatus>\s*(\w+)\s*</.exec(record.confirmation)?.[1];
        if (status) record.messageStatus = status;
        const errorType = /<(?:[\w.-]+:)?errorType>\s*(\w+)\s*</.exec(record.confirmation)?.[1];
        if (errorType) record.errorType = errorType;
      } catch (e) {
        record.error = `requester endpoint unreachable: ${(e as Error).message}`;
      }
    })();
    this.inFlight.add(work);
    try {
      await work;
    } finally {
      this.inFlight.delete(work);
    }
    return record;
  }

  /**
   * Pushes `build()`'s message after `delayMs`, as a lender answers some time after it confirmed
   * the borrower's message. `build` runs when the delay is over (it may read and change the
   * request then) and returns undefined to send nothing.
   */
  later(
    delayMs: number,
    state: SimState,
    instCode: string,
    requestId: string,
    build: () => string | undefined,
  ): void {
    if (this.closed) return;
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        const xml = build();
        if (xml !== undefined && !this.closed) void this.push(state, instCode, requestId, xml);
      },
      Math.max(0, delayMs),
    );
    this.timers.add(timer);
  }

  /** Resolves once every scheduled push has been sent and answered (for tests). */
  async settled(): Promise<void> {
    while (this.timers.size > 0 || this.inFlight.size > 0) {
      await new Promise((r) => setTimeout(r, 5));
      await Promise.allSettled([...this.inFlight]);
    }
  }

  /** Drops every push still waiting for its delay (the ones on the wire go on). */
  cancelScheduled(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Cancels scheduled pushes and waits for the ones on the wire. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

/** `timestamp` for a pushed message built now. */
export const pushTimestamp = (ms: number): string => isoDateTime(ms);
