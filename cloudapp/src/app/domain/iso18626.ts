/**
 * ISO 18626 v1.2 for what WorldShare's ILL Request API lacks (Renew, Cancel, status requests):
 * building the borrowing library's messages and reading the lender's. See iso18626-build.ts and
 * iso18626-parse.ts; this module is the one the services import.
 */
export {
  AGENCY_ID_TYPE_SCHEME,
  ISO18626_NAMESPACE,
  ISO18626_VERSION,
  Iso18626FormatError,
} from './iso18626-namespace';
export { buildRequestingAgencyMessage } from './iso18626-build';
export type {
  AgencyId,
  RequestingAgencyAction,
  RequestingAgencyMessageInput,
} from './iso18626-build';
export { parseIsoMessage } from './iso18626-parse';
export type { IsoConfirmationElement, IsoMessage } from './iso18626-parse';
