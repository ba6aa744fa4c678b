/**
 * What an Alma borrowing request's workflow status and partner mean to the app.
 * Status codes: Alma code tables MandatoryBorrowingWorkflowSteps and OptionalBorrowingWorkflowSteps
 * (documented as the source of `status.value`; the service should read the institution's tables
 * rather than trust these lists blindly, and the lists below are the app's decision).
 */
import { almaCode, almaText, type AlmaBorrowingRequest } from './alma-request';
import type { InstitutionConfig } from './institution-config';

/**
 * Statuses of a borrowing request that has not been sent to any lender yet, so it may be
 * exported to WorldShare: ready to be sent, locate failed (no partner in the rota could fill it),
 * and the created / new steps before the rota starts.
 * Every other status, e.g. REQUEST_SENT, RECEIVED_PHYSICALLY, RENEWED_BY_PARTNER,
 * REQUEST_CANCELED, REQUEST_COMPLETED or an unknown code, is not exportable: exporting then could
 * ask two lenders for one item.
 */
export const EXPORTABLE_ALMA_STATUSES: readonly string[] = Object.freeze([
  'READY_TO_SEND',
  'LOCATE_FAILED',
  'REQUEST_CREATED_BOR',
  'CREATED_BORROWING_REQUEST',
  'CREATED',
  'NEW',
]);

/**
 * Statuses after which a borrowing request is over in Alma: cancelled or completed. No action
 * is offered on them.
 */
export const CLOSED_ALMA_STATUSES: readonly string[] = Object.freeze([
  'REQUEST_CANCELED',
  'REQUEST_CANCELLED',
  'CANCELED',
  'CANCELLED',
  'REQUEST_COMPLETED',
  'COMPLETED',
  'DELETED',
]);

/** The request's status code, upper-cased, or '' when Alma sent none. */
export function almaStatusOf(request: AlmaBorrowingRequest): string {
  return (almaCode(request.status) ?? '').toUpperCase();
}

/** True when the request's status is in EXPORTABLE_ALMA_STATUSES. */
export function isExportableAlmaStatus(request: AlmaBorrowingRequest): boolean {
  return EXPORTABLE_ALMA_STATUSES.includes(almaStatusOf(request));
}

/** True when the request's status is in CLOSED_ALMA_STATUSES (cancelled or completed in Alma). */
export function isClosedInAlma(request: AlmaBorrowingRequest): boolean {
  return CLOSED_ALMA_STATUSES.includes(almaStatusOf(request));
}

/**
 * True when the Alma request is recorded as exported to WorldShare: its partner is the configured
 * WorldShare partner (`config.almaPartnerCode`, compared without regard to case) and it carries
 * the WorldShare request id in `external_id`. Assumed, to be confirmed against a real Alma
 * (docs/contracts.md, "Alma calls that Ex Libris does not document"); the simulator follows it.
 */
export function isExportedToWorldShare(
  request: AlmaBorrowingRequest,
  config: InstitutionConfig,
): boolean {
  const partner = almaCode(request.partner);
  const code = config.almaPartnerCode.trim();
  return (
    partner !== null &&
    code !== '' &&
    partner.toUpperCase() === code.toUpperCase() &&
    almaText(request.external_id) !== null
  );
}

/**
 * What already ties the request to a lender, if anything: the WorldShare partner code, or any
 * `external_id` (a partner's request id). Either one means a second export could duplicate a
 * lender request; null when neither is set.
 */
export function existingPartnerLink(
  request: AlmaBorrowingRequest,
  config: InstitutionConfig,
): string | null {
  const partner = almaCode(request.partner);
  const code = config.almaPartnerCode.trim();
  if (partner !== null && code !== '' && partner.toUpperCase() === code.toUpperCase()) {
    const externalId = almaText(request.external_id);
    return externalId === null ? partner : `${partner} ${externalId}`;
  }
  return almaText(request.external_id);
}
