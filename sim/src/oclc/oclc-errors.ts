import { randomUUID } from 'node:crypto';

/**
 * OCLC failure codes (contracts/oclc-ill/failureCodes.txt, published). Which code the fake uses for
 * which refusal is documented at each use; OCLC publishes the codes, not the mapping.
 */
export const FailureCode = {
  Missing: 30000,
  Invalid: 30001,
  OutOfBounds: 30002,
  InvalidInstitutionSymbol: 30004,
  LenderNotSupplier: 30005,
  CannotReadInput: 140001,
  DataConversion: 140004,
  Unauthorized: 140005,
} as const;

/** One `detail` entry of an ILL Request API error: `fieldName` is a dotted path inside `illRequest`. */
export interface FailureDetail {
  failureCode: number;
  fieldName: string;
}

/** The ILL Request API error body (contracts/oclc-ill/failure-example.json). */
export interface IllErrorBody {
  response: {
    error: { message: string; detail: FailureDetail[]; instance: string };
    illRequest?: Record<string, unknown>;
  };
}

/** OCLC's generic message for a body that failed validation (from failure-example.json). */
export const VALIDATION_MESSAGE =
  'There was an error processing your request. Please check the error detail.';

/**
 * Builds an ILL Request API error body, `{response:{error:{message, detail, instance}}}`, with a fresh
 * random `instance` id as OCLC's sample shows; with `illRequest`, the refused request is echoed beside
 * the error (`response.illRequest`), as failure-example.json shows for a business-rule refusal.
 */
export function illErrorBody(
  message: string,
  detail: FailureDetail[] = [],
  illRequest?: Record<string, unknown>,
): IllErrorBody {
  const body: IllErrorBody = { response: { error: { message, detail, instance: randomUUID() } } };
  if (illRequest) body.response.illRequest = illRequest;
  return body;
}

/** The platform-level error body (contracts/oclc-ill/errorResponse.json): `{code:{type:"http", value}, message}`. */
export interface HttpErrorBody {
  code: { type: 'http'; value: string };
  message: string;
}

const STATUS_MESSAGES: Record<number, string> = {
  400: 'Bad request',
  401: 'No valid authentication credentials found in request',
  403: 'Not authorized to access this resource',
  404: 'Resource not found',
  429: 'Too many requests',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
  504: 'Gateway timeout',
};

/** A short human message for an HTTP status (the 401 text is OCLC's own, from errorResponse.json). */
export function statusMessage(status: number): string {
  return STATUS_MESSAGES[status] ?? `HTTP ${status}`;
}

/** Builds the platform-level error body for `status`, e.g. the 401 of contracts/oclc-ill/errorResponse.json. */
export function httpErrorBody(status: number, message = statusMessage(status)): HttpErrorBody {
  return { code: { type: 'http', value: String(status) }, message };
}

/**
 * The error body a route answers with when it fails as a whole (fault injection, rate limit,
 * unknown route): the ILL Request API's own format under `/ILL/request`, the platform format elsewhere.
 */
export function errorBodyForPath(
  path: string,
  status: number,
  message = statusMessage(status),
): IllErrorBody | HttpErrorBody {
  return path.startsWith('/ILL/request') ? illErrorBody(message) : httpErrorBody(status, message);
}
