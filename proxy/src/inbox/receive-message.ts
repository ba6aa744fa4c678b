import type { Institution } from '../institutions.ts';
import type { LenderMessageStore } from '../store/lender-messages.ts';
import { buildConfirmation } from './confirmation.ts';
import type { SchemaProblem } from './iso18626-schema.ts';
import { canonicalIsoXml, validateAgainstIso18626 } from './iso18626-schema.ts';
import { withStrictDateTimes } from './lenient-datetime.ts';
import type { XNode } from './safe-xml.ts';
import { XmlRefused, parseUntrustedXml } from './safe-xml.ts';
import type {
  Iso18626ErrorType,
  SupplyingAgencyMessageFields,
} from './supplying-agency-message.ts';
import {
  agencyIdText,
  child,
  dedupeKey,
  instantOf,
  readSupplyingAgencyMessage,
} from './supplying-agency-message.ts';

/** What the inbox answers: the confirmation XML and, for the log, what happened. */
export interface InboxOutcome {
  confirmation: string;
  /** `stored`, `duplicate` (already stored, confirmed OK again) or the ERROR's errorType. */
  result: 'stored' | 'duplicate' | Iso18626ErrorType;
  worldShareRequestId?: string;
}

/**
 * Handles one authenticated ISO 18626 message for institution `instCode`: decodes (UTF-8), parses
 * safely (no DTD, no entities), checks it against the ISO 18626 v1.2 schema, reads a
 * `supplyingAgencyMessage`, stores it, and builds the `supplyingAgencyMessageConfirmation`.
 *
 * Only when the store has committed the message (or already had it) is the answer OK. Bad input
 * never throws: it is an ERROR confirmation with the standard errorType. A store failure throws
 * (the caller answers 503, so the sender delivers again later).
 */
export async function receiveInboxMessage(args: {
  instCode: string;
  institution: Institution;
  body: Buffer | undefined;
  store: LenderMessageStore;
  now?: () => Date;
}): Promise<InboxOutcome> {
  const now = args.now ?? (() => new Date());
  const received = now();
  const fail = (
    type: Iso18626ErrorType,
    value: string,
    echo: Partial<SupplyingAgencyMessageFields> & { multipleItemRequestId?: string | null } = {},
  ): InboxOutcome => ({
    result: type,
    confirmation: buildConfirmation(
      { ...echo, reasonForMessage: undefined, received, error: { type, value } },
      now(),
    ),
  });

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(args.body ?? Buffer.alloc(0));
  } catch {
    return fail('BadlyFormedMessage', 'the message is not valid UTF-8');
  }
  if (text.trim() === '') return fail('BadlyFormedMessage', 'the message is empty');

  let root: XNode;
  try {
    root = parseUntrustedXml(text);
  } catch (e) {
    if (e instanceof XmlRefused) return fail('BadlyFormedMessage', e.detail);
    throw e;
  }
  if (root.name !== 'ISO18626Message')
    return fail('BadlyFormedMessage', `the root element is <${root.name}>, not <ISO18626Message>`);
  const kinds = root.children.map((c) => c.name);
  const msg = child(root, 'supplyingAgencyMessage');
  if (!msg) {
    const got = kinds.length > 0 ? `<${kinds[0]}>` : 'nothing';
    return fail(
      'UnrecognisedDataElement',
      `this endpoint is a requesting library's inbox and accepts only supplyingAgencyMessage; got ${got}`,
    );
  }
  // Best effort, for echoing in an ERROR confirmation before the schema check has passed.
  const early = readSupplyingAgencyMessage(msg);
  const echo = {
    supplyingAgencyId: early.supplyingAgencyId,
    requestingAgencyId: early.requestingAgencyId,
    requestingAgencyRequestId: early.requestingAgencyRequestId,
    multipleItemRequestId:
      child(child(msg, 'header'), 'multipleItemRequestId')?.text.trim() || null,
  };

  const problems = await validateAgainstIso18626(canonicalIsoXml(withStrictDateTimes(root)));
  if (problems.length > 0) {
    const { type, value } = classifySchemaProblem(problems[0]);
    return fail(type, value, echo);
  }

  const f = readSupplyingAgencyMessage(msg);
  if (!f.supplyingAgencyRequestId) {
    return fail(
      'BadlyFormedMessage',
      'header/supplyingAgencyRequestId (the WorldShare request id) is required to match the message to a request',
      echo,
    );
  }
  const symbol = args.institution.symbol;
  if (symbol && !sameAgency(f.requestingAgencyId?.value, symbol)) {
    return fail(
      'UnrecognisedDataValue',
      `requestingAgencyId "${f.requestingAgencyId?.value ?? ''}" is not this library (OCLC-${symbol})`,
      echo,
    );
  }

  const stored = await args.store.add({
    inst_code: args.instCode,
    world_share_request_id: f.supplyingAgencyRequestId,
    requesting_agency_request_id: f.requestingAgencyRequestId,
    supplying_agency_id: agencyIdText(f.supplyingAgencyId),
    requesting_agency_id: agencyIdText(f.requestingAgencyId),
    message_timestamp: f.timestamp,
    reason_for_message: f.reasonForMessage,
    answer_yes_no: f.answerYesNo,
    status: f.status,
    due_date: f.dueDate,
    due_date_at: instantOf(f.dueDate),
    last_change: f.lastChange,
    note: f.note,
    reason_unfilled: f.reasonUnfilled,
    received_at: received.toISOString(),
    raw_xml: text,
    dedupe_key: dedupeKey(f),
  });
  return {
    result: stored ? 'stored' : 'duplicate',
    worldShareRequestId: f.supplyingAgencyRequestId,
    confirmation: buildConfirmation(
      { ...echo, reasonForMessage: f.reasonForMessage, received },
      now(),
    ),
  };
}

/** `OCLC-ABCDE` or `ABCDE` (any case) names symbol `ABCDE`. */
function sameAgency(value: string | undefined, symbol: string): boolean {
  if (!value) return false;
  const v = value.trim().toUpperCase();
  const s = symbol.toUpperCase();
  return v === s || v === `OCLC-${s}`;
}

/**
 * Maps libxml2's first schema error to an ISO 18626 errorType:
 * a value outside its type or list -> UnrecognisedDataValue (UnsupportedReasonForMessageType for
 * reasonForMessage); a required element missing -> BadlyFormedMessage; a known element where the
 * schema does not expect it -> UnrecognisedDataElement; anything else -> BadlyFormedMessage.
 */
export function classifySchemaProblem(p: SchemaProblem): {
  type: Iso18626ErrorType;
  value: string;
} {
  const m = p.message;
  const value = m.replace(/^.*?Element/, 'Element').trim();
  if (/Missing child element|is not complete/.test(m)) return { type: 'BadlyFormedMessage', value };
  if (
    /\[facet '|is not a valid value|is not an element of the set|not accepted by the pattern/.test(
      m,
    )
  ) {
    if (/Element 'reasonForMessage'/.test(m))
      return { type: 'UnsupportedReasonForMessageType', value };
    return { type: 'UnrecognisedDataValue', value };
  }
  if (/This element is not expected/.test(m)) return { type: 'UnrecognisedDataElement', value };
  return { type: 'BadlyFormedMessage', value };
}
