import { createHash } from 'node:crypto';
import { parseISO } from 'date-fns';
import type { XNode } from './safe-xml.ts';
import { strictDateTime } from './lenient-datetime.ts';

/** ISO 18626 `errorType` values (type_errorType in ISO-18626-v1_2.xsd). */
export type Iso18626ErrorType =
  | 'UnsupportedActionType'
  | 'UnsupportedReasonForMessageType'
  | 'UnrecognisedDataElement'
  | 'UnrecognisedDataValue'
  | 'BadlyFormedMessage';

/** An agency id from a header: `agencyIdType` and `agencyIdValue` as sent. */
export interface AgencyId {
  type: string;
  value: string;
}

/** The fields of a supplyingAgencyMessage the proxy keeps (ISO-18626-v1_2.xsd element paths). */
export interface SupplyingAgencyMessageFields {
  supplyingAgencyId: AgencyId | null;
  requestingAgencyId: AgencyId | null;
  /** header/timestamp. */
  timestamp: string | null;
  requestingAgencyRequestId: string | null;
  /** header/supplyingAgencyRequestId: OCLC's published samples carry the WorldShare request id here. */
  supplyingAgencyRequestId: string | null;
  reasonForMessage: string | null;
  answerYesNo: string | null;
  note: string | null;
  /** messageInfo/reasonUnfilled (a scheme/value pair; its text). */
  reasonUnfilled: string | null;
  status: string | null;
  dueDate: string | null;
  lastChange: string | null;
}

/** First child of `n` named `name`. */
export function child(n: XNode | undefined, name: string): XNode | undefined {
  return n?.children.find((c) => c.name === name);
}

function text(n: XNode | undefined): string | null {
  if (!n) return null;
  const t = n.text.trim();
  return t === '' ? null : t;
}

function agencyId(n: XNode | undefined): AgencyId | null {
  if (!n) return null;
  const type = text(child(n, 'agencyIdType'));
  const value = text(child(n, 'agencyIdValue'));
  return type === null && value === null ? null : { type: type ?? '', value: value ?? '' };
}

/** Reads the kept fields of a schema-valid `supplyingAgencyMessage` element. */
export function readSupplyingAgencyMessage(msg: XNode): SupplyingAgencyMessageFields {
  const header = child(msg, 'header');
  const info = child(msg, 'messageInfo');
  const status = child(msg, 'statusInfo');
  return {
    supplyingAgencyId: agencyId(child(header, 'supplyingAgencyId')),
    requestingAgencyId: agencyId(child(header, 'requestingAgencyId')),
    timestamp: text(child(header, 'timestamp')),
    requestingAgencyRequestId: text(child(header, 'requestingAgencyRequestId')),
    supplyingAgencyRequestId: text(child(header, 'supplyingAgencyRequestId')),
    reasonForMessage: text(child(info, 'reasonForMessage')),
    answerYesNo: text(child(info, 'answerYesNo')),
    // The note keeps its inner line breaks and spacing; only the ends are trimmed.
    note: text(child(info, 'note')),
    reasonUnfilled: text(child(info, 'reasonUnfilled')),
    status: text(child(status, 'status')),
    dueDate: text(child(status, 'dueDate')),
    lastChange: text(child(status, 'lastChange')),
  };
}

/**
 * An `xs:dateTime` (or one of the near-miss forms `strictDateTime` reads) as an ISO 8601 UTC
 * instant, or null when absent, unparseable or without a time zone (an ISO 18626 dateTime without
 * offset names no instant; the text as sent is kept anyway).
 */
export function instantOf(dateTime: string | null): string | null {
  const strict = dateTime ? strictDateTime(dateTime) : null;
  if (!strict || !/(Z|[+-]\d{2}:\d{2})$/.test(strict)) return null;
  const d = parseISO(strict);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** `<type>:<value>` of an agency id, or null. */
export function agencyIdText(id: AgencyId | null): string | null {
  return id ? `${id.type}:${id.value}` : null;
}

/**
 * Key of a delivery: a message delivered again (same agency and request ids, same header
 * timestamp, same reasonForMessage) has the same key and is stored once.
 */
export function dedupeKey(f: SupplyingAgencyMessageFields): string {
  const parts = [
    agencyIdText(f.supplyingAgencyId),
    agencyIdText(f.requestingAgencyId),
    f.supplyingAgencyRequestId,
    f.requestingAgencyRequestId,
    f.timestamp,
    f.reasonForMessage,
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}
