/**
 * The shared test cases 01-10 (e2e/fixtures/cases.json): each Alma borrowing request and what the
 * export must do with it. Copied verbatim so the browser specs need no file access; keep in step
 * with the e2e fixture.
 */
import type { AlmaBorrowingRequest } from '../alma-request';

export interface CaseExpectation {
  export: 'ready' | 'warn' | 'blocked';
  service_type?: 'LOAN' | 'COPY';
  /** Strings that must appear somewhere in the body sent. */
  sent?: string[];
  /** Strings that must not appear anywhere in the body sent. */
  not_sent?: string[];
  /** For "warn": which warning (isbn, needed). */
  warning?: string;
  /** For "blocked": why (title, already, status). */
  reason?: string;
  note?: string;
}

export interface ExportCase {
  id: string;
  why: string;
  alma_request: AlmaBorrowingRequest;
  expect: CaseExpectation;
}

export const CASES: readonly ExportCase[] = [
  {
    id: '01-book-physical',
    why: 'Plain book loan with ISBN and OCLC number.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'The Structure of Scientific Revolutions',
      author: 'Kuhn, Thomas S.',
      isbn: '9780226458083',
      oclc_number: '(OCoLC)1167925',
      year: '2012',
      edition: '4th ed.',
      publisher: 'University of Chicago Press',
      place_of_publication: 'Chicago',
      request_id: '1987654320004',
    },
    expect: {
      export: 'ready',
      service_type: 'LOAN',
      sent: ['The Structure of Scientific Revolutions', '9780226458083', '1167925'],
      not_sent: ['P1000231', 'Doe, Alex', '(OCoLC)'],
    },
  },
  {
    id: '02-article-digital',
    why: 'Journal article copy: Alma title is the article title, journal_title the journal.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'DIGITAL',
        desc: 'Digital',
      },
      citation_type: {
        value: 'CR',
        desc: 'Article',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Measuring drift in long-running interlibrary loan queues',
      author: 'Okafor, N.',
      journal_title: 'Journal of Access Services',
      issn: '1536-7967',
      volume: '21',
      issue: '3',
      pages: '145-162',
      year: '2024',
      doi: '10.1080/15367967.2024.0000001',
      request_id: '1987654320011',
    },
    expect: {
      export: 'ready',
      service_type: 'COPY',
      sent: [
        'Measuring drift in long-running interlibrary loan queues',
        'Journal of Access Services',
        '1536-7967',
        '21',
        '145-162',
      ],
      not_sent: ['P1000231'],
    },
  },
  {
    id: '03-unicode-long',
    why: 'Diacritics, CJK, Greek, typographic quotes, XML specials and a 1,200-character title.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title:
        "L'été & [Winter] <draft> — Ærø “Ελληνικά” 中文 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      author: 'Müller, Jürgen',
      isbn: '9783161484100',
      year: '2019',
      request_id: '1987654320028',
    },
    expect: {
      export: 'ready',
      service_type: 'LOAN',
      sent: ["L'été & [Winter] <draft> — Ærø “Ελληνικά” 中文", 'Müller, Jürgen'],
      note: 'characters arrive unchanged; if WorldShare limits length, the cut is reported, never silent',
    },
  },
  {
    id: '04-bad-isbn',
    why: 'ISBN with a wrong check digit and no other identifier.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Handbook of Cataloguing Practice',
      author: 'Reyes, M.',
      isbn: '978-0-306-40615-X',
      year: '2001',
      request_id: '1987654320035',
    },
    expect: {
      export: 'warn',
      warning: 'isbn',
      service_type: 'LOAN',
      not_sent: ['978-0-306-40615-X'],
    },
  },
  {
    id: '05-no-title',
    why: 'Citation without a title.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: '',
      author: 'Anon.',
      isbn: '',
      request_id: '1987654320042',
    },
    expect: {
      export: 'blocked',
      reason: 'title',
    },
  },
  {
    id: '06-already-exported',
    why: 'Already sent to the WorldShare partner: export must not be offered again; renew and clean cancel are.',
    alma_request: {
      external_id: '187654321',
      partner: {
        value: 'WSILL',
        desc: 'WorldShareILL',
      },
      status: {
        value: 'REQUEST_SENT',
        desc: 'Request sent to partner',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Atlas of Medieval Trade Routes',
      author: 'Lindqvist, E.',
      isbn: '9780300123456',
      request_id: '1987654320059',
    },
    expect: {
      export: 'blocked',
      reason: 'already',
    },
  },
  {
    id: '07-chapter-copy',
    why: 'Book chapter scan: digital, book citation with chapter fields.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'DIGITAL',
        desc: 'Digital',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Methods in Field Linguistics',
      chapter_title: 'Chapter 3: Elicitation',
      chapter_author: 'Tanaka, H.',
      author: 'Berg, L.',
      isbn: '9780199593576',
      pages: '45–78',
      year: '2015',
      request_id: '1987654320066',
    },
    expect: {
      export: 'ready',
      service_type: 'COPY',
      sent: ['Chapter 3: Elicitation', 'Methods in Field Linguistics', '45'],
    },
  },
  {
    id: '08-partner-null-locate-failed',
    why: 'Locate failed, no partner yet: the normal candidate for export.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'LOCATE_FAILED',
        desc: 'Locate failed',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Soil Microbiology',
      author: 'Patel, R.',
      oclc_number: 'ocm00012345',
      request_id: '1987654320073',
    },
    expect: {
      export: 'ready',
      service_type: 'LOAN',
      sent: ['12345'],
    },
  },
  {
    id: '09-cancelled',
    why: 'Already cancelled or completed requests get no actions.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'REQUEST_CANCELED',
        desc: 'Canceled',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2026-12-31Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Gone Already',
      author: 'Nobody',
      request_id: '1987654320080',
    },
    expect: {
      export: 'blocked',
      reason: 'status',
    },
  },
  {
    id: '10-past-needed-by',
    why: 'Needed-by date already passed.',
    alma_request: {
      external_id: null,
      partner: null,
      status: {
        value: 'READY_TO_SEND',
        desc: 'Ready to be sent',
      },
      format: {
        value: 'PHYSICAL',
        desc: 'Physical',
      },
      citation_type: {
        value: 'BK',
        desc: 'Book',
      },
      level_of_service: {
        value: 'WHEN_CONVENIENT',
        desc: 'When convenient',
      },
      pickup_location: {
        value: 'MAIN',
        desc: 'Main Library',
      },
      pickup_location_type: 'LIBRARY',
      owner: 'RS_MAIN',
      requester: {
        value: 'P1000231',
        desc: 'Doe, Alex',
      },
      agree_to_copyright_terms: true,
      created_date: '2026-10-02Z',
      last_modified_date: '2026-10-02Z',
      last_interest_date: '2025-01-15Z',
      user_request: {
        link: '/almaws/v1/users/P1000231/requests/1987654320004',
      },
      title: 'Late Request',
      author: 'Kim, S.',
      isbn: '9780262033848',
      request_id: '1987654320097',
    },
    expect: {
      export: 'warn',
      warning: 'needed',
    },
  },
];

/** One case by its id prefix ("01", "04"...). */
export function caseById(prefix: string): ExportCase {
  const found = CASES.find((c) => c.id.startsWith(prefix));
  if (!found) throw new Error(`no test case ${prefix}`);
  return found;
}
