import { HostTimeoutError } from './host-call';

/**
 * An Alma failure described for staff.
 * `status` is the HTTP status Alma gave (0 when Alma did not answer); `almaCode` and `almaMessage`
 * come from Alma's error body `{errorList:{error:[{errorCode, errorMessage}]}}` (documented,
 * Alma REST API general error format); `kind` lets the panel choose words and offer a retry.
 */
export interface AlmaProblem {
  kind:
    | 'timeout'
    | 'not-found'
    | 'unauthorized'
    | 'rate-limited'
    | 'server-error'
    | 'rejected'
    | 'unknown';
  status: number;
  almaCode: string | null;
  almaMessage: string | null;
}

/** Reads whatever CloudAppRestService or the host raised into an AlmaProblem; never throws. */
export function describeAlmaError(error: unknown): AlmaProblem {
  if (error instanceof HostTimeoutError)
    return { kind: 'timeout', status: 0, almaCode: null, almaMessage: null };
  const e = (error ?? {}) as Record<string, unknown>;
  const status =
    typeof e['status'] === 'number' ? (e['status'] as number) : Number(e['status']) || 0;
  const body = e['error'] as Record<string, unknown> | undefined;
  let almaCode: string | null = null;
  let almaMessage: string | null = null;
  const list = (body?.['errorList'] as Record<string, unknown> | undefined)?.['error'];
  const first = Array.isArray(list) ? list[0] : list;
  if (first && typeof first === 'object') {
    const f = first as Record<string, unknown>;
    almaCode = f['errorCode'] != null ? String(f['errorCode']) : null;
    almaMessage = typeof f['errorMessage'] === 'string' ? f['errorMessage'] : null;
  }
  if (!almaMessage && typeof e['message'] === 'string' && e['message'] && !(error instanceof Error))
    almaMessage = e['message'];
  const kind: AlmaProblem['kind'] =
    status === 404
      ? 'not-found'
      : status === 401 || status === 403
        ? 'unauthorized'
        : status === 429
          ? 'rate-limited'
          : status >= 500
            ? 'server-error'
            : status >= 400
              ? 'rejected'
              : 'unknown';
  return { kind, status, almaCode, almaMessage };
}
