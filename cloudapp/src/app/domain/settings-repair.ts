/**
 * Shape-driven repair of stored settings. Alma's Cloud App stores configuration and per-user
 * settings as free JSON; what comes back may be `{}` (never saved), an older shape, a value an
 * admin typed as text, or anything else. Repair never throws: every field that is missing, of the
 * wrong type or out of range takes its default, unknown keys are dropped, and each fix is reported
 * by its dotted path so the UI can say what was reset.
 */

/** How one stored field is checked. */
export type FieldRule =
  | { kind: 'literal'; value: string | number | boolean }
  | { kind: 'string'; trim?: boolean; valid?: (value: string) => boolean }
  | { kind: 'enum'; values: readonly string[] }
  | { kind: 'boolean' }
  | { kind: 'integer'; min: number; max: number }
  | { kind: 'number'; min: number; max: number; nullable?: boolean }
  | { kind: 'object'; fields: ShapeRules }
  /** A key the app no longer uses: dropped without being reported, so an older save is not called damaged. */
  | { kind: 'retired' };

/** Rules for each key of an object. */
export type ShapeRules = { readonly [key: string]: FieldRule };

/** A repaired value and the dotted paths that were fixed (empty when the input was already right). */
export interface Repaired<T> {
  config: T;
  repaired: string[];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A finite number from a number or a numeric string ('25', ' 7.5 '); null otherwise. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (
    typeof value === 'string' &&
    value.trim() !== '' &&
    /^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim())
  ) {
    return Number(value.trim());
  }
  return null;
}

/**
 * Checks `value` against `rule`; returns the value to keep and whether it had to be changed.
 * Numeric strings are accepted for numbers (and reported as repaired, since their type changed).
 */
function repairField(
  value: unknown,
  rule: FieldRule,
  fallback: unknown,
  path: string,
  repaired: string[],
): unknown {
  const reset = (): unknown => {
    repaired.push(path);
    return cloneJson(fallback);
  };
  switch (rule.kind) {
    case 'literal':
      return value === rule.value ? value : reset();
    case 'string':
      if (typeof value !== 'string') return reset();
      if (rule.valid && !rule.valid(rule.trim ? value.trim() : value)) return reset();
      if (rule.trim && value.trim() !== value) {
        repaired.push(path);
        return value.trim();
      }
      return value;
    case 'enum':
      return typeof value === 'string' && rule.values.includes(value) ? value : reset();
    case 'boolean':
      return typeof value === 'boolean' ? value : reset();
    case 'integer': {
      const n = asNumber(value);
      if (n === null || !Number.isInteger(n) || n < rule.min || n > rule.max) return reset();
      if (typeof value !== 'number') repaired.push(path);
      return n;
    }
    case 'number': {
      if (value === null && rule.nullable) return null;
      const n = asNumber(value);
      if (n === null || n < rule.min || n > rule.max) return reset();
      if (typeof value !== 'number') repaired.push(path);
      return n;
    }
    case 'retired':
      return undefined;
    case 'object': {
      if (!isPlainObject(value)) {
        repaired.push(...leafPaths(rule.fields, path));
        return cloneJson(fallback);
      }
      return repairShape(
        value,
        rule.fields,
        (fallback ?? {}) as Record<string, unknown>,
        path,
        repaired,
      );
    }
  }
}

function leafPaths(rules: ShapeRules, prefix: string): string[] {
  return Object.entries(rules).flatMap(([key, rule]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (rule.kind === 'retired') return [];
    return rule.kind === 'object' ? leafPaths(rule.fields, path) : [path];
  });
}

function cloneJson<T>(value: T): T {
  return value === null || typeof value !== 'object'
    ? value
    : (JSON.parse(JSON.stringify(value)) as T);
}

function repairShape(
  raw: Record<string, unknown>,
  rules: ShapeRules,
  defaults: Record<string, unknown>,
  prefix: string,
  repaired: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, rule] of Object.entries(rules)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (rule.kind === 'retired') continue;
    if (!(key in raw)) {
      repaired.push(...(rule.kind === 'object' ? leafPaths(rule.fields, path) : [path]));
      out[key] = cloneJson(defaults[key]);
      continue;
    }
    out[key] = repairField(raw[key], rule, defaults[key], path, repaired);
  }
  for (const key of Object.keys(raw)) {
    if (!(key in rules)) repaired.push(prefix ? `${prefix}.${key}` : key);
  }
  return out;
}

/**
 * Repairs `raw` against `rules`, filling from `defaults` (which must satisfy the rules).
 * Anything that is not an object (null, a string, an array) counts as empty: every leaf path is
 * reported and the defaults are returned.
 */
export function repairToShape<T extends object>(
  raw: unknown,
  rules: ShapeRules,
  defaults: T,
): Repaired<T> {
  const repaired: string[] = [];
  const source = isPlainObject(raw) ? raw : {};
  const config = repairShape(
    source,
    rules,
    defaults as unknown as Record<string, unknown>,
    '',
    repaired,
  ) as T;
  return { config, repaired };
}
