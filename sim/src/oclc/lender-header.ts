import type { OclcInstitution } from './institutions.js';
import type { WorldShareRequest } from '../state.js';
import type { IsoHeader } from './iso18626-xml.js';

/**
 * OCLC symbol of the fake lender. Taken from OCLC's published supplying-agency samples
 * (contracts/iso18626/SupplyingAgencyMessageRenewYes.xml: supplyingAgencyId `OCLC-BCDEF`), so the
 * simulator's pushes look like the samples. Assumed: one lender symbol serves every request.
 */
export const FAKE_LENDER_SYMBOL = 'BCDEF';

/**
 * The header ids of a lender's message about `request` to `borrower`, as OCLC's supplying-agency
 * samples carry them: both agency ids of type ISIL with value `OCLC-<symbol>`, the borrower's own id
 * (`referenceId`, else empty) in `requestingAgencyRequestId` and the WorldShare request id in
 * `supplyingAgencyRequestId`, the slot the proxy's inbox matches on (docs/contracts.md, "ISO 18626: the library's inbox").
 */
export function lenderHeaderIds(
  request: WorldShareRequest,
  borrower: Pick<OclcInstitution, 'symbol'>,
): Omit<IsoHeader, 'timestamp' | 'multipleItemRequestId'> & { supplyingAgencyRequestId: string } {
  return {
    supplyingAgencyId: { type: 'ISIL', value: `OCLC-${FAKE_LENDER_SYMBOL}` },
    requestingAgencyId: { type: 'ISIL', value: `OCLC-${borrower.symbol}` },
    requestingAgencyRequestId: request.referenceId ?? '',
    supplyingAgencyRequestId: request.requestId,
  };
}

/** Characters that must be escaped in XML text. */
function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Thrown by `retargetHeader` for a message whose header it cannot find. */
export class RetargetError extends Error {}

/**
 * Rewrites the header of a `supplyingAgencyMessage` so it is about `request` between the fake lender
 * and `borrower` (see `lenderHeaderIds`): the agency id types and values and both request ids are
 * replaced; everything else, the timestamp included, stays byte for byte as given. Works with the ISO
 * namespace under any prefix or as the default namespace. A missing `supplyingAgencyRequestId` is
 * added after `requestingAgencyRequestId`, as the schema orders them.
 * @throws RetargetError when the message has no header, agency ids or requestingAgencyRequestId.
 */
export function retargetHeader(
  xml: string,
  request: WorldShareRequest,
  borrower: Pick<OclcInstitution, 'symbol'>,
): string {
  const ids = lenderHeaderIds(request, borrower);
  const headerMatch = /<((?:[\w.-]+:)?)header(\s[^>]*)?>([\s\S]*?)<\/\1header\s*>/.exec(xml);
  if (!headerMatch) throw new RetargetError('the message has no header');
  const p = headerMatch[1] ?? '';
  let header = headerMatch[3] ?? '';
  const element = (name: string) =>
    new RegExp(`<${p}${name}(\\s[^>]*)?(?:/>|>([\\s\\S]*?)</${p}${name}\\s*>)`);
  const setText = (inner: string, name: string, value: string): string => {
    const re = element(name);
    if (!re.test(inner)) throw new RetargetError(`the header has no ${name}`);
    return inner.replace(
      re,
      (_m, attrs: string | undefined) =>
        `<${p}${name}${attrs ?? ''}>${xmlText(value)}</${p}${name}>`,
    );
  };
  for (const [agency, id] of [
    ['supplyingAgencyId', ids.supplyingAgencyId],
    ['requestingAgencyId', ids.requestingAgencyId],
  ] as const) {
    const re = element(agency);
    const m = re.exec(header);
    if (!m || m[2] === undefined) throw new RetargetError(`the header has no ${agency}`);
    const inner = setText(setText(m[2], 'agencyIdType', id.type), 'agencyIdValue', id.value);
    header = header.replace(re, `<${p}${agency}${m[1] ?? ''}>${inner}</${p}${agency}>`);
  }
  header = setText(header, 'requestingAgencyRequestId', ids.requestingAgencyRequestId);
  if (element('supplyingAgencyRequestId').test(header)) {
    header = setText(header, 'supplyingAgencyRequestId', ids.supplyingAgencyRequestId);
  } else {
    header = header.replace(
      element('requestingAgencyRequestId'),
      (m) =>
        `${m}<${p}supplyingAgencyRequestId>${xmlText(ids.supplyingAgencyRequestId)}</${p}supplyingAgencyRequestId>`,
    );
  }
  const start = headerMatch.index;
  const rebuilt = `<${p}header${headerMatch[2] ?? ''}>${header}</${p}header>`;
  return xml.slice(0, start) + rebuilt + xml.slice(start + headerMatch[0].length);
}
