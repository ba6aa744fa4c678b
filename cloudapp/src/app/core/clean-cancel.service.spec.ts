import { firstValueFrom, of, throwError } from 'rxjs';
import { IsoMessage } from '../domain/iso18626';
import { AlmaService } from './alma.service';
import { CleanCancelService } from './clean-cancel.service';
import { MemoryStore, exportedRequest, memoryService, testConfig } from './testing/fakes';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

describe('CleanCancelService', () => {
  let ws: jasmine.SpyObj<WorldShareService>;
  let alma: jasmine.SpyObj<AlmaService>;
  let service: CleanCancelService;
  const request = () => exportedRequest({ barcode: undefined });

  beforeEach(() => {
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', [
      'getRequest',
      'sendIsoMessage',
    ]);
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', [
      'cancelBorrowingRequest',
      'findLoanByBarcode',
    ]);
    alma.cancelBorrowingRequest.and.returnValue(of(null));
    alma.findLoanByBarcode.and.returnValue(of(null));
    service = new CleanCancelService(ws, alma, memoryService(new MemoryStore()));
  });

  for (const status of [
    'CLOSED',
    'CANCELLED',
    'Unfilled',
    'EXPIRED',
    'RETURNED',
    'LoanCompleted',
  ]) {
    it(`cancels in Alma, without notifying the patron, when WorldShare is ${status}`, async () => {
      ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: status });
      const outcome = await service.cleanCancel('P1', request(), testConfig());
      expect(outcome).toEqual(jasmine.objectContaining({ kind: 'cancelled', removed: true }));
      const [userId, requestId, reason, note, removeRequest] =
        alma.cancelBorrowingRequest.calls.mostRecent().args;
      expect([userId, requestId, reason]).toEqual([
        'P1',
        '1987654320059',
        'ILL_CLOSED_IN_WORLDSHARE',
      ]);
      expect(removeRequest).withContext('removeRequestOnCancel is on by default').toBeTrue();
      expect(note).toContain('187654321');
      expect(note).toContain(status);
    });
  }

  it('keeps the request in Alma (remove_request=false) when the institution chose so, and says so', async () => {
    ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: 'CLOSED' });
    const outcome = await service.cleanCancel(
      'P1',
      request(),
      testConfig({ removeRequestOnCancel: false }),
    );
    expect(outcome).toEqual(jasmine.objectContaining({ kind: 'cancelled', removed: false }));
    expect(alma.cancelBorrowingRequest.calls.mostRecent().args[4]).toBeFalse();
  });

  for (const status of ['PENDING', 'SHIPPED', 'LOANED', 'RECALLED', 'SOMETHING_NEW', '']) {
    it(`leaves Alma untouched while WorldShare is ${status || '(empty)'}`, async () => {
      ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: status });
      const outcome = await service.cleanCancel('P1', request(), testConfig());
      expect(outcome.kind).toBe('worldshare-open');
      expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
    });
  }

  it('treats a missing WorldShare request as disagreement, not as closed', async () => {
    ws.getRequest.and.rejectWith(new WorldShareError(simpleProblem('not-found', null), 404));
    expect((await service.cleanCancel('P1', request(), testConfig())).kind).toBe(
      'worldshare-missing',
    );
    expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
  });

  it('changes nothing when WorldShare cannot be read', async () => {
    ws.getRequest.and.rejectWith(new WorldShareError(simpleProblem('unavailable', null), 0));
    expect((await service.cleanCancel('P1', request(), testConfig())).kind).toBe(
      'worldshare-failed',
    );
    expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
  });

  it('needs a configured reason before anything is read', async () => {
    expect(
      (await service.cleanCancel('P1', request(), testConfig({ cancelReasonCode: '' }))).kind,
    ).toBe('no-reason-configured');
    expect(ws.getRequest).not.toHaveBeenCalled();
  });

  it('uses a WorldShare read it is given instead of reading again', async () => {
    await service.cleanCancel('P1', request(), testConfig(), {
      requestId: '187654321',
      requestStatus: 'CLOSED',
    });
    expect(ws.getRequest).not.toHaveBeenCalled();
    expect(alma.cancelBorrowingRequest).toHaveBeenCalledTimes(1);
  });

  describe('the loan guard', () => {
    const onLoan = () => exportedRequest({ barcode: 'TEMP-1' });
    beforeEach(() =>
      ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: 'CLOSED' }),
    );

    it('refuses while the patron has the temporary item on loan, and leaves Alma alone', async () => {
      alma.findLoanByBarcode.and.returnValue(
        of({ loan_id: 'L1', item_barcode: 'TEMP-1', loan_status: 'ACTIVE' }),
      );
      const outcome = await service.cleanCancel('P1', onLoan(), testConfig());
      expect(outcome).toEqual(jasmine.objectContaining({ kind: 'loan-active', barcode: 'TEMP-1' }));
      expect(alma.findLoanByBarcode).toHaveBeenCalledWith('P1', 'TEMP-1');
      expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
    });

    it('cancels once the item is checked in (no active loan)', async () => {
      expect((await service.cleanCancel('P1', onLoan(), testConfig())).kind).toBe('cancelled');
      alma.findLoanByBarcode.and.returnValue(
        of({ loan_id: 'L1', item_barcode: 'TEMP-1', loan_status: 'COMPLETE' }),
      );
      expect((await service.cleanCancel('P1', onLoan(), testConfig())).kind).toBe('cancelled');
    });

    it('refuses when the loans cannot be read', async () => {
      alma.findLoanByBarcode.and.returnValue(
        throwError(() => ({
          status: 500,
          error: { errorList: { error: [{ errorCode: 'X', errorMessage: 'down' }] } },
        })),
      );
      const outcome = await service.cleanCancel('P1', onLoan(), testConfig());
      expect(outcome).toEqual(
        jasmine.objectContaining({
          kind: 'loan-check-failed',
          problem: jasmine.objectContaining({ almaMessage: 'down' }),
        }),
      );
      expect(alma.cancelBorrowingRequest).not.toHaveBeenCalled();
    });

    it('reads no loans for a request without a temporary item, nor while WorldShare is open', async () => {
      await service.cleanCancel('P1', request(), testConfig());
      ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: 'PENDING' });
      await service.cleanCancel('P1', onLoan(), testConfig());
      expect(alma.findLoanByBarcode).not.toHaveBeenCalled();
    });

    it('uses the finder it is given (bulk reads each patron once)', async () => {
      const finder = jasmine
        .createSpy('finder')
        .and.resolveTo({ loan_id: 'L1', item_barcode: 'TEMP-1' });
      expect(
        (await service.cleanCancel('P1', onLoan(), testConfig(), undefined, finder)).kind,
      ).toBe('loan-active');
      expect(finder).toHaveBeenCalledWith('P1', 'TEMP-1');
      expect(alma.findLoanByBarcode).not.toHaveBeenCalled();
    });
  });

  it('reports Alma refusing the cancel', async () => {
    ws.getRequest.and.resolveTo({ requestId: '187654321', requestStatus: 'CLOSED' });
    alma.cancelBorrowingRequest.and.returnValue(
      throwError(() => ({
        status: 400,
        error: { errorList: { error: [{ errorCode: '401652', errorMessage: 'Invalid reason' }] } },
      })),
    );
    const outcome = await service.cleanCancel('P1', request(), testConfig());
    expect(outcome).toEqual(
      jasmine.objectContaining({
        kind: 'alma-failed',
        problem: jasmine.objectContaining({ almaMessage: 'Invalid reason' }),
      }),
    );
  });

  it('sends one Cancel to the lender, and a second click sends nothing', async () => {
    const confirmation: IsoMessage = {
      kind: 'confirmation',
      element: 'requestingAgencyMessageConfirmation',
      messageStatus: 'OK',
      action: 'Cancel',
      errorType: null,
      errorValue: null,
    };
    ws.sendIsoMessage.and.resolveTo(confirmation);
    const first = await service.cancelAtLender(request(), testConfig());
    const second = await service.cancelAtLender(request(), testConfig());
    expect(first.kind).toBe('sent');
    expect(second).toEqual(first);
    expect(ws.sendIsoMessage).toHaveBeenCalledTimes(1);
    expect(ws.sendIsoMessage.calls.mostRecent().args[1]).toMatch(/Cancel<\/(\w+:)?action>/);
  });
});

describe('AlmaService.cancelBorrowingRequest', () => {
  for (const removeRequest of [true, false]) {
    it(`always sends notify_user=false, and remove_request=${removeRequest} as configured`, async () => {
      const rest = jasmine.createSpyObj('CloudAppRestService', ['call']);
      rest.call.and.returnValue(of(null));
      const alma = new AlmaService(rest);
      await firstValueFrom(
        alma.cancelBorrowingRequest('P1', '42', 'REASON', 'note', removeRequest),
      );
      const request = rest.call.calls.mostRecent().args[0];
      expect(request.method).toBe('DELETE');
      expect(request.queryParams).toEqual({
        reason: 'REASON',
        note: 'note',
        notify_user: 'false',
        remove_request: String(removeRequest),
      });
    });
  }
});
