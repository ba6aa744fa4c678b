import type { ProxyConfig } from '../config.ts';
import type { Harness } from './harness.ts';
import { OTHER_INST, OTHER_SECRET, OTHER_WSKEY, TEST_SECRET, TEST_WSKEY } from './harness.ts';
import { TEST_INST } from './jwt-issuer.ts';

export const INBOX_SECRET = 'Inbox-S3cr3t-Test-Inst-7c1e90ab';
export const OTHER_INBOX_SECRET = 'Inbox-S3cr3t-Other-Inst-2f88d4c3';
export const TEST_SYMBOL = 'ABCDE';
export const OTHER_SYMBOL = 'ZYXWV';

/** Institutions of the harness, with inbox secrets and symbols. */
export function inboxInstitutions(
  extra: { allowedIps?: string[] } = {},
): ProxyConfig['institutions'] {
  return {
    [TEST_INST]: {
      wskey: TEST_WSKEY,
      secret: TEST_SECRET,
      registryId: '128807',
      scopes: 'WorldShareILL',
      inboxSecret: INBOX_SECRET,
      symbol: TEST_SYMBOL,
      ...(extra.allowedIps ? { inboxAllowedIps: extra.allowedIps } : {}),
    },
    [OTHER_INST]: {
      wskey: OTHER_WSKEY,
      secret: OTHER_SECRET,
      registryId: '91475',
      scopes: 'WorldShareILL',
      inboxSecret: OTHER_INBOX_SECRET,
      symbol: OTHER_SYMBOL,
    },
  };
}

export function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** Options of a test supplyingAgencyMessage. */
export interface LenderMessageOpts {
  /** `prefix` (ns1:, as OCLC's samples), `other-prefix` (iso:), `default` (xmlns=...), `none` (no namespace). */
  ns?: 'prefix' | 'other-prefix' | 'default' | 'none';
  worldShareRequestId?: string;
  requester?: string;
  timestamp?: string;
  reason?: string;
  answer?: 'Y' | 'N';
  status?: string;
  dueDate?: string;
  note?: string;
  /** Raw XML inserted at the end of messageInfo (unprefixed names get the message's namespace form). */
  extraInMessageInfo?: string;
}

/** A supplyingAgencyMessage shaped like OCLC's SupplyingAgencyMessageRenewYes.xml sample. */
export function lenderMessage(o: LenderMessageOpts = {}): string {
  const ns = o.ns ?? 'prefix';
  const p = ns === 'prefix' ? 'ns1:' : ns === 'other-prefix' ? 'iso:' : '';
  const decl =
    ns === 'prefix'
      ? ' xmlns:ns1="http://illtransactions.org/2013/iso18626" ns1:version="1.2"'
      : ns === 'other-prefix'
        ? ' xmlns:iso="http://illtransactions.org/2013/iso18626" iso:version="1.2"'
        : ns === 'default'
          ? ' xmlns="http://illtransactions.org/2013/iso18626" version="1.2"'
          : ' version="1.2"';
  const e = (name: string, inner: string): string => `<${p}${name}>${inner}</${p}${name}>`;
  const agency = (v: string): string => `${e('agencyIdType', 'ISIL')}${e('agencyIdValue', v)}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<${p}ISO18626Message${decl}>
  <${p}supplyingAgencyMessage>
    <${p}header>
      ${e('supplyingAgencyId', agency('OCLC-BCDEF'))}
      ${e('requestingAgencyId', agency(o.requester ?? `OCLC-${TEST_SYMBOL}`))}
      <${p}multipleItemRequestId/>
      ${e('timestamp', o.timestamp ?? '2026-02-09T11:29:24Z')}
      ${e('requestingAgencyRequestId', 'alma-req-1')}
      ${e('supplyingAgencyRequestId', o.worldShareRequestId ?? '168134644')}
    </${p}header>
    <${p}messageInfo>
      ${e('reasonForMessage', o.reason ?? 'RenewResponse')}
      ${o.answer ? e('answerYesNo', o.answer) : ''}
      ${o.note !== undefined ? e('note', o.note) : ''}
      ${o.extraInMessageInfo ?? ''}
    </${p}messageInfo>
    <${p}statusInfo>
      ${e('status', o.status ?? 'Loaned')}
      ${o.dueDate !== '' ? e('dueDate', o.dueDate ?? '2026-03-24T05:00:00Z') : ''}
      ${e('lastChange', '2026-02-09T11:28:41Z')}
    </${p}statusInfo>
  </${p}supplyingAgencyMessage>
</${p}ISO18626Message>`;
}

/** POSTs a message to an inbox through the harness (in-process). */
export function postInbox(
  h: Harness,
  xml: string | Buffer,
  opts: { inst?: string; user?: string; secret?: string; remoteAddress?: string } = {},
) {
  const inst = opts.inst ?? TEST_INST;
  return h.request({
    method: 'POST',
    url: `/iso18626/${inst}`,
    payload: xml,
    remoteAddress: opts.remoteAddress,
    headers: {
      'content-type': 'application/xml; charset=utf-8',
      authorization: basic(
        opts.user ?? inst,
        opts.secret ?? (inst === OTHER_INST ? OTHER_INBOX_SECRET : INBOX_SECRET),
      ),
    },
  });
}

/** Reads messageStatus, errorType and errorValue of a confirmation. */
export function confirmationOf(xml: string): {
  status: string | undefined;
  errorType: string | undefined;
  errorValue: string | undefined;
} {
  const pick = (name: string): string | undefined =>
    new RegExp(`<ns1:${name}>([\\s\\S]*?)</ns1:${name}>`).exec(xml)?.[1];
  return {
    status: pick('messageStatus'),
    errorType: pick('errorType'),
    errorValue: pick('errorValue'),
  };
}
