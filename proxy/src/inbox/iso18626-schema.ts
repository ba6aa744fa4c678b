import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import type { XNode } from './safe-xml.ts';
import { ISO18626_NS } from './safe-xml.ts';

/**
 * The ISO 18626 v1.2 schema as OCLC publishes it, shipped inside the proxy package so the proxy
 * runs alone in its container (a copy of contracts/iso18626/ISO-18626-v1_2.xsd; a test checks that
 * both are identical). MIT licence beside it.
 */
export const ISO18626_XSD_FILE = new URL('./ISO-18626-v1_2.xsd', import.meta.url);
const XSD = readFileSync(ISO18626_XSD_FILE, 'utf8');

/** Element names the schema declares anywhere. */
export const SCHEMA_ELEMENTS: ReadonlySet<string> = new Set([...XSD.matchAll(/<xs:element\s+name="([^"]+)"/g)].map((m) => m[1]));
/** Attribute names the schema declares (`version`, `scheme`). */
export const SCHEMA_ATTRIBUTES: ReadonlySet<string> = new Set([...XSD.matchAll(/<xs:attribute\s+name="([^"]+)"/g)].map((m) => m[1]));

/** One problem xmllint found, without file names. */
export interface SchemaProblem {
  message: string;
}

/**
 * Writes a parsed message back as XML in the ISO namespace, prefix `iso`, with qualified
 * attributes (the schema's `attributeFormDefault="qualified"`), keeping only elements and
 * attributes whose names the schema declares. This is the document the schema check sees: unknown
 * extra elements (and everything inside them) are ignored rather than refused, while a known
 * element in the wrong place, a missing required one or a value outside its type still fails.
 */
export function canonicalIsoXml(root: XNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${write(root, true)}`;
}

function write(n: XNode, isRoot: boolean): string {
  const attrs = Object.entries(n.attrs)
    .filter(([k]) => SCHEMA_ATTRIBUTES.has(k))
    .map(([k, v]) => ` iso:${k}="${escapeXml(v)}"`)
    .join('');
  const ns = isRoot ? ` xmlns:iso="${ISO18626_NS}"` : '';
  const kids = n.children.filter((c) => SCHEMA_ELEMENTS.has(c.name));
  const inner = kids.length > 0 ? kids.map((c) => write(c, false)).join('') : escapeXml(n.text);
  return `<iso:${n.name}${ns}${attrs}>${inner}</iso:${n.name}>`;
}

/** Escapes text for element content or a double-quoted attribute. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

/**
 * Validates an XML text against the ISO 18626 v1.2 schema with libxml2 (xmllint-wasm, which runs
 * it in WebAssembly with a bounded memory). Never throws: a failure of the validator itself is a problem.
 *
 * @returns the problems; empty when valid.
 */
export async function validateAgainstIso18626(xml: string): Promise<SchemaProblem[]> {
  try {
    const result = await validateXML({
      xml: [{ fileName: 'message.xml', contents: xml }],
      schema: [{ fileName: 'ISO-18626-v1_2.xsd', contents: XSD }],
    });
    if (result.valid) return [];
    const problems = result.errors.map((e) => ({ message: e.message.replace(/\{http:\/\/illtransactions\.org\/2013\/iso18626\}/g, '') }));
    return problems.length > 0 ? problems : [{ message: 'the message does not match the ISO 18626 schema' }];
  } catch (e) {
    return [{ message: `the schema validator failed: ${(e as Error).message}` }];
  }
}
