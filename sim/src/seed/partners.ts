import type { AlmaPartner } from '../state.js';

/**
 * Seed resource-sharing partners. WSILL/"WorldShareILL" is the partner the library's procedure names for
 * requests exported to OCLC WorldShare ILL (docs/contracts.md, "Alma calls that Ex Libris does not document"); the other is a second, non-WorldShare
 * partner so tests can tell "a partner" from "the WorldShare partner".
 */
export const SEED_PARTNERS: AlmaPartner[] = [
  { code: 'WSILL', name: 'WorldShareILL' },
  { code: 'RAPID_NORTH', name: 'Northern Rapid Consortium' },
];
