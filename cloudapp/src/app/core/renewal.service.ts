import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AlmaLoan } from '../domain/alma-request';
import { calendarDateToAlmaDueDate } from '../domain/calendar-date';
import { InstitutionConfig } from '../domain/institution-config';
import { WorldShareProblem } from '../domain/worldshare-errors';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { BorrowingRequest, AlmaService } from './alma.service';
import { borrowerMessage } from './iso-exchange';
import { RenewalMemory, RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { simpleProblem, toWorldShareProblem } from './worldshare-problem-error';

/** How asking the lender for a renewal ended. */
export type RenewRequestOutcome =
  | { kind: 'requested'; renewal: RenewalMemory }
  | { kind: 'already-waiting'; renewal: RenewalMemory }
  | { kind: 'refused'; reason: string }
  | { kind: 'failed'; problem: WorldShareProblem };

/** What the lender has answered so far. */
export type RenewalCheck =
  | { kind: 'none' }
  | { kind: 'waiting'; renewal: RenewalMemory }
  | { kind: 'approved'; renewal: RenewalMemory; dueDate: string }
  | { kind: 'denied'; renewal: RenewalMemory }
  | { kind: 'failed'; renewal: RenewalMemory; problem: WorldShareProblem };

/** How writing an approved due date into Alma ended. */
export type ApplyOutcome =
  | { kind: 'applied'; dueDate: string; lenderDueDateWritten: boolean }
  | { kind: 'nothing-to-apply' }
  | { kind: 'no-loan' }
  | { kind: 'failed'; step: 'loan' | 'lender-due-date'; problem: AlmaProblem };

/** Everything a renewal step needs to know about the request. */
export interface RenewalTarget {
  userId: string;
  request: BorrowingRequest;
  config: InstitutionConfig;
}

/**
 * One-click renewal: ask the lender through WorldShare (ISO 18626 `Renew`), read the lender's
 * answer (ISO 18626 `StatusRequest`), and write an approved due date into Alma — the patron's loan
 * of the temporary item (documented loans API) and, when configured, the borrowing request's lender
 * due date (internal call). Each finished step is remembered, so a retry repeats nothing.
 */
@Injectable({ providedIn: 'root' })
export class RenewalService {
  constructor(
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly memory: RequestMemoryService,
  ) {}

  /** The renewal remembered for this request, if any. */
  async current(requestId: string): Promise<RenewalMemory | null> {
    return (await this.memory.get(requestId)).renewal ?? null;
  }

  async requestRenewal(t: RenewalTarget): Promise<RenewRequestOutcome> {
    const wsId = t.request.external_id ? String(t.request.external_id) : null;
    if (!wsId) return { kind: 'refused', reason: 'not-exported' };
    const existing = await this.current(t.request.request_id);
    if (existing && !existing.answer) return { kind: 'already-waiting', renewal: existing };
    let answer;
    try {
      answer = await this.worldshare.sendIsoMessage(t.config, borrowerMessage('Renew', t.request, wsId, t.config));
    } catch (e) {
      return this.failed(t, e, 'renew-request');
    }
    if (answer.kind === 'confirmation' && answer.messageStatus === 'ERROR') {
      const problem: WorldShareProblem = { ...simpleProblem('invalid-field', answer.errorValue), field: answer.errorType };
      await this.memory.log({ action: 'renew-request', outcome: 'refused', almaRequestId: t.request.request_id, worldShareRequestId: wsId, detail: `${answer.errorType ?? ''} ${answer.errorValue ?? ''}`.trim() });
      return { kind: 'failed', problem };
    }
    const renewal: RenewalMemory = { worldShareRequestId: wsId, askedAt: new Date().toISOString() };
    await this.memory.update(t.request.request_id, (m) => ({ ...m, renewal }));
    await this.memory.log({ action: 'renew-request', outcome: 'waiting', almaRequestId: t.request.request_id, worldShareRequestId: wsId });
    return { kind: 'requested', renewal };
  }

  /** Asks WorldShare for the lender's latest word on a renewal that is waiting. */
  async checkRenewal(t: RenewalTarget): Promise<RenewalCheck> {
    const renewal = await this.current(t.request.request_id);
    if (!renewal) return { kind: 'none' };
    if (renewal.answer) return fromAnswer(renewal);
    let message;
    try {
      message = await this.worldshare.sendIsoMessage(t.config, borrowerMessage('StatusRequest', t.request, renewal.worldShareRequestId, t.config));
    } catch (e) {
      return { kind: 'failed', renewal, problem: toWorldShareProblem(e) };
    }
    if (message.kind !== 'supplyingAgencyMessage' || message.reasonForMessage !== 'RenewResponse' || !message.answerYesNo) {
      return { kind: 'waiting', renewal };
    }
    const approved = message.answerYesNo === 'Y' && !!message.dueDate;
    const answered: RenewalMemory = { ...renewal, answer: { approved, dueDate: approved ? message.dueDate : null, at: new Date().toISOString() } };
    await this.memory.update(t.request.request_id, (m) => ({ ...m, renewal: answered }));
    await this.memory.log({
      action: 'renew-answer', outcome: approved ? 'done' : 'refused', almaRequestId: t.request.request_id,
      worldShareRequestId: renewal.worldShareRequestId, detail: approved ? message.dueDate ?? undefined : 'denied by lender',
    });
    return fromAnswer(answered);
  }

  /**
   * Writes the approved due date into Alma: the loan whose item barcode is the request's temporary
   * item, then (when configured) the lender due date on the request. A step that already succeeded
   * is not repeated.
   */
  async applyRenewal(t: RenewalTarget, loan: AlmaLoan | null): Promise<ApplyOutcome> {
    const renewal = await this.current(t.request.request_id);
    const dueDate = renewal?.answer?.approved ? renewal.answer.dueDate : null;
    if (!renewal || !dueDate) return { kind: 'nothing-to-apply' };
    const applied = { ...(renewal.applied ?? {}) };
    const save = () => this.memory.update(t.request.request_id, (m) => ({ ...m, renewal: { ...renewal, applied: { ...applied } } }));

    if (!applied.loan) {
      if (!loan) return { kind: 'no-loan' };
      try {
        await firstValueFrom(this.alma.updateLoanDueDate(t.userId, loan, calendarDateToAlmaDueDate(dueDate)));
      } catch (e) {
        const problem = describeAlmaError(e);
        await this.memory.log({ action: 'renew-apply', outcome: 'failed', almaRequestId: t.request.request_id, worldShareRequestId: renewal.worldShareRequestId, detail: `loan: ${problem.almaMessage ?? problem.kind}` });
        return { kind: 'failed', step: 'loan', problem };
      }
      applied.loan = true;
      await save();
    }
    if (t.config.writeLenderDueDate && !applied.lenderDueDate) {
      try {
        await firstValueFrom(this.alma.recordLenderRenewal(t.userId, t.request.request_id, dueDate));
      } catch (e) {
        const problem = describeAlmaError(e);
        await this.memory.log({ action: 'renew-apply', outcome: 'partial', almaRequestId: t.request.request_id, worldShareRequestId: renewal.worldShareRequestId, detail: `loan due ${dueDate}; lender due date not written` });
        return { kind: 'failed', step: 'lender-due-date', problem };
      }
      applied.lenderDueDate = true;
    }
    // Done: forget the renewal so a later one can be asked for.
    await this.memory.update(t.request.request_id, (m) => ({ ...m, renewal: undefined }));
    await this.memory.log({ action: 'renew-apply', outcome: 'done', almaRequestId: t.request.request_id, worldShareRequestId: renewal.worldShareRequestId, detail: dueDate });
    return { kind: 'applied', dueDate, lenderDueDateWritten: !!applied.lenderDueDate };
  }

  /** Forgets a denied renewal (staff have read the answer). */
  async dismiss(requestId: string): Promise<void> {
    await this.memory.update(requestId, (m) => ({ ...m, renewal: undefined }));
  }

  private async failed(t: RenewalTarget, e: unknown, action: 'renew-request'): Promise<RenewRequestOutcome> {
    const problem = toWorldShareProblem(e);
    await this.memory.log({ action, outcome: 'failed', almaRequestId: t.request.request_id, worldShareRequestId: String(t.request.external_id ?? ''), detail: problem.code });
    return { kind: 'failed', problem };
  }
}

function fromAnswer(renewal: RenewalMemory): RenewalCheck {
  if (!renewal.answer) return { kind: 'waiting', renewal };
  return renewal.answer.approved && renewal.answer.dueDate
    ? { kind: 'approved', renewal, dueDate: renewal.answer.dueDate }
    : { kind: 'denied', renewal };
}
