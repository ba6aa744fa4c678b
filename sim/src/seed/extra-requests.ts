import type { AlmaBorrowingRequest } from '../state.js';

/** The fields every seed request shares (a physical book for pickup at the main library). */
function base(requestId: string, requester: { value: string; desc: string }): AlmaBorrowingRequest {
  return {
    request_id: requestId,
    external_id: null,
    partner: null,
    status: { value: 'READY_TO_SEND', desc: 'Ready to be sent' },
    format: { value: 'PHYSICAL', desc: 'Physical' },
    citation_type: { value: 'BK', desc: 'Book' },
    level_of_service: { value: 'WHEN_CONVENIENT', desc: 'When convenient' },
    pickup_location: { value: 'MAIN', desc: 'Main Library' },
    pickup_location_type: 'LIBRARY',
    owner: 'RS_MAIN',
    requester,
    agree_to_copyright_terms: true,
    created_date: '2026-10-20Z',
    last_modified_date: '2026-11-02Z',
    last_interest_date: '2027-02-28Z',
    user_request: { link: `/almaws/v1/users/${requester.value}/requests/${requestId}` },
  };
}

const NUNEZ = { value: 'P1000457', desc: 'Núñez Ibáñez, María José' };
const DOE = { value: 'P1000231', desc: 'Doe, Alex' };

/**
 * Seed requests beyond the ten shared cases (Alma `user_resource_sharing_request`; personal data invented):
 * states the cases lack, for renew, clean cancel and reconcile.
 */
export const EXTRA_REQUESTS: AlmaBorrowingRequest[] = [
  // 11: exported to WorldShare, received and loaned to a second patron (loan 7300000101234, same barcode).
  {
    ...base('1987654320103', NUNEZ),
    partner: { value: 'WSILL', desc: 'WorldShareILL' },
    external_id: '187654330',
    status: { value: 'RECEIVED_PHYSICALLY', desc: 'Physically received by library' },
    barcode: 'ILL0001876543',
    title: 'Gödel, Escher, Bach : an eternal golden braid',
    author: 'Hofstadter, Douglas R.',
    isbn: '9780465026562',
    oclc_number: 'ocm04934746',
    year: '1979',
    publisher: 'Basic Books',
    place_of_publication: 'New York',
  },
  // 12: an exported article with a Japanese title and journal, still "sent" (a clean-cancel candidate).
  {
    ...base('1987654320110', NUNEZ),
    partner: { value: 'WSILL', desc: 'WorldShareILL' },
    external_id: '187654340',
    status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
    format: { value: 'DIGITAL', desc: 'Digital' },
    citation_type: { value: 'CR', desc: 'Article' },
    title: '日本の大学図書館における相互貸借の現状と課題',
    author: '佐藤, 花子',
    journal_title: '図書館雑誌',
    issn: '0385-4000',
    volume: '118',
    issue: '4',
    pages: '210-215',
    year: '2024',
  },
  // 13: a status this app has never heard of (a local workflow step), with a partner that is not WorldShare.
  {
    ...base('1987654320127', DOE),
    partner: { value: 'RAPID_NORTH', desc: 'Northern Rapid Consortium' },
    external_id: 'RN-20261104-0042',
    status: { value: 'X_LOCAL_HOLD_FOR_REVIEW', desc: 'On hold for review (local step)' },
    title: 'Principles of Hydrology',
    author: 'Ward, R. C.',
    isbn: '0077095022',
    year: '2000',
  },
  // 14: exported, received, loaned (loan 7300000105678) and already renewed once by the lender.
  {
    ...base('1987654320134', DOE),
    partner: { value: 'WSILL', desc: 'WorldShareILL' },
    external_id: '187654350',
    status: { value: 'RENEWED_BY_PARTNER', desc: 'Renewed by Partner' },
    barcode: 'ILL0001876544',
    due_date: '2027-01-15Z',
    title: 'Ocean Circulation and Climate',
    author: 'Siedler, Gerold',
    isbn: '9780123918512',
    edition: '2nd ed.',
    year: '2013',
    publisher: 'Academic Press',
  },
];
