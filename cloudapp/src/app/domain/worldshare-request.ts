/**
 * WorldShare ILL Request API bodies: what the app sends (`POST .../ILL/request/data`) and what it
 * reads back (the answer to that POST and to `GET .../ILL/request/data/{requestId}`).
 * Source: OCLC developer workshop spec, contracts/oclc-ill/swagger.json
 * (`IllRequestSingleRequestEnvelope`), illRequest-sample.json and illRequestResponse.json
 * (documented). Only the fields the app fills are typed; all are optional in OCLC's schema.
 */
import { tryLenderDueDateToCalendarDate } from './calendar-date';

/** swagger.json `Institution`: an OCLC registry id. */
export interface IllInstitution {
  institutionId: number;
}

/** swagger.json `Money`. */
export interface IllMoney {
  currency: string;
  amount: number;
}

/** swagger.json `Item`: the citation. `oclcNumber` is an integer in the schema. */
export interface IllItem {
  title?: string;
  articleTitle?: string;
  author?: string;
  articleAuthor?: string;
  oclcNumber?: number;
  isbn?: string;
  issn?: string;
  edition?: { editionType?: string; editionSpecific?: string };
  publisherName?: string;
  publicationDate?: string;
  publicationPlace?: string;
  issueVolume?: string;
  issueDate?: string;
  pages?: string;
  /** Free text; the app writes every citation field WorldShare has no place for here. */
  verification?: string;
}

/**
 * swagger.json `Address`: the library's own billing or delivery address (never a patron's). Only
 * the lines that are filled are sent; OCLC requires `address1` of the billing address
 * (failure-example.json: 30000 at `requester.requesterBilling.address.address1`).
 */
export interface IllAddress {
  attention?: string;
  address1?: string;
  address2?: string;
  locality?: string;
  region?: string;
  postal?: string;
  country?: string;
}

/** swagger.json `Requester`: who asks, for what service, from whom, at what cost, billed and delivered where. */
export interface IllRequester {
  institution: IllInstitution;
  serviceType: 'LOAN' | 'COPY';
  supplierInfo?: { institutions: IllInstitution[] };
  /** swagger.json `RequesterBilling`: the library's billing address and the most it pays. */
  requesterBilling?: { address?: IllAddress; maximumCost?: IllMoney };
  /** swagger.json `RequesterDelivery`: the library's delivery address. */
  requesterDelivery?: { address?: IllAddress };
}

/** swagger.json `IllRequest`, as the app sends it (never a `patron`). */
export interface IllRequestBody {
  /** Needed-by date-time, 'YYYY-MM-DDT00:00:00.000Z'. */
  needed: string;
  requestStatus: 'SUBMITTING';
  /** The Alma request id, so a WorldShare request can be traced back (and found again) from Alma. */
  referenceId?: string;
  item: IllItem;
  requester: IllRequester;
}

/** swagger.json `IllRequestSingleRequestEnvelope`. */
export interface IllRequestEnvelope {
  illRequest: IllRequestBody;
}

/** What the app needs to know about a WorldShare request it created or read. */
export interface WorldShareRequestView {
  requestId: string;
  requestStatus: string;
  referenceId?: string;
  /** Lender's due date as a calendar date 'YYYY-MM-DD', when WorldShare gives one. */
  dueDate?: string;
}

/** A WorldShare answer that does not have the documented shape. The message says what was wrong. */
export class WorldShareFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorldShareFormatError';
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function idText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return String(value);
  if (typeof value === 'string' && /^\s*\S+\s*$/.test(value)) return value.trim();
  return null;
}

/**
 * Reads a WorldShare ILL answer, `{response: {illRequest: {requestId, requestStatus, referenceId?,
 * dueDate?}}}` (illRequestResponse.json); a bare `{illRequest: ...}` and JSON text are accepted
 * too. `requestId` arrives as a number and is returned as text; `dueDate`, when present and
 * readable, becomes a calendar date.
 * @throws WorldShareFormatError with a readable message when the body is an error answer or has
 * no request id or status.
 */
export function parseIllRequestResponse(body: unknown): WorldShareRequestView {
  let data = body;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data) as unknown;
    } catch {
      throw new WorldShareFormatError('WorldShare answered with text that is not JSON');
    }
  }
  if (!isObject(data)) throw new WorldShareFormatError('WorldShare answered with no JSON object');
  const envelope = isObject(data['response']) ? data['response'] : data;
  if (isObject(envelope['error'])) {
    const message =
      typeof envelope['error']['message'] === 'string' ? `: ${envelope['error']['message']}` : '';
    throw new WorldShareFormatError(`WorldShare answered with an error${message}`);
  }
  const request = envelope['illRequest'];
  if (!isObject(request)) throw new WorldShareFormatError('WorldShare answer has no illRequest');
  const requestId = idText(request['requestId']);
  if (requestId === null)
    throw new WorldShareFormatError('WorldShare answer has no usable requestId');
  const requestStatus = request['requestStatus'];
  if (typeof requestStatus !== 'string' || requestStatus.trim() === '') {
    throw new WorldShareFormatError(`WorldShare request ${requestId} has no requestStatus`);
  }
  const view: WorldShareRequestView = { requestId, requestStatus: requestStatus.trim() };
  const referenceId = idText(request['referenceId']);
  if (referenceId !== null) view.referenceId = referenceId;
  const dueDate =
    typeof request['dueDate'] === 'string'
      ? tryLenderDueDateToCalendarDate(request['dueDate'])
      : null;
  if (dueDate !== null) view.dueDate = dueDate;
  return view;
}
