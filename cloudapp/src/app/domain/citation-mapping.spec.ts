import type { AlmaBorrowingRequest } from './alma-request';
import { CITATION_FIELDS } from './citation-fields';
import {
  buildIllRequest,
  isChapterRequest,
  serviceTypeFor,
  type ExportIssueCode,
  type ExportPlan,
} from './citation-mapping';
import { exportBlocks } from './export-checks';
import { DEFAULT_INSTITUTION_CONFIG } from './institution-config';
import { CASES, caseById } from './testing/cases';
import { TODAY, configuredInstitution } from './testing/institution';

const WARNING_CODES: Record<string, ExportIssueCode> = {
  isbn: 'isbn-invalid',
  needed: 'needed-by-past',
};
const BLOCK_CODES: Record<string, ExportIssueCode> = {
  title: 'no-title',
  already: 'already-exported',
  status: 'status-not-exportable',
};

function plan(
  request: AlmaBorrowingRequest,
  config = configuredInstitution(),
  today = TODAY,
): ExportPlan {
  return buildIllRequest(request, config, today);
}

function ready(overrides: Partial<AlmaBorrowingRequest>): AlmaBorrowingRequest {
  return {
    request_id: '5550001',
    status: { value: 'READY_TO_SEND' },
    partner: null,
    external_id: null,
    format: { value: 'PHYSICAL' },
    citation_type: { value: 'BK' },
    title: 'A Title',
    author: 'An Author',
    isbn: '9780226458083',
    last_interest_date: '2027-01-15Z',
    ...overrides,
  };
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** Every field of a borrowing request that is not citation data, each holding a unique marker. */
function patronDataOf(tag: string): Partial<AlmaBorrowingRequest> & Record<string, unknown> {
  return {
    requester: { value: `${tag}-requester-id`, desc: `${tag}-requester-name` },
    user_request: { link: `/almaws/v1/users/${tag}-user/requests/1`, value: `${tag}-user-request` },
    pickup_location: { value: `${tag}-pickup`, desc: `${tag}-pickup-desc` },
    pickup_location_type: `${tag}-pickup-type`,
    owner: `${tag}-owner`,
    note: `${tag}-note Please call Jane Doe at jane@example.org`,
    bib_note: `${tag}-bib-note`,
    barcode: `${tag}-barcode`,
    text_email: `${tag}@example.org`,
    text_postal_1: `${tag}-street`,
    text_postal_2: `${tag}-city`,
    text_postal_3: `${tag}-region`,
    text_postal_4: `${tag}-postcode`,
    level_of_service: { value: `${tag}-los`, desc: `${tag}-los-desc` },
    maximum_fee: `${tag}-fee`,
    created_date: `${tag}-created`,
    last_modified_date: `${tag}-modified`,
    // fields Alma may add that the app has never heard of
    patron_email: `${tag}-email-future`,
    user_primary_id: `${tag}-primary-id`,
    additional_id: { value: `${tag}-nested` },
  };
}

describe('citation-mapping', () => {
  describe('the shared cases 01-10', () => {
    for (const c of CASES) {
      describe(c.id, () => {
        it(`matches its expectation (${c.expect.export})`, () => {
          const p = plan(c.alma_request);
          const sent = JSON.stringify(p.body);
          if (c.expect.service_type) expect(p.serviceType).toBe(c.expect.service_type);
          if (c.expect.service_type)
            expect(p.body.illRequest.requester.serviceType).toBe(c.expect.service_type);
          for (const s of c.expect.sent ?? []) expect(sent).withContext(`sent: ${s}`).toContain(s);
          for (const s of c.expect.not_sent ?? [])
            expect(sent).withContext(`not sent: ${s}`).not.toContain(s);
          const warningCodes = p.warnings.map((w) => w.code);
          switch (c.expect.export) {
            case 'ready':
              expect(p.blocks).toEqual([]);
              expect(p.warnings).toEqual([]);
              break;
            case 'warn':
              expect(p.blocks).toEqual([]);
              expect(warningCodes).toContain(
                WARNING_CODES[c.expect.warning ?? ''] as ExportIssueCode,
              );
              break;
            case 'blocked':
              expect(p.blocks.length).toBeGreaterThan(0);
              expect(p.blocks[0]?.code).toBe(BLOCK_CODES[c.expect.reason ?? ''] as ExportIssueCode);
              break;
          }
        });

        it('sends nothing that names or locates the patron', () => {
          const sent = JSON.stringify(plan(c.alma_request).body);
          const r = c.alma_request;
          for (const s of [
            r.requester?.value,
            r.requester?.desc,
            r.user_request?.link,
            r.owner,
            r.pickup_location?.desc,
          ]) {
            if (s) expect(sent).withContext(String(s)).not.toContain(s);
          }
          expect(sent).not.toMatch(/P1000231|Doe, Alex|RS_MAIN|Main Library/);
        });

        it('still sends nothing of the patron when every patron field is filled', () => {
          const tag = `PATRON${c.id.slice(0, 2)}`;
          const request = { ...c.alma_request, ...patronDataOf(tag) } as AlmaBorrowingRequest;
          const p = plan(request);
          const everything = JSON.stringify(p);
          expect(everything).not.toContain(tag);
          expect(everything).not.toContain('Jane Doe');
          expect(everything).not.toContain('@example.org');
        });
      });
    }
  });

  describe('books', () => {
    it('maps case 01 field by field', () => {
      const p = plan(caseById('01').alma_request);
      expect(p.body).toEqual({
        illRequest: {
          needed: '2026-12-31T00:00:00.000Z',
          requestStatus: 'SUBMITTING',
          referenceId: '1987654320004',
          item: {
            title: 'The Structure of Scientific Revolutions',
            author: 'Kuhn, Thomas S.',
            publicationDate: '2012',
            publisherName: 'University of Chicago Press',
            publicationPlace: 'Chicago',
            edition: { editionSpecific: '4th ed.' },
            isbn: '9780226458083',
            oclcNumber: 1167925,
          },
          requester: {
            institution: { institutionId: 128807 },
            serviceType: 'LOAN',
            supplierInfo: { institutions: [{ institutionId: 148456 }, { institutionId: 116402 }] },
            requesterBilling: {
              address: {
                attention: 'ILL Accounts',
                address1: '100 Library Way',
                locality: 'Springfield',
                region: 'OH',
                postal: '45501',
                country: 'US',
              },
              maximumCost: { currency: 'USD', amount: 25 },
            },
            requesterDelivery: {
              address: {
                attention: 'ILL Accounts',
                address1: '100 Library Way',
                locality: 'Springfield',
                region: 'OH',
                postal: '45501',
                country: 'US',
              },
            },
          },
        },
      });
      expect(typeof p.body.illRequest.item.oclcNumber).toBe('number');
    });

    it('passes case 03 text through unchanged, every one of its characters', () => {
      const request = caseById('03').alma_request;
      const p = plan(request);
      expect(p.body.illRequest.item.title).toBe(request.title as string);
      expect((p.body.illRequest.item.title ?? '').length).toBe((request.title as string).length);
      expect((request.title as string).length).toBeGreaterThan(1100);
      expect(p.body.illRequest.item.author).toBe('Müller, Jürgen');
      expect(JSON.parse(JSON.stringify(p.body)).illRequest.item.title).toBe(request.title);
    });

    it('trims only leading and trailing whitespace', () => {
      const p = plan(ready({ title: '  \t A  <b>&"quoted"</b>  \n', author: ' Ó Briain,  Seán ' }));
      expect(p.body.illRequest.item.title).toBe('A  <b>&"quoted"</b>');
      expect(p.body.illRequest.item.author).toBe('Ó Briain,  Seán');
    });

    it('asks for a LOAN for a physical book and when the format is missing', () => {
      expect(serviceTypeFor(ready({}))).toBe('LOAN');
      expect(serviceTypeFor(ready({ format: null }))).toBe('LOAN');
      expect(serviceTypeFor(ready({ format: { value: 'physical' } }))).toBe('LOAN');
    });

    it('asks for a COPY for digital and non-returnable requests', () => {
      expect(serviceTypeFor(ready({ format: { value: 'DIGITAL' } }))).toBe('COPY');
      expect(serviceTypeFor(ready({ format: { value: 'PHYSICAL_NON_RETURNABLE' } }))).toBe('COPY');
    });

    it('warns when a book has neither author nor editor', () => {
      expect(plan(ready({ author: null })).warnings.map((w) => w.code)).toContain('no-author');
      expect(plan(ready({ author: '  ' })).warnings.map((w) => w.code)).toContain('no-author');
      expect(
        plan(ready({ author: null, editor: 'Ed, Itor' })).warnings.map((w) => w.code),
      ).not.toContain('no-author');
    });
  });

  describe('articles', () => {
    it('maps case 02: the article into articleTitle/articleAuthor, the journal into title', () => {
      const p = plan(caseById('02').alma_request);
      expect(p.serviceType).toBe('COPY');
      expect(p.body.illRequest.item).toEqual({
        title: 'Journal of Access Services',
        articleTitle: 'Measuring drift in long-running interlibrary loan queues',
        articleAuthor: 'Okafor, N.',
        issueVolume: '21',
        issueDate: '2024',
        pages: '145-162',
        issn: '1536-7967',
        verification: 'Issue: 3; DOI: 10.1080/15367967.2024.0000001',
      });
    });

    it('always asks for a COPY, even when the format says physical', () => {
      expect(
        serviceTypeFor({ citation_type: { value: 'CR' }, format: { value: 'PHYSICAL' } }),
      ).toBe('COPY');
    });

    it('is blocked only when both article title and journal title are missing', () => {
      const article = ready({
        citation_type: { value: 'CR' },
        format: { value: 'DIGITAL' },
        isbn: null,
        issn: '1536-7967',
      });
      expect(plan({ ...article, title: null, journal_title: 'J' }).blocks).toEqual([]);
      expect(plan({ ...article, title: 'T', journal_title: null }).blocks).toEqual([]);
      expect(
        plan({ ...article, title: ' ', journal_title: null }).blocks.map((b) => b.code),
      ).toEqual(['no-title']);
    });

    it('warns when the journal title is missing, and never about the author', () => {
      const p = plan(
        ready({
          citation_type: { value: 'CR' },
          title: 'An article',
          author: null,
          journal_title: null,
        }),
      );
      const codes = p.warnings.map((w) => w.code);
      expect(codes).toContain('no-journal-title');
      expect(codes).not.toContain('no-author');
      expect(p.body.illRequest.item.title).toBeUndefined();
      expect(p.body.illRequest.item.articleTitle).toBe('An article');
    });
  });

  describe('book chapters', () => {
    it('maps case 07: the chapter into articleTitle/articleAuthor, the book into title/author', () => {
      const p = plan(caseById('07').alma_request);
      expect(p.serviceType).toBe('COPY');
      expect(p.body.illRequest.item).toEqual({
        title: 'Methods in Field Linguistics',
        articleTitle: 'Chapter 3: Elicitation',
        articleAuthor: 'Tanaka, H.',
        author: 'Berg, L.',
        publicationDate: '2015',
        pages: '45–78',
        isbn: '9780199593576',
      });
    });

    it('treats a chapter title, or any digital book request, as a chapter', () => {
      expect(isChapterRequest(ready({ chapter_title: 'Ch. 1' }))).toBeTrue();
      expect(isChapterRequest(ready({ format: { value: 'DIGITAL' } }))).toBeTrue();
      expect(isChapterRequest(ready({}))).toBeFalse();
      expect(
        isChapterRequest(ready({ citation_type: { value: 'CR' }, chapter_title: 'x' })),
      ).toBeFalse();
    });

    it('keeps the chapter author of a plain book request in verification', () => {
      const p = plan(ready({ chapter_author: 'Someone, C.' }));
      expect(p.body.illRequest.item.articleAuthor).toBeUndefined();
      expect(p.body.illRequest.item.verification).toBe('Chapter author: Someone, C.');
    });
  });

  describe('no citation field is dropped', () => {
    it('places every allow-listed field with a value somewhere in the body', () => {
      const request: AlmaBorrowingRequest = {
        ...ready({}),
        format: { value: 'DIGITAL' },
        title: 'F-title',
        journal_title: 'F-journal',
        chapter_title: 'F-chapter-title',
        author: 'F-author',
        author_initials: 'F-initials',
        chapter_author: 'F-chapter-author',
        editor: 'F-editor',
        additional_person_name: 'F-person',
        edition: 'F-edition',
        specific_edition: true,
        publisher: 'F-publisher',
        place_of_publication: 'F-place',
        year: 'F-year',
        volume: 'F-volume',
        issue: 'F-issue',
        part: 'F-part',
        chapter: 'F-chapter-number',
        pages: 'F-pages',
        start_page: 'F-start',
        end_page: 'F-end',
        series_title_number: 'F-series',
        isbn: '9780226458083',
        issn: '1536-7967',
        oclc_number: '(OCoLC)1167925',
        lcc_number: 'F-lccn',
        other_standard_id: 'F-other-id',
        doi: 'F-doi',
        pmid: 'F-pmid',
        call_number: 'F-call',
        source: 'F-source',
        requested_language: { value: 'ger', desc: 'F-German' },
      };
      const p = plan(request);
      const sent = JSON.stringify(p.body);
      const expected = CITATION_FIELDS.map((f) => {
        if (f === 'specific_edition') return 'This edition only: yes';
        if (f === 'requested_language') return 'F-German';
        if (f === 'isbn') return '9780226458083';
        if (f === 'issn') return '1536-7967';
        if (f === 'oclc_number') return '1167925';
        return String(request[f]);
      });
      for (const value of expected) expect(sent).withContext(value).toContain(value);
      expect(p.body.illRequest.item.verification).toBe(
        'Journal title: F-journal; Author initials: F-initials; Editor: F-editor; Additional person: F-person; ' +
          'This edition only: yes; Issue: F-issue; Part: F-part; Chapter: F-chapter-number; Start page: F-start; ' +
          'End page: F-end; Series: F-series; LCCN: F-lccn; Other standard number: F-other-id; DOI: F-doi; ' +
          'PMID: F-pmid; Call number: F-call; Source: F-source; Language: F-German',
      );
    });

    it('builds pages from start and end page when pages is empty, and does not repeat them', () => {
      const p = plan(ready({ pages: null, start_page: '45', end_page: '78' }));
      expect(p.body.illRequest.item.pages).toBe('45-78');
      expect(p.body.illRequest.item.verification).toBeUndefined();
      expect(
        plan(ready({ pages: '45-78', start_page: '45', end_page: '78' })).body.illRequest.item
          .verification,
      ).toBeUndefined();
      expect(plan(ready({ pages: null, start_page: '45' })).body.illRequest.item.pages).toBe('45');
    });

    it('never copies the Alma note, even when it looks like a citation', () => {
      const p = plan(ready({ note: 'DOI: 10.1/secret-note', bib_note: 'Bib note' }));
      expect(JSON.stringify(p)).not.toContain('secret-note');
      expect(JSON.stringify(p)).not.toContain('Bib note');
    });

    it('does not change the request it reads', () => {
      const request = deepFreeze(
        JSON.parse(JSON.stringify(caseById('02').alma_request)) as AlmaBorrowingRequest,
      );
      expect(() => plan(request)).not.toThrow();
      expect(request).toEqual(caseById('02').alma_request);
    });
  });

  describe('Unicode', () => {
    const decomposed = 'Me\u0301moires d\u2019un ge\u0301ographe';
    const composed = 'M\u00e9moires d\u2019un g\u00e9ographe';

    it('sends every text in NFC: a decomposed é goes as one character', () => {
      const p = plan(
        ready({ title: decomposed, author: 'Bre\u0301al, Michel', publisher: 'Pre\u0301sses' }),
      );
      const item = p.body.illRequest.item;
      expect(item.title).toBe(composed);
      expect(item.title!.length).toBe(composed.length);
      expect(item.author).toBe('Br\u00e9al, Michel');
      expect(JSON.stringify(p.body)).not.toMatch(/\u0301/);
    });

    it('puts the verification note and configuration text in NFC too', () => {
      const p = plan(ready({ doi: '10.1000/e\u0301t\u00e9' } as Partial<AlmaBorrowingRequest>));
      expect(JSON.stringify(p.body)).not.toMatch(/\u0301/);
    });
  });

  describe('identifiers', () => {
    it('does not send an invalid ISBN anywhere and warns with the raw value (case 04)', () => {
      const p = plan(caseById('04').alma_request);
      expect(p.body.illRequest.item.isbn).toBeUndefined();
      expect(JSON.stringify(p.body)).not.toContain('40615');
      expect(p.warnings).toContain({
        code: 'isbn-invalid',
        field: 'isbn',
        value: '978-0-306-40615-X',
      });
      expect(p.warnings).toContain({ code: 'no-identifier' });
    });

    it('sends a valid ISBN as digits and a valid ISSN as NNNN-NNNN', () => {
      const p = plan(ready({ isbn: '978-1-55652-302-1', issn: '15367967' }));
      expect(p.body.illRequest.item.isbn).toBe('9781556523021');
      expect(p.body.illRequest.item.issn).toBe('1536-7967');
    });

    for (const [typed, sent] of [
      ['9780521860765; 0521860768', '9780521860765'],
      ['0521860768 paperback', '0521860768'],
      ['0521860768 (pbk.)', '0521860768'],
      ['ISBN 978-0-521-86076-5 (hbk.) | 0-521-86076-8 (pbk.)', '9780521860765'],
      ['0521860768, 9780521860765 hardcover', '0521860768'],
    ] as const) {
      it(`sends the first valid ISBN of "${typed}" and nothing else, the other form of the same book counting as one`, () => {
        const p = plan(ready({ isbn: typed }));
        expect(p.body.illRequest.item.isbn).toBe(sent);
        expect(p.body.illRequest.item.verification ?? '').not.toContain('ISBN');
        expect(p.warnings).toEqual([]);
      });
    }

    it('puts further valid ISBNs in the verification note and warns about the invalid ones only', () => {
      const p = plan(
        ready({ isbn: '9780226458083 print; 0-306-40615-2 electronic, 978-0-306-40615-X' }),
      );
      expect(p.body.illRequest.item.isbn).toBe('9780226458083');
      expect(p.body.illRequest.item.verification).toContain('Other ISBN: 0306406152');
      expect(JSON.stringify(p.body)).not.toContain('40615X');
      expect(p.warnings).toEqual([
        { code: 'isbn-invalid', field: 'isbn', value: '978-0-306-40615-X' },
      ]);
    });

    it('splits an ISSN field the same way: print first, electronic to the notes', () => {
      const p = plan(ready({ isbn: null, issn: '0028-0836 (print); 1476-4687 (electronic)' }));
      expect(p.body.illRequest.item.issn).toBe('0028-0836');
      expect(p.body.illRequest.item.verification).toContain('Other ISSN: 1476-4687');
      expect(p.warnings).toEqual([]);
    });

    it('warns with the field as typed when it holds no number at all', () => {
      const p = plan(ready({ isbn: 'pbk.' }));
      expect(p.body.illRequest.item.isbn).toBeUndefined();
      expect(p.warnings).toContain({ code: 'isbn-invalid', field: 'isbn', value: 'pbk.' });
    });

    it('warns about an invalid ISSN and does not send it', () => {
      const p = plan(ready({ issn: '1536-7968' }));
      expect(p.body.illRequest.item.issn).toBeUndefined();
      expect(JSON.stringify(p.body)).not.toContain('7968');
      expect(p.warnings).toEqual([{ code: 'issn-invalid', field: 'issn', value: '1536-7968' }]);
    });

    it('sends the OCLC number as a number and warns about one that is not (case 08)', () => {
      expect(plan(caseById('08').alma_request).body.illRequest.item.oclcNumber).toBe(12345);
      const p = plan(ready({ isbn: null, oclc_number: '(OCoLC)n/a' }));
      expect(p.body.illRequest.item.oclcNumber).toBeUndefined();
      expect(p.warnings.map((w) => w.code)).toEqual(['oclc-invalid', 'no-identifier']);
      expect(p.warnings[0]?.value).toBe('(OCoLC)n/a');
      expect(
        plan(ready({ isbn: null, oclc_number: '99999999999999999999' })).warnings.map(
          (w) => w.code,
        ),
      ).toContain('oclc-invalid');
    });

    it('warns when there is no identifier at all', () => {
      expect(plan(ready({ isbn: null })).warnings).toEqual([{ code: 'no-identifier' }]);
      expect(plan(ready({ isbn: null, oclc_number: 'ocn42' })).warnings).toEqual([]);
      expect(plan(ready({ isbn: null, issn: '0378-5955' })).warnings).toEqual([]);
    });
  });

  describe('needed-by date', () => {
    it('sends last_interest_date at midnight UTC', () => {
      expect(plan(ready({ last_interest_date: '2027-02-01Z' })).body.illRequest.needed).toBe(
        '2027-02-01T00:00:00.000Z',
      );
    });

    it('uses today + neededByDays when Alma has none or an unreadable one', () => {
      expect(plan(ready({ last_interest_date: null })).body.illRequest.needed).toBe(
        '2026-12-30T00:00:00.000Z',
      );
      expect(plan(ready({ last_interest_date: 'someday' })).body.illRequest.needed).toBe(
        '2026-12-30T00:00:00.000Z',
      );
      const config = configuredInstitution();
      config.defaults.neededByDays = 7;
      expect(plan(ready({ last_interest_date: null }), config).body.illRequest.needed).toBe(
        '2026-12-07T00:00:00.000Z',
      );
    });

    it('warns about a past date and sends today + neededByDays instead, saying so (case 10)', () => {
      const p = plan(caseById('10').alma_request);
      expect(p.body.illRequest.needed).toBe('2026-12-30T00:00:00.000Z');
      expect(p.warnings).toEqual([
        {
          code: 'needed-by-past',
          field: 'last_interest_date',
          value: '2025-01-15 (sent as 2026-12-30)',
          replacement: '2026-12-30',
        },
      ]);
    });

    it('does not call today past', () => {
      const p = plan(ready({ last_interest_date: `${TODAY}Z` }));
      expect(p.warnings).toEqual([]);
      expect(p.body.illRequest.needed).toBe(`${TODAY}T00:00:00.000Z`);
    });

    it('refuses a today that is not a calendar date', () => {
      expect(() => buildIllRequest(ready({}), configuredInstitution(), '30/11/2026')).toThrowError(
        RangeError,
        /today/,
      );
    });
  });

  describe('requester', () => {
    it('omits supplierInfo for an empty lender string, and the maximum cost when none is set', () => {
      const config = configuredInstitution();
      config.defaults.lenderString = '  ';
      config.defaults.maxCost = null;
      const requester = plan(ready({}), config).body.illRequest.requester;
      const address = {
        attention: 'ILL Accounts',
        address1: '100 Library Way',
        locality: 'Springfield',
        region: 'OH',
        postal: '45501',
        country: 'US',
      };
      expect(requester).toEqual({
        institution: { institutionId: 128807 },
        serviceType: 'LOAN',
        requesterBilling: { address },
        requesterDelivery: { address },
      });
    });

    it("sends the library's billing and delivery addresses from the configuration, only the lines filled", () => {
      const config = configuredInstitution();
      config.library.deliveryAddress = {
        attention: '',
        address1: 'Dock B, 100 Library Way',
        address2: '',
        locality: 'Springfield',
        region: '',
        postal: '45501',
        country: '',
      };
      const requester = plan(ready({}), config).body.illRequest.requester;
      expect(requester.requesterBilling?.address?.address1).toBe('100 Library Way');
      expect(requester.requesterDelivery).toEqual({
        address: { address1: 'Dock B, 100 Library Way', locality: 'Springfield', postal: '45501' },
      });
    });

    it("never takes an address from the Alma request (the patron's side)", () => {
      const request = ready({});
      Object.assign(request as Record<string, unknown>, {
        pickup_location: { value: 'MAIN' },
        user_address: '9 Patron Street',
      });
      const sent = JSON.stringify(plan(request).body.illRequest.requester);
      expect(sent).not.toContain('Patron Street');
      expect(sent).not.toContain('MAIN');
    });

    it('sends no address at all when none is configured (export is then blocked)', () => {
      const config = configuredInstitution();
      config.library.billingAddress = { ...config.library.deliveryAddress };
      config.defaults.maxCost = null;
      const p = plan(ready({}), config);
      expect(p.body.illRequest.requester.requesterBilling).toBeUndefined();
      expect(p.body.illRequest.requester.requesterDelivery).toBeUndefined();
      expect(p.blocks).toEqual([{ code: 'no-billing-address', field: 'library.billingAddress' }]);
    });

    it('reads the lender string split by commas, semicolons or spaces, without repeats', () => {
      const config = configuredInstitution();
      config.defaults.lenderString = '148456,116402 ; 148456  9999';
      expect(plan(ready({}), config).body.illRequest.requester.supplierInfo).toEqual({
        institutions: [
          { institutionId: 148456 },
          { institutionId: 116402 },
          { institutionId: 9999 },
        ],
      });
    });

    it('leaves out and reports a lender that is not a registry id', () => {
      const config = configuredInstitution();
      config.defaults.lenderString = 'ZAP, 148456';
      const p = plan(ready({}), config);
      expect(p.body.illRequest.requester.supplierInfo).toEqual({
        institutions: [{ institutionId: 148456 }],
      });
      expect(p.warnings).toEqual([
        { code: 'lender-string-invalid', field: 'defaults.lenderString', value: 'ZAP' },
      ]);
    });

    it('omits referenceId only when Alma gave no request id', () => {
      expect(plan(ready({ request_id: null })).body.illRequest.referenceId).toBeUndefined();
      expect('referenceId' in plan(ready({ request_id: null })).body.illRequest).toBeFalse();
      expect(plan(ready({ request_id: ' 77 ' })).body.illRequest.referenceId).toBe('77');
    });
  });

  describe('blocks', () => {
    it('blocks a request already linked to the WorldShare partner or to any external id', () => {
      expect(
        plan(ready({ partner: { value: 'WSILL' }, external_id: '187654321' })).blocks[0],
      ).toEqual({
        code: 'already-exported',
        field: 'partner',
        value: 'WSILL 187654321',
      });
      expect(plan(ready({ partner: { value: 'wsill' } })).blocks[0]?.code).toBe('already-exported');
      expect(plan(ready({ external_id: '42' })).blocks[0]).toEqual({
        code: 'already-exported',
        field: 'partner',
        value: '42',
      });
      expect(plan(ready({ partner: { value: 'OTHER_LIB' } })).blocks).toEqual([]);
    });

    it('blocks statuses that are not exportable, naming the status', () => {
      for (const status of [
        'REQUEST_SENT',
        'RECEIVED_PHYSICALLY',
        'REQUEST_CANCELED',
        'REQUEST_COMPLETED',
        'SOMETHING_NEW',
      ]) {
        expect(plan(ready({ status: { value: status } })).blocks)
          .withContext(status)
          .toEqual([{ code: 'status-not-exportable', field: 'status', value: status }]);
      }
      expect(plan(ready({ status: null })).blocks).toEqual([
        { code: 'status-not-exportable', field: 'status' },
      ]);
    });

    it('lets READY_TO_SEND, LOCATE_FAILED and created requests through', () => {
      for (const status of [
        'READY_TO_SEND',
        'LOCATE_FAILED',
        'REQUEST_CREATED_BOR',
        'ready_to_send',
      ]) {
        expect(plan(ready({ status: { value: status } })).blocks)
          .withContext(status)
          .toEqual([]);
      }
    });

    it('blocks a book without a title', () => {
      expect(plan(ready({ title: null, chapter_title: 'Only a chapter' })).blocks).toEqual([
        { code: 'no-title', field: 'title' },
      ]);
    });

    it('blocks while the configuration is incomplete, naming the first missing path', () => {
      expect(plan(ready({}), DEFAULT_INSTITUTION_CONFIG).blocks).toEqual([
        {
          code: 'config-incomplete',
          field: 'proxy.url',
          value: 'proxy.url, worldshare.registryId, worldshare.illBaseUrl',
        },
        { code: 'no-billing-address', field: 'library.billingAddress' },
      ]);
    });

    it('orders blocks so the most fundamental comes first, as exportBlocks does', () => {
      const request = ready({
        partner: { value: 'WSILL' },
        external_id: '1',
        status: { value: 'REQUEST_SENT' },
        title: null,
      });
      const blocks = plan(request, DEFAULT_INSTITUTION_CONFIG).blocks.map((b) => b.code);
      expect(blocks).toEqual([
        'already-exported',
        'status-not-exportable',
        'no-title',
        'config-incomplete',
        'no-billing-address',
      ]);
      expect(exportBlocks(request, DEFAULT_INSTITUTION_CONFIG).map((b) => b.code)).toEqual(blocks);
    });

    it('still builds the body for the preview when blocked', () => {
      const p = plan(caseById('06').alma_request);
      expect(p.blocks[0]?.code).toBe('already-exported');
      expect(p.body.illRequest.item.title).toBe('Atlas of Medieval Trade Routes');
    });
  });
});
