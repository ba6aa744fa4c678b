/**
 * The shared borrowing-request cases 01-10 (fixtures/cases/, one JSON file each): each Alma
 * borrowing request and what the export must do with it, typed as the app reads Alma's records.
 */
import { CASES as SHARED_CASES, caseOf, type Case } from '../../../../../fixtures/cases';
import type { AlmaBorrowingRequest } from '../alma-request';

export interface ExportCase extends Omit<Case, 'alma_request'> {
  alma_request: AlmaBorrowingRequest;
}

/** The ten cases, in order (01 .. 10); shared objects, so copy one before changing it. */
export const CASES: readonly ExportCase[] = SHARED_CASES;

/**
 * A copy of one case by its number ("01", "04"...) or full id.
 * @throws Error when no case has that id.
 */
export function caseById(id: string): ExportCase {
  return caseOf(id);
}
