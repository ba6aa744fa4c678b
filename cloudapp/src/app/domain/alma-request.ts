/**
 * Alma's borrowing request and loan as the Alma REST API returns them (JSON form).
 * Source: Ex Libris developer network, users API, `rest_user_resource_sharing_request.xsd` and
 * `rest_item_loan.xsd` (documented). Every field is optional and nullable because Alma omits
 * empty fields and sends `null` for some of them (e.g. `partner` before a partner is chosen).
 */
import { nfc } from './unicode-text';

/** Alma's code/description pair, e.g. `{value: 'READY_TO_SEND', desc: 'Ready to be sent'}`. */
export interface CodeDesc {
  value: string;
  desc?: string;
}

type Text = string | null | undefined;
type Code = CodeDesc | null | undefined;

/**
 * `user_resource_sharing_request` of a borrowing request.
 * Field names and meanings: Alma users API (documented). The split below says which fields are
 * citation (bibliographic) data and which name or locate the patron; only citation fields may ever
 * leave Alma (see citation-fields.ts).
 */
export interface AlmaBorrowingRequest {
  // Identity and workflow
  request_id?: Text;
  /** Partner's id for the request; for WorldShare the WorldShare request id (assumed; docs/contracts.md, "Alma calls that Ex Libris does not document"). */
  external_id?: Text;
  /** Workflow step, codes from MandatoryBorrowingWorkflowSteps / OptionalBorrowingWorkflowSteps. */
  status?: Code;
  /** Lending partner the request was sent to; null until one is chosen. */
  partner?: Code;
  /** PHYSICAL, DIGITAL or PHYSICAL_NON_RETURNABLE (code table RequestFormats). */
  format?: Code;
  /** BK (book) or CR (article), code table PhysicalReadingListCitationTypes. */
  citation_type?: Code;
  level_of_service?: Code;
  /** Needed-by date, Alma date form '2026-12-31Z'. */
  last_interest_date?: Text;
  /**
   * The lender's due date on the borrowing request, Alma date form '2027-01-15Z'. Assumed field
   * name (the published OpenAPI copy in contracts/alma has no request schema); read only by the
   * lender due-date trial. docs/contracts.md, "Alma calls that Ex Libris does not document".
   */
  due_date?: Text;
  created_date?: Text;
  last_modified_date?: Text;
  maximum_fee?: number | string | null;

  // Citation (bibliographic description)
  title?: Text;
  author?: Text;
  author_initials?: Text;
  additional_person_name?: Text;
  isbn?: Text;
  issn?: Text;
  oclc_number?: Text;
  lcc_number?: Text;
  other_standard_id?: Text;
  doi?: Text;
  pmid?: Text;
  journal_title?: Text;
  chapter?: Text;
  chapter_title?: Text;
  chapter_author?: Text;
  editor?: Text;
  volume?: Text;
  issue?: Text;
  part?: Text;
  pages?: Text;
  start_page?: Text;
  end_page?: Text;
  year?: Text;
  edition?: Text;
  specific_edition?: boolean | null;
  publisher?: Text;
  place_of_publication?: Text;
  series_title_number?: Text;
  call_number?: Text;
  source?: Text;
  requested_language?: Code;

  // Patron and local data: never copied out of Alma
  requester?: Code;
  user_request?: { link?: string; value?: string } | null;
  pickup_location?: Code;
  pickup_location_type?: Text;
  owner?: Text;
  note?: Text;
  bib_note?: Text;
  barcode?: Text;
  text_email?: Text;
  text_postal_1?: Text;
  text_postal_2?: Text;
  text_postal_3?: Text;
  text_postal_4?: Text;
  agree_to_copyright_terms?: boolean | null;
}

/**
 * An Alma loan (`item_loan`, users API `GET /users/{user_id}/loans`), only the fields the app uses.
 * For a borrowing request the loan is of the temporary item Alma creates on receipt, matched to the
 * request by `item_barcode` = request `barcode` (assumed; docs/contracts.md, "Alma REST API (documented)").
 */
export interface AlmaLoan {
  loan_id: string;
  user_id?: Text;
  item_barcode?: Text;
  /** Alma date-time in UTC, e.g. '2027-04-01T23:59:00Z'. */
  due_date?: Text;
  loan_status?: Text;
  title?: Text;
  loan_date?: Text;
}

const REQUEST_LINK =
  /^(?:https?:\/\/[^/]+)?(?:\/almaws\/v1)?\/users\/([^/?#]+)\/resource-sharing-requests\/([^/?#]+)\/?(?:[?#].*)?$/;

/**
 * The user id and request id in an entity link as Alma's Cloud App host sends it,
 * `/users/{user_id}/resource-sharing-requests/{request_id}`, with or without `/almaws/v1` in front
 * (and tolerating an absolute URL or a query string). Percent-escapes are decoded.
 * Returns null for any other link.
 */
export function parseRequestLink(link: string): { userId: string; requestId: string } | null {
  if (typeof link !== 'string') return null;
  const m = REQUEST_LINK.exec(link.trim());
  if (!m) return null;
  try {
    const userId = decodeURIComponent(m[1] as string);
    const requestId = decodeURIComponent(m[2] as string);
    return userId && requestId ? { userId, requestId } : null;
  } catch {
    return null;
  }
}

/**
 * Alma writes dates as 'YYYY-MM-DDZ' (e.g. `last_interest_date: "2026-12-31Z"`); this returns the
 * calendar date '2026-12-31'. Also accepts a plain date, a zone offset or a full date-time
 * (whose date part is taken as written). Returns null for anything else.
 */
export function almaDateToCalendarDate(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:?\d{2}|T.*)?$/i.exec(raw.trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  )
    return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}

/** The trimmed text of an Alma field in Unicode NFC (unicode-text.ts), or null when it is missing, not text, or only whitespace. */
export function almaText(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = nfc(value).trim();
  return trimmed === '' ? null : trimmed;
}

/** The `value` of an Alma code field, trimmed, or null. */
export function almaCode(field: CodeDesc | null | undefined): string | null {
  return field && typeof field === 'object' ? almaText(field.value) : null;
}

/**
 * A borrowing request as the app works with it: Alma's record with its request id guaranteed
 * (the adapter refuses an answer without one rather than let an action run on it).
 */
export type BorrowingRequest = AlmaBorrowingRequest & { request_id: string };
