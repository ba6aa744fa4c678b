import { LIBRARY_ADDRESS_FIELDS } from '../../domain/institution-config';
import { IllAddress, IllRequestEnvelope } from '../../domain/worldshare-request';

/** One line of the export preview: a WorldShare field and the text that will be sent. */
export interface PreviewLine {
  /** i18n key suffix under `preview.` naming the WorldShare field. */
  field: string;
  value: string;
}

const ITEM_FIELDS = [
  'title',
  'articleTitle',
  'author',
  'articleAuthor',
  'oclcNumber',
  'isbn',
  'issn',
  'issueVolume',
  'issueDate',
  'pages',
  'publisherName',
  'publicationPlace',
  'publicationDate',
  'verification',
] as const;

/** Lists what an ILL request body will send, in the order staff read a citation. */
export function previewLines(body: IllRequestEnvelope): PreviewLine[] {
  const req = body.illRequest;
  const item = (req.item ?? {}) as Record<string, unknown>;
  const lines: PreviewLine[] = [];
  if (req.requester?.serviceType)
    lines.push({ field: 'serviceType', value: req.requester.serviceType });
  for (const f of ITEM_FIELDS) {
    const v = item[f];
    if (v !== undefined && v !== null && String(v) !== '')
      lines.push({ field: f, value: String(v) });
  }
  const edition = (item['edition'] as { editionSpecific?: string } | undefined)?.editionSpecific;
  if (edition) lines.push({ field: 'edition', value: edition });
  if (req.needed) lines.push({ field: 'needed', value: req.needed.slice(0, 10) });
  const lenders = req.requester?.supplierInfo?.institutions?.map((i) => i.institutionId).join(', ');
  if (lenders) lines.push({ field: 'lenders', value: lenders });
  const cost = req.requester?.requesterBilling?.maximumCost;
  if (cost?.amount != null)
    lines.push({ field: 'maxCost', value: `${cost.amount} ${cost.currency ?? ''}`.trim() });
  if (req.referenceId) lines.push({ field: 'referenceId', value: req.referenceId });
  const billing = addressText(req.requester?.requesterBilling?.address);
  if (billing) lines.push({ field: 'billingAddress', value: billing });
  const delivery = addressText(req.requester?.requesterDelivery?.address);
  if (delivery) lines.push({ field: 'deliveryAddress', value: delivery });
  return lines;
}

/** The library's address on one line, as it will be sent ('ILL Office, 1 Main St, Dublin, OH 43017, US'). */
function addressText(address: IllAddress | undefined): string {
  if (!address) return '';
  const parts = LIBRARY_ADDRESS_FIELDS.map((f) => address[f]?.trim() ?? '').filter((v) => v !== '');
  return parts.join(', ');
}
