import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * The ISO 18626 v1.2 messages the fake lender reads and writes
 * (namespace http://illtransactions.org/2013/iso18626, version v1_2_2017; element order as in
 * contracts/iso18626/ISO-18626-v1_2.xsd). Written with the `ns1:` prefix OCLC's samples use.
 */
export const ISO18626_NS = 'http://illtransactions.org/2013/iso18626';
export const ISO18626_VERSION = 'v1_2_2017';
const AGENCY_ID_SCHEME = 'http://illtransactions.org/ISO18626/OpenCodeList/AgencyIdTypeList-V1.0';

/** `type_agencyId`: e.g. `{type: 'ISIL', value: 'OCLC-ABCDE'}`. */
export interface AgencyId {
  type: string;
  value: string;
}

/** The `header` of a requestingAgencyMessage or supplyingAgencyMessage. `timestamp` is an xs:dateTime. */
export interface IsoHeader {
  supplyingAgencyId: AgencyId;
  requestingAgencyId: AgencyId;
  multipleItemRequestId: string;
  timestamp: string;
  requestingAgencyRequestId: string;
  supplyingAgencyRequestId?: string;
}

/** The message kinds of `ISO18626Message` (its xs:choice). */
export type IsoMessageKind =
  | 'request'
  | 'requestConfirmation'
  | 'supplyingAgencyMessage'
  | 'supplyingAgencyMessageConfirmation'
  | 'requestingAgencyMessage'
  | 'requestingAgencyMessageConfirmation';

/** What the fake reads from a schema-valid message. Fields absent from the message are undefined. */
export interface ParsedIsoMessage {
  kind: IsoMessageKind;
  header?: IsoHeader;
  /** requestingAgencyMessage `action` (Renew, Cancel, StatusRequest, ...). */
  action?: string;
  /** supplyingAgencyMessage `messageInfo/reasonForMessage`. */
  reasonForMessage?: string;
  /** supplyingAgencyMessage `messageInfo/answerYesNo` (Y or N). */
  answerYesNo?: string;
  /** supplyingAgencyMessage `statusInfo/status`. */
  status?: string;
  /** supplyingAgencyMessage `statusInfo/dueDate` (xs:dateTime). */
  dueDate?: string;
}

const KINDS: IsoMessageKind[] = [
  'request',
  'requestConfirmation',
  'supplyingAgencyMessage',
  'supplyingAgencyMessageConfirmation',
  'requestingAgencyMessage',
  'requestingAgencyMessageConfirmation',
];

type Node = Record<string, unknown>;

const parser = new XMLParser({
  removeNSPrefix: true,
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: true,
});

const text = (v: unknown): string | undefined =>
  typeof v === 'string' ? v : v === undefined || v === null ? undefined : String(v);
const node = (v: unknown): Node => (v && typeof v === 'object' ? (v as Node) : {});

/**
 * Reads an ISO 18626 message. Call it on schema-valid XML (iso18626-xsd.ts): it relies on the
 * schema for namespaces and element order and only picks values out. Returns undefined when the
 * text is not XML or has no known message inside `ISO18626Message`.
 */
export function parseIsoMessage(xml: string): ParsedIsoMessage | undefined {
  let doc: Node;
  try {
    doc = node(parser.parse(xml));
  } catch {
    return undefined;
  }
  const root = node(doc.ISO18626Message);
  const kind = KINDS.find((k) => root[k] !== undefined);
  if (!kind) return undefined;
  const message = node(root[kind]);
  const parsed: ParsedIsoMessage = { kind };
  if (message.header !== undefined) parsed.header = parseHeader(node(message.header));
  parsed.action = text(message.action);
  const info = node(message.messageInfo);
  parsed.reasonForMessage = text(info.reasonForMessage);
  parsed.answerYesNo = text(info.answerYesNo);
  const status = node(message.statusInfo);
  parsed.status = text(status.status);
  parsed.dueDate = text(status.dueDate);
  return parsed;
}

function parseHeader(h: Node): IsoHeader {
  const agency = (v: unknown): AgencyId => ({
    type: text(node(v).agencyIdType) ?? '',
    value: text(node(v).agencyIdValue) ?? '',
  });
  const header: IsoHeader = {
    supplyingAgencyId: agency(h.supplyingAgencyId),
    requestingAgencyId: agency(h.requestingAgencyId),
    multipleItemRequestId: text(h.multipleItemRequestId) ?? '',
    timestamp: text(h.timestamp) ?? '',
    requestingAgencyRequestId: text(h.requestingAgencyRequestId) ?? '',
  };
  const supplyingAgencyRequestId = text(h.supplyingAgencyRequestId);
  if (supplyingAgencyRequestId !== undefined)
    header.supplyingAgencyRequestId = supplyingAgencyRequestId;
  return header;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  format: true,
  indentBy: '    ',
  suppressEmptyNode: true,
});

/** Element names get the `ns1:` prefix; attribute keys (`@_...`) and `#text` stay as given. */
function prefixed(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(prefixed);
  if (!value || typeof value !== 'object') return value;
  const out: Node = {};
  for (const [k, v] of Object.entries(value))
    out[k.startsWith('@_') || k === '#text' ? k : `ns1:${k}`] = prefixed(v);
  return out;
}

/** Wraps one message (`{kind: body}`, element names unprefixed, keys in schema order) into a document. */
function document(kind: IsoMessageKind, body: Node): string {
  const tree = {
    'ns1:ISO18626Message': {
      '@_xmlns:ns1': ISO18626_NS,
      '@_ns1:version': ISO18626_VERSION,
      ...(prefixed({ [kind]: body }) as Node),
    },
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(tree)}`;
}

function agencyIdNode(id: AgencyId): Node {
  return {
    agencyIdType: { '@_ns1:scheme': AGENCY_ID_SCHEME, '#text': id.type },
    agencyIdValue: id.value,
  };
}

/** ISO 18626 errorType values (type_errorType). */
export type IsoErrorType =
  | 'UnsupportedActionType'
  | 'UnsupportedReasonForMessageType'
  | 'UnrecognisedDataElement'
  | 'UnrecognisedDataValue'
  | 'BadlyFormedMessage';

/** Input of `buildRequestingAgencyMessageConfirmation`. Dates are xs:dateTime strings. */
export interface ConfirmationInput {
  /** The confirmed message's header, when it could be read; its ids are echoed. */
  confirmed?: IsoHeader;
  /** When the confirmation is written. */
  timestamp: string;
  /** When the confirmed message was sent (its header timestamp), else when it arrived. */
  timestampReceived: string;
  messageStatus: 'OK' | 'ERROR';
  action?: string;
  /** errorData; with messageStatus ERROR and no error, the confirmation carries no errorData. */
  error?: { type: IsoErrorType; value?: string };
}

/**
 * Builds a `requestingAgencyMessageConfirmation` (shape of
 * contracts/iso18626/RequestingAgencyMessageConfirmationSample1.xml): the lender's receipt for a
 * Renew, Cancel or unreadable message.
 */
export function buildRequestingAgencyMessageConfirmation(input: ConfirmationInput): string {
  const header: Node = {};
  if (input.confirmed) {
    header.supplyingAgencyId = agencyIdNode(input.confirmed.supplyingAgencyId);
    header.requestingAgencyId = agencyIdNode(input.confirmed.requestingAgencyId);
  }
  header.timestamp = input.timestamp;
  if (input.confirmed) header.requestingAgencyRequestId = input.confirmed.requestingAgencyRequestId;
  header.timestampReceived = input.timestampReceived;
  header.messageStatus = input.messageStatus;
  const body: Node = { confirmationHeader: header };
  if (input.action) body.action = input.action;
  if (input.error)
    body.errorData = input.error.value
      ? { errorType: input.error.type, errorValue: input.error.value }
      : { errorType: input.error.type };
  return document('requestingAgencyMessageConfirmation', body);
}

/** Input of `buildSupplyingAgencyMessage`. Dates are xs:dateTime strings. */
export interface SupplyingAgencyMessageInput {
  /** The borrower's message this answers; agencies and request ids are echoed from it. */
  inReplyTo: IsoHeader;
  /** The WorldShare request id, used as `supplyingAgencyRequestId` when the borrower sent none. */
  supplyingAgencyRequestId: string;
  timestamp: string;
  reasonForMessage:
    | 'RequestResponse'
    | 'StatusRequestResponse'
    | 'RenewResponse'
    | 'CancelResponse'
    | 'StatusChange'
    | 'Notification';
  answerYesNo?: 'Y' | 'N';
  note?: string;
  status: string;
  dueDate?: string;
  lastChange: string;
}

/**
 * Builds a `supplyingAgencyMessage` (shape of contracts/iso18626/SupplyingAgencyMessageRenewYes.xml,
 * SupplyingAgencyMessageCancelYes.xml): the lender's answer or status report.
 */
export function buildSupplyingAgencyMessage(input: SupplyingAgencyMessageInput): string {
  const h = input.inReplyTo;
  const messageInfo: Node = { reasonForMessage: input.reasonForMessage };
  if (input.answerYesNo) messageInfo.answerYesNo = input.answerYesNo;
  if (input.note) messageInfo.note = input.note;
  const statusInfo: Node = { status: input.status };
  if (input.dueDate) statusInfo.dueDate = input.dueDate;
  statusInfo.lastChange = input.lastChange;
  return document('supplyingAgencyMessage', {
    header: {
      supplyingAgencyId: agencyIdNode(h.supplyingAgencyId),
      requestingAgencyId: agencyIdNode(h.requestingAgencyId),
      multipleItemRequestId: h.multipleItemRequestId,
      timestamp: input.timestamp,
      requestingAgencyRequestId: h.requestingAgencyRequestId,
      supplyingAgencyRequestId: h.supplyingAgencyRequestId || input.supplyingAgencyRequestId,
    },
    messageInfo,
    statusInfo,
  });
}
