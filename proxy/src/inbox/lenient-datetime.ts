import type { XNode } from './safe-xml.ts';

/**
 * The ISO 18626 elements of type xs:dateTime that lenders fill in by hand or from their own
 * systems, and that real lenders are reported to send in near-miss forms (docs/contracts.md,
 * "ISO 18626: the library's inbox"): without seconds (`2022-10-27T03:59Z`), with fractional
 * seconds and a zone name in brackets (`2025-05-29T21:14:07.123456Z[UTC]`), or as a plain date.
 */
const DATE_TIME_ELEMENTS = new Set(['dueDate', 'lastChange', 'timestamp', 'expectedDeliveryDate']);

const LENIENT =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?(?:\[[A-Za-z0-9_/+-]+\])?$/;

/**
 * A lender's date-time in strict `xs:dateTime` form, or null when the text is no date-time at all.
 * Seconds are added when missing, a bracketed zone name after an offset is dropped, and a plain
 * date becomes its midnight without a zone (xs:dateTime allows that; it names no instant). The
 * text as sent is always what is stored; this form only serves the schema check and `instantOf`.
 */
export function strictDateTime(text: string): string | null {
  const m = LENIENT.exec(text.trim());
  if (!m) return null;
  const [, date, hm, secs, zone] = m;
  if (!hm) return `${date}T00:00:00`;
  return `${date}T${hm}${secs ?? ':00'}${zone ?? ''}`;
}

/**
 * A copy of `root` whose date-time elements hold their strict form where the lender's text is a
 * near miss, so the schema check refuses only what is no date at all.
 */
export function withStrictDateTimes(root: XNode): XNode {
  const visit = (n: XNode): XNode => {
    const strict =
      n.children.length === 0 && DATE_TIME_ELEMENTS.has(n.name) ? strictDateTime(n.text) : null;
    return { ...n, text: strict ?? n.text, children: n.children.map(visit) };
  };
  return visit(root);
}
