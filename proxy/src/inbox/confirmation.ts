import { XMLBuilder } from 'fast-xml-parser';
import { ISO18626_NS } from './safe-xml.ts';
import type { AgencyId, Iso18626ErrorType } from './supplying-agency-message.ts';

/** `ISO18626Message/@version` of every confirmation the inbox sends. */
export const CONFIRMATION_VERSION = '1.2';
const AGENCY_ID_SCHEME = 'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0';

/** What a `supplyingAgencyMessageConfirmation` echoes from the message and says about it. */
export interface ConfirmationInput {
  /** Echoed from the message's header when it could be read. */
  supplyingAgencyId?: AgencyId | null;
  requestingAgencyId?: AgencyId | null;
  requestingAgencyRequestId?: string | null;
  multipleItemRequestId?: string | null;
  /** Echoed only when it is one of the schema's values (the message passed the schema check). */
  reasonForMessage?: string | null;
  /** When the proxy received the message. */
  received: Date;
  /** Absent: `OK`. */
  error?: { type: Iso18626ErrorType; value: string };
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
});

/**
 * Builds a `supplyingAgencyMessageConfirmation` (ISO-18626-v1_2.xsd; elements in schema order):
 * confirmationHeader (agency ids, timestamp = now, requestingAgencyRequestId, multipleItemRequestId,
 * timestampReceived, messageStatus), reasonForMessage, errorData (errorType, errorValue).
 * `errorValue` is cut to 500 characters.
 */
export function buildConfirmation(input: ConfirmationInput, now: Date = new Date()): string {
  const header: Record<string, unknown> = {};
  if (input.supplyingAgencyId) header['ns1:supplyingAgencyId'] = agency(input.supplyingAgencyId);
  if (input.requestingAgencyId) header['ns1:requestingAgencyId'] = agency(input.requestingAgencyId);
  header['ns1:timestamp'] = isoSeconds(now);
  if (input.requestingAgencyRequestId)
    header['ns1:requestingAgencyRequestId'] = input.requestingAgencyRequestId;
  if (input.multipleItemRequestId)
    header['ns1:multipleItemRequestId'] = input.multipleItemRequestId;
  header['ns1:timestampReceived'] = isoSeconds(input.received);
  header['ns1:messageStatus'] = input.error ? 'ERROR' : 'OK';

  const confirmation: Record<string, unknown> = { 'ns1:confirmationHeader': header };
  if (input.reasonForMessage) confirmation['ns1:reasonForMessage'] = input.reasonForMessage;
  if (input.error) {
    confirmation['ns1:errorData'] = {
      'ns1:errorType': input.error.type,
      'ns1:errorValue': input.error.value.slice(0, 500),
    };
  }
  const tree = {
    'ns1:ISO18626Message': {
      '@_xmlns:ns1': ISO18626_NS,
      '@_ns1:version': CONFIRMATION_VERSION,
      'ns1:supplyingAgencyMessageConfirmation': confirmation,
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
}

function agency(id: AgencyId): Record<string, unknown> {
  return {
    'ns1:agencyIdType': { '@_ns1:scheme': AGENCY_ID_SCHEME, '#text': id.type },
    'ns1:agencyIdValue': id.value,
  };
}

/** `2026-11-30T08:47:59Z`: xs:dateTime in UTC without fractions. */
function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}
