import { of, throwError } from 'rxjs';
import { IsoMessage } from '../domain/iso18626';
import { AlmaService } from './alma.service';
import { RenewalService } from './renewal.service';
import { MemoryStore, exportedRequest, memoryService, testConfig } from './testing/fakes';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, simpleProblem } from './worldshare-problem-error';

const ok: IsoMessage = { kind: 'confirmation', element: 'requestingAgencyMessageConfirmation', messageStatus: 'OK', action: 'Renew', errorType: null, errorValue: null };
const answer = (yes: 'Y' | 'N' | null, dueDate: string | null = null, reason = 'RenewResponse'): IsoMessage => ({
  kind: 'supplyingAgencyMessage', reasonForMessage: reason, answerYesNo: yes, status: 'Loaned', dueDate, dueDateRaw: dueDate ? `${dueDate}T05:00:00Z` : null,
  lastChange: null, note: null, requestingAgencyRequestId: '1987654320059', supplyingAgencyRequestId: '187654321',
});
const loan = { loan_id: 'L-1', user_id: 'P1', item_barcode: 'TEMP-1', due_date: '2027-03-01T23:59:00Z' };

describe('RenewalService', () => {
  let ws: jasmine.SpyObj<WorldShareService>;
  let alma: jasmine.SpyObj<AlmaService>;
  let store: MemoryStore;
  let service: RenewalService;
  const target = () => ({ userId: 'P1', request: exportedRequest(), config: testConfig() });

  beforeEach(() => {
    ws = jasmine.createSpyObj<WorldShareService>('WorldShareService', ['sendIsoMessage']);
    alma = jasmine.createSpyObj<AlmaService>('AlmaService', ['updateLoanDueDate', 'recordLenderRenewal']);
    alma.updateLoanDueDate.and.returnValue(of(loan));
    alma.recordLenderRenewal.and.returnValue(of({}));
    store = new MemoryStore();
    service = new RenewalService(ws, alma, memoryService(store));
  });

  it('sends one ISO 18626 Renew naming the WorldShare request where OCLC\'s sample does, and remembers when', async () => {
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
    const second = await service.requestRenewal(target());
    expect(second.kind).toBe('already-waiting');
    expect(ws.sendIsoMessage).toHaveBeenCalledTimes(1);
  });

  it('reports an ISO error confirmation and remembers nothing', async () => {
    ws.sendIsoMessage.and.resolveTo({ ...ok, messageStatus: 'ERROR', errorType: 'UnrecognisedDataValue', errorValue: 'no such request' } as IsoMessage);
    const outcome = await service.requestRenewal(target());
    expect(outcome.kind).toBe('failed');
    expect(await service.current('1987654320059')).toBeNull();
  });

  it('refuses a request that was never exported', async () => {
    const outcome = await service.requestRenewal({ ...target(), request: exportedRequest({ external_id: null }) });
    expect(outcome).toEqual({ kind: 'refused', reason: 'not-exported' });
    expect(ws.sendIsoMessage).not.toHaveBeenCalled();
  });

  it('reads the lender: no answer, then approval with a calendar due date', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.resolveTo(answer(null, null, 'StatusRequestResponse'));
    expect((await service.checkRenewal(target())).kind).toBe('waiting');
    ws.sendIsoMessage.and.resolveTo(answer('Y', '2027-04-01'));
    const check = await service.checkRenewal(target());
    expect(check).toEqual(jasmine.objectContaining({ kind: 'approved', dueDate: '2027-04-01' }));
    // The answer is remembered: no further message to read it again.
    const calls = ws.sendIsoMessage.calls.count();
    expect((await service.checkRenewal(target())).kind).toBe('approved');
    expect(ws.sendIsoMessage.calls.count()).toBe(calls);
  });

  it('a denial changes no date and offers nothing to apply', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.resolveTo(answer('N'));
    expect((await service.checkRenewal(target())).kind).toBe('denied');
    expect((await service.applyRenewal(target(), loan)).kind).toBe('nothing-to-apply');
    expect(alma.updateLoanDueDate).not.toHaveBeenCalled();
    expect(alma.recordLenderRenewal).not.toHaveBeenCalled();
  });

  it('applies an approval to the loan and the lender due date, then forgets it', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.resolveTo(answer('Y', '2027-04-01'));
    await service.checkRenewal(target());
    const outcome = await service.applyRenewal(target(), loan);
    expect(outcome).toEqual({ kind: 'applied', dueDate: '2027-04-01', lenderDueDateWritten: true });
    expect(alma.updateLoanDueDate).toHaveBeenCalledOnceWith('P1', loan, '2027-04-01T23:59:00Z');
    expect(alma.recordLenderRenewal).toHaveBeenCalledOnceWith('P1', '1987654320059', '2027-04-01');
    expect(await service.current('1987654320059')).toBeNull();
  });

  it('after the lender-date step fails, a retry writes only that step', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.resolveTo(answer('Y', '2027-04-01'));
    await service.checkRenewal(target());
    alma.recordLenderRenewal.and.returnValue(throwError(() => ({ status: 500 })));
    const first = await service.applyRenewal(target(), loan);
    expect(first).toEqual(jasmine.objectContaining({ kind: 'failed', step: 'lender-due-date' }));
    alma.recordLenderRenewal.and.returnValue(of({}));
    const second = await service.applyRenewal(target(), loan);
    expect(second.kind).toBe('applied');
    expect(alma.updateLoanDueDate).toHaveBeenCalledTimes(1);
    expect(alma.recordLenderRenewal).toHaveBeenCalledTimes(2);
  });

  it('skips the lender due date when the institution turned it off', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    const t = { ...target(), config: testConfig({ writeLenderDueDate: false }) };
    await service.requestRenewal(t);
    ws.sendIsoMessage.and.resolveTo(answer('Y', '2027-04-01'));
    await service.checkRenewal(t);
    expect(await service.applyRenewal(t, loan)).toEqual({ kind: 'applied', dueDate: '2027-04-01', lenderDueDateWritten: false });
    expect(alma.recordLenderRenewal).not.toHaveBeenCalled();
  });

  it('says when there is no loan to change', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.resolveTo(answer('Y', '2027-04-01'));
    await service.checkRenewal(target());
    expect((await service.applyRenewal(target(), null)).kind).toBe('no-loan');
    expect(alma.updateLoanDueDate).not.toHaveBeenCalled();
  });

  it('keeps the waiting renewal when WorldShare cannot be reached', async () => {
    ws.sendIsoMessage.and.resolveTo(ok);
    await service.requestRenewal(target());
    ws.sendIsoMessage.and.rejectWith(new WorldShareError(simpleProblem('unavailable', 'timeout'), 0));
    const check = await service.checkRenewal(target());
    expect(check.kind).toBe('failed');
    expect((await service.current('1987654320059'))?.answer).toBeUndefined();
  });
});
