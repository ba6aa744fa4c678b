import { of, throwError } from 'rxjs';
import { IsoMessage } from '../domain/iso18626';
import { AlmaService } from './alma.service';
import { RenewalService } from './renewal.service';
import { MemoryStore, exportedRequest, memoryService, testConfig } from './testing/fakes';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

const ok: IsoMessage = {
  kind: 'confirmation',
  element: 'requestingAgencyMessageConfirmation',
  messageStatus: 'OK',
  action: 'Renew',
  errorType: null,
  errorValue: null,
};
const loan = {
  loan_id: 'L-1',
  user_id: 'P1',
  item_barcode: 'TEMP-1',
  due_date: '2027-03-01T23:59:00Z',
};

describe('RenewalService', () => {
  let ws: jasmine.SpyObj<WorldShareService>;
  let alma: jasmine.SpyObj<AlmaService>;
  let store: MemoryStore;
  let service: RenewalService;
  const target = () => ({ userId: 'P1', request: exportedRequest(), config: testConfig() });

  beforeEach(() => {
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['sendIsoMessage']);
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', [
      'updateLoanDueDate',
      'recordLenderRenewal',
    ]);
    alma.updateLoanDueDate.and.returnValue(of(loan));
    alma.recordLenderRenewal.and.returnValue(of({}));
    store = new MemoryStore();
    service = new RenewalService(ws, alma, memoryService(store));
  });

  it("sends one ISO 18626 Renew naming the WorldShare request where OCLC's sample does, and remembers when", async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    const outcome = await service.requestRenewal(target());
    expect(outcome.kind).toBe('requested');
    const xml = ws.sendIsoMessage.calls.mostRecent().args[1];
    expect(xml).toMatch(/Renew<\/(\w+:)?action>/);
    expect(xml).toMatch(/<(\w+:)?requestingAgencyRequestId>187654321</);
    expect(xml).not.toContain('1987654320059');
    expect((await service.current('1987654320059'))?.askedAt).toEqual(jasmine.any(String));
  });

  it('does not ask twice while a renewal waits for the lender', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    const second = await service.requestRenewal(target(), true);
    expect(second.kind).toBe('already-waiting');
    expect(ws.sendIsoMessage).toHaveBeenCalledTimes(1);
  });

  it('asks again once the earlier renewal was answered', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    expect((await service.requestRenewal(target(), false)).kind).toBe('requested');
    expect(ws.sendIsoMessage).toHaveBeenCalledTimes(2);
  });

  it('reports an ERROR confirmation in its own words and remembers it, also without errorData', async () => {
    ws.sendIsoMessage.and.resolveTo({
      ...ok,
      messageStatus: 'ERROR',
      errorType: 'UnrecognisedDataValue',
      errorValue: 'no such request',
    } as IsoMessage);
    expect(await service.requestRenewal(target())).toEqual({
      kind: 'error-confirmation',
      errorType: 'UnrecognisedDataValue',
      errorValue: 'no such request',
    });
    expect((await service.current('1987654320059'))?.error).toEqual({
      errorType: 'UnrecognisedDataValue',
      errorValue: 'no such request',
    });
    ws.sendIsoMessage.and.resolveTo({ ...ok, messageStatus: 'ERROR' } as IsoMessage);
    expect(await service.requestRenewal(target(), true)).toEqual({
      kind: 'error-confirmation',
      errorType: null,
      errorValue: null,
    });
  });

  it('refuses a request that was never exported', async () => {
    const outcome = await service.requestRenewal({
      ...target(),
      request: exportedRequest({ external_id: null }),
    });
    expect(outcome).toEqual({ kind: 'refused', reason: 'not-exported' });
    expect(ws.sendIsoMessage).not.toHaveBeenCalled();
  });

  it('writes nothing without a date', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    expect((await service.applyRenewal(target(), loan, null)).kind).toBe('nothing-to-apply');
    expect((await service.applyRenewal(target(), loan, '2027-02-30')).kind).toBe(
      'nothing-to-apply',
    );
    expect(alma.updateLoanDueDate).not.toHaveBeenCalled();
    expect(alma.recordLenderRenewal).not.toHaveBeenCalled();
  });

  // The lender due-date call (not documented by Ex Libris) is off by default; these turn it on.
  const withLenderDueDate = () => ({
    ...target(),
    config: testConfig({ writeLenderDueDate: true }),
  });

  it('applies a date to the loan (end of that day in the institution zone) and, when switched on, the lender due date, once', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    const t = {
      ...target(),
      config: testConfig({ timeZone: 'America/New_York', writeLenderDueDate: true }),
    };
    await service.requestRenewal(t);
    const outcome = await service.applyRenewal(t, loan, '2027-04-01');
    expect(outcome).toEqual({ kind: 'applied', dueDate: '2027-04-01', lenderDueDateWritten: true });
    expect(alma.updateLoanDueDate).toHaveBeenCalledWith('P1', loan, '2027-04-02T03:59:59Z');
    expect(alma.recordLenderRenewal).toHaveBeenCalledWith('P1', '1987654320059', '2027-04-01');
    expect((await service.current('1987654320059'))?.applied).toEqual(
      jasmine.objectContaining({ done: true, dueDate: '2027-04-01' }),
    );
    await service.applyRenewal(t, loan, '2027-04-01');
    expect(alma.updateLoanDueDate).toHaveBeenCalledTimes(1);
  });

  it('a failed lender due date write keeps the loan step done, so a retry writes only what is missing', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    alma.recordLenderRenewal.and.returnValue(
      throwError(() => ({
        status: 400,
        error: { errorList: { error: [{ errorMessage: 'bad' }] } },
      })),
    );
    const first = await service.applyRenewal(withLenderDueDate(), loan, '2027-04-01');
    expect(first.kind).toBe('failed');
    alma.recordLenderRenewal.and.returnValue(of({}));
    const second = await service.applyRenewal(withLenderDueDate(), loan, '2027-04-01');
    expect(second.kind).toBe('applied');
    expect(alma.updateLoanDueDate).toHaveBeenCalledTimes(1);
    expect(alma.recordLenderRenewal).toHaveBeenCalledTimes(2);
  });

  it('skips the lender due date by default (the call is not documented by Ex Libris)', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    const t = target();
    expect(t.config.writeLenderDueDate).toBeFalse();
    await service.requestRenewal(t);
    expect(await service.applyRenewal(t, loan, '2027-04-01')).toEqual({
      kind: 'applied',
      dueDate: '2027-04-01',
      lenderDueDateWritten: false,
    });
    expect(alma.recordLenderRenewal).not.toHaveBeenCalled();
  });

  it('reports a missing loan and a network failure of the Renew', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    expect((await service.applyRenewal(target(), null, '2027-04-01')).kind).toBe('no-loan');
    ws.sendIsoMessage.and.rejectWith(new WorldShareError(simpleProblem('unavailable', null), 0));
    expect((await service.requestRenewal(target())).kind).toBe('failed');
  });

  it("brings the loan forward to the lender's recall date (end of that day in the institution zone) and logs it", async () => {
    const t = { ...target(), config: testConfig({ timeZone: 'America/New_York' }) };
    const recalled = { ...loan, due_date: '2026-12-10T04:59:59Z' };
    alma.updateLoanDueDate.and.returnValue(of(recalled));
    expect(await service.applyRecall(t, loan, '2026-12-09')).toEqual({
      kind: 'applied',
      dueDate: '2026-12-09',
      loan: recalled,
    });
    expect(alma.updateLoanDueDate).toHaveBeenCalledOnceWith('P1', loan, '2026-12-10T04:59:59Z');
    const log = store.data.get('request:1987654320059') as { activity: object[] };
    expect(log.activity).toEqual([
      jasmine.objectContaining({ action: 'recall-apply', outcome: 'done', detail: '2026-12-09' }),
    ]);
  });

  it("reports a recall Alma refused in Alma's words, and writes nothing without a loan", async () => {
    alma.updateLoanDueDate.and.returnValue(
      throwError(() => ({
        status: 400,
        error: { errorList: { error: [{ errorCode: '401', errorMessage: 'Loan is closed.' }] } },
      })),
    );
    const failed = await service.applyRecall(target(), loan, '2026-12-09');
    expect(failed.kind).toBe('failed');
    const log = store.data.get('request:1987654320059') as { activity: object[] };
    expect(log.activity).toEqual([
      jasmine.objectContaining({ action: 'recall-apply', outcome: 'failed' }),
    ]);
    alma.updateLoanDueDate.calls.reset();
    expect(await service.applyRecall(target(), null, '2026-12-09')).toEqual({ kind: 'no-loan' });
    expect(alma.updateLoanDueDate).not.toHaveBeenCalled();
  });
});
