/**
 * Test helpers (node only, never bundled) for the translation-key contract test: finding every
 * `| translate` in the app's templates, reading the language files, and listing the values a
 * TypeScript type or expression can take, so keys built in templates (`('export.block.' + b.code)`)
 * are checked against the code unions they are built from.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// ---------------------------------------------------------------- language files

/** A language file flattened to dotted keys; objects are branches, anything else a leaf. */
export type FlatKeys = Map<string, unknown>;

export function flatten(tree: unknown, prefix = '', out: FlatKeys = new Map()): FlatKeys {
  if (tree && typeof tree === 'object' && !Array.isArray(tree)) {
    for (const [key, value] of Object.entries(tree as Record<string, unknown>))
      flatten(value, prefix ? `${prefix}.${key}` : key, out);
  } else {
    out.set(prefix, tree);
  }
  return out;
}

/** `{{name}}` placeholders of a translation, sorted and unique. */
export function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!))].sort();
}

// ---------------------------------------------------------------- templates

export interface TemplateSource {
  /** Path relative to the app folder, e.g. 'panel/panel.component.html' or 'panel/alma-problem.component.ts (inline)'. */
  file: string;
  text: string;
}

/** One `| translate` use: the keys it names outright, the prefixes it completes at run time, and what could not be read. */
export interface TranslateUse {
  file: string;
  line: number;
  subject: string;
  keys: string[];
  prefixes: string[];
  problems: string[];
}

function walk(dir: string, accept: (name: string) => boolean, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) walk(p, accept, out);
    else if (accept(entry.name)) out.push(p);
  }
  return out.sort();
}

/** Every component template under `appDir`: the .html files and the inline `template:` strings of .ts files. */
export function readTemplates(appDir: string): TemplateSource[] {
  const sources: TemplateSource[] = [];
  for (const path of walk(appDir, (n) => n.endsWith('.html'))) {
    sources.push({ file: relative(appDir, path), text: readFileSync(path, 'utf8') });
  }
  for (const path of walk(
    appDir,
    (n) =>
      n.endsWith('.ts') &&
      !n.endsWith('.spec.ts') &&
      !n.endsWith('.test.ts') &&
      !n.endsWith('.testing.ts'),
  )) {
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(/\btemplate:\s*`([^`]*)`/g)) {
      sources.push({ file: `${relative(appDir, path)} (inline)`, text: m[1]! });
    }
  }
  return sources;
}

const COMPARISON = /(===|!==|==|!=)\s*$/;

/** One operand read backwards from just before `end`: a (group), a 'quoted' text or a name; its start. */
function operandBefore(text: string, end: number): { start: number; subject: string } {
  let i = end - 1;
  while (i >= 0 && /\s/.test(text[i]!)) i--;
  const last = text[i];
  if (last === ')') {
    let depth = 0;
    for (let j = i; j >= 0; j--) {
      if (text[j] === ')') depth++;
      else if (text[j] === '(' && --depth === 0) return { start: j, subject: text.slice(j + 1, i) };
    }
    return { start: 0, subject: text.slice(0, i) };
  }
  if (last === "'" || last === '"') {
    const open = text.lastIndexOf(last, i - 1);
    return { start: open, subject: text.slice(open, i + 1) };
  }
  const m = /[\w.?!$[\]]+$/.exec(text.slice(0, i + 1));
  return m ? { start: i + 1 - m[0].length, subject: m[0] } : { start: i + 1, subject: '' };
}

/**
 * The expression the pipe applies to, read backwards from just before `| translate`. A pipe
 * binds looser than `+`, so `'prefix.' + code | translate` translates the whole sum.
 */
function subjectBefore(text: string, end: number): string {
  const parts: string[] = [];
  let at = end;
  for (;;) {
    const { start, subject } = operandBefore(text, at);
    parts.unshift(subject);
    const plus = /\+\s*$/.exec(text.slice(0, start));
    if (!plus || !subject) break;
    parts.unshift('+');
    at = plus.index;
  }
  return parts.join(' ');
}

/**
 * Every `| translate` in a template. A quoted key is a key; a quoted text followed by `+` is a
 * prefix completed at run time; quoted texts compared with ===/!== are values, not keys. An
 * expression with neither (a key held in a variable) cannot be checked and is reported.
 */
export function translateUses(source: TemplateSource): TranslateUse[] {
  const uses: TranslateUse[] = [];
  for (const m of source.text.matchAll(/\|\s*translate\b/g)) {
    const subject = subjectBefore(source.text, m.index!);
    const line = source.text.slice(0, m.index!).split('\n').length;
    const use: TranslateUse = {
      file: source.file,
      line,
      subject: subject.trim(),
      keys: [],
      prefixes: [],
      problems: [],
    };
    for (const lit of subject.matchAll(/'([^']*)'|"([^"]*)"/g)) {
      const value = lit[1] ?? lit[2] ?? '';
      const before = subject.slice(0, lit.index!);
      const after = subject.slice(lit.index! + lit[0].length);
      if (COMPARISON.test(before) || /^\s*(===|!==|==|!=)/.test(after)) continue;
      if (/\+\s*$/.test(before))
        use.problems.push(
          `text after a run-time part ('${value}') is not supported; build keys as 'prefix.' + code`,
        );
      else if (/^\s*\+/.test(after)) use.prefixes.push(value);
      else use.keys.push(value);
    }
    if (use.keys.length === 0 && use.prefixes.length === 0 && use.problems.length === 0) {
      use.problems.push(
        'the key is not written in the template, so it cannot be checked; write it as a literal or as a literal prefix + a typed code',
      );
    }
    uses.push(use);
  }
  return uses;
}

/** Keys named in TypeScript code through TranslateService (`instant('x')`, `get('x')`, `stream('x')`). */
export function codeKeys(appDir: string): { file: string; key: string }[] {
  const found: { file: string; key: string }[] = [];
  for (const path of walk(
    appDir,
    (n) =>
      n.endsWith('.ts') &&
      !n.endsWith('.spec.ts') &&
      !n.endsWith('.test.ts') &&
      !n.endsWith('.testing.ts'),
  )) {
    const text = readFileSync(path, 'utf8');
    if (!/TranslateService/.test(text)) continue;
    for (const m of text.matchAll(/\.(?:instant|get|stream)\(\s*'([\w.-]+)'/g))
      found.push({ file: relative(appDir, path), key: m[1]! });
  }
  return found;
}

// ---------------------------------------------------------------- values of TypeScript types

/** Where the values completing a dynamic key prefix come from. Paths are relative to the app folder. */
export type ValueSource =
  /** A type expression whose string literal members are the values, e.g. `import('./x').Issue['code']` (null/undefined ignored). */
  | { type: string }
  /** The types of the argument at `index` of every call to `fn` in `file`. */
  | { argument: { file: string; fn: string; index: number } }
  /** The types of every `property: value` in object literals of `file`. */
  | { property: { file: string; name: string } }
  /**
   * String literals inside function `fn` of `file` and the same-file functions it calls, except
   * those compared with ===/!== (for reason codes built by a chain of `??`).
   */
  | { literalsIn: { file: string; fn: string } };

export interface ResolvedValues {
  values: string[];
  /** Why some values could not be listed (a plain `string`, a number...). */
  problems: string[];
}

const VIRTUAL = '__i18n_key_values__.ts';

/**
 * Resolves every source with one TypeScript program over the app (strict settings, as the
 * Cloud App build uses). Returns the results in the same order as `sources`.
 */
export function resolveValueSources(appDir: string, sources: ValueSource[]): ResolvedValues[] {
  const virtualPath = join(appDir, VIRTUAL);
  const typeLines = sources
    .map((s, i) => ('type' in s ? `export type V${i} = ${s.type};` : ''))
    .join('\n');
  const files = new Set<string>([virtualPath]);
  for (const s of sources) {
    const file =
      'argument' in s
        ? s.argument.file
        : 'property' in s
          ? s.property.file
          : 'literalsIn' in s
            ? s.literalsIn.file
            : null;
    if (file) files.add(join(appDir, file));
  }
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    experimentalDecorators: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, language, onError, create) =>
    name === virtualPath
      ? ts.createSourceFile(name, typeLines, language)
      : getSourceFile(name, language, onError, create);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === virtualPath || fileExists(name);
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === virtualPath ? typeLines : readFile(name));
  const program = ts.createProgram([...files], options, host);
  const checker = program.getTypeChecker();

  return sources.map((source, i): ResolvedValues => {
    const out: ResolvedValues = { values: [], problems: [] };
    const addType = (type: ts.Type, where: string) => {
      for (const t of type.isUnion() ? type.types : [type]) {
        if (t.isStringLiteral()) out.values.push(t.value);
        else if (t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined | ts.TypeFlags.Never))
          continue;
        else out.problems.push(`${where}: ${checker.typeToString(t)} is not a list of known texts`);
      }
    };
    if ('type' in source) {
      const file = program.getSourceFile(virtualPath)!;
      const alias = file.statements.find(
        (st): st is ts.TypeAliasDeclaration =>
          ts.isTypeAliasDeclaration(st) && st.name.text === `V${i}`,
      )!;
      const diagnostics = program
        .getSemanticDiagnostics(file)
        .filter((d) => d.start !== undefined && d.start >= alias.pos && d.start < alias.end);
      for (const d of diagnostics)
        out.problems.push(`${source.type}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      if (!diagnostics.length) addType(checker.getTypeFromTypeNode(alias.type), source.type);
    } else {
      const file =
        'argument' in source
          ? source.argument.file
          : 'property' in source
            ? source.property.file
            : source.literalsIn.file;
      const sf = program.getSourceFile(join(appDir, file));
      if (!sf) {
        out.problems.push(`${file} not found`);
        return out;
      }
      if ('argument' in source) {
        const { fn, index } = source.argument;
        visit(sf, (node) => {
          if (
            ts.isCallExpression(node) &&
            ts.isIdentifier(node.expression) &&
            node.expression.text === fn &&
            node.arguments[index]
          ) {
            addType(
              checker.getTypeAtLocation(node.arguments[index]!),
              `${file}: ${fn}(…) argument ${index}`,
            );
          }
        });
      } else if ('property' in source) {
        visit(sf, (node) => {
          if (
            ts.isPropertyAssignment(node) &&
            ts.isIdentifier(node.name) &&
            node.name.text === source.property.name &&
            ts.isObjectLiteralExpression(node.parent)
          ) {
            addType(
              checker.getTypeAtLocation(node.initializer),
              `${file}: ${source.property.name}`,
            );
          }
        });
      } else {
        out.values.push(...literalsInFunction(sf, source.literalsIn.fn, out.problems));
      }
    }
    out.values = [...new Set(out.values)].sort();
    if (out.values.length === 0 && out.problems.length === 0) out.problems.push('no values found');
    return out;
  });
}

function visit(node: ts.Node, f: (node: ts.Node) => void): void {
  f(node);
  node.forEachChild((child) => visit(child, f));
}

function literalsInFunction(sf: ts.SourceFile, name: string, problems: string[]): string[] {
  const functions = new Map<string, ts.FunctionDeclaration>();
  for (const st of sf.statements)
    if (ts.isFunctionDeclaration(st) && st.name) functions.set(st.name.text, st);
  const seen = new Set<string>();
  const values: string[] = [];
  const collect = (fnName: string) => {
    if (seen.has(fnName)) return;
    seen.add(fnName);
    const fn = functions.get(fnName);
    if (!fn?.body) {
      problems.push(`function ${fnName} not found in ${sf.fileName}`);
      return;
    }
    visit(fn.body, (node) => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
        const parent = node.parent;
        const compared =
          ts.isBinaryExpression(parent) &&
          [
            ts.SyntaxKind.EqualsEqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsEqualsToken,
            ts.SyntaxKind.EqualsEqualsToken,
            ts.SyntaxKind.ExclamationEqualsToken,
          ].includes(parent.operatorToken.kind);
        if (!compared) values.push(node.text);
      } else if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        functions.has(node.expression.text)
      ) {
        collect(node.expression.text);
      }
    });
  };
  collect(name);
  return values;
}

/** The Cloud App's source folder (cloudapp/src/app) seen from this file. */
export function appFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  if (!existsSync(join(here, 'app.module.ts'))) throw new Error(`app.module.ts not beside ${here}`);
  return here;
}
