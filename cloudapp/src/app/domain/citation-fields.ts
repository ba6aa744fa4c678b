/**
 * The allow-list of Alma borrowing-request fields that may leave Alma: citation (bibliographic)
 * fields only. The mapping to WorldShare reads the request exclusively through `citationText()`,
 * so a field that is not listed here (requester, user_request, pickup_location, owner, note,
 * bib_note, barcode, text_email, text_postal_*, and any field Alma adds in future) can never be
 * copied into anything sent, whatever it contains. Free-text notes are left out on purpose: they
 * may name the patron.
 */
import { almaText, type AlmaBorrowingRequest } from './alma-request';

/** Alma citation fields (users API, `rest_user_resource_sharing_request.xsd`), in the order staff read a citation. */
export const CITATION_FIELDS = Object.freeze([
  'title',
  'journal_title',
  'chapter_title',
  'author',
  'author_initials',
  'chapter_author',
  'editor',
  'additional_person_name',
  'edition',
  'specific_edition',
  'publisher',
  'place_of_publication',
  'year',
  'volume',
  'issue',
  'part',
  'chapter',
  'pages',
  'start_page',
  'end_page',
  'series_title_number',
  'isbn',
  'issn',
  'oclc_number',
  'lcc_number',
  'other_standard_id',
  'doi',
  'pmid',
  'call_number',
  'source',
  'requested_language',
] as const);

export type CitationField = (typeof CITATION_FIELDS)[number];

/**
 * Staff-readable labels for citation fields when they travel as text in WorldShare's
 * `item.verification` (fields WorldShare's request schema has no element for).
 */
export const CITATION_FIELD_LABELS: Readonly<Record<CitationField, string>> = Object.freeze({
  title: 'Title',
  journal_title: 'Journal title',
  chapter_title: 'Chapter title',
  author: 'Author',
  author_initials: 'Author initials',
  chapter_author: 'Chapter author',
  editor: 'Editor',
  additional_person_name: 'Additional person',
  edition: 'Edition',
  specific_edition: 'This edition only',
  publisher: 'Publisher',
  place_of_publication: 'Place of publication',
  year: 'Year',
  volume: 'Volume',
  issue: 'Issue',
  part: 'Part',
  chapter: 'Chapter',
  pages: 'Pages',
  start_page: 'Start page',
  end_page: 'End page',
  series_title_number: 'Series',
  isbn: 'ISBN',
  issn: 'ISSN',
  oclc_number: 'OCLC number',
  lcc_number: 'LCCN',
  other_standard_id: 'Other standard number',
  doi: 'DOI',
  pmid: 'PMID',
  call_number: 'Call number',
  source: 'Source',
  requested_language: 'Language',
});

/**
 * The text of one allow-listed citation field, trimmed of leading and trailing whitespace only
 * (every other character passes unchanged); null when empty. `specific_edition` (a flag) reads as
 * 'yes' when set; `requested_language` (a code) reads as its description, else its code.
 */
export function citationText(request: AlmaBorrowingRequest, field: CitationField): string | null {
  if (field === 'specific_edition') return request.specific_edition === true ? 'yes' : null;
  if (field === 'requested_language') {
    const language = request.requested_language;
    return language ? (almaText(language.desc) ?? almaText(language.value)) : null;
  }
  return almaText(request[field]);
}
