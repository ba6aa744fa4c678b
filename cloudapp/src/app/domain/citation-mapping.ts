/**
 * Alma borrowing request -> WorldShare ILL request (contracts/oclc-ill/swagger.json
 * `IllRequestSingleRequestEnvelope`). Citation only: the request is read through the
 * allow-list in citation-fields.ts, so nothing that names or locates the patron is ever copied.
 */
import {
  almaCode,
  almaDateToCalendarDate,
  almaText,
  type AlmaBorrowingRequest,
} from './alma-request';
import { addDays, calendarDateToWorldShareDateTime, isCalendarDate } from './calendar-date';
import {
  CITATION_FIELDS,
  CITATION_FIELD_LABELS,
  citationText,
  type CitationField,
} from './citation-fields';
import { exportBlocks, isArticleCitation, type ExportIssue } from './export-checks';
import { nfcDeep } from './unicode-text';
import {
  IdentifierCandidates,
  isbnCandidates,
  issnCandidates,
  normalizeOclcNumber,
} from './identifiers';
import {
  LIBRARY_ADDRESS_FIELDS,
  effectiveDeliveryAddress,
  isRegistryId,
  type InstitutionConfig,
  type LibraryAddress,
} from './institution-config';
import type {
  IllAddress,
  IllInstitution,
  IllItem,
  IllRequestEnvelope,
  IllRequester,
} from './worldshare-request';

export type { ExportIssue, ExportIssueCode } from './export-checks';

/** What export would send, and what stands in its way. */
export interface ExportPlan {
  /** The body to POST; also what the preview shows. Built even when blocked, for the preview. */
  body: IllRequestEnvelope;
  serviceType: 'LOAN' | 'COPY';
  /** Export may go ahead; staff should know (invalid identifier not sent, needed-by replaced...). */
  warnings: ExportIssue[];
  /** Export must not go ahead; the first one is the reason shown. Same as `exportBlocks()`. */
  blocks: ExportIssue[];
}

/**
 * LOAN for a physical book (citation type BK, format PHYSICAL or not given); COPY for an article
 * (CR) and for anything digital or non-returnable (DIGITAL, PHYSICAL_NON_RETURNABLE).
 */
export function serviceTypeFor(request: AlmaBorrowingRequest): 'LOAN' | 'COPY' {
  if (isArticleCitation(request)) return 'COPY';
  const format = (almaCode(request.format) ?? 'PHYSICAL').toUpperCase();
  return format === 'PHYSICAL' ? 'LOAN' : 'COPY';
}

/**
 * A book chapter request: a book citation with a chapter title, or a digital book request
 * (a scan is of part of a book).
 */
export function isChapterRequest(request: AlmaBorrowingRequest): boolean {
  if (isArticleCitation(request)) return false;
  return (
    citationText(request, 'chapter_title') !== null ||
    (almaCode(request.format) ?? '').toUpperCase() === 'DIGITAL'
  );
}

/**
 * Maps an Alma borrowing request to the WorldShare ILL request body.
 * - Service type: `serviceTypeFor()`.
 * - Article (CR): Alma `title` -> `articleTitle`, `author` -> `articleAuthor`, `journal_title` ->
 *   `title`, `year` -> `issueDate`. Chapter (`isChapterRequest`): `chapter_title` -> `articleTitle`,
 *   `chapter_author` -> `articleAuthor`, book `title` / `author` -> `title` / `author`,
 *   `year` -> `publicationDate`. Plain book: `title`, `author`, `year` -> `publicationDate`.
 * - Always: `volume` -> `issueVolume`, `pages` (else `start_page`-`end_page`) -> `pages`,
 *   `publisher` -> `publisherName`, `place_of_publication` -> `publicationPlace`,
 *   `edition` -> `edition.editionSpecific`; `oclc_number` normalized -> `oclcNumber` (a number);
 *   `isbn` (digits) and `issn` ('NNNN-NNNN'): the field is split into candidates (separators ; , |
 *   and spaces, qualifiers such as '(pbk.)' or 'paperback' dropped); the first with a right check
 *   digit is sent, further valid ones go to `verification` ('Other ISBN: ...'; an ISBN-10 and the
 *   ISBN-13 of the same book count as one), invalid ones give a warning and are sent nowhere.
 * - Every other allow-listed citation field with a value (DOI, PMID, issue, part, editor, chapter
 *   number, ...) goes into `item.verification` as 'Label: value; Label: value', so none is dropped.
 * - `referenceId` = Alma `request_id`; `needed` = `last_interest_date` at 00:00 UTC; when missing,
 *   or past (warning 'needed-by-past'), today + `config.defaults.neededByDays`.
 * - `requester`: institution = `worldshare.registryId`, `supplierInfo` from the lender string
 *   (omitted when empty), `requesterBilling.maximumCost` from `defaults.maxCost` (omitted when null).
 * Text passes through unchanged except for leading and trailing whitespace and Unicode
 * normalisation to NFC (a decomposed 'e' + U+0301 is sent as 'é'); nothing is truncated.
 * @param today the institution's calendar date 'YYYY-MM-DD' (see `todayIn`).
 * @throws RangeError when `today` is not a calendar date.
 */
export function buildIllRequest(
  request: AlmaBorrowingRequest,
  config: InstitutionConfig,
  today: string,
): ExportPlan {
  if (!isCalendarDate(today))
    throw new RangeError(`buildIllRequest: today "${today}" is not a calendar date (YYYY-MM-DD)`);
  const warnings: ExportIssue[] = [];
  const used = new Set<CitationField>();
  const take = (field: CitationField): string | undefined => {
    const value = citationText(request, field);
    if (value === null) return undefined;
    used.add(field);
    return value;
  };

  const item: IllItem = {};
  const article = isArticleCitation(request);
  if (article) {
    assign(item, 'title', take('journal_title'));
    assign(item, 'articleTitle', take('title'));
    assign(item, 'articleAuthor', take('author'));
  } else {
    assign(item, 'title', take('title'));
    if (isChapterRequest(request)) {
      assign(item, 'articleTitle', take('chapter_title'));
      assign(item, 'articleAuthor', take('chapter_author'));
    }
    assign(item, 'author', take('author'));
  }
  assign(item, 'issueVolume', take('volume'));
  assign(item, article ? 'issueDate' : 'publicationDate', take('year'));
  assign(item, 'pages', pagesOf(request, used));
  assign(item, 'publisherName', take('publisher'));
  assign(item, 'publicationPlace', take('place_of_publication'));
  const edition = take('edition');
  if (edition !== undefined) item.edition = { editionSpecific: edition };
  const identifierNotes = mapIdentifiers(request, item, used, warnings);

  if (!article && item.author === undefined && citationText(request, 'editor') === null) {
    warnings.push({ code: 'no-author', field: 'author' });
  }
  if (article && item.articleTitle !== undefined && item.title === undefined) {
    warnings.push({ code: 'no-journal-title', field: 'journal_title' });
  }

  const verification = CITATION_FIELDS.filter((field) => !used.has(field))
    .map((field) => [field, citationText(request, field)] as const)
    .filter((entry): entry is readonly [CitationField, string] => entry[1] !== null)
    .map(([field, value]) => `${CITATION_FIELD_LABELS[field]}: ${value}`);
  verification.push(...identifierNotes);
  if (verification.length > 0) item.verification = verification.join('; ');

  const serviceType = serviceTypeFor(request);
  const referenceId = almaText(request.request_id);
  const envelope: IllRequestEnvelope = {
    illRequest: {
      needed: calendarDateToWorldShareDateTime(neededBy(request, config, today, warnings)),
      requestStatus: 'SUBMITTING',
      ...(referenceId !== null ? { referenceId } : {}),
      item,
      requester: requesterOf(config, serviceType, warnings),
    },
  };
  // Every text in NFC, the configuration's included: the preview lists this body, so it shows exactly what is sent.
  return { body: nfcDeep(envelope), serviceType, warnings, blocks: exportBlocks(request, config) };
}

function assign<K extends keyof IllItem>(
  item: IllItem,
  key: K,
  value: IllItem[K] | undefined,
): void {
  if (value !== undefined) item[key] = value;
}

/**
 * `pages`, else 'start-end' from `start_page` / `end_page`. A page range that says something
 * other than `pages` stays unused and so reaches `verification`.
 */
function pagesOf(request: AlmaBorrowingRequest, used: Set<CitationField>): string | undefined {
  const pages = citationText(request, 'pages');
  const start = citationText(request, 'start_page');
  const end = citationText(request, 'end_page');
  const range = start !== null && end !== null ? `${start}-${end}` : (start ?? end);
  if (pages !== null) {
    used.add('pages');
    if (range !== null && range === pages) {
      used.add('start_page');
      used.add('end_page');
    }
    return pages;
  }
  if (range === null) return undefined;
  used.add('start_page');
  used.add('end_page');
  return range;
}

/**
 * ISBN, ISSN and OCLC number. An ISBN or ISSN field is split into candidates (`isbnCandidates`):
 * the first valid one is sent, further valid ones are listed in `verification` ('Other ISBN: ...'),
 * and the invalid ones are reported with their value and sent nowhere (not even in `verification`).
 * @returns the verification notes for the further valid numbers.
 */
function mapIdentifiers(
  request: AlmaBorrowingRequest,
  item: IllItem,
  used: Set<CitationField>,
  warnings: ExportIssue[],
): string[] {
  let anyValid = false;
  const notes: string[] = [];
  const standard = (
    field: 'isbn' | 'issn',
    sort: (raw: string) => IdentifierCandidates,
  ): string | undefined => {
    const raw = citationText(request, field);
    if (raw === null) return undefined;
    used.add(field);
    const found = sort(raw);
    if (found.invalid.length > 0 || found.chosen === null) {
      warnings.push({
        code: field === 'isbn' ? 'isbn-invalid' : 'issn-invalid',
        field,
        value: found.invalid.length > 0 ? found.invalid.join('; ') : raw,
      });
    }
    if (found.others.length > 0)
      notes.push(`Other ${CITATION_FIELD_LABELS[field]}: ${found.others.join(', ')}`);
    if (found.chosen !== null) anyValid = true;
    return found.chosen ?? undefined;
  };
  assign(item, 'isbn', standard('isbn', isbnCandidates));
  assign(item, 'issn', standard('issn', issnCandidates));
  const oclcRaw = citationText(request, 'oclc_number');
  if (oclcRaw !== null) {
    used.add('oclc_number');
    const digits = normalizeOclcNumber(oclcRaw);
    const oclcNumber = digits === null ? NaN : Number(digits);
    if (Number.isSafeInteger(oclcNumber) && oclcNumber > 0) {
      item.oclcNumber = oclcNumber;
      anyValid = true;
    } else warnings.push({ code: 'oclc-invalid', field: 'oclc_number', value: oclcRaw });
  }
  if (!anyValid) warnings.push({ code: 'no-identifier' });
  return notes;
}

/** The needed-by calendar date to send; adds 'needed-by-past' when Alma's date has passed. */
function neededBy(
  request: AlmaBorrowingRequest,
  config: InstitutionConfig,
  today: string,
  warnings: ExportIssue[],
): string {
  const fallback = addDays(today, config.defaults.neededByDays);
  const lastInterest = almaDateToCalendarDate(request.last_interest_date);
  if (lastInterest === null) return fallback;
  if (lastInterest < today) {
    warnings.push({
      code: 'needed-by-past',
      field: 'last_interest_date',
      value: `${lastInterest} (sent as ${fallback})`,
      replacement: fallback,
    });
    return fallback;
  }
  return lastInterest;
}

/**
 * The lender string as registry ids, in order, without repeats; any other token is reported
 * ('lender-string-invalid') and left out.
 */
function lendersOf(lenderString: string, warnings: ExportIssue[]): IllInstitution[] {
  const seen = new Set<number>();
  const lenders: IllInstitution[] = [];
  for (const token of lenderString.split(/[\s,;]+/).filter((t) => t !== '')) {
    if (!isRegistryId(token)) {
      warnings.push({
        code: 'lender-string-invalid',
        field: 'defaults.lenderString',
        value: token,
      });
      continue;
    }
    const institutionId = Number(token);
    if (!seen.has(institutionId)) {
      seen.add(institutionId);
      lenders.push({ institutionId });
    }
  }
  return lenders;
}

function requesterOf(
  config: InstitutionConfig,
  serviceType: 'LOAN' | 'COPY',
  warnings: ExportIssue[],
): IllRequester {
  const registryId = config.worldshare.registryId.trim();
  const requester: IllRequester = {
    institution: { institutionId: isRegistryId(registryId) ? Number(registryId) : 0 },
    serviceType,
  };
  const lenders = lendersOf(config.defaults.lenderString, warnings);
  if (lenders.length > 0) requester.supplierInfo = { institutions: lenders };
  const billing = illAddressOf(config.library.billingAddress);
  const delivery = illAddressOf(effectiveDeliveryAddress(config));
  requester.requesterBilling = {};
  if (billing) requester.requesterBilling.address = billing;
  if (config.defaults.maxCost !== null) {
    requester.requesterBilling.maximumCost = {
      currency: config.defaults.currency.trim(),
      amount: config.defaults.maxCost,
    };
  }
  if (!billing && config.defaults.maxCost === null) delete requester.requesterBilling;
  if (delivery) requester.requesterDelivery = { address: delivery };
  return requester;
}

/** The filled lines of a configured library address, in swagger.json `Address` form; null when blank. */
function illAddressOf(address: LibraryAddress): IllAddress | null {
  const out: IllAddress = {};
  for (const field of LIBRARY_ADDRESS_FIELDS) {
    const value = address[field].trim();
    if (value !== '') out[field] = value;
  }
  return Object.keys(out).length > 0 ? out : null;
}
