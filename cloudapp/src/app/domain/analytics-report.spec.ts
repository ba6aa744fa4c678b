import {
  ANALYTICS_FIELDS,
  fieldOfHeading,
  mapAnalyticsColumns,
  parseColumnOrder,
  reportRowsOf,
} from './analytics-columns';
import { AnalyticsFormatError, analyticsXmlOf, parseAnalyticsPage } from './analytics-report';

/** An answer as Alma gives it in JSON: the XML in `anies`, declared UTF-16 while the text is plain. */
function answer(opts: {
  token?: string;
  finished: boolean;
  headings?: string[] | null;
  rows: string[][];
  prefix?: string;
}): { anies: string[] } {
  const width = Math.max(opts.headings?.length ?? 0, ...opts.rows.map((r) => r.length));
  const p = opts.prefix ?? 'rowset:';
  const schema = opts.headings
    ? `<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:saw-sql="urn:saw-sql" targetNamespace="urn:schemas-microsoft-com:xml-analysis:rowset"><xsd:complexType name="Row"><xsd:sequence>` +
      `<xsd:element minOccurs="0" maxOccurs="1" name="Column0" type="xsd:string" saw-sql:type="integer" saw-sql:columnHeading="0"/>` +
      opts.headings
        .map(
          (h, i) =>
            `<xsd:element minOccurs="0" maxOccurs="1" name="Column${i + 1}" type="xsd:string" saw-sql:columnHeading="${h}"/>`,
        )
        .join('') +
      `</xsd:sequence></xsd:complexType></xsd:schema>`
    : '';
  const rows = opts.rows
    .map(
      (r) =>
        `<Row><Column0>0</Column0>${Array.from({ length: width }, (_, i) => (r[i] === undefined ? '' : `<Column${i + 1}>${r[i]}</Column${i + 1}>`)).join('')}</Row>`,
    )
    .join('');
  const xml =
    `<?xml version="1.0" encoding="UTF-16" standalone="yes"?>\n<QueryResult xmlns="urn:schemas-microsoft-com:xml-analysis:rowset">` +
    (opts.token ? `<ResumptionToken>${opts.token}</ResumptionToken>` : '') +
    `<IsFinished>${opts.finished}</IsFinished><ResultXml><${p}rowset xmlns${p ? ':' + p.slice(0, -1) : ''}="urn:schemas-microsoft-com:xml-analysis:rowset">${schema}${rows}</${p}rowset></ResultXml></QueryResult>`;
  return { anies: [xml] };
}

const HEADINGS = [
  'Request ID',
  'Primary Identifier',
  'External Identifier',
  'Partner Code',
  'Request Status',
  'Last Modified Date',
];

describe('parseAnalyticsPage', () => {
  it('reads token, IsFinished, headings and rows from the anies XML despite its UTF-16 declaration', () => {
    const page = parseAnalyticsPage(
      answer({
        token: 'ABC123',
        finished: false,
        headings: HEADINGS,
        rows: [['77001', 'P1', '5001', 'WSILL', 'Request sent to partner', '2026-11-01']],
      }),
    );
    expect(page.resumptionToken).toBe('ABC123');
    expect(page.isFinished).toBeFalse();
    expect(page.headings.get('Column1')).toBe('Request ID');
    expect(page.columns).toEqual([
      'Column0',
      'Column1',
      'Column2',
      'Column3',
      'Column4',
      'Column5',
      'Column6',
    ]);
    expect(page.rows).toEqual([
      {
        Column0: '0',
        Column1: '77001',
        Column2: 'P1',
        Column3: '5001',
        Column4: 'WSILL',
        Column5: 'Request sent to partner',
        Column6: '2026-11-01',
      },
    ]);
  });

  it('a later page: no token, finished; non-ASCII text and entities come through as text', () => {
    const page = parseAnalyticsPage(
      answer({
        finished: true,
        headings: null,
        rows: [['77002', 'Jürgen &amp; Zoë', '5002', 'WSILL', 'Envoyée']],
      }),
    );
    expect(page.resumptionToken).toBeNull();
    expect(page.isFinished).toBeTrue();
    expect(page.headings.size).toBe(0);
    expect(page.rows[0]['Column2']).toBe('Jürgen & Zoë');
    expect(page.rows[0]['Column5']).toBe('Envoyée');
  });

  it('reads elements by local name whatever the prefix (default namespace rowset too)', () => {
    const page = parseAnalyticsPage(
      answer({
        finished: true,
        headings: HEADINGS,
        rows: [['1', 'U', 'W', 'WSILL', 'x']],
        prefix: '',
      }),
    );
    expect(page.rows.length).toBe(1);
    expect(page.headings.get('Column3')).toBe('External Identifier');
  });

  it('an empty report: no rows, finished', () => {
    const page = parseAnalyticsPage(answer({ finished: true, headings: HEADINGS, rows: [] }));
    expect(page.rows).toEqual([]);
    expect(page.isFinished).toBeTrue();
  });

  it('refuses a body without XML, broken XML, and XML without QueryResult, with a message', () => {
    expect(() => parseAnalyticsPage({})).toThrowMatching(
      (e) => e instanceof AnalyticsFormatError && /anies/.test(e.message),
    );
    expect(() =>
      parseAnalyticsPage({ anies: ['<QueryResult><IsFinished>true</IsFinished>'] }),
    ).toThrowMatching((e) => e instanceof AnalyticsFormatError && /well-formed/.test(e.message));
    expect(() => parseAnalyticsPage({ anies: ['<other/>'] })).toThrowMatching(
      (e) => e instanceof AnalyticsFormatError && /QueryResult/.test(e.message),
    );
  });

  it('analyticsXmlOf drops the wrong declaration and accepts a bare XML string', () => {
    expect(analyticsXmlOf({ anies: ['<?xml version="1.0" encoding="UTF-16"?><a/>'] })).toBe('<a/>');
    expect(analyticsXmlOf('<a/>')).toBe('<a/>');
  });
});

describe('Analytics columns', () => {
  it('maps fields by heading, whatever order the administrator chose', () => {
    const page = parseAnalyticsPage(
      answer({
        finished: true,
        headings: [
          'Request Status',
          'External Identifier',
          'Request ID',
          'Partner Code',
          'Primary Identifier',
        ],
        rows: [['Sent', '5001', '77001', 'WSILL', 'P1']],
      }),
    );
    const m = mapAnalyticsColumns(page, 'requestId,userId');
    expect(m.by).toBe('headings');
    expect(m.missing).toEqual([]);
    expect(reportRowsOf(page, m.columns)).toEqual([
      {
        requestId: '77001',
        userId: 'P1',
        externalId: '5001',
        partnerCode: 'WSILL',
        status: 'Sent',
        lastModified: '',
      },
    ]);
  });

  it('names every required column the report lacks (lastModified is optional)', () => {
    const page = parseAnalyticsPage(
      answer({ finished: true, headings: ['Request ID', 'Title', 'Request Status'], rows: [] }),
    );
    expect(mapAnalyticsColumns(page, '').missing).toEqual(['userId', 'externalId', 'partnerCode']);
  });

  it('without headings, uses the configured order over Column1..', () => {
    const page = parseAnalyticsPage(
      answer({ finished: true, headings: null, rows: [['P1', '77001', '5001', 'WSILL', 'Sent']] }),
    );
    const m = mapAnalyticsColumns(page, 'userId, requestId, externalId, partnerCode, status');
    expect(m.by).toBe('order');
    expect(m.missing).toEqual([]);
    expect(reportRowsOf(page, m.columns)[0]).toEqual({
      requestId: '77001',
      userId: 'P1',
      externalId: '5001',
      partnerCode: 'WSILL',
      status: 'Sent',
      lastModified: '',
    });
    expect(mapAnalyticsColumns(page, 'requestId,userId').missing).toEqual([
      'externalId',
      'partnerCode',
      'status',
    ]);
  });

  it('headings match without case, spaces or a folder prefix; unknown headings match nothing', () => {
    expect(fieldOfHeading('request id')).toBe('requestId');
    expect(fieldOfHeading('Borrowing Requests.External Identifier')).toBe('externalId');
    expect(fieldOfHeading('Title')).toBeNull();
    expect(parseColumnOrder('status; bogus, requestId requestId')).toEqual(['status', 'requestId']);
    expect(ANALYTICS_FIELDS.length).toBe(6);
  });

  it('rows without a request id are skipped', () => {
    const page = parseAnalyticsPage(
      answer({
        finished: true,
        headings: HEADINGS,
        rows: [
          ['', 'P1', '5001', 'WSILL', 'Sent'],
          ['77002', 'P2', '5002', 'WSILL', 'Sent'],
        ],
      }),
    );
    expect(
      reportRowsOf(page, mapAnalyticsColumns(page, '').columns).map((r) => r.requestId),
    ).toEqual(['77002']);
  });
});
