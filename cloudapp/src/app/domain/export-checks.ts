/**
 * Problems found before exporting an Alma borrowing request to WorldShare: blocks (export is not
 * allowed) and warnings (export is allowed; staff should know). Codes are stable, i18n-friendly
 * keys; `field` names the Alma field or config path concerned, `value` the offending value.
 */
import { almaCode, type AlmaBorrowingRequest } from './alma-request';
import { almaStatusOf, existingPartnerLink, isExportableAlmaStatus } from './alma-status';
import { citationText } from './citation-fields';
import { missingForExport, type InstitutionConfig } from './institution-config';

/** Codes that forbid export. */
export type ExportBlockCode =
  | 'no-title'
  | 'status-not-exportable'
  | 'already-exported'
  | 'no-billing-address'
  | 'config-incomplete';

export type ExportIssueCode =
  | ExportBlockCode
  // warnings
  | 'isbn-invalid'
  | 'issn-invalid'
  | 'oclc-invalid'
  | 'needed-by-past'
  | 'no-identifier'
  | 'no-author'
  | 'no-journal-title'
  | 'lender-string-invalid';

export interface ExportIssue {
  code: ExportIssueCode;
  /** Alma field ('isbn', 'last_interest_date', 'status') or config path ('proxy.url'). */
  field?: string;
  /** The value at fault, as found; for needed-by-past it also says what is sent instead. */
  value?: string;
  /** For needed-by-past: the calendar date sent instead of the past one. */
  replacement?: string;
}

/** True for Alma's article citation type (CR); everything else is treated as a book. */
export function isArticleCitation(request: AlmaBorrowingRequest): boolean {
  return (almaCode(request.citation_type) ?? '').toUpperCase() === 'CR';
}

/**
 * Everything that forbids exporting this request, most fundamental first (the first one is the
 * reason the panel shows):
 * 1. 'already-exported': the request is linked to a lender already (WorldShare partner code or
 *    any `external_id`); value = that link. Keeps one Alma request to one WorldShare request.
 * 2. 'status-not-exportable': status not in EXPORTABLE_ALMA_STATUSES; value = the status code.
 * 3. 'no-title': a book without `title`, or an article with neither article `title` nor `journal_title`.
 * 4. 'config-incomplete': what `missingForExport(config)` lists besides the billing address;
 *    field = its first path, value = all those paths, comma separated.
 * 5. 'no-billing-address': the configuration has no billing address (its first line), which OCLC
 *    requires (contracts/oclc-ill/failure-example.json); field = 'library.billingAddress'.
 * Does not depend on the date; `buildIllRequest` returns the same list in `blocks`.
 */
export function exportBlocks(
  request: AlmaBorrowingRequest,
  config: InstitutionConfig,
): ExportIssue[] {
  const blocks: ExportIssue[] = [];
  const link = existingPartnerLink(request, config);
  if (link !== null) blocks.push({ code: 'already-exported', field: 'partner', value: link });
  if (!isExportableAlmaStatus(request)) {
    const status = almaStatusOf(request);
    blocks.push(
      status
        ? { code: 'status-not-exportable', field: 'status', value: status }
        : { code: 'status-not-exportable', field: 'status' },
    );
  }
  const hasTitle = citationText(request, 'title') !== null;
  if (
    isArticleCitation(request)
      ? !hasTitle && citationText(request, 'journal_title') === null
      : !hasTitle
  ) {
    blocks.push({ code: 'no-title', field: 'title' });
  }
  const missingAll = missingForExport(config);
  const missing = missingAll.filter((p) => p !== 'library.billingAddress');
  if (missing.length > 0)
    blocks.push({ code: 'config-incomplete', field: missing[0], value: missing.join(', ') });
  if (missingAll.includes('library.billingAddress'))
    blocks.push({ code: 'no-billing-address', field: 'library.billingAddress' });
  return blocks;
}
