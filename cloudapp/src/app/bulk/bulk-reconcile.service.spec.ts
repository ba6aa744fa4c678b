import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { of, throwError } from 'rxjs';
import { AlmaService } from '../core/alma.service';
import { CleanCancelOutcome, CleanCancelService } from '../core/clean-cancel.service';
import { LenderInboxService } from '../core/lender-inbox.service';
import { RenewalService } from '../core/renewal.service';
import { LenderMessage, LenderState } from '../domain/lender-message';
import { MemoryStore, exportedRequest, memoryService, testConfig } from '../core/testing/fakes';
import { WorldShareService } from '../core/worldshare.service';
import { WorldShareError, simpleProblem } from '../core/worldshare-problem-error';
import { BULK_REPORT_KEY, BulkInput, BulkReconcileService } from './bulk-reconcile.service';

describe('BulkReconcileService', () => {
  let ws: jasmine.SpyObj<WorldShareService>;
  let cancels: jasmine.SpyObj<CleanCancelService>;
  let store: MemoryStore;
  let service: BulkReconcileService;
  let inbox: jasmine.SpyObj<LenderInboxService>;
  let renewals: jasmine.SpyObj<RenewalService>;
  const statuses: Record<string, string | null> = {
    '5001': 'CLOSED',
    '5002': 'PENDING',
    '5003': null,
    '5004': 'CANCELLED',
  };

  const inputs = (): BulkInput[] => [
    ...Object.keys(statuses).map((ws, i) => ({
      userId: 'P1',
      requestId: `r${i + 1}`,
      request: exportedRequest({ request_id: `r${i + 1}`, external_id: ws, barcode: undefined }),
    })),
    {
      userId: 'P1',
      requestId: 'r9',
      request: exportedRequest({
        request_id: 'r9',
        external_id: null,
        partner: null,
        status: { value: 'READY_TO_SEND' },
      }),
    },
    { userId: 'P1', requestId: 'gone', request: null, loadError: 'not found' },
  ];

  beforeEach(() => {
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['getRequest']);
    ws.getRequest.and.callFake(async (_config, id) => {
      const status = statuses[id];
      if (status === null) throw new WorldShareError(simpleProblem('not-found', null), 404);
      return { requestId: id, requestStatus: status };
    });
    cancels = jasmine.createSpyObj<CleanCancelService>('CleanCancelService', ['cleanCancel']);
    cancels.cleanCancel.and.callFake(
      async (_u, _r, _c, known) =>
        ({ kind: 'cancelled', worldShare: known!, reasonCode: 'R' }) as CleanCancelOutcome,
    );
    store = new MemoryStore();
    const alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['getLoans']);
    alma.getLoans.and.returnValue(
      of([{ loan_id: 'L1', item_barcode: 'TEMP-1', due_date: '2027-03-01T23:59:00Z' }]),
    );
    renewals = jasmine.createSpyObj<RenewalService>('RenewalService', ['applyRenewal']);
    renewals.applyRenewal.and.callFake(async (_t, _l, dueDate) => ({
      kind: 'applied',
      dueDate: dueDate!,
      lenderDueDateWritten: true,
    }));
    inbox = jasmine.createSpyObj<LenderInboxService>('LenderInboxService', ['available', 'states']);
    inbox.available.and.returnValue(true);
    inbox.states.and.resolveTo(new Map());
    service = new BulkReconcileService(
      ws,
      alma,
      cancels,
      renewals,
      memoryService(store),
      store as unknown as CloudAppStoreService,
      inbox,
    );
  });

  it('sorts every request into its group and reads WorldShare only for exported ones', async () => {
    const reviewed = await service.review(inputs(), testConfig());
    expect(reviewed.map((r) => [r.input.requestId, r.verdict?.group ?? 'unreadable'])).toEqual([
      ['r1', 'closed'],
      ['r2', 'active'],
      ['r3', 'drift'],
      ['r4', 'closed'],
      ['r9', 'not-exported'],
      ['gone', 'unreadable'],
    ]);
    expect(ws.getRequest).toHaveBeenCalledTimes(4);
  });

  it('clean-cancels only the closed group, passing on the fresh WorldShare read', async () => {
    const reviewed = await service.review(inputs(), testConfig());
    const report = await service.cancelClosed(
      reviewed,
      testConfig(),
      service.startReport(reviewed),
    );
    expect(
      cancels.cleanCancel.calls
        .allArgs()
        .map((a) => a[1].request_id)
        .sort(),
    ).toEqual(['r1', 'r4']);
    expect(
      cancels.cleanCancel.calls.allArgs().every((a) => a[3]?.requestStatus !== undefined),
    ).toBeTrue();
    expect(report.rows.find((r) => r.almaRequestId === 'r1')?.action).toBe('cancelled');
    expect(report.rows.find((r) => r.almaRequestId === 'r2')?.action).toBe('reviewed');
    expect(report.finishedAt).toEqual(jasmine.any(String));
    expect(store.data.get(BULK_REPORT_KEY)).toEqual(
      jasmine.objectContaining({ finishedAt: report.finishedAt }),
    );
  });

  it('records a failing item and goes on with the rest', async () => {
    cancels.cleanCancel.and.callFake(async (_u, r, _c, known) =>
      r.request_id === 'r1'
        ? ({
            kind: 'alma-failed',
            worldShare: known!,
            problem: { kind: 'server-error', status: 500, almaCode: null, almaMessage: 'boom' },
          } as CleanCancelOutcome)
        : ({ kind: 'cancelled', worldShare: known!, reasonCode: 'R' } as CleanCancelOutcome),
    );
    const reviewed = await service.review(inputs(), testConfig());
    const report = await service.cancelClosed(
      reviewed,
      testConfig(),
      service.startReport(reviewed),
    );
    expect(report.rows.find((r) => r.almaRequestId === 'r1')).toEqual(
      jasmine.objectContaining({ action: 'failed', detailKey: 'almaFailed', detail: 'boom' }),
    );
    expect(report.rows.find((r) => r.almaRequestId === 'r4')?.action).toBe('cancelled');
  });

  it('a stop leaves the untouched items reported as not done', async () => {
    const reviewed = await service.review(inputs(), testConfig());
    const abort = new AbortController();
    cancels.cleanCancel.and.callFake(async (_u, _r, _c, known) => {
      abort.abort();
      return { kind: 'cancelled', worldShare: known!, reasonCode: 'R' } as CleanCancelOutcome;
    });
    const report = await service.cancelClosed(
      reviewed,
      testConfig(),
      service.startReport(reviewed),
      { signal: abort.signal },
    );
    const closedRows = report.rows.filter((r) => r.group === 'closed');
    expect(closedRows.every((r) => r.action === 'cancelled' || r.action === 'not-done')).toBeTrue();
    expect(closedRows.some((r) => r.action === 'not-done')).toBeTrue();
    expect(report.stopped).toBeTrue();
    expect(cancels.cleanCancel.calls.count()).toBe(
      closedRows.filter((r) => r.action === 'cancelled').length,
    );
  });

  it('reports progress as items finish', async () => {
    const seen: number[] = [];
    await service.review(inputs(), testConfig(), { onProgress: (p) => seen.push(p.done) });
    expect(seen[0]).toBe(0);
    expect(seen[seen.length - 1]).toBe(inputs().length);
  });

  describe('with the real clean-cancel guard', () => {
    let alma: jasmine.SpyObj<AlmaService>;
    let real: BulkReconcileService;
    const onLoan = ['TEMP-r1', 'TEMP-r4'];

    beforeEach(() => {
      alma = jasmine.createSpyObj<AlmaService>('AlmaService', [
        'getLoans',
        'findLoanByBarcode',
        'cancelBorrowingRequest',
      ]);
      alma.getLoans.and.returnValue(
        of(onLoan.map((b, i) => ({ loan_id: `L${i}`, item_barcode: b, loan_status: 'ACTIVE' }))),
      );
      alma.cancelBorrowingRequest.and.returnValue(of(null));
      const memory = memoryService(store);
      const renewals = jasmine.createSpyObj<RenewalService>('RenewalService', ['applyRenewal']);
      real = new BulkReconcileService(
        ws,
        alma,
        new CleanCancelService(ws, alma, memory),
        renewals,
        memory,
        store as unknown as CloudAppStoreService,
        inbox,
      );
    });

    const withBarcodes = (): BulkInput[] => [
      ...['5001', '5004', '5001', '5004'].map((wsId, i) => {
        const id = ['r1', 'r4', 'r5', 'r6'][i];
        return {
          userId: 'P1',
          requestId: id,
          request: exportedRequest({ request_id: id, external_id: wsId, barcode: `TEMP-${id}` }),
        };
      }),
    ];

    it('leaves requests whose temporary item is still on loan, names them and why, and cancels the others', async () => {
      const reviewed = await real.review(withBarcodes(), testConfig());
      const report = await real.cancelClosed(reviewed, testConfig(), real.startReport(reviewed));
      expect(
        alma.cancelBorrowingRequest.calls
          .allArgs()
          .map((a) => a[1])
          .sort(),
      ).toEqual(['r5', 'r6']);
      expect(report.rows.find((r) => r.almaRequestId === 'r1')).toEqual(
        jasmine.objectContaining({ action: 'on-loan', detailKey: 'loanActive', detail: 'TEMP-r1' }),
      );
      expect(report.rows.find((r) => r.almaRequestId === 'r4')).toEqual(
        jasmine.objectContaining({ action: 'on-loan', detailKey: 'loanActive', detail: 'TEMP-r4' }),
      );
      expect(
        report.rows
          .filter((r) => r.action === 'cancelled')
          .map((r) => r.almaRequestId)
          .sort(),
      ).toEqual(['r5', 'r6']);
      expect(alma.getLoans).toHaveBeenCalledTimes(1);
      expect(alma.findLoanByBarcode).not.toHaveBeenCalled();
    });

    it('cancels nothing for a patron whose loans cannot be read, and says so', async () => {
      alma.getLoans.and.returnValue(
        throwError(() => ({
          status: 500,
          error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'down' }] } },
        })),
      );
      const reviewed = await real.review(withBarcodes(), testConfig());
      const report = await real.cancelClosed(reviewed, testConfig(), real.startReport(reviewed));
      expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
      expect(
        report.rows.every((r) => r.action === 'failed' && r.detailKey === 'loanCheckFailed'),
      ).toBeTrue();
    });
  });

  describe('with the proxy inbox (own proxy)', () => {
    const message = (over: Partial<LenderMessage>): LenderMessage => ({
      id: Math.random().toString(36),
      worldShareRequestId: '5002',
      reasonForMessage: null,
      answerYesNo: null,
      status: null,
      dueDate: null,
      lastChange: null,
      note: null,
      reasonUnfilled: null,
      timestamp: null,
      receivedAt: new Date().toISOString(),
      ...over,
    });
    const state = (id: string, messages: LenderMessage[]): [string, LenderState] => [
      id,
      {
        worldShareRequestId: id,
        status: null,
        dueDate: null,
        lastReceivedAt: new Date().toISOString(),
        messages,
      },
    ];

    it('reads every lender state in one call and takes renewal answers and closed states from it', async () => {
      store.data.set('request:r2', {
        activity: [],
        renewal: {
          worldShareRequestId: '5002',
          askedAt: new Date(Date.now() - 60_000).toISOString(),
        },
      });
      const renewalApproved = inputs().map((i) =>
        i.requestId === 'r2' ? { ...i, request: { ...i.request!, barcode: 'TEMP-1' } } : i,
      );
      inbox.states.and.resolveTo(
        new Map([
          state('5002', [
            message({
              reasonForMessage: 'RenewResponse',
              answerYesNo: 'Y',
              status: 'Loaned',
              dueDate: '2027-04-01T05:00:00Z',
            }),
          ]),
          state('5001', [
            message({
              worldShareRequestId: '5001',
              reasonForMessage: 'StatusChange',
              status: 'Unfilled',
            }),
          ]),
        ]),
      );
      const config = testConfig({ timeZone: 'America/New_York' });
      const reviewed = await service.review(renewalApproved, config);
      expect(inbox.states).toHaveBeenCalledTimes(1);
      expect(inbox.states.calls.mostRecent().args[1]).toEqual(['5001', '5002', '5003', '5004']);
      expect(reviewed.find((r) => r.input.requestId === 'r2')?.verdict).toEqual({
        group: 'renewal-answered',
        reason: 'renewal-approved',
      });
      const report = await service.applyRenewals(reviewed, config, service.startReport(reviewed));
      expect(renewals.applyRenewal.calls.mostRecent().args[2]).toBe('2027-04-01');
      expect(report.rows.find((r) => r.almaRequestId === 'r2')?.action).toBe('renewal-applied');
    });

    it('a lender message closing a request puts it in the closed group even before WorldShare says so', async () => {
      statuses['5002'] = 'PENDING';
      inbox.states.and.resolveTo(
        new Map([
          state('5002', [message({ reasonForMessage: 'StatusChange', status: 'Unfilled' })]),
        ]),
      );
      const reviewed = await service.review(inputs(), testConfig());
      expect(reviewed.find((r) => r.input.requestId === 'r2')?.verdict?.group).toBe('closed');
    });

    it('does not call the inbox with the hosted proxy, and survives a failed read', async () => {
      inbox.available.and.returnValue(false);
      await service.review(inputs(), testConfig());
      expect(inbox.states).not.toHaveBeenCalled();
      inbox.available.and.returnValue(true);
      inbox.states.and.rejectWith(new Error('down'));
      const reviewed = await service.review(inputs(), testConfig());
      expect(reviewed.find((r) => r.input.requestId === 'r1')?.verdict?.group).toBe('closed');
    });
  });
});
