/**
 * Builds the ISO 18626 messages the borrowing library sends: `requestingAgencyMessage`
 * (Renew, Cancel, StatusRequest, ...). Element order and attributes follow
 * contracts/iso18626/ISO-18626-v1_2.xsd; prefixes, schemes and layout follow OCLC's samples there.
 * XML is written by fast-xml-parser's XMLBuilder, which escapes text and attribute values.
 */
import { nfc } from './unicode-text';
import { XMLBuilder } from 'fast-xml-parser';
import { AGENCY_ID_TYPE_SCHEME, ISO18626_NAMESPACE, ISO18626_VERSION } from './iso18626-namespace';

/**
 * An agency (library) id: its type and value. OCLC's samples use type `ISIL` with value
 * `OCLC-<OCLC symbol>` (e.g. `OCLC-ABCDE`); see iso-exchange.ts.
 */
export interface AgencyId {
  type: string;
  value: string;
}

export type RequestingAgencyAction =
  | 'Renew'
  | 'Cancel'
  | 'StatusRequest'
  | 'Notification'
  | 'Received'
  | 'ShippedReturn';

export interface RequestingAgencyMessageInput {
  action: RequestingAgencyAction;
  requestingAgencyId: AgencyId;
  supplyingAgencyId: AgencyId;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
  /** ISO date-time in UTC, e.g. '2021-02-09T11:08:39Z' (xs:dateTime). */
  timestamp: string;
  note?: string;
}

const ACTIONS: readonly string[] = [
  'Renew',
  'Cancel',
  'StatusRequest',
  'Notification',
  'Received',
  'ShippedReturn',
];
const XS_DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const P = 'ns1:';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: false,
  processEntities: true,
  format: false,
});

/**
 * Characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
 * removed from text so the message stays well-formed; the rest is put in Unicode NFC (unicode-text.ts).
 */
function xmlSafe(text: string): string {
  return nfc(text).replace(
    // XML 1.0 forbids these code points, so the control characters are the point of the pattern.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '',
  );
}

function agency(id: AgencyId, what: string): Record<string, unknown> {
  if (
    !id ||
    typeof id.type !== 'string' ||
    typeof id.value !== 'string' ||
    !id.type.trim() ||
    !id.value.trim()
  ) {
    throw new RangeError(`ISO 18626 ${what} needs a type and a value`);
  }
  return {
    [`${P}agencyIdType`]: {
      '#text': xmlSafe(id.type.trim()),
      [`@_${P}scheme`]: AGENCY_ID_TYPE_SCHEME,
    },
    [`${P}agencyIdValue`]: xmlSafe(id.value.trim()),
  };
}

/**
 * An ISO 18626 v1.2 (`v1_2_2017`) `requestingAgencyMessage` as an XML document string:
 * header (supplyingAgencyId, requestingAgencyId, multipleItemRequestId (empty), timestamp,
 * requestingAgencyRequestId, supplyingAgencyRequestId when given), then action, then note when
 * given. Text is escaped (a note with `<&"` round-trips); characters XML cannot carry are dropped.
 * @throws RangeError for an unknown action, a timestamp that is not an xs:dateTime, an empty
 * agency id, or an empty requestingAgencyRequestId.
 */
export function buildRequestingAgencyMessage(m: RequestingAgencyMessageInput): string {
  if (!ACTIONS.includes(m.action))
    throw new RangeError(`ISO 18626 action "${m.action}" is not one the app sends`);
  if (typeof m.timestamp !== 'string' || !XS_DATE_TIME.test(m.timestamp)) {
    throw new RangeError(
      `ISO 18626 timestamp "${m.timestamp}" is not a date-time like 2021-02-09T11:08:39Z`,
    );
  }
  if (
    typeof m.requestingAgencyRequestId !== 'string' ||
    m.requestingAgencyRequestId.trim() === ''
  ) {
    throw new RangeError('ISO 18626 requestingAgencyRequestId is required');
  }
  const header: Record<string, unknown> = {
    [`${P}supplyingAgencyId`]: agency(m.supplyingAgencyId, 'supplyingAgencyId'),
    [`${P}requestingAgencyId`]: agency(m.requestingAgencyId, 'requestingAgencyId'),
    [`${P}multipleItemRequestId`]: '',
    [`${P}timestamp`]: m.timestamp,
    [`${P}requestingAgencyRequestId`]: xmlSafe(m.requestingAgencyRequestId.trim()),
  };
  if (m.supplyingAgencyRequestId !== undefined && m.supplyingAgencyRequestId.trim() !== '') {
    header[`${P}supplyingAgencyRequestId`] = xmlSafe(m.supplyingAgencyRequestId.trim());
  }
  const message: Record<string, unknown> = { [`${P}header`]: header, [`${P}action`]: m.action };
  if (m.note !== undefined && m.note !== '') message[`${P}note`] = xmlSafe(m.note);
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    [`${P}ISO18626Message`]: {
      '@_xmlns:ns1': ISO18626_NAMESPACE,
      [`@_${P}version`]: ISO18626_VERSION,
      [`${P}requestingAgencyMessage`]: message,
    },
  }) as string;
}
