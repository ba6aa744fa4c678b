import { of, throwError } from 'rxjs';
import { AlmaService } from './alma.service';
import { AnalyticsReportService } from './analytics-report.service';
import { testConfig } from './testing/fakes';

/** A report page as Alma answers it: the XML inside `anies`, declared UTF-16. */
function page(opts: { token?: string; finished: boolean; headings?: boolean; rows: string[][] }) {
  const h = [
    'Request ID',
    'Primary Identifier',
    'External Identifier',
    'Partner Code',
    'Request Status',
  ];
  const schema = opts.headings
    ? `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:saw-sql="urn:saw-sql"><xsd:complexType name="Row"><xsd:sequence><xsd:element name="Column0" saw-sql:columnHeading="0"/>${h.map((x, i) => `<xsd:element name="Column${i + 1}" saw-sql:columnHeading="${x}"/>`).join('')}</xsd:sequence></xsd:complexType></xsd:schema>`
    : '';
  const rows = opts.rows
    .map(
      (r) =>
        `<Row><Column0>0</Column0>${r.map((v, i) => `<Column${i + 1}>${v}</Column${i + 1}>`).join('')}</Row>`,
    )
    .join('');
  return {
    anies: [
      `<?xml version="1.0" encoding="UTF-16" standalone="yes"?><QueryResult xmlns="urn:schemas-microsoft-com:xml-analysis:rowset">${opts.token ? `<ResumptionToken>${opts.token}</ResumptionToken>` : ''}<IsFinished>${opts.finished}</IsFinished><ResultXml><rowset:rowset xmlns:rowset="urn:schemas-microsoft-com:xml-analysis:rowset">${schema}${rows}</rowset:rowset></ResultXml></QueryResult>`,
    ],
  };
}

describe('AnalyticsReportService', () => {
  const config = testConfig({
    analytics: {
      reportPath: '/shared/U/Reports/Exported',
      columnOrder: 'requestId,userId,externalId,partnerCode,status',
    },
  });
  let alma: jasmine.SpyObj<AlmaService>;
  let service: AnalyticsReportService;
  beforeEach(() => {
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['getAnalyticsPage']);
    service = new AnalyticsReportService(alma);
  });

  it('reads the first page by path with limit 1000, then the same token until IsFinished, mapping by the first page headings', async () => {
    const pages = [
      page({
        token: 'T1',
        finished: false,
        headings: true,
        rows: [['771', 'P1', '5001', 'WSILL', 'Sent']],
      }),
      page({ finished: false, rows: [['772', 'P2', '5002', 'WSILL', 'Sent']] }),
      page({ finished: true, rows: [['773', 'P3', '5003', 'WSILL', 'Sent']] }),
    ];
    let n = 0;
    alma.getAnalyticsPage.and.callFake(() => of(pages[n++]));
    const read = await service.read(config);
    expect(alma.getAnalyticsPage.calls.allArgs()).toEqual([
      [{ path: '/shared/U/Reports/Exported', limit: 1000 }],
      [{ token: 'T1' }],
      [{ token: 'T1' }],
    ]);
    expect(read.pages).toBe(3);
    expect(read.mapping.by).toBe('headings');
    expect(read.rows.map((r) => `${r.requestId}/${r.userId}/${r.externalId}`)).toEqual([
      '771/P1/5001',
      '772/P2/5002',
      '773/P3/5003',
    ]);
  });

  it('names missing columns, a missing path, Alma refusals and an unfinished report without token', async () => {
    alma.getAnalyticsPage.and.returnValue(
      of(page({ finished: true, headings: false, rows: [['771', 'P1']] })),
    );
    await expectAsync(
      service.read(
        testConfig({ analytics: { reportPath: '/x', columnOrder: 'requestId,userId' } }),
      ),
    ).toBeRejectedWith(
      jasmine.objectContaining({
        problem: { kind: 'missing-columns', missing: ['externalId', 'partnerCode', 'status'] },
      }),
    );
    await expectAsync(service.read(testConfig())).toBeRejectedWith(
      jasmine.objectContaining({ problem: { kind: 'no-path' } }),
    );
    alma.getAnalyticsPage.and.returnValue(
      throwError(() => ({
        status: 400,
        error: {
          errorList: {
            error: [{ errorCode: '401652', errorMessage: 'General Error: Path not found (/x).' }],
          },
        },
      })),
    );
    await expectAsync(service.read(config)).toBeRejectedWith(
      jasmine.objectContaining({
        problem: jasmine.objectContaining({
          kind: 'alma',
          problem: jasmine.objectContaining({
            status: 400,
            almaMessage: 'General Error: Path not found (/x).',
          }),
        }),
      }),
    );
    alma.getAnalyticsPage.and.returnValue(of(page({ finished: false, headings: true, rows: [] })));
    await expectAsync(service.read(config)).toBeRejectedWith(
      jasmine.objectContaining({ problem: jasmine.objectContaining({ kind: 'format' }) }),
    );
  });

  it('test(): the first 25 rows, at most 5 shown, and the missing columns without rejecting', async () => {
    alma.getAnalyticsPage.and.returnValue(
      of(
        page({
          finished: true,
          headings: true,
          rows: Array.from({ length: 8 }, (_, i) => [`77${i}`, 'P', `50${i}`, 'WSILL', 'Sent']),
        }),
      ),
    );
    const t = await service.test(config);
    expect(alma.getAnalyticsPage).toHaveBeenCalledOnceWith({
      path: '/shared/U/Reports/Exported',
      limit: 25,
    });
    expect(t.mapping.missing).toEqual([]);
    expect(t.rows.length).toBe(5);
  });
});
