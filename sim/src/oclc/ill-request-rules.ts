import { FailureCode, type FailureDetail } from './oclc-errors.js';

/** What the business rules need to know besides the body. */
export interface IllRuleContext {
  /** Registry id of the caller's token (`context:`), e.g. `"128807"`. */
  registryId: string;
  /** Registry ids accepted as suppliers. */
  knownSuppliers: readonly number[];
  /** Epoch milliseconds. */
  now: number;
}

const SERVICE_TYPES = new Set(['LOAN', 'COPY']);
const DAY_MS = 24 * 60 * 60 * 1000;

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};

/**
 * WorldShare's business checks on a schema-valid `illRequest` (failure codes from
 * contracts/oclc-ill/failureCodes.txt; which rule gives which code is assumed from the codes' names):
 * - `item.title` missing or blank -> 30000 Missing `item.title`;
 * - `requester.serviceType` missing -> 30000, not LOAN/COPY -> 30001 Invalid;
 * - `requester.requesterBilling.address.address1` missing or blank -> 30000 Missing at exactly that
 *   field (documented: contracts/oclc-ill/failure-example.json is this refusal);
 * - `requester.institution.institutionId` missing -> 30000, not the token's registry id -> 30001;
 * - `needed` not a date -> 30001, more than a day in the past -> 30002 OutOfBounds (a day of slack
 *   so a "today" written in any time zone passes);
 * - a supplier not in `knownSuppliers` -> 30005 LenderNotSupplier at
 *   `requester.supplierInfo.institutions[i].institutionId`.
 * Returns every failure found, empty when the request may be created.
 */
export function checkIllRequestRules(illRequest: Obj, ctx: IllRuleContext): FailureDetail[] {
  const details: FailureDetail[] = [];
  const fail = (failureCode: number, fieldName: string) => details.push({ failureCode, fieldName });

  const title = obj(illRequest.item).title;
  if (typeof title !== 'string' || title.trim() === '') fail(FailureCode.Missing, 'item.title');

  const requester = obj(illRequest.requester);
  if (requester.serviceType === undefined) fail(FailureCode.Missing, 'requester.serviceType');
  else if (!SERVICE_TYPES.has(String(requester.serviceType)))
    fail(FailureCode.Invalid, 'requester.serviceType');

  const address1 = obj(obj(requester.requesterBilling).address).address1;
  if (typeof address1 !== 'string' || address1.trim() === '')
    fail(FailureCode.Missing, 'requester.requesterBilling.address.address1');

  const institutionId = obj(requester.institution).institutionId;
  if (institutionId === undefined) fail(FailureCode.Missing, 'requester.institution.institutionId');
  else if (String(institutionId) !== ctx.registryId)
    fail(FailureCode.Invalid, 'requester.institution.institutionId');

  if (illRequest.needed !== undefined) {
    const needed = Date.parse(String(illRequest.needed));
    if (Number.isNaN(needed)) fail(FailureCode.Invalid, 'needed');
    else if (needed < ctx.now - DAY_MS) fail(FailureCode.OutOfBounds, 'needed');
  }

  const suppliers = obj(requester.supplierInfo).institutions;
  if (Array.isArray(suppliers)) {
    suppliers.forEach((supplier, i) => {
      const id = obj(supplier).institutionId;
      if (id === undefined)
        fail(FailureCode.Missing, `requester.supplierInfo.institutions[${i}].institutionId`);
      else if (!ctx.knownSuppliers.includes(Number(id)))
        fail(
          FailureCode.LenderNotSupplier,
          `requester.supplierInfo.institutions[${i}].institutionId`,
        );
    });
  }
  return details;
}
