import type { AlmaLoan } from '../state.js';

/**
 * Seed patron loans (Alma `item_loan` subset; personal data invented). Two are loans of the temporary items
 * Alma created on receiving exported requests (item barcodes equal to those requests' `barcode`); one is an
 * ordinary loan of the same patron, so matching a borrowing request to its loan must go by barcode.
 */
export const SEED_LOANS: AlmaLoan[] = [
  {
    loan_id: '7300000101234',
    user_id: 'P1000457',
    item_barcode: 'ILL0001876543',
    due_date: '2026-12-20T23:59:00Z',
    loan_date: '2026-11-02T14:12:00Z',
    title: 'Gödel, Escher, Bach : an eternal golden braid',
  },
  {
    loan_id: '7300000105678',
    user_id: 'P1000231',
    item_barcode: 'ILL0001876544',
    due_date: '2027-01-15T23:59:00Z',
    loan_date: '2026-11-10T10:05:00Z',
    title: 'Ocean Circulation and Climate',
  },
  {
    loan_id: '7300000109999',
    user_id: 'P1000231',
    item_barcode: '39001001234567',
    due_date: '2026-12-31T23:59:00Z',
    loan_date: '2026-11-20T09:30:00Z',
    title: 'Introduction to Algorithms',
  },
];
