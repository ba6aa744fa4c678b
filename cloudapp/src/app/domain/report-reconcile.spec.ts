import type { ReportRow } from './analytics-columns';
import { repairInstitutionConfig } from './institution-config';
import type { LenderState } from './lender-message';
import {
  isExportedReportRow,
  reportAge,
  reportVerdict,
  timeOf,
  viewOfLenderState,
} from './report-reconcile';

describe('report reconcile', () => {
  const config = repairInstitutionConfig({ almaPartnerCode: 'WSILL', staleAfterDays: 30 }).config;
  const now = Date.parse('2026-11-30T12:00:00Z');
  const row = (over: Partial<ReportRow> = {}): ReportRow => ({
    requestId: '77001',
    userId: 'P1',
    externalId: '5001',
    partnerCode: 'WSILL',
    status: 'Request sent to partner',
    lastModified: '2026-11-25',
    ...over,
  });
  const state = (status: string | null, lastReceivedAt = '2026-11-29T10:00:00Z'): LenderState => ({
    worldShareRequestId: '5001',
    status,
    dueDate: null,
    lastReceivedAt,
    messages: [],
  });

  it('exported rows: the WorldShare partner, an external id, a requester, not over in Alma', () => {
    expect(isExportedReportRow(row(), config)).toBeTrue();
    expect(isExportedReportRow(row({ partnerCode: 'wsill' }), config)).toBeTrue();
    expect(isExportedReportRow(row({ partnerCode: 'RAPIDO' }), config)).toBeFalse();
    expect(isExportedReportRow(row({ externalId: '' }), config)).toBeFalse();
    expect(isExportedReportRow(row({ userId: ' ' }), config)).toBeFalse();
    for (const status of ['Request cancelled', 'REQUEST_CANCELED', 'Rejected', 'Request completed'])
      expect(isExportedReportRow(row({ status }), config))
        .withContext(status)
        .toBeFalse();
  });

  it('groups by the lender state: closed, open, unknown status, no news', () => {
    const v = (s: LenderState | undefined, r = row()) =>
      reportVerdict({ row: r, config, lender: { kind: 'state', state: s }, now });
    expect(v(state('Unfilled'))).toEqual(
      jasmine.objectContaining({ group: 'closed', reason: 'worldshare-closed' }),
    );
    expect(v(state('LoanCompleted'))).toEqual(jasmine.objectContaining({ group: 'closed' }));
    expect(v(state('Loaned'))).toEqual(
      jasmine.objectContaining({
        group: 'active',
        reason: 'worldshare-open',
        lastActivity: '2026-11-29T10:00:00Z',
      }),
    );
    expect(v(state('Wobbling'))).toEqual(
      jasmine.objectContaining({ group: 'drift', reason: 'worldshare-unknown-status' }),
    );
    expect(v(undefined)).toEqual({
      group: 'active',
      reason: 'no-lender-news',
      lastActivity: '2026-11-25',
    });
  });

  it('stale: no lender message and no change for staleAfterDays; closed wins; no dates is not stale', () => {
    const v = (s: LenderState | undefined, r: ReportRow) =>
      reportVerdict({ row: r, config, lender: { kind: 'state', state: s }, now });
    expect(v(undefined, row({ lastModified: '2026-10-01' }))).toEqual({
      group: 'stale',
      reason: 'stale',
      lastActivity: '2026-10-01',
    });
    expect(v(undefined, row({ lastModified: '2026-11-01' })).group).toBe('active');
    expect(v(state('Loaned', '2026-10-02T00:00:00Z'), row({ lastModified: '2026-09-01' }))).toEqual(
      { group: 'stale', reason: 'stale', lastActivity: '2026-10-02T00:00:00Z' },
    );
    expect(
      v(state('Loaned', '2026-11-20T00:00:00Z'), row({ lastModified: '2026-09-01' })).group,
    ).toBe('active');
    expect(
      v(state('Cancelled', '2026-01-01T00:00:00Z'), row({ lastModified: '2026-01-01' })).group,
    ).toBe('closed');
    expect(v(undefined, row({ lastModified: '' })).group).toBe('active');
  });

  it('hosted proxy: the WorldShare read decides; missing in WorldShare is drift', () => {
    const v = (view: { requestId: string; requestStatus: string } | null) =>
      reportVerdict({ row: row(), config, lender: { kind: 'worldshare', view }, now });
    expect(v({ requestId: '5001', requestStatus: 'CLOSED' }).group).toBe('closed');
    expect(v({ requestId: '5001', requestStatus: 'PENDING' }).group).toBe('active');
    expect(v(null)).toEqual(
      jasmine.objectContaining({ group: 'drift', reason: 'worldshare-missing' }),
    );
  });

  it('report age: the newest change and the hours since; none without dates', () => {
    const age = reportAge(
      [row({ lastModified: '2026-11-28' }), row({ lastModified: '2026-11-29T06:00:00' })],
      now,
    );
    expect(age.newestChange).toBe('2026-11-29T06:00:00');
    expect(age.hoursSinceNewestChange).toBe(30);
    expect(reportAge([row({ lastModified: '' })], now)).toEqual({
      readAt: '2026-11-30T12:00:00.000Z',
      newestChange: '',
      hoursSinceNewestChange: null,
    });
  });

  it('timeOf reads Analytics dates and date-times; garbage is NaN', () => {
    expect(timeOf('2026-11-29')).toBe(Date.parse('2026-11-29T00:00:00Z'));
    expect(timeOf('2026-11-29 08:30:00')).toBe(Date.parse('2026-11-29T08:30:00Z'));
    expect(timeOf('2026-11-29T08:30:00+02:00')).toBe(Date.parse('2026-11-29T06:30:00Z'));
    expect(timeOf('yesterday')).toBeNaN();
  });

  it('a lender state as the view clean cancel takes; none without a status', () => {
    expect(viewOfLenderState(state('Unfilled'))).toEqual({
      requestId: '5001',
      requestStatus: 'Unfilled',
    });
    expect(viewOfLenderState(state(null))).toBeNull();
  });
});
