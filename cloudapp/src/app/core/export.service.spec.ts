import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, of, throwError } from 'rxjs';
import { AlmaBorrowingRequest } from '../domain/alma-request';
import { InstitutionConfig, repairInstitutionConfig } from '../domain/institution-config';
import { AlmaService, BorrowingRequest } from './alma.service';
import { ExportService, pendingExportKey } from './export.service';
import { RequestMemoryService } from './request-memory.service';
import { MemoryStore as FakeStore, memoryService } from './testing/fakes';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

function bookRequest(overrides: Partial<AlmaBorrowingRequest> = {}): BorrowingRequest {
  return {
    request_id: '1987654320004',
    external_id: null,
    partner: null,
    status: { value: 'READY_TO_SEND', desc: 'Ready to be sent' },
    format: { value: 'PHYSICAL', desc: 'Physical' },
    citation_type: { value: 'BK', desc: 'Book' },
    title: 'The Structure of Scientific Revolutions',
    author: 'Kuhn, Thomas S.',
    isbn: '9780226458083',
    last_interest_date: '2099-12-31Z',
    requester: { value: 'P1000231', desc: 'Doe, Alex' },
    ...overrides,
  } as BorrowingRequest;
}

function config(): InstitutionConfig {
  const { config: c } = repairInstitutionConfig({
    proxy: { mode: 'own', url: 'https://proxy.example.org', wskey: '' },
    worldshare: { registryId: '128807', symbol: 'SIM', illBaseUrl: 'https://128807.share.worldcat.org', isoPath: '/ILL/iso18626', oauthScopes: 'WorldShareILL' },
    almaPartnerCode: 'WSILL',
    cancelReasonCode: 'CLOSED',
    library: {
      billingAddress: { attention: '', address1: '100 Library Way', address2: '', locality: 'Springfield', region: '', postal: '', country: '' },
      deliveryAddress: { attention: '', address1: '', address2: '', locality: '', region: '', postal: '', country: '' },
    },
  });
  return c;
}

/** A CloudAppStoreService double over a Map. */
class MemoryStore {
  readonly data = new Map<string, unknown>();
  get(key: string): Observable<unknown> { return of(this.data.get(key)); }
  set(key: string, value: unknown): Observable<unknown> { this.data.set(key, value); return of({}); }
  remove(key: string): Observable<unknown> { this.data.delete(key); return of({}); }
}

describe('ExportService', () => {
  let alma: jasmine.SpyObj<AlmaService>;
  let ws: jasmine.SpyObj<WorldShareService>;
  let store: MemoryStore;
  let service: ExportService;
  let memory: RequestMemoryService;
  const activity = async () => (await memory.get('1987654320004')).activity.map((a) => [a.action, a.outcome, a.worldShareRequestId ?? '', a.who]);

  beforeEach(() => {
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['getBorrowingRequest', 'assignToPartner']);
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['findByReferenceId', 'createRequest']);
    store = new MemoryStore();
    memory = memoryService(store as unknown as FakeStore);
    service = new ExportService(alma, ws, store as unknown as CloudAppStoreService, memory);
    alma.getBorrowingRequest.and.returnValue(of(bookRequest()));
    alma.assignToPartner.and.returnValue(of({}));
    ws.findByReferenceId.and.resolveTo([]);
    ws.createRequest.and.resolveTo({ requestId: '555', requestStatus: 'PENDING' });
  });

  it('creates one WorldShare request and marks Alma with its id', async () => {
    const outcome = await service.export('P1000231', '1987654320004', config());
    expect(outcome).toEqual(jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: false }));
    expect(ws.createRequest).toHaveBeenCalledTimes(1);
    const body = ws.createRequest.calls.mostRecent().args[1];
    expect(body.illRequest.referenceId).toBe('1987654320004');
    expect(JSON.stringify(body)).not.toContain('P1000231');
    expect(alma.assignToPartner).toHaveBeenCalledOnceWith('P1000231', '1987654320004', 'WSILL', '555');
    expect(store.data.has(pendingExportKey('1987654320004'))).toBeFalse();
  });

  it('writes each attempt to the activity log: done, partial when Alma was not marked, refused, failed', async () => {
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'done', '555', 'staff-1']]);

    store.data.clear();
    alma.assignToPartner.and.returnValue(throwError(() => ({ status: 500, error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'boom' }] } } })));
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'partial', '555', 'staff-1']]);
    expect((await memory.get('1987654320004')).activity[0].detail).toBe('boom');

    store.data.clear();
    ws.createRequest.and.rejectWith(new WorldShareError(simpleProblem('server-error', null), 500));
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'failed', '', 'staff-1']]);

    store.data.clear();
    alma.getBorrowingRequest.and.returnValue(of(bookRequest({ external_id: '999', partner: { value: 'WSILL', desc: 'WorldShareILL' }, status: { value: 'REQUEST_SENT' } })));
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'refused', '', 'staff-1']]);
  });

  it('sends nothing when the fresh Alma record is already exported', async () => {
    alma.getBorrowingRequest.and.returnValue(of(bookRequest({ external_id: '999', partner: { value: 'WSILL', desc: 'WorldShareILL' }, status: { value: 'REQUEST_SENT' } })));
    const outcome = await service.export('P1000231', '1987654320004', config());
    expect(outcome.kind).toBe('blocked');
    expect(ws.findByReferenceId).not.toHaveBeenCalled();
    expect(ws.createRequest).not.toHaveBeenCalled();
  });

  it('reuses a WorldShare request found by reference id instead of creating a second', async () => {
    ws.findByReferenceId.and.resolveTo([{ requestId: '1002', requestStatus: 'PENDING' }, { requestId: '998', requestStatus: 'PENDING' }]);
    const outcome = await service.export('P1000231', '1987654320004', config());
    expect(outcome).toEqual(jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '998', reused: true }));
    expect(ws.createRequest).not.toHaveBeenCalled();
  });

  it('keeps the WorldShare id when Alma fails, and the retry finishes without creating again', async () => {
    alma.assignToPartner.and.returnValue(throwError(() => ({ status: 500, error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'boom' }] } } })));
    const first = await service.export('P1000231', '1987654320004', config());
    expect(first).toEqual(jasmine.objectContaining({ kind: 'alma-update-failed', worldShareRequestId: '555' }));
    expect(store.data.get(pendingExportKey('1987654320004'))).toEqual(jasmine.objectContaining({ worldShareRequestId: '555' }));

    alma.assignToPartner.and.returnValue(of({}));
    const second = await service.export('P1000231', '1987654320004', config());
    expect(second).toEqual(jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: true }));
    expect(ws.createRequest).toHaveBeenCalledTimes(1);
  });

  it('reports a WorldShare refusal and changes nothing in Alma', async () => {
    ws.createRequest.and.rejectWith(new WorldShareError(simpleProblem('server-error', null), 500));
    const outcome = await service.export('P1000231', '1987654320004', config());
    expect(outcome).toEqual({ kind: 'worldshare-failed', problem: jasmine.objectContaining({ code: 'server-error' }) });
    expect(alma.assignToPartner).not.toHaveBeenCalled();
  });

  it('reports an Alma read failure before anything is sent', async () => {
    alma.getBorrowingRequest.and.returnValue(throwError(() => ({ status: 404 })));
    const outcome = await service.export('P1000231', '1987654320004', config());
    expect(outcome).toEqual({ kind: 'alma-read-failed', problem: jasmine.objectContaining({ kind: 'not-found' }) });
    expect(ws.findByReferenceId).not.toHaveBeenCalled();
  });

  it('ignores a second export of the same request while the first runs', async () => {
    let release!: () => void;
    ws.findByReferenceId.and.returnValue(new Promise((resolve) => (release = () => resolve([]))));
    const first = service.export('P1000231', '1987654320004', config());
    const second = await service.export('P1000231', '1987654320004', config());
    expect(second).toEqual({ kind: 'in-progress' });
    expect(service.isRunning('1987654320004')).toBeTrue();
    release();
    expect((await first).kind).toBe('exported');
    expect(ws.createRequest).toHaveBeenCalledTimes(1);
    expect(service.isRunning('1987654320004')).toBeFalse();
  });
});
