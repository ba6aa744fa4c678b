import { randomBytes } from 'node:crypto';

/**
 * Alma's REST error body, as the Alma REST APIs answer in JSON
 * (developers.exlibrisgroup.com, "Alma REST APIs – error handling"; documented shape).
 */
export interface AlmaErrorBody {
  errorsExist: true;
  errorList: { error: { errorCode: string; errorMessage: string; trackingId: string }[] };
  result: null;
}

/** An error a fake Alma handler throws; the route wrapper turns it into an Alma error reply. */
export class AlmaApiError extends Error {
  constructor(
    /** HTTP status of the reply. */
    readonly status: number,
    /** Alma `errorCode` (a string, as Alma sends it). */
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Error codes the fake answers with. Those marked "documented" appear with that text in the 400
 * descriptions of contracts/alma/users.openapi.json or conf.openapi.json; the others are assumed
 * (plausible, as seen in Alma answers, but not in the published contract).
 */
export const ALMA_CODES = {
  /** documented (users API): 'User with identifier X of type Y was not found.' */
  USER_NOT_FOUND: '401890',
  /** documented (DELETE resource-sharing request): 'Request Identifier not found.' */
  REQUEST_NOT_FOUND: '401694',
  /** documented (GET resource-sharing request): 'No result found for given parameters.' */
  NO_RESULT: '40166450',
  /** documented: 'General Error: An error has occurred while processing the request.' */
  GENERAL_ERROR: '401652',
  /** documented (POST resource-sharing request op): 'Parameter value is invalid (with error message).' */
  PARAMETER_INVALID: '40166426',
  /** documented (POST resource-sharing request op): 'Failed to perform operation.' */
  OPERATION_FAILED: '40166412',
  /** documented (loans): 'Loan ID XXX does not exist.' */
  LOAN_NOT_FOUND: '401823',
  /** documented (PUT loan): 'Due date is not in loan object.' */
  DUE_DATE_MISSING: '401824',
  /** documented (PUT loan): 'Due date cannot be in the past.' */
  DUE_DATE_IN_PAST: '401681',
  /** documented for PUT code-table ('Table does not exist.'); assumed for GET. */
  CODE_TABLE_NOT_FOUND: '90101',
  /**
   * Alma's "duplicate request" code (assumed; docs/contracts.md, "Alma calls that Ex Libris does not document"). Assumed use: assigning a request
   * that already carries a different partner request id.
   */
  DUPLICATE_REQUEST: '402362',
  /** Alma's governance answer over the per-second threshold (seen in Alma 429 answers; assumed text). */
  PER_SECOND_THRESHOLD: 'PER_SECOND_THRESHOLD',
  /** Alma API gateway code for a call it cannot route (assumed for unknown paths and methods). */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** Alma's answer to an unexpected server failure (seen in Alma 500 answers; assumed text). */
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

/** Alma-like tracking id ("E01-" + date/time digits + random letters); only for show, never parsed. */
function trackingId(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  const stamp = `${pad(d.getUTCDate())}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}`;
  return `E01-${stamp}-${randomBytes(4).toString('hex').toUpperCase()}`;
}

/** Builds an Alma error body with one error. */
export function almaErrorBody(code: string, message: string): AlmaErrorBody {
  return {
    errorsExist: true,
    errorList: { error: [{ errorCode: code, errorMessage: message, trackingId: trackingId() }] },
    result: null,
  };
}

/**
 * The Alma error body for a bare HTTP status (injected faults, framework errors): 429 is the
 * per-second threshold, 5xx an internal error, anything else a general error.
 */
export function almaErrorForStatus(status: number): AlmaErrorBody {
  if (status === 429)
    return almaErrorBody(
      ALMA_CODES.PER_SECOND_THRESHOLD,
      'HTTP requests are more than allowed per second',
    );
  if (status >= 500) {
    return almaErrorBody(
      ALMA_CODES.INTERNAL_SERVER_ERROR,
      'The web server encountered an unexpected condition that prevented it from fulfilling the request. ' +
        'If the error persists, please use this unique identifier as a reference when contacting Support.',
    );
  }
  return almaErrorBody(
    ALMA_CODES.GENERAL_ERROR,
    'General Error: An error has occurred while processing the request.',
  );
}
