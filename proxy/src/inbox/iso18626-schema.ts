import { readFileSync } from 'node:fs';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
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
export const SCHEMA_ELEMENTS: ReadonlySet<string> = new Set(
  [...XSD.matchAll(/<xs:element\s+name="([^"]+)"/g)].map((m) => m[1]),
);
/** Attribute names the schema declares (`version`, `scheme`). */
export const SCHEMA_ATTRIBUTES: ReadonlySet<string> = new Set(
  [...XSD.matchAll(/<xs:attribute\s+name="([^"]+)"/g)].map((m) => m[1]),
);

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
  return s.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string,
  );
}

/** Longest one validation may take before the validator is restarted and the message refused. */
const VALIDATION_TIMEOUT_MS = 10_000;

interface XmllintAnswer {
  exitCode: number;
  stderr: string;
}

/**
 * One long-lived worker thread running libxml2's xmllint (xmllint-wasm) with its WebAssembly module
 * compiled once (xsd-worker.cjs); validations queue in it one after another. The worker holds the
 * process open only while a validation is pending, and is started again after a crash or a timeout.
 */
class XsdValidator {
  private worker: Worker | undefined;
  private port: MessagePort | undefined;
  private nextId = 0;
  private readonly pending = new Map<
    number,
    { resolve: (a: XmllintAnswer) => void; timer: NodeJS.Timeout }
  >();

  run(xml: string): Promise<XmllintAnswer> {
    const port = this.ensure();
    const id = ++this.nextId;
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => this.reset(`the schema validator took longer than ${VALIDATION_TIMEOUT_MS} ms`),
        VALIDATION_TIMEOUT_MS,
      );
      this.pending.set(id, { resolve, timer });
      this.worker?.ref();
      port.ref();
      port.postMessage({ id, xml });
    });
  }

  private ensure(): MessagePort {
    if (this.port) return this.port;
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(new URL('./xsd-worker.cjs', import.meta.url), {
      workerData: { port: port2, schema: XSD },
      transferList: [port2],
    });
    port1.on('message', (m: { id: number; exitCode?: number; stderr?: string; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      p.resolve(
        m.error !== undefined
          ? { exitCode: -1, stderr: m.error }
          : { exitCode: m.exitCode ?? -1, stderr: m.stderr ?? '' },
      );
      this.idle();
    });
    worker.on('error', (e) => this.reset(`the schema validator failed: ${e.message}`));
    worker.on('exit', () => {
      if (this.worker === worker) this.reset('the schema validator stopped');
    });
    this.worker = worker;
    this.port = port1;
    this.idle();
    return port1;
  }

  private idle(): void {
    if (this.pending.size === 0) {
      this.worker?.unref();
      this.port?.unref();
    }
  }

  private reset(reason: string): void {
    const worker = this.worker;
    this.worker = undefined;
    this.port?.close();
    this.port = undefined;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ exitCode: -1, stderr: reason });
      this.pending.delete(id);
    }
    void worker?.terminate();
  }
}

const validator = new XsdValidator();

/**
 * Validates an XML text against the ISO 18626 v1.2 schema with libxml2 (xmllint-wasm in a worker
 * thread, bounded to 32 MiB and `VALIDATION_TIMEOUT_MS`). Never throws: a failure of the validator
 * itself is a problem.
 *
 * @returns the problems; empty when valid.
 */
export async function validateAgainstIso18626(xml: string): Promise<SchemaProblem[]> {
  const { exitCode, stderr } = await validator.run(xml);
  if (exitCode === 0) return [];
  if (exitCode !== 3 && exitCode !== 4 && exitCode !== 1)
    return [{ message: `the schema validator failed: ${stderr.trim().slice(0, 300)}` }];
  const problems = stderr
    .split('\n')
    .map((line) => line.trim())
    .filter(
      (line) => line !== '' && !line.endsWith(' validates') && !line.endsWith('fails to validate'),
    )
    .map((line) => ({
      message: line
        .replace(/^message\.xml:\d+:\s*/, '')
        .replace(/\{http:\/\/illtransactions\.org\/2013\/iso18626\}/g, ''),
    }));
  return problems.length > 0
    ? problems
    : [{ message: 'the message does not match the ISO 18626 schema' }];
}
