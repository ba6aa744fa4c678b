import { EnvironmentInjector, createEnvironmentInjector } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subscription, of } from 'rxjs';
import type { AlmaLoan, BorrowingRequest } from '../../domain/alma-request';
import { LenderMessage } from '../../domain/lender-message';
import { UserSettings, repairUserSettings } from '../../domain/user-settings';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { AlmaService } from '../../core/alma.service';
import { CleanCancelOutcome, CleanCancelService } from '../../core/clean-cancel.service';
import { LenderInboxService } from '../../core/lender-inbox.service';
import { RenewalService } from '../../core/renewal.service';
import { RequestMemoryService } from '../../core/request-memory.service';
import { MemoryStore, exportedRequest, memoryService, testConfig } from '../../core/testing/fakes';
import { WorldShareService } from '../../core/worldshare.service';
import { RecordStore, RecordTarget } from './record-store';

/** A promise resolved from outside: an answer the test hands over when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets every promise continuation already queued run (one macrotask turn; no time passes for the code). */
const settle = () => new Promise<void>((r) => setTimeout(r));

const requestA = exportedRequest({ request_id: 'A', external_id: '111', barcode: 'TEMP-A' });
const requestB = exportedRequest({ request_id: 'B', external_id: '222', barcode: 'TEMP-B' });
const view = (requestId: string, requestStatus: string): WorldShareRequestView => ({
  requestId,
  requestStatus,
});
const loan: AlmaLoan = {
  loan_id: 'L-1',
  user_id: 'P1',
  item_barcode: 'TEMP-A',
  due_date: '2027-03-01T23:59:00Z',
};
const message = (id: string, worldShareRequestId: string, extra: Partial<LenderMessage> = {}) =>
  ({
    id,
    worldShareRequestId,
    reasonForMessage: 'StatusChange',
    answerYesNo: null,
    status: 'Loaned',
    dueDate: null,
    lastChange: null,
    note: null,
    reasonUnfilled: null,
    timestamp: null,
    receivedAt: '2027-01-02T10:00:00Z',
    ...extra,
  }) as LenderMessage;

describe('RecordStore', () => {
  let ws: jasmine.SpyObj<WorldShareService>;
  let alma: jasmine.SpyObj<AlmaService>;
  let renewals: jasmine.SpyObj<RenewalService>;
  let cancels: jasmine.SpyObj<CleanCancelService>;
  let inbox: jasmine.SpyObj<LenderInboxService>;
  let memory: MemoryStore;
  let store: RecordStore;

  const settings = (extra: Partial<UserSettings> = {}): UserSettings => ({
    ...repairUserSettings({}).config,
    confirmActions: false,
    ...extra,
  });
  const target = (request: BorrowingRequest, extra: Partial<RecordTarget> = {}): RecordTarget => ({
    request,
    userId: 'P1',
    config: testConfig({ timeZone: 'America/New_York' }),
    settings: settings(),
    knownWorldShare: null,
    ...extra,
  });

  beforeEach(() => {
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['getRequest']);
    ws.getRequest.and.callFake(async (_c, id) => view(id, 'LOANED'));
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['findLoanByBarcode']);
    alma.findLoanByBarcode.and.returnValue(of(null));
    renewals = jasmine.createSpyObj<RenewalService>('RenewalService', [
      'requestRenewal',
      'applyRenewal',
      'applyRecall',
    ]);
    cancels = jasmine.createSpyObj<CleanCancelService>('CleanCancelService', [
      'cleanCancel',
      'cancelAtLender',
    ]);
    inbox = jasmine.createSpyObj<LenderInboxService>('LenderInboxService', [
      'available',
      'messages',
    ]);
    inbox.available.and.returnValue(true);
    inbox.messages.and.resolveTo([]);
    memory = new MemoryStore();
    TestBed.configureTestingModule({
      providers: [
        RecordStore,
        { provide: WorldShareService, useValue: ws },
        { provide: AlmaService, useValue: alma },
        { provide: RenewalService, useValue: renewals },
        { provide: CleanCancelService, useValue: cancels },
        { provide: LenderInboxService, useValue: inbox },
        { provide: RequestMemoryService, useValue: memoryService(memory) },
      ],
    });
    store = TestBed.inject(RecordStore);
  });

  it("drops a late WorldShare answer for the previous record: the new record's read stands", async () => {
    const lateA = deferred<WorldShareRequestView>();
    const askedA = deferred<void>();
    ws.getRequest.and.callFake((_c, id) => {
      if (id !== '111') return Promise.resolve(view(id, 'LOANED'));
      askedA.resolve();
      return lateA.promise;
    });
    const loadA = store.show(target(requestA));
    await askedA.promise;
    await store.show(target(requestB));
    expect(store.worldShareStatus()).toBe('LOANED');

    lateA.resolve(view('111', 'CLOSED'));
    await loadA;
    expect(store.request()?.request_id).toBe('B');
    expect(store.ctx().worldShare).toEqual(view('222', 'LOANED'));
    expect(store.worldShareStatus()).toBe('LOANED');
    expect(store.busy()).toBeNull();
    expect(alma.findLoanByBarcode.calls.allArgs()).toEqual([['P1', 'TEMP-B']]);
  });

  it('keeps the newest read of the same record when an older one answers last', async () => {
    const older = deferred<WorldShareRequestView>();
    ws.getRequest.and.returnValues(older.promise, Promise.resolve(view('111', 'RECEIVED')));
    const first = store.show(target(requestA));
    await settle();
    await store.show(target({ ...requestA, last_modified_date: '2027-01-03T00:00:00Z' }));
    older.resolve(view('111', 'LOANED'));
    await first;
    expect(store.worldShareStatus()).toBe('RECEIVED');
  });

  it('drops lender messages read for the previous record', async () => {
    const lateA = deferred<LenderMessage[]>();
    inbox.messages.and.callFake(async (_c, id) =>
      id === '111' ? lateA.promise : [message('m-B', '222')],
    );
    void store.show(target(requestA));
    expect(inbox.messages).toHaveBeenCalledWith(jasmine.anything(), '111');
    await store.show(target(requestB));
    await settle();
    expect(store.messages()?.map((m) => m.id)).toEqual(['m-B']);

    lateA.resolve([message('m-A', '111', { status: 'Unfilled' })]);
    await settle();
    expect(store.messages()?.map((m) => m.id)).toEqual(['m-B']);
    expect(store.facts()?.closedAtWorldShare).toBeNull();
  });

  it("neither shows nor reports an action's outcome that arrives after the record changed", async () => {
    const removed: string[] = [];
    const sub: Subscription = store.removed.subscribe((id) => removed.push(id));
    const lateCancel = deferred<CleanCancelOutcome>();
    cancels.cleanCancel.and.returnValues(
      lateCancel.promise,
      Promise.resolve({ kind: 'not-exported' }),
    );
    await store.show(target(requestA));
    store.ask('cleanCancel');
    expect(store.busy()).toBe('cleanCancel');

    await store.show(target(requestB));
    expect(store.busy()).toBeNull();
    lateCancel.resolve({
      kind: 'cancelled',
      worldShare: view('111', 'CLOSED'),
      reasonCode: 'ILL_CLOSED_IN_WORLDSHARE',
      removed: true,
    });
    await settle();
    expect(store.last()).toBeNull();
    expect(removed).toEqual([]);

    // The new record's own action still shows.
    store.ask('cleanCancel');
    await settle();
    expect(cancels.cleanCancel.calls.mostRecent().args[1].request_id).toBe('B');
    expect(store.last()).toEqual({ action: 'cleanCancel', outcome: { kind: 'not-exported' } });
    sub.unsubscribe();
  });

  it('reports a removal to the panel when the clean cancel is for the record shown', async () => {
    const removed: string[] = [];
    const sub = store.removed.subscribe((id) => removed.push(id));
    cancels.cleanCancel.and.resolveTo({
      kind: 'cancelled',
      worldShare: view('111', 'CLOSED'),
      reasonCode: 'ILL_CLOSED_IN_WORLDSHARE',
      removed: true,
    });
    await store.show(target(requestA));
    store.ask('cleanCancel');
    await settle();
    expect(removed).toEqual(['A']);
    expect(store.busy()).toBeNull();
    sub.unsubscribe();
  });

  it('holds an action for confirmation, and drops it when another record opens', async () => {
    cancels.cleanCancel.and.resolveTo({ kind: 'not-exported' });
    await store.show(target(requestA, { settings: settings({ confirmActions: true }) }));
    store.ask('cleanCancel');
    expect(store.confirmation.pending()).toBe('cleanCancel');
    expect(cancels.cleanCancel).not.toHaveBeenCalled();

    await store.show(target(requestB, { settings: settings({ confirmActions: true }) }));
    expect(store.confirmation.pending()).toBeNull();
    store.answer(true);
    await settle();
    expect(cancels.cleanCancel).not.toHaveBeenCalled();
  });

  it("uses the export's WorldShare answer for the first read only", async () => {
    const known = view('111', 'PENDING');
    await store.show(target(requestA, { knownWorldShare: known }));
    expect(ws.getRequest).not.toHaveBeenCalled();
    expect(store.worldShareStatus()).toBe('PENDING');

    const reread = { ...requestA, last_modified_date: '2027-01-03T00:00:00Z' };
    await store.show(target(reread, { knownWorldShare: known }));
    expect(ws.getRequest).toHaveBeenCalledTimes(1);
    expect(store.worldShareStatus()).toBe('LOANED');
  });

  it('applies an approved renewal by itself once when the user asked for that', async () => {
    memory.data.set('request:A', {
      renewal: { worldShareRequestId: '111', askedAt: '2027-01-01T00:00:00Z' },
      activity: [],
    });
    alma.findLoanByBarcode.and.returnValue(of(loan));
    inbox.messages.and.resolveTo([
      message('m-1', '111', {
        reasonForMessage: 'RenewResponse',
        answerYesNo: 'Y',
        dueDate: '2027-04-01T12:00:00Z',
      }),
    ]);
    renewals.applyRenewal.and.resolveTo({
      kind: 'applied',
      dueDate: '2027-04-01',
      lenderDueDateWritten: false,
    });
    const auto = settings({ autoApplyRenewals: true });
    await store.show(target(requestA, { settings: auto }));
    await settle();
    expect(renewals.applyRenewal).toHaveBeenCalledOnceWith(
      jasmine.objectContaining({ userId: 'P1' }),
      loan,
      '2027-04-01',
    );
    expect(store.last()?.action).toBe('applyRenewal');

    await store.show(
      target({ ...requestA, last_modified_date: '2027-01-03T00:00:00Z' }, { settings: auto }),
    );
    await settle();
    expect(renewals.applyRenewal).toHaveBeenCalledTimes(1);
  });

  describe('the inbox watch', () => {
    beforeEach(() => jasmine.clock().install());
    afterEach(() => jasmine.clock().uninstall());

    it('reads again while the record is shown, and stops when the component ends', async () => {
      const injector = createEnvironmentInjector(
        [RecordStore],
        TestBed.inject(EnvironmentInjector),
      );
      const own = injector.get(RecordStore);
      const firstRead = Promise.resolve([] as LenderMessage[]);
      inbox.messages.and.returnValue(firstRead);
      void own.show(target(requestA));
      await firstRead;
      expect(inbox.messages).toHaveBeenCalledTimes(1);
      jasmine.clock().tick(1000);
      expect(inbox.messages).toHaveBeenCalledTimes(2);

      injector.destroy();
      jasmine.clock().tick(60_000);
      expect(inbox.messages).toHaveBeenCalledTimes(2);
    });
  });
});
