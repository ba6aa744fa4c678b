import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** ISO 18626 namespace (ISO-18626-v1_2.xsd targetNamespace). */
export const ISO18626_NS = 'http://illtransactions.org/2013/iso18626';

/**
 * An element of a received message after namespace resolution: only elements in the ISO 18626
 * namespace or in no namespace are kept (as local names); `text` is the decoded character data
 * directly inside it; `rawText` the same text still escaped, as it came.
 */
export interface XNode {
  name: string;
  /** Attributes in the ISO namespace or in no namespace, by local name; values decoded. */
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

/** Why a body is not acceptable XML; `detail` is safe to send back in `errorValue`. */
export class XmlRefused extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'XmlRefused';
  }
}

// No DTD, so no entity can ever be declared or expanded; the predefined entities and character
// references are decoded by `decodeText` below, nothing else.
const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  cdataPropName: '#cdata',
  ignoreDeclaration: true,
  ignorePiTags: true,
  allowBooleanAttributes: false,
});

type OrderedNode = Record<string, unknown> & { ':@'?: Record<string, string> };

/**
 * Parses an untrusted XML text without DTD processing.
 *
 * Refused, in bounded time and memory (one linear scan before any parsing): any `<!DOCTYPE` or
 * `<!ENTITY` (so external entities and entity-expansion bombs never reach a parser), text that is
 * not well-formed (fast-xml-parser's validator), more or less than one root element, an undeclared
 * namespace prefix, and any `&name;` other than the five XML predefined entities.
 *
 * @throws XmlRefused with a short English reason.
 */
export function parseUntrustedXml(text: string): XNode {
  if (/<!DOCTYPE/i.test(text) || /<!ENTITY/i.test(text)) {
    throw new XmlRefused('DOCTYPE and ENTITY declarations are not accepted');
  }
  const check = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (check !== true)
    throw new XmlRefused(`not well-formed XML: ${check.err.msg} (line ${check.err.line})`);
  let ordered: OrderedNode[];
  try {
    ordered = parser.parse(text) as OrderedNode[];
  } catch (e) {
    throw new XmlRefused(`not well-formed XML: ${(e as Error).message}`);
  }
  const roots = ordered.filter((n) => elementName(n) !== undefined);
  if (roots.length !== 1)
    throw new XmlRefused(`expected exactly one root element, found ${roots.length}`);
  for (const n of ordered) {
    if (
      elementName(n) === undefined &&
      typeof n['#text'] === 'string' &&
      n['#text'].trim() !== ''
    ) {
      throw new XmlRefused('text outside the root element');
    }
  }
  const root = toNode(
    roots[0],
    new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]),
    undefined,
  );
  if (!root) throw new XmlRefused('the root element is not in the ISO 18626 namespace');
  return root;
}

function elementName(n: OrderedNode): string | undefined {
  return Object.keys(n).find((k) => k !== ':@' && k !== '#text' && k !== '#cdata');
}

/**
 * Resolves namespaces. Returns null for an element in a foreign namespace: such an element (an
 * extension another system added) is dropped with everything inside it.
 */
function toNode(
  n: OrderedNode,
  prefixes: Map<string, string>,
  defaultNs: string | undefined,
): XNode | null {
  const qname = elementName(n) as string;
  const rawAttrs = n[':@'] ?? {};
  let scope = prefixes;
  let dflt = defaultNs;
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns') dflt = decodeText(v) || undefined;
    else if (k.startsWith('xmlns:')) {
      if (scope === prefixes) scope = new Map(prefixes);
      scope.set(k.slice(6), decodeText(v));
    }
  }
  const [prefix, local] = splitName(qname);
  const ns = prefix === undefined ? dflt : scope.get(prefix);
  if (prefix !== undefined && ns === undefined)
    throw new XmlRefused(`namespace prefix "${prefix}" of <${qname}> is not declared`);
  if (ns !== undefined && ns !== ISO18626_NS) return null;

  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    const [ap, al] = splitName(k);
    const ans = ap === undefined ? undefined : scope.get(ap);
    if (ap !== undefined && ans === undefined)
      throw new XmlRefused(`namespace prefix "${ap}" of attribute ${k} is not declared`);
    // Attributes in no namespace are taken as ISO attributes (the schema qualifies them, senders often do not).
    if (ans === undefined || ans === ISO18626_NS) attrs[al] = decodeText(v);
  }

  const node: XNode = { name: local, attrs, children: [], text: '' };
  const body = n[qname] as OrderedNode[];
  for (const c of body) {
    if (typeof c['#text'] === 'string') node.text += decodeText(c['#text']);
    else if (Array.isArray(c['#cdata']))
      node.text += (c['#cdata'] as OrderedNode[]).map((t) => String(t['#text'] ?? '')).join('');
    else if (elementName(c) !== undefined) {
      const child = toNode(c, scope, dflt);
      if (child) node.children.push(child);
    }
  }
  return node;
}

function splitName(qname: string): [string | undefined, string] {
  const i = qname.indexOf(':');
  return i === -1 ? [undefined, qname] : [qname.slice(0, i), qname.slice(i + 1)];
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes the five predefined entities and character references (`&#233;`, `&#xE9;`).
 *
 * @throws XmlRefused for any other `&...` (an undeclared entity is a fatal XML error; no DTD can declare one).
 */
export function decodeText(raw: string): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&([^;&\s]{0,12});?/g, (whole, ref: string) => {
    if (!whole.endsWith(';')) throw new XmlRefused('a bare "&" must be written &amp;');
    if (ref in PREDEFINED) return PREDEFINED[ref];
    const m = /^#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}))$/.exec(ref);
    if (m) {
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
      const allowed =
        cp === 0x9 ||
        cp === 0xa ||
        cp === 0xd ||
        (cp >= 0x20 && cp <= 0xd7ff) ||
        (cp >= 0xe000 && cp <= 0xfffd) ||
        (cp >= 0x10000 && cp <= 0x10ffff);
      if (!allowed) throw new XmlRefused(`character reference &${ref}; is not an XML character`);
      return String.fromCodePoint(cp);
    }
    throw new XmlRefused(
      `entity &${ref.slice(0, 12)}; is not declared (only &amp; &lt; &gt; &quot; &apos; and character references are accepted)`,
    );
  });
}
