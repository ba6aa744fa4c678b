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
  const valid = normalized !== null && /^(?:\d{9}[\dX]|\d{13})$/.test(normalized) && isISBN(normalized);
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
  return /^\d{7}[\dX]$/.test(normalized) ? `${normalized.slice(0, 4)}-${normalized.slice(4)}` : normalized;
}
