import { CASES } from '../../../fixtures/cases.js';
import type { AlmaBorrowingRequest } from '../state.js';

/**
 * The ten shared borrowing-request cases (fixtures/cases/, same ids and order) as the fake Alma holds
 * them: Alma's `user_resource_sharing_request` (users API), read from the shared test data, never
 * from the app.
 */
export const CASE_REQUESTS: AlmaBorrowingRequest[] = CASES.map((c) =>
  structuredClone(c.alma_request),
);
