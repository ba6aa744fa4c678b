/**
 * Constants and the parse error of ISO 18626 (Interlibrary Loan Transactions), version 1.2 (2017),
 * as in contracts/iso18626/ISO-18626-v1_2.xsd and OCLC's WorldShare ILL samples next to it.
 */

/** Target namespace of the schema. */
export const ISO18626_NAMESPACE = 'http://illtransactions.org/2013/iso18626';

/** Value of the (namespace-qualified) `version` attribute of `ISO18626Message` in v1.2. */
export const ISO18626_VERSION = 'v1_2_2017';

/** Open code list of agency id types, as OCLC's samples name it in `agencyIdType/@scheme`. */
export const AGENCY_ID_TYPE_SCHEME =
  'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0';

/** An ISO 18626 document the app cannot read. The message says why, in words staff can pass on. */
export class Iso18626FormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Iso18626FormatError';
  }
}
