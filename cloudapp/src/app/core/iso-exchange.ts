import { InstitutionConfig } from '../domain/institution-config';
import { buildRequestingAgencyMessage } from '../domain/iso18626';
import type { BorrowingRequest } from './alma.service';

/** The ISO 18626 actions a borrower sends in this app. */
export type BorrowerAction = 'Renew' | 'Cancel' | 'StatusRequest';

/**
 * Builds a borrower's ISO 18626 message about an exported request. The requesting agency is the
 * institution's OCLC symbol; the supplying agency is addressed through WorldShare, which routes by
 * WorldShare's request id (`supplyingAgencyRequestId`), so its id is the generic `OCLC` (assumed).
 */
export function borrowerMessage(action: BorrowerAction, request: BorrowingRequest, worldShareRequestId: string, config: InstitutionConfig, now = new Date()): string {
  return buildRequestingAgencyMessage({
    action,
    requestingAgencyId: { type: 'OCLC', value: config.worldshare.symbol },
    supplyingAgencyId: { type: 'OCLC', value: 'OCLC' },
    requestingAgencyRequestId: request.request_id,
    supplyingAgencyRequestId: worldShareRequestId,
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}
