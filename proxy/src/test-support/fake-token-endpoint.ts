import { listenOnLocalhost } from './http-fixture.ts';

/** One token request as received. */
export interface TokenRequest {
  method: string;
  grantType: string | null;
  scope: string | null;
  /** The WSKey whose Basic credentials were valid, or null when refused. */
  wskey: string | null;
}

export type TokenEndpointMode = 'ok' | 'fail-500' | 'refuse-401' | 'not-json' | 'no-expiry';

/** Fake OCLC OAuth token endpoint: checks Basic credentials, counts requests, answers like contracts/oclc-ill/access_token.json. */
export interface FakeTokenEndpoint {
  url: string;
  requests: TokenRequest[];
  /** Tokens handed out since start, in order (not cleared by `reset`). */
  issued: string[];
  mode: TokenEndpointMode;
  /** `expires_in` sent, as a string like OCLC does. */
  expiresIn: string;
  reset(): void;
  close(): Promise<void>;
}

/** @param credentials WSKey -> secret accepted. */
export async function startFakeTokenEndpoint(
  credentials: Record<string, string>,
): Promise<FakeTokenEndpoint> {
  const state = {
    requests: [] as TokenRequest[],
    issued: [] as string[],
    mode: 'ok' as TokenEndpointMode,
    expiresIn: '3599',
  };
  const fixture = await listenOnLocalhost((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const basic = /^Basic (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const [wskey, ...rest] = basic ? Buffer.from(basic, 'base64').toString('utf8').split(':') : [];
    const valid =
      wskey !== undefined &&
      Object.hasOwn(credentials, wskey) &&
      credentials[wskey] === rest.join(':');
    state.requests.push({
      method: req.method ?? '',
      grantType: url.searchParams.get('grant_type'),
      scope: url.searchParams.get('scope'),
      wskey: valid ? wskey : null,
    });
    res.setHeader('content-type', 'application/json');
    if (!valid || state.mode === 'refuse-401') {
      res.statusCode = 401;
      res.end(JSON.stringify({ code: 401, message: 'WSKey or secret is invalid' }));
      return;
    }
    if (state.mode === 'fail-500') {
      res.statusCode = 500;
      res.end(JSON.stringify({ code: 500, message: 'internal error' }));
      return;
    }
    if (state.mode === 'not-json') {
      res.end('<html>maintenance</html>');
      return;
    }
    const token = `tk_${wskey}_${state.issued.length + 1}_q7z`;
    state.issued.push(token);
    const answer: Record<string, unknown> = {
      access_token: token,
      token_type: 'bearer',
      expires_in: state.expiresIn,
      principalID: 'cpe4c7f6-f5a4-41fa-35c9-9d59443f544p',
      contextInstitutionId: '128807',
      expires_at: '2019-08-23 18:45:29Z',
    };
    if (state.mode === 'no-expiry') {
      delete answer.expires_in;
      delete answer.expires_at;
    }
    res.end(JSON.stringify(answer));
  });
  const endpoint: FakeTokenEndpoint = {
    url: `${fixture.origin}/token`,
    get requests() {
      return state.requests;
    },
    get issued() {
      return state.issued;
    },
    get mode() {
      return state.mode;
    },
    set mode(m) {
      state.mode = m;
    },
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(v) {
      state.expiresIn = v;
    },
    reset() {
      // `issued` is kept: leak checks need every token ever handed out.
      state.requests = [];
      state.mode = 'ok';
      state.expiresIn = '3599';
    },
    close: fixture.close,
  };
  return endpoint;
}
