/**
 * Unicode normalisation of text the app shows and sends. Alma may hold a citation typed or pasted
 * in decomposed form (an 'e' followed by U+0301 COMBINING ACUTE ACCENT); WorldShare, lenders' systems
 * and searches compare code points, so every text is put in Normalization Form C (composed, 'é' as
 * U+00E9) before it is previewed or sent. NFC never changes what a reader sees.
 */

/** `text` in NFC. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * A copy of a JSON-like value (objects, arrays, strings, numbers, booleans, null) with every
 * string, keys included, in NFC. Other values are kept as they are.
 */
export function nfcDeep<T>(value: T): T {
  if (typeof value === 'string') return nfc(value) as T;
  if (Array.isArray(value)) return value.map((v) => nfcDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[nfc(k)] = nfcDeep(v);
    return out as T;
  }
  return value;
}
