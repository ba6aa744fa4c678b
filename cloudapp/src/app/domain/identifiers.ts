/**
 * Standard identifiers in a citation: OCLC number, ISBN, ISSN.
 * Check digits are verified with validator's isISBN / isISSN (ISO 2108, ISO 3297).
 */
import isISBN from 'validator/es/lib/isISBN';
import isISSN from 'validator/es/lib/isISSN';

/** Result of checking one identifier as the citation carries it. */
export interface IdentifierCheck {
  /** The value as Alma holds it (untrimmed), '' when there was none. */
  raw: string;
  /** Digits (and a final X) without hyphens, spaces, labels or qualifiers; null when nothing is left. */
  normalized: string | null;
  /** True when `normalized` has the right length and check digit. */
  valid: boolean;
}

const OCLC_PREFIX = /^(?:\(ocolc\)|ocm|ocn|on)/i;

/**
 * The OCLC number as digits: strips the `(OCoLC)` source prefix and the `ocm` / `ocn` / `on`
 * prefixes that MARC 035/001 fields carry (in any combination and case), spaces, and leading
 * zeros. '(OCoLC)ocm00012345' -> '12345'. Returns null when the remainder is not a positive
 * whole number (empty, letters left over, or only zeros).
 */
export function normalizeOclcNumber(raw: string | null | undefined): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  let rest = String(raw).replace(/\s+/g, '');
  for (let previous = ''; previous !== rest; ) {
    previous = rest;
    rest = rest.replace(OCLC_PREFIX, '');
  }
  if (!/^\d+$/.test(rest)) return null;
  const digits = rest.replace(/^0+/, '');
  return digits === '' ? null : digits;
}

/**
 * What is left of an ISBN or ISSN field once its label ('ISBN', 'ISSN:'), a trailing qualifier
 * ('(pbk.)', ': alk. paper'), hyphens and spaces are gone, upper-cased; null when empty.
 */
function stripStandardNumber(raw: string, label: 'ISBN' | 'ISSN'): string | null {
  let text = raw.trim();
  text = text.replace(new RegExp(`^${label}(?:[- ]?1[03])?\\s*:?\\s*`, 'i'), '');
  text = text.replace(/\s*(?:\(.*\)|:.*)$/, '');
  const compact = text.replace(/[\s\-\u2010-\u2015]+/g, '').toUpperCase();
  return compact === '' ? null : compact;
}

/**
 * Checks an ISBN by length and check digit (ISBN-10 may end in X; ISBN-13 may not).
 * '978-1556523021' -> {normalized: '9781556523021', valid: true};
 * '978-0-306-40615-X' -> {normalized: '978030640615X', valid: false}; '' -> {normalized: null, valid: false}.
 */
export function checkIsbn(raw: string | null | undefined): IdentifierCheck {
  const text = typeof raw === 'string' ? raw : '';
  const normalized = stripStandardNumber(text, 'ISBN');
  const valid =
    normalized !== null && /^(?:\d{9}[\dX]|\d{13})$/.test(normalized) && isISBN(normalized);
  return { raw: text, normalized, valid };
}

/**
 * Checks an ISSN by length and check digit (the last character may be X).
 * '1536-7967' -> {normalized: '15367967', valid: true}.
 */
export function checkIssn(raw: string | null | undefined): IdentifierCheck {
  const text = typeof raw === 'string' ? raw : '';
  const normalized = stripStandardNumber(text, 'ISSN');
  const valid = normalized !== null && /^\d{7}[\dX]$/.test(normalized) && isISSN(normalized);
  return { raw: text, normalized, valid };
}

/**
 * The printed form of a normalized ISSN, 'NNNN-NNNN' (ISO 3297 prints the hyphen; it is part of
 * how staff and lenders recognise an ISSN). Returns the input unchanged when it is not 8 characters.
 */
export function formatIssn(normalized: string): string {
  return /^\d{7}[\dX]$/.test(normalized)
    ? `${normalized.slice(0, 4)}-${normalized.slice(4)}`
    : normalized;
}

/**
 * An identifier field as staff paste it, sorted into candidates (see `isbnCandidates`).
 * Values are normalized: ISBN digits (a final X upper-cased), ISSN 'NNNN-NNNN'.
 */
export interface IdentifierCandidates {
  /** The first valid number, to be sent; null when none is valid. */
  chosen: string | null;
  /** Further valid numbers, in order, none the same work as `chosen` or each other. */
  others: string[];
  /** Candidates that are not valid numbers, as typed (qualifiers dropped). */
  invalid: string[];
}

/** Labels before a number: 'ISBN', 'ISBN-13:', 'ISBN 10', 'ISSN:', 'eISSN', 'pISSN'. */
const LABELS = /\b(?:ISBN(?:[- ]?1[03](?!\d))?|[ep]?ISSN(?:-L)?)\s*:?/gi;
/** A candidate: digits with hyphens or dashes, possibly ending in X. */
const NUMBER_TOKEN = /^[\d\-\u2010-\u2015]*\d[\d\-\u2010-\u2015]*[Xx]?$/;

/**
 * Splits an identifier field into candidate numbers. Separators: `;` `,` `|` and spaces.
 * Qualifiers are dropped: anything in parentheses or brackets ('(pbk.)', '[electronic]'), a colon
 * and what follows it in a segment ('0521860768 : alk. paper'), and words such as pbk., hardcover,
 * paperback, electronic, print, ebook, v. Labels ('ISBN-13:') go too. A number printed with spaces
 * ('978 0 521 86076 5') stays one candidate when its parts only make sense together (`joinsAsOne`).
 */
export function splitIdentifierField(
  raw: string | null | undefined,
  joinsAsOne: (compact: string) => boolean,
): string[] {
  if (typeof raw !== 'string') return [];
  const text = raw.replace(/\([^)]*\)?|\[[^\]]*\]?/g, ' ').replace(LABELS, ' ');
  const candidates: string[] = [];
  for (const segment of text.split(/[;,|]+/)) {
    const tokens = segment
      .replace(/:.*$/, '')
      .split(/\s+/)
      .filter((t) => NUMBER_TOKEN.test(t));
    if (tokens.length === 0) continue;
    const joined = tokens.join('');
    if (tokens.length > 1 && joinsAsOne(compactNumber(joined))) candidates.push(joined);
    else candidates.push(...tokens);
  }
  return candidates;
}

function compactNumber(token: string): string {
  return token.replace(/[-\u2010-\u2015]+/g, '').toUpperCase();
}

/** True when `compact` (digits, maybe a final X) is a valid ISBN-10 or ISBN-13 (validator's isISBN). */
function isValidIsbn(compact: string): boolean {
  return /^(?:\d{9}[\dX]|\d{13})$/.test(compact) && isISBN(compact);
}

/** True when `compact` is a valid ISSN (validator's isISSN). */
function isValidIssn(compact: string): boolean {
  return /^\d{7}[\dX]$/.test(compact) && isISSN(compact);
}

/**
 * The ISBN-13 of a valid ISBN (ISO 2108): an ISBN-10 becomes '978' + its first nine digits + the
 * EAN-13 check digit; an ISBN-13 is returned as it is. '0521860768' -> '9780521860765'.
 * (Written here rather than taken from an ISBN library: those convert only ISBNs in the range
 * tables they ship, while a number with a right check digit must always compare.)
 */
export function isbn13Of(compact: string): string {
  if (compact.length === 13) return compact;
  const body = `978${compact.slice(0, 9)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function sortCandidates(
  candidates: string[],
  isValid: (c: string) => boolean,
  sameWork: (c: string) => string,
  print: (c: string) => string,
): IdentifierCandidates {
  const out: IdentifierCandidates = { chosen: null, others: [], invalid: [] };
  const seen = new Set<string>();
  for (const candidate of candidates) {
    const compact = compactNumber(candidate);
    if (!isValid(compact)) {
      out.invalid.push(candidate);
      continue;
    }
    const work = sameWork(compact);
    if (seen.has(work)) continue;
    seen.add(work);
    if (out.chosen === null) out.chosen = print(compact);
    else out.others.push(print(compact));
  }
  return out;
}

/**
 * The ISBN field as staff paste it ('9780521860765; 0521860768', '0521860768 paperback',
 * 'ISBN 978-0-521-86076-5 (hbk.) | 0-521-86076-8 (pbk.)'): the first valid ISBN is `chosen`
 * (digits, as typed: ISBN-10 stays ISBN-10), further valid ones are `others`, an ISBN-10 and the
 * ISBN-13 of the same book count as one, and candidates with a wrong length or check digit are `invalid`.
 */
export function isbnCandidates(raw: string | null | undefined): IdentifierCandidates {
  return sortCandidates(splitIdentifierField(raw, isValidIsbn), isValidIsbn, isbn13Of, (c) => c);
}

/** The ISSN field, as `isbnCandidates` (values printed 'NNNN-NNNN'). */
export function issnCandidates(raw: string | null | undefined): IdentifierCandidates {
  return sortCandidates(splitIdentifierField(raw, isValidIssn), isValidIssn, (c) => c, formatIssn);
}
