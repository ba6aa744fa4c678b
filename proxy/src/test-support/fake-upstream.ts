import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { listenOnLocalhost, readBody } from './http-fixture.ts';

/** One request as the fake upstream received it. */
export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export type UpstreamBehaviour = (req: ReceivedRequest, res: ServerResponse) => void;

/** A fake OCLC API host that records every request and answers as told. */
export interface FakeUpstream {
  origin: string;
  host: string;
  received: ReceivedRequest[];
  /** Every request since start; `reset` does not clear it. */
  history: ReceivedRequest[];
  /** Replaces the answer; the default answers 200 `{"ok":true}`. */
  behave(b: UpstreamBehaviour): void;
  reset(): void;
  close(): Promise<void>;
}

export const answerOk: UpstreamBehaviour = (_req, res) => {
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ ok: true }));
};

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const received: ReceivedRequest[] = [];
  const history: ReceivedRequest[] = [];
  let behaviour: UpstreamBehaviour = answerOk;
  const fixture = await listenOnLocalhost((req: IncomingMessage, res) => {
    void readBody(req).then((body) => {
      const r = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      received.push(r);
      history.push(r);
      behaviour(r, res);
    });
  });
  return {
    origin: fixture.origin,
    host: fixture.host,
    received,
    history,
    behave: (b) => {
      behaviour = b;
    },
    reset: () => {
      received.length = 0;
      behaviour = answerOk;
    },
    close: fixture.close,
  };
}
