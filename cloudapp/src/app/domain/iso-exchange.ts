import { InstitutionConfig } from './institution-config';
import { AgencyId, buildRequestingAgencyMessage } from './iso18626';
import type { BorrowingRequest } from './alma-request';

/** The ISO 18626 actions a borrower sends in this app. */
export type BorrowerAction = 'Renew' | 'Cancel' | 'StatusRequest';

/**
 * Where the header of a message the library sends carries the WorldShare request id.
 * `requestingAgencyRequestId` is what OCLC's published Renew and Cancel samples show
 * (contracts/iso18626/RequestingAgencyMessageRenew.xml, ...Cancel.xml: the WorldShare-like numeric id
 * there, no supplyingAgencyRequestId in the Cancel); the header then carries no other request id.
 * `supplyingAgencyRequestId` puts it there instead, with the Alma request id as the requesting id.
 * The one place to change it (docs/contracts.md, "ISO 18626: messages the library sends").
 */
export const WORLDSHARE_ID_SLOT: WorldShareIdSlot = 'requestingAgencyRequestId';
export type WorldShareIdSlot = 'requestingAgencyRequestId' | 'supplyingAgencyRequestId';

/**
 * The OCLC symbol named as the supplying agency. ASSUMED: WorldShare's ILL Request API names lenders
 * by registry id only, so the app does not know the lender's symbol; WorldShare finds the lender from
 * the request id. Written `OCLC-OCLC` (docs/contracts.md, "ISO 18626: messages the library sends").
 */
export const SUPPLYING_AGENCY_SYMBOL = 'OCLC';

/**
 * An agency id as OCLC's samples write it: `agencyIdType` ISIL (scheme AgencyIdTypeList-V1.0),
 * `agencyIdValue` `OCLC-<OCLC symbol>` (e.g. `OCLC-ABCDE`).
 */
export function oclcAgency(symbol: string): AgencyId {
  return { type: 'ISIL', value: `OCLC-${symbol.trim()}` };
}

/**
 * Builds a borrower's ISO 18626 message about an exported request, headers as in OCLC's samples:
 * the requesting agency is `OCLC-<the institution's symbol>` (ISIL), the supplying agency
 * `OCLC-<SUPPLYING_AGENCY_SYMBOL>`, the WorldShare request id in `slot`.
 * @throws RangeError (from the builder) when the symbol or the WorldShare id is empty.
 */
export function borrowerMessage(
  action: BorrowerAction,
  request: BorrowingRequest,
  worldShareRequestId: string,
  config: InstitutionConfig,
  now = new Date(),
  slot: WorldShareIdSlot = WORLDSHARE_ID_SLOT,
): string {
  const symbol = config.worldshare.symbol.trim();
  if (!symbol)
    throw new RangeError("ISO 18626 requestingAgencyId needs the institution's OCLC symbol");
  const ids =
    slot === 'requestingAgencyRequestId'
      ? { requestingAgencyRequestId: worldShareRequestId }
      : {
          requestingAgencyRequestId: request.request_id,
          supplyingAgencyRequestId: worldShareRequestId,
        };
  return buildRequestingAgencyMessage({
    action,
    requestingAgencyId: oclcAgency(symbol),
    supplyingAgencyId: oclcAgency(SUPPLYING_AGENCY_SYMBOL),
    ...ids,
    timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  });
}
