import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { of, throwError } from 'rxjs';
import { AlmaService } from '../core/alma.service';
import { AnalyticsReportError, AnalyticsReportService } from '../core/analytics-report.service';
import { CleanCancelOutcome, CleanCancelService } from '../core/clean-cancel.service';
import { LenderInboxService } from '../core/lender-inbox.service';
import { RenewalService } from '../core/renewal.service';
import { MemoryStore, exportedRequest, memoryService, testConfig } from '../core/testing/fakes';
import { WorldShareService } from '../core/worldshare.service';
import { WorldShareError, simpleProblem } from '../core/worldshare-problem-error';
import { ReportRow } from '../domain/analytics-columns';
import { LenderState } from '../domain/lender-message';
import { BulkReconcileService } from './bulk-reconcile.service';
import { ReportReconcileService } from './report-reconcile.service';

describe('ReportReconcileService', () => {
  const row = (i: number, over: Partial<ReportRow> = {}): ReportRow => ({
    requestId: `77${i}`,
    userId: 'P1',
    externalId: `500${i}`,
    partnerCode: 'WSILL',
    status: 'Request sent to partner',
    lastModified: '2026-11-25',
    ...over,
  });
  const state = (id: string, status: string | null): LenderState => ({
    worldShareRequestId: id,
    status,
    dueDate: null,
    lastReceivedAt: new Date().toISOString(),
    messages: [],
  });
  let reports: jasmine.SpyObj<AnalyticsReportService>;
  let inbox: jasmine.SpyObj<LenderInboxService>;
  let ws: jasmine.SpyObj<WorldShareService>;
  let alma: jasmine.SpyObj<AlmaService>;
  let cancels: jasmine.SpyObj<CleanCancelService>;
  let service: ReportReconcileService;
  let rows: ReportRow[];

  beforeEach(() => {
    rows = [
      row(1),
      row(2),
      row(3),
      row(4, { partnerCode: 'OTHER' }),
      row(5, { status: 'Request cancelled' }),
      row(1),
      row(6, { lastModified: '2020-01-01' }),
    ];
    reports = jasmine.createSpyObj<AnalyticsReportService>('AnalyticsReportService', ['read']);
    reports.read.and.callFake(async () => ({
      rows,
      mapping: { columns: {}, by: 'headings', missing: [] },
      pages: 1,
      readAt: Date.now(),
    }));
    inbox = jasmine.createSpyObj<LenderInboxService>('LenderInboxService', ['available', 'states']);
    inbox.available.and.returnValue(true);
    inbox.states.and.callFake(
      async () =>
        new Map([
          ['5001', state('5001', 'Unfilled')],
          ['5002', state('5002', 'Loaned')],
          ['5003', state('5003', 'Wobbling')],
        ]),
    );
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['getRequest']);
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['getBorrowingRequest']);
    alma.getBorrowingRequest.and.callFake((_u, id) =>
      of(exportedRequest({ request_id: id, external_id: `500${id.slice(2)}` })),
    );
    cancels = jasmine.createSpyObj<CleanCancelService>('CleanCancelService', ['cleanCancel']);
    cancels.cleanCancel.and.callFake(
      async (_u, _r, _c, known) =>
        ({ kind: 'cancelled', worldShare: known!, reasonCode: 'R' }) as CleanCancelOutcome,
    );
    const store = new MemoryStore();
    const bulk = new BulkReconcileService(
      ws,
      alma,
      cancels,
      jasmine.createSpyObj<RenewalService>('RenewalService', ['applyRenewal']),
      memoryService(store),
      store as unknown as CloudAppStoreService,
      inbox,
    );
    service = new ReportReconcileService(reports, inbox, ws, alma, cancels, bulk);
  });

  it('own proxy: one states call for every exported row, grouped; other partners, cancelled rows and repeats left out', async () => {
    const review = await service.review(testConfig({ staleAfterDays: 30 }));
    expect(inbox.states).toHaveBeenCalledTimes(1);
    expect(inbox.states.calls.mostRecent().args[1]).toEqual(['5001', '5002', '5003', '5006']);
    expect(review.items.map((i) => [i.row.requestId, i.verdict?.group])).toEqual([
      ['771', 'closed'],
      ['772', 'active'],
      ['773', 'drift'],
      ['776', 'stale'],
    ]);
    expect(review.notExported).toBe(2);
    expect(review.lenderSource).toBe('store');
    expect(review.analyticsCalls).toBe(1);
    expect(review.lenderCalls).toBe(1);
    expect(ws.getRequest).not.toHaveBeenCalled();
    const report = service.startReport(review);
    expect(report.rows.find((r) => r.almaRequestId === '776')).toEqual(
      jasmine.objectContaining({ detailKey: 'lastActivity', detail: '2020-01-01' }),
    );
  });

  it('hosted proxy: reads WorldShare for each, missing is drift, a failed read is unreadable', async () => {
    inbox.available.and.returnValue(false);
    ws.getRequest.and.callFake(async (_c, id) => {
      if (id === '5002') throw new WorldShareError(simpleProblem('not-found', null), 404);
      if (id === '5003') throw new WorldShareError(simpleProblem('unknown', 'down'), 500);
      return { requestId: id, requestStatus: 'CLOSED' };
    });
    const review = await service.review(testConfig());
    expect(ws.getRequest).toHaveBeenCalledTimes(4);
    expect(inbox.states).not.toHaveBeenCalled();
    expect(review.items.map((i) => [i.row.requestId, i.verdict?.group ?? 'unreadable'])).toEqual([
      ['771', 'closed'],
      ['772', 'drift'],
      ['773', 'unreadable'],
      ['776', 'closed'],
    ]);
  });

  it('the proxy store failing leaves every row unreadable with the reason, nothing else', async () => {
    inbox.states.and.rejectWith(new WorldShareError(simpleProblem('unknown', 'store down'), 502));
    const review = await service.review(testConfig());
    expect(review.items.every((i) => i.verdict === null && i.error === 'store down')).toBeTrue();
  });

  it('a report that cannot be read rejects with its problem', async () => {
    reports.read.and.rejectWith(new AnalyticsReportError({ kind: 'no-path' }));
    await expectAsync(service.review(testConfig())).toBeRejectedWith(
      jasmine.objectContaining({ problem: { kind: 'no-path' } }),
    );
  });

  it('cancels only the closed group, after a fresh Alma read, passing the lender state on', async () => {
    const config = testConfig();
    const review = await service.review(config);
    const report = await service.cancelClosed(review.items, config, service.startReport(review));
    expect(alma.getBorrowingRequest.calls.allArgs()).toEqual([['P1', '771']]);
    expect(cancels.cleanCancel).toHaveBeenCalledTimes(1);
    const [user, fresh, , known] = cancels.cleanCancel.calls.mostRecent().args;
    expect(user).toBe('P1');
    expect(fresh.request_id).toBe('771');
    expect(known).toEqual({ requestId: '5001', requestStatus: 'Unfilled' });
    expect(report.rows.find((r) => r.almaRequestId === '771')?.action).toBe('cancelled');
    expect(report.rows.filter((r) => r.action === 'reviewed').length).toBe(3);
  });

  it('nothing is cancelled on report data alone: gone, changed or already closed in Alma are skipped', async () => {
    rows = [row(1), row(2), row(3)];
    inbox.states.and.callFake(
      async () =>
        new Map(['5001', '5002', '5003'].map((id) => [id, state(id, 'Cancelled')] as const)),
    );
    alma.getBorrowingRequest.and.callFake((_u, id) => {
      if (id === '771')
        return throwError(() => ({
          status: 404,
          error: { errorList: { error: [{ errorCode: '401694', errorMessage: 'gone' }] } },
        }));
      if (id === '772') return of(exportedRequest({ request_id: id, external_id: '9999' }));
      return of(
        exportedRequest({
          request_id: id,
          external_id: '5003',
          status: { value: 'REQUEST_CANCELED' },
        }),
      );
    });
    const config = testConfig();
    const review = await service.review(config);
    const report = await service.cancelClosed(review.items, config, service.startReport(review));
    expect(cancels.cleanCancel).not.toHaveBeenCalled();
    expect(report.rows.map((r) => [r.almaRequestId, r.action, r.detailKey])).toEqual([
      ['771', 'skipped', 'goneFromAlma'],
      ['772', 'skipped', 'changedSinceReport'],
      ['773', 'skipped', 'alreadyClosed'],
    ]);
  });

  it('stop: no new request is started once stopped', async () => {
    rows = [row(1), row(2), row(3)];
    inbox.states.and.callFake(
      async () =>
        new Map(['5001', '5002', '5003'].map((id) => [id, state(id, 'Unfilled')] as const)),
    );
    const config = testConfig();
    const review = await service.review(config);
    const abort = new AbortController();
    abort.abort();
    const report = await service.cancelClosed(review.items, config, service.startReport(review), {
      signal: abort.signal,
    });
    expect(alma.getBorrowingRequest).not.toHaveBeenCalled();
    expect(report.stopped).toBeTrue();
    expect(report.rows.every((r) => r.action === 'not-done')).toBeTrue();
  });
});
