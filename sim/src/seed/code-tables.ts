/**
 * Seed Alma code tables, served at `GET /conf/code-tables/{name}`. The table names are Alma's (documented);
 * the codes are invented but shaped like an institution's configuration (Alma ships such tables with
 * institution-defined codes, so an app must read them instead of hard-coding them).
 */
export const SEED_CODE_TABLES: Record<string, { code: string; description: string }[]> = {
  RequestCancellationReasons: [
    { code: 'CancelledAtPatronRequest', description: 'Cancelled at patron request' },
    { code: 'CannotBeFulfilled', description: 'Cannot be fulfilled' },
    { code: 'CancelledAtPartner', description: 'Cancelled by the lending partner' },
    { code: 'ILL_CLOSED_IN_WORLDSHARE', description: 'Closed in WorldShare ILL' },
    { code: 'NeededByDatePassed', description: 'Needed-by date passed' },
    { code: 'DuplicateRequest', description: 'Duplicate request' },
  ],
  MandatoryBorrowingWorkflowSteps: [
    { code: 'CREATED_BORROWING_REQUEST', description: 'Created borrowing request' },
    { code: 'READY_TO_SEND', description: 'Ready to be sent' },
    { code: 'REQUEST_SENT', description: 'Request sent to partner' },
    { code: 'RECEIVED_PHYSICALLY', description: 'Physically received by library' },
    { code: 'RETURNED_TO_PARTNER', description: 'Returned to partner' },
    { code: 'REQUEST_COMPLETED', description: 'Request completed' },
  ],
  OptionalBorrowingWorkflowSteps: [
    { code: 'LOCATE_FAILED', description: 'Locate failed' },
    { code: 'RENEW_REQUESTED', description: 'Renew requested' },
    { code: 'RENEWED_BY_PARTNER', description: 'Renewed by Partner' },
    { code: 'RECALLED_BY_PARTNER', description: 'Recalled by partner' },
    { code: 'RECEIVED_DIGITALLY', description: 'Digitally received by library' },
    { code: 'REQUEST_CANCELED', description: 'Canceled' },
  ],
};
