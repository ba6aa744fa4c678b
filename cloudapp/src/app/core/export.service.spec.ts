import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, of, throwError } from 'rxjs';
import { AlmaBorrowingRequest } from '../domain/alma-request';
import type { InstitutionConfig } from '../domain/institution-config';
import { AlmaService } from './alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { ExportService, pendingExportKey } from './export.service';
import { RequestMemoryService } from './request-memory.service';
import { MemoryStore as FakeStore, memoryService, testConfig } from './testing/fakes';
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

function config(mode: 'own' | 'exlibris' = 'own'): InstitutionConfig {
  return testConfig(
    mode === 'own'
      ? {}
      : {
          proxy: {
            mode: 'exlibris',
            url: 'https://api-na.exldevnetwork.net/proxy',
            wskey: 'KEY',
            secret: 'SECRET',
          },
        },
  );
}

/** A CloudAppStoreService double over a Map. */
class MemoryStore {
  readonly data = new Map<string, unknown>();
  get(key: string): Observable<unknown> {
    return of(this.data.get(key));
  }
  set(key: string, value: unknown): Observable<unknown> {
    this.data.set(key, value);
    return of({});
  }
  remove(key: string): Observable<unknown> {
    this.data.delete(key);
    return of({});
  }
}

describe('ExportService', () => {
  let alma: jasmine.SpyObj<AlmaService>;
  let ws: jasmine.SpyObj<WorldShareService>;
  let store: MemoryStore;
  let service: ExportService;
  let memory: RequestMemoryService;
  const activity = async () =>
    (await memory.get('1987654320004')).activity.map((a) => [
      a.action,
      a.outcome,
      a.worldShareRequestId ?? '',
      a.who,
    ]);
  const created = (requestId: string, replayed = false) => ({
    request: { requestId, requestStatus: 'SUBMITTING', referenceId: '1987654320004' },
    replayed,
  });
  const sentToPartner = (wsId: string) =>
    bookRequest({
      external_id: wsId,
      partner: { value: 'WSILL', desc: 'WorldShareILL' },
      status: { value: 'REQUEST_SENT', desc: 'Request sent to partner' },
    });

  beforeEach(() => {
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', [
      'getBorrowingRequest',
      'assignToPartner',
    ]);
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', [
      'findByReferenceId',
      'createRequest',
    ]);
    store = new MemoryStore();
    memory = memoryService(store as unknown as FakeStore);
    service = new ExportService(alma, ws, store as unknown as CloudAppStoreService, memory);
    alma.getBorrowingRequest.and.returnValue(of(bookRequest()));
    alma.assignToPartner.and.callFake((_u, _r, _p, wsId) => of(sentToPartner(wsId)));
    ws.findByReferenceId.and.resolveTo([]);
    ws.createRequest.and.resolveTo(created('555'));
  });

  describe("through the project's own proxy", () => {
    it('creates one WorldShare request keyed by the Alma request id and marks Alma with its id: 1 Alma read, 1 create, 1 Alma write', async () => {
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: false }),
      );
      expect(alma.getBorrowingRequest).toHaveBeenCalledTimes(1);
      expect(ws.createRequest).toHaveBeenCalledTimes(1);
      const [, body, key] = ws.createRequest.calls.mostRecent().args;
      expect(key).toBe('1987654320004');
      expect(body.illRequest.referenceId).toBe('1987654320004');
      expect(JSON.stringify(body)).not.toContain('P1000231');
      expect(ws.findByReferenceId).not.toHaveBeenCalled();
      expect(alma.assignToPartner).toHaveBeenCalledOnceWith(
        'P1000231',
        '1987654320004',
        'WSILL',
        '555',
      );
      expect(store.data.has(pendingExportKey('1987654320004'))).toBeFalse();
    });

    it('hands the panel both answers, so nothing needs reading again', async () => {
      const outcome = await service.export('P1000231', '1987654320004', config());
      if (outcome.kind !== 'exported') throw new Error(outcome.kind);
      expect(outcome.worldShare).toEqual(
        jasmine.objectContaining({ requestId: '555', requestStatus: 'SUBMITTING' }),
      );
      expect(outcome.request?.external_id).toBe('555');
      expect(outcome.request?.status?.value).toBe('REQUEST_SENT');
    });

    it('gives no Alma record when the update answered with something else (the panel then reads it)', async () => {
      alma.assignToPartner.and.returnValue(of({}));
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome).toEqual(jasmine.objectContaining({ kind: 'exported', request: null }));
    });

    it('reports a replayed answer as WorldShare already having the request', async () => {
      ws.createRequest.and.resolveTo(created('555', true));
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: true }),
      );
      expect(ws.findByReferenceId).not.toHaveBeenCalled();
    });

    it('sends nothing when the fresh Alma record is already exported', async () => {
      alma.getBorrowingRequest.and.returnValue(of(sentToPartner('999')));
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome.kind).toBe('blocked');
      expect(ws.createRequest).not.toHaveBeenCalled();
    });

    it('when Alma fails after the create, the retry sends the same key again and finishes with the first id', async () => {
      alma.assignToPartner.and.returnValue(
        throwError(() => ({
          status: 500,
          error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'boom' }] } },
        })),
      );
      const first = await service.export('P1000231', '1987654320004', config());
      expect(first).toEqual(
        jasmine.objectContaining({ kind: 'alma-update-failed', worldShareRequestId: '555' }),
      );

      alma.assignToPartner.and.callFake((_u, _r, _p, wsId) => of(sentToPartner(wsId)));
      ws.createRequest.and.resolveTo(created('555', true));
      const second = await service.export('P1000231', '1987654320004', config());
      expect(second).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: true }),
      );
      expect(ws.createRequest.calls.allArgs().map((a) => a[2])).toEqual([
        '1987654320004',
        '1987654320004',
      ]);
    });

    it('reports a WorldShare refusal and changes nothing in Alma', async () => {
      ws.createRequest.and.rejectWith(
        new WorldShareError(simpleProblem('server-error', null), 500),
      );
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome).toEqual({
        kind: 'worldshare-failed',
        problem: jasmine.objectContaining({ code: 'server-error' }),
      });
      expect(alma.assignToPartner).not.toHaveBeenCalled();
    });

    it('reports an Alma read failure before anything is sent', async () => {
      alma.getBorrowingRequest.and.returnValue(throwError(() => ({ status: 404 })));
      const outcome = await service.export('P1000231', '1987654320004', config());
      expect(outcome).toEqual({
        kind: 'alma-read-failed',
        problem: jasmine.objectContaining({ kind: 'not-found' }),
      });
      expect(ws.createRequest).not.toHaveBeenCalled();
    });

    it('ignores a second export of the same request while the first runs', async () => {
      let release!: () => void;
      ws.createRequest.and.returnValue(
        new Promise((resolve) => (release = () => resolve(created('555')))),
      );
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

  it('writes each attempt to the activity log: done, partial when Alma was not marked, refused, failed', async () => {
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'done', '555', 'staff-1']]);

    store.data.clear();
    alma.assignToPartner.and.returnValue(
      throwError(() => ({
        status: 500,
        error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'boom' }] } },
      })),
    );
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'partial', '555', 'staff-1']]);
    expect((await memory.get('1987654320004')).activity[0].detail).toBe('boom');

    store.data.clear();
    ws.createRequest.and.rejectWith(new WorldShareError(simpleProblem('server-error', null), 500));
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'failed', '', 'staff-1']]);

    store.data.clear();
    alma.getBorrowingRequest.and.returnValue(
      of(
        bookRequest({
          external_id: '999',
          partner: { value: 'WSILL', desc: 'WorldShareILL' },
          status: { value: 'REQUEST_SENT' },
        }),
      ),
    );
    await service.export('P1000231', '1987654320004', config());
    expect(await activity()).toEqual([['export', 'refused', '', 'staff-1']]);
  });

  describe('through the Ex Libris hosted proxy (no idempotency store)', () => {
    it('searches WorldShare by reference id first, then creates without an idempotency key and remembers the id until Alma has it', async () => {
      const outcome = await service.export('P1000231', '1987654320004', config('exlibris'));
      expect(outcome).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: false }),
      );
      expect(ws.findByReferenceId).toHaveBeenCalledOnceWith(jasmine.anything(), '1987654320004');
      expect(ws.createRequest.calls.mostRecent().args[2]).toBeUndefined();
      expect(store.data.has(pendingExportKey('1987654320004'))).toBeFalse();
    });

    it('reuses the oldest WorldShare request found with this reference id instead of creating a second', async () => {
      ws.findByReferenceId.and.resolveTo([
        { requestId: '1002', requestStatus: 'PENDING', referenceId: '1987654320004' },
        { requestId: '998', requestStatus: 'PENDING', referenceId: '1987654320004' },
      ]);
      const outcome = await service.export('P1000231', '1987654320004', config('exlibris'));
      expect(outcome).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '998', reused: true }),
      );
      expect(ws.createRequest).not.toHaveBeenCalled();
    });

    it("keeps the WorldShare id in this user's store when Alma fails, and the retry finishes without creating again", async () => {
      alma.assignToPartner.and.returnValue(
        throwError(() => ({
          status: 500,
          error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'boom' }] } },
        })),
      );
      const first = await service.export('P1000231', '1987654320004', config('exlibris'));
      expect(first).toEqual(
        jasmine.objectContaining({ kind: 'alma-update-failed', worldShareRequestId: '555' }),
      );
      expect(store.data.get(pendingExportKey('1987654320004'))).toEqual(
        jasmine.objectContaining({ worldShareRequestId: '555' }),
      );

      alma.assignToPartner.and.callFake((_u, _r, _p, wsId) => of(sentToPartner(wsId)));
      const second = await service.export('P1000231', '1987654320004', config('exlibris'));
      expect(second).toEqual(
        jasmine.objectContaining({ kind: 'exported', worldShareRequestId: '555', reused: true }),
      );
      expect(ws.createRequest).toHaveBeenCalledTimes(1);
      expect(store.data.has(pendingExportKey('1987654320004'))).toBeFalse();
    });
  });
});
