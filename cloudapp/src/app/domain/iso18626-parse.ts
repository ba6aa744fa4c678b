/**
 * Reads ISO 18626 v1.2 messages (lender answers, confirmations, and the app's own messages when
 * replayed) with fast-xml-parser. Namespaces are resolved properly, so a message that uses a
 * prefix (`ns1:`, as OCLC's samples do), another prefix, or the default namespace reads the same,
 * and an element from another namespace is never mistaken for an ISO 18626 one.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { tryLenderDueDateToCalendarDate } from './calendar-date';
import { ISO18626_NAMESPACE, Iso18626FormatError } from './iso18626-namespace';

export type IsoConfirmationElement =
  | 'requestConfirmation'
  | 'supplyingAgencyMessageConfirmation'
  | 'requestingAgencyMessageConfirmation';

export type IsoMessage =
  | {
      kind: 'supplyingAgencyMessage';
      reasonForMessage: string;
      answerYesNo: 'Y' | 'N' | null;
      status: string | null;
      /** Calendar date 'YYYY-MM-DD' (lenderDueDateToCalendarDate); null when absent or unreadable. */
      dueDate: string | null;
      dueDateRaw: string | null;
      lastChange: string | null;
      note: string | null;
      requestingAgencyRequestId: string | null;
      supplyingAgencyRequestId: string | null;
    }
  | {
      kind: 'confirmation';
      element: IsoConfirmationElement;
      messageStatus: 'OK' | 'ERROR';
      action: string | null;
      errorType: string | null;
      errorValue: string | null;
    }
  | {
      kind: 'requestingAgencyMessage';
      action: string;
      requestingAgencyRequestId: string | null;
      supplyingAgencyRequestId: string | null;
      note: string | null;
    }
  | { kind: 'request'; title: string | null; requestingAgencyRequestId: string | null };

/** An element with its namespace resolved; attributes keyed by local name. */
interface XmlElement {
  ns: string | null;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  removeNSPrefix: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

type Scope = ReadonlyMap<string, string>;

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

/** Turns fast-xml-parser's output for one element into an XmlElement, resolving prefixes in `scope`. */
function toElement(name: string, value: unknown, parentScope: Scope): XmlElement {
  const raw = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const scope = new Map(parentScope);
  for (const [key, attr] of Object.entries(raw)) {
    if (key === '@_xmlns') scope.set('', String(attr));
    else if (key.startsWith('@_xmlns:')) scope.set(key.slice('@_xmlns:'.length), String(attr));
  }
  const [prefix, local] = splitName(name);
  const element: XmlElement = {
    ns: scope.get(prefix) ?? null,
    local,
    attributes: {},
    children: [],
    text:
      typeof value === 'object' && value !== null
        ? ''
        : value === undefined || value === null
          ? ''
          : String(value),
  };
  for (const [key, child] of Object.entries(raw)) {
    if (key === '#text') element.text = String(child);
    else if (key.startsWith('@_')) {
      const attrName = key.slice(2);
      if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
      element.attributes[splitName(attrName)[1]] = String(child);
    } else {
      for (const one of Array.isArray(child) ? child : [child])
        element.children.push(toElement(key, one, scope));
    }
  }
  return element;
}

function isoChild(element: XmlElement | null, local: string): XmlElement | null {
  return element?.children.find((c) => c.ns === ISO18626_NAMESPACE && c.local === local) ?? null;
}

/** Trimmed text of an ISO child element; null when the element is absent or empty. */
function isoText(element: XmlElement | null, local: string): string | null {
  const text = isoChild(element, local)?.text.trim() ?? '';
  return text === '' ? null : text;
}

function parseDocument(xml: string): XmlElement {
  if (typeof xml !== 'string' || xml.trim() === '')
    throw new Iso18626FormatError('The ISO 18626 message is empty');
  if (/<!DOCTYPE/i.test(xml))
    throw new Iso18626FormatError(
      'The ISO 18626 message declares a DOCTYPE, which ISO 18626 never uses',
    );
  const check = XMLValidator.validate(xml);
  if (check !== true) {
    throw new Iso18626FormatError(
      `The ISO 18626 message is not well-formed XML: ${check.err.msg} (line ${check.err.line}, column ${check.err.col})`,
    );
  }
  let parsed: unknown;
  try {
    parsed = parser.parse(xml);
  } catch (e) {
    throw new Iso18626FormatError(
      `The ISO 18626 message could not be read as XML: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  const roots = Object.entries(parsed as Record<string, unknown>).filter(
    ([key]) => !key.startsWith('?') && !key.startsWith('#'),
  );
  if (roots.length !== 1)
    throw new Iso18626FormatError(
      `The ISO 18626 message has ${roots.length} root elements instead of one`,
    );
  const [name, value] = roots[0] as [string, unknown];
  if (Array.isArray(value))
    throw new Iso18626FormatError('The ISO 18626 message has more than one root element');
  return toElement(name, value, new Map());
}

/**
 * Parses an ISO 18626 document into the facts the app uses:
 * - supplyingAgencyMessage: reasonForMessage, answerYesNo, statusInfo status / dueDate /
 *   lastChange, note, and both request ids from the header;
 * - requestConfirmation, supplyingAgencyMessageConfirmation, requestingAgencyMessageConfirmation:
 *   messageStatus (OK / ERROR), action, errorData;
 * - requestingAgencyMessage: action, both request ids and note; request: title and request id.
 * Empty elements read as null.
 * @throws Iso18626FormatError (readable message) for non-XML, a DOCTYPE, a root other than
 * ISO18626Message, a root outside the ISO 18626 namespace, an unknown message type, or a message
 * missing the element its type requires (reasonForMessage, messageStatus, action).
 */
export function parseIsoMessage(xml: string): IsoMessage {
  const root = parseDocument(xml);
  if (root.local !== 'ISO18626Message') {
    throw new Iso18626FormatError(`The root element is "${root.local}", not ISO18626Message`);
  }
  if (root.ns !== ISO18626_NAMESPACE) {
    throw new Iso18626FormatError(
      `The root element is in namespace "${root.ns ?? '(none)'}", not the ISO 18626 namespace ${ISO18626_NAMESPACE}`,
    );
  }
  const message = root.children.find((c) => c.ns === ISO18626_NAMESPACE);
  if (!message) throw new Iso18626FormatError('The ISO18626Message element contains no message');
  switch (message.local) {
    case 'supplyingAgencyMessage':
      return readSupplyingAgencyMessage(message);
    case 'requestConfirmation':
    case 'supplyingAgencyMessageConfirmation':
    case 'requestingAgencyMessageConfirmation':
      return readConfirmation(message, message.local);
    case 'requestingAgencyMessage': {
      const header = isoChild(message, 'header');
      const action = isoText(message, 'action');
      if (action === null)
        throw new Iso18626FormatError('The requestingAgencyMessage has no action');
      return {
        kind: 'requestingAgencyMessage',
        action,
        requestingAgencyRequestId: isoText(header, 'requestingAgencyRequestId'),
        supplyingAgencyRequestId: isoText(header, 'supplyingAgencyRequestId'),
        note: isoText(message, 'note'),
      };
    }
    case 'request':
      return {
        kind: 'request',
        title: isoText(isoChild(message, 'bibliographicInfo'), 'title'),
        requestingAgencyRequestId: isoText(
          isoChild(message, 'header'),
          'requestingAgencyRequestId',
        ),
      };
    default:
      throw new Iso18626FormatError(`"${message.local}" is not an ISO 18626 message type`);
  }
}

function readSupplyingAgencyMessage(message: XmlElement): IsoMessage {
  const header = isoChild(message, 'header');
  const info = isoChild(message, 'messageInfo');
  const status = isoChild(message, 'statusInfo');
  const reasonForMessage = isoText(info, 'reasonForMessage');
  if (reasonForMessage === null)
    throw new Iso18626FormatError('The supplyingAgencyMessage has no messageInfo/reasonForMessage');
  const answer = isoText(info, 'answerYesNo')?.toUpperCase() ?? null;
  const dueDateRaw = isoText(status, 'dueDate');
  return {
    kind: 'supplyingAgencyMessage',
    reasonForMessage,
    answerYesNo: answer === 'Y' || answer === 'N' ? answer : null,
    status: isoText(status, 'status'),
    dueDate: tryLenderDueDateToCalendarDate(dueDateRaw),
    dueDateRaw,
    lastChange: isoText(status, 'lastChange'),
    note: isoText(info, 'note'),
    requestingAgencyRequestId: isoText(header, 'requestingAgencyRequestId'),
    supplyingAgencyRequestId: isoText(header, 'supplyingAgencyRequestId'),
  };
}

function readConfirmation(message: XmlElement, element: IsoConfirmationElement): IsoMessage {
  const status =
    isoText(isoChild(message, 'confirmationHeader'), 'messageStatus')?.toUpperCase() ?? null;
  if (status !== 'OK' && status !== 'ERROR') {
    throw new Iso18626FormatError(`The ${element} has no messageStatus OK or ERROR`);
  }
  const errorData = isoChild(message, 'errorData');
  return {
    kind: 'confirmation',
    element,
    messageStatus: status,
    action: isoText(message, 'action'),
    errorType: isoText(errorData, 'errorType'),
    errorValue: isoText(errorData, 'errorValue'),
  };
}
