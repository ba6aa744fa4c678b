/**
 * Reading one page of an Alma Analytics report as `GET /almaws/v1/analytics/reports` answers it in
 * JSON (docs/contracts.md, "Alma Analytics reports"):
 *
 *   { "anies": ["<?xml version=\"1.0\" encoding=\"UTF-16\"?><QueryResult ...>
 *       <ResumptionToken>…</ResumptionToken>   (first page only)
 *       <IsFinished>false</IsFinished>
 *       <ResultXml><rowset:rowset ...><xsd:schema>…<xsd:element name="Column1" saw-sql:columnHeading="Request ID"/>…</xsd:schema>
 *         <Row><Column0>0</Column0><Column1>…</Column1>…</Row>…
 *       </rowset:rowset></ResultXml></QueryResult>"] }
 *
 * The XML travels inside a JSON string, so it is already decoded text; its declaration still claims
 * UTF-16 (documented by Alma users; Alma's JSON answers do this for every XML-in-JSON field), which
 * the parser must not believe. Elements are read by local name, whatever prefix or namespace Alma
 * gives them. Column headings come from the schema (present with `col_names=true`, Alma's default).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';

/** The page could not be read as an Analytics answer. */
export class AnalyticsFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AnalyticsFormatError';
  }
}

/** One page of a report: cells by column element name (`Column0`, `Column1`, ...). */
export interface AnalyticsPage {
  /** Only the first page carries one; later pages are asked for with it (`token=`). */
  resumptionToken: string | null;
  isFinished: boolean;
  /** Column element name -> heading, from the schema; empty when the answer has no schema. */
  headings: Map<string, string>;
  /** Column element names in the schema's order (or the first row's order when there is no schema). */
  columns: string[];
  rows: Record<string, string>[];
}

/** An XML element by local name, children in order. */
interface Node {
  local: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  ignoreDeclaration: true,
});

function toNodes(items: unknown[]): Node[] {
  const out: Node[] = [];
  for (const item of items) {
    const entry = item as Record<string, unknown>;
    const name = Object.keys(entry).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const attrs = (entry[':@'] as Record<string, unknown> | undefined) ?? {};
    const content = (entry[name] as unknown[]) ?? [];
    const text = content
      .filter((c) => Object.prototype.hasOwnProperty.call(c, '#text'))
      .map((c) => String((c as Record<string, unknown>)['#text']))
      .join('');
    const attributes: Record<string, string> = {};
    for (const [k, v] of Object.entries(attrs)) attributes[k] = String(v);
    out.push({ local: name, attributes, children: toNodes(content), text });
  }
  return out;
}

const child = (n: Node | undefined, local: string) => n?.children.find((c) => c.local === local);

/** Finds the first element with this local name anywhere below `n` (depth first). */
function find(n: Node, local: string): Node | undefined {
  for (const c of n.children) {
    if (c.local === local) return c;
    const deeper = find(c, local);
    if (deeper) return deeper;
  }
  return undefined;
}

/**
 * The XML text of an Analytics answer: the first string of `anies` (JSON), or the body itself when
 * Alma answered XML. The wrong UTF-16 declaration is dropped: the text is already decoded.
 * @throws AnalyticsFormatError when there is no XML to read.
 */
export function analyticsXmlOf(body: unknown): string {
  let xml: unknown = body;
  if (body && typeof body === 'object') {
    const anies = (body as { anies?: unknown }).anies;
    xml = Array.isArray(anies) ? anies.find((a) => typeof a === 'string') : anies;
  }
  if (typeof xml !== 'string' || !xml.trim())
    throw new AnalyticsFormatError('The Analytics answer holds no report (no "anies" XML).');
  return xml.replace(/^\uFEFF?\s*<\?xml[^?]*\?>/, '');
}

/**
 * Reads one page of a report answer (JSON with `anies`, or the XML text).
 * @throws AnalyticsFormatError when the XML is not well formed or has no QueryResult.
 */
export function parseAnalyticsPage(body: unknown): AnalyticsPage {
  const xml = analyticsXmlOf(body);
  if (XMLValidator.validate(xml) !== true)
    throw new AnalyticsFormatError('The Analytics answer is not well-formed XML.');
  const roots = toNodes(parser.parse(xml) as unknown[]);
  const top = roots[0];
  const result = top?.local === 'QueryResult' ? top : top ? find(top, 'QueryResult') : undefined;
  if (!result) throw new AnalyticsFormatError('The Analytics answer has no QueryResult.');
  const token = child(result, 'ResumptionToken')?.text.trim() || null;
  const finished = (child(result, 'IsFinished')?.text ?? '').trim().toLowerCase() === 'true';
  const rowset = find(result, 'rowset');
  const headings = new Map<string, string>();
  const schemaColumns: string[] = [];
  const schema = rowset ? find(rowset, 'schema') : undefined;
  if (schema) {
    const walk = (n: Node) => {
      for (const c of n.children) {
        if (c.local === 'element' && /^Column\d+$/.test(c.attributes['name'] ?? '')) {
          const name = c.attributes['name']!;
          schemaColumns.push(name);
          const heading = c.attributes['columnHeading'];
          if (heading !== undefined) headings.set(name, heading.trim());
        }
        walk(c);
      }
    };
    walk(schema);
  }
  const rows: Record<string, string>[] = [];
  for (const r of rowset?.children ?? []) {
    if (r.local !== 'Row') continue;
    const cells: Record<string, string> = {};
    for (const c of r.children) cells[c.local] = c.text;
    rows.push(cells);
  }
  const columns = schemaColumns.length > 0 ? schemaColumns : Object.keys(rows[0] ?? {});
  return { resumptionToken: token, isFinished: finished, headings, columns, rows };
}
