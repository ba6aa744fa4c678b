/**
 * The one-line notice shown when stored settings had to be repaired (see domain/settings-repair.ts):
 * which known fields were reset, which unknown stored entries were dropped, and whether nothing
 * usable was stored at all (then every field is listed, and naming them all helps nobody).
 */
export interface RepairedSummary<P extends string> {
  /** Every known field was reset: nothing usable was stored (a fresh install, or `{}`). */
  everything: boolean;
  /** Known fields that took their default, in `known` order. */
  fields: P[];
  /** Stored entries the app does not know (removed on the next save), as stored. */
  unknown: string[];
}

/**
 * Splits the repaired dotted paths of `repairInstitutionConfig` / `repairUserSettings` into known
 * fields and unknown entries. Null when nothing was repaired.
 */
export function summarizeRepaired<P extends string>(
  repaired: readonly string[],
  known: readonly P[],
): RepairedSummary<P> | null {
  if (repaired.length === 0) return null;
  const set = new Set(repaired);
  const fields = known.filter((p) => set.has(p));
  const unknown = repaired.filter((p) => !(known as readonly string[]).includes(p));
  return { everything: fields.length === known.length, fields, unknown };
}
