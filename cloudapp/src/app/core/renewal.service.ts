import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AlmaLoan } from '../domain/alma-request';
import { calendarDateToAlmaDueDate, isCalendarDate } from '../domain/calendar-date';
import { InstitutionConfig } from '../domain/institution-config';
import { WorldShareProblem } from '../domain/worldshare-errors';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { AlmaService } from './alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { borrowerMessage } from '../domain/iso-exchange';
import { RenewalMemory, RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { toWorldShareProblem } from './worldshare-problem-error';

/** How asking the lender for a renewal ended. */
export type RenewRequestOutcome =
  | { kind: 'requested'; renewal: RenewalMemory }
  | { kind: 'already-waiting'; renewal: RenewalMemory }
  | { kind: 'refused'; reason: string }
  /** The lender's ERROR confirmation (ISO 18626), in its own words; errorData may be missing. */
  | { kind: 'error-confirmation'; errorType: string | null; errorValue: string | null }
  | { kind: 'failed'; problem: WorldShareProblem };

/** How writing an approved due date into Alma ended. */
export type ApplyOutcome =
  | { kind: 'applied'; dueDate: string; lenderDueDateWritten: boolean }
  | { kind: 'nothing-to-apply' }
  | { kind: 'no-loan' }
  | { kind: 'failed'; step: 'loan' | 'lender-due-date'; problem: AlmaProblem };

/**
 * How bringing the loan's due date forward to a lender's recall date ended. `loan` is the loan as
 * Alma now has it (Alma's answer, or the loan with the new due date when the answer was not one).
 */
export type RecallOutcome =
  | { kind: 'applied'; dueDate: string; loan: AlmaLoan }
  | { kind: 'no-loan' }
  | { kind: 'failed'; problem: AlmaProblem };

/** Everything a renewal step needs to know about the request. */
export interface RenewalTarget {
  userId: string;
  request: BorrowingRequest;
  config: InstitutionConfig;
}

/**
 * Renewal: ask the lender through WorldShare (ISO 18626 `Renew`; the HTTP answer is only a
 * confirmation) and write an approved due date into Alma — the patron's loan of the temporary item
 * (documented loans API) and, when configured, the borrowing request's lender due date (internal
 * call). The lender's answer arrives later in the proxy's inbox and is read by the panel
 * (LenderInboxService, domain/lender-facts.ts). Each finished step is remembered, so a retry
 * repeats nothing. A lender's recall date is written to the same loan (`applyRecall`).
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

  /**
   * Sends Renew. `open` says whether an earlier Renew is still waiting for the lender's answer
   * (from the lender facts); then nothing is sent again.
   */
  async requestRenewal(t: RenewalTarget, open = false): Promise<RenewRequestOutcome> {
    const wsId = t.request.external_id ? String(t.request.external_id) : null;
    if (!wsId) return { kind: 'refused', reason: 'not-exported' };
    const existing = await this.current(t.request.request_id);
    if (existing && open && !existing.error && !existing.applied?.done)
      return { kind: 'already-waiting', renewal: existing };
    let answer;
    try {
      answer = await this.worldshare.sendIsoMessage(
        t.config,
        borrowerMessage('Renew', t.request, wsId, t.config),
      );
    } catch (e) {
      return this.failed(t, e, 'renew-request');
    }
    const askedAt = new Date().toISOString();
    if (answer.kind === 'confirmation' && answer.messageStatus === 'ERROR') {
      const error = { errorType: answer.errorType, errorValue: answer.errorValue };
      await this.memory.update(t.request.request_id, (m) => ({
        ...m,
        renewal: { worldShareRequestId: wsId, askedAt, error },
      }));
      await this.memory.log({
        action: 'renew-request',
        outcome: 'refused',
        almaRequestId: t.request.request_id,
        worldShareRequestId: wsId,
        detail: `${answer.errorType ?? 'ERROR'} ${answer.errorValue ?? ''}`.trim(),
      });
      return { kind: 'error-confirmation', ...error };
    }
    const renewal: RenewalMemory = { worldShareRequestId: wsId, askedAt };
    await this.memory.update(t.request.request_id, (m) => ({ ...m, renewal }));
    await this.memory.log({
      action: 'renew-request',
      outcome: 'waiting',
      almaRequestId: t.request.request_id,
      worldShareRequestId: wsId,
    });
    return { kind: 'requested', renewal };
  }

  /**
   * Writes an approved due date (calendar date 'YYYY-MM-DD': the lender's, or the one staff
   * entered when the lender gave none) into Alma: the loan whose item barcode is the request's
   * temporary item, as the end of that day in the institution's time zone, then (when configured)
   * the lender due date on the request. A step that already succeeded is not repeated. Nothing is
   * written without a valid date.
   */
  async applyRenewal(
    t: RenewalTarget,
    loan: AlmaLoan | null,
    dueDate: string | null,
  ): Promise<ApplyOutcome> {
    const renewal = await this.current(t.request.request_id);
    if (!renewal || !dueDate || !isCalendarDate(dueDate)) return { kind: 'nothing-to-apply' };
    const applied = renewal.applied?.dueDate === dueDate ? { ...renewal.applied } : { dueDate };
    const save = () =>
      this.memory.update(t.request.request_id, (m) => ({
        ...m,
        renewal: { ...renewal, applied: { ...applied } },
      }));

    if (!applied.loan) {
      if (!loan) return { kind: 'no-loan' };
      try {
        await firstValueFrom(
          this.alma.updateLoanDueDate(
            t.userId,
            loan,
            calendarDateToAlmaDueDate(dueDate, t.config.timeZone),
          ),
        );
      } catch (e) {
        const problem = describeAlmaError(e);
        await this.memory.log({
          action: 'renew-apply',
          outcome: 'failed',
          almaRequestId: t.request.request_id,
          worldShareRequestId: renewal.worldShareRequestId,
          detail: `loan: ${problem.almaMessage ?? problem.kind}`,
        });
        return { kind: 'failed', step: 'loan', problem };
      }
      applied.loan = true;
      await save();
    }
    if (t.config.writeLenderDueDate && !applied.lenderDueDate) {
      try {
        await firstValueFrom(
          this.alma.recordLenderRenewal(t.userId, t.request.request_id, dueDate),
        );
      } catch (e) {
        const problem = describeAlmaError(e);
        await this.memory.log({
          action: 'renew-apply',
          outcome: 'partial',
          almaRequestId: t.request.request_id,
          worldShareRequestId: renewal.worldShareRequestId,
          detail: `loan due ${dueDate}; lender due date not written`,
        });
        return { kind: 'failed', step: 'lender-due-date', problem };
      }
      applied.lenderDueDate = true;
    }
    applied.done = true;
    await save();
    await this.memory.log({
      action: 'renew-apply',
      outcome: 'done',
      almaRequestId: t.request.request_id,
      worldShareRequestId: renewal.worldShareRequestId,
      detail: dueDate,
    });
    return { kind: 'applied', dueDate, lenderDueDateWritten: !!applied.lenderDueDate };
  }

  /**
   * Brings the patron's loan of the temporary item forward to the lender's recall date (calendar
   * date 'YYYY-MM-DD'; written as the end of that day in the institution's time zone) with the
   * documented loan update (`notify_user=false`: Alma sends no notice for it from the app). Logged
   * as `recall-apply`.
   */
  async applyRecall(
    t: RenewalTarget,
    loan: AlmaLoan | null,
    recallDate: string | null,
  ): Promise<RecallOutcome> {
    if (!loan || !recallDate) return { kind: 'no-loan' };
    const entry = {
      action: 'recall-apply' as const,
      almaRequestId: t.request.request_id,
      worldShareRequestId: String(t.request.external_id ?? ''),
    };
    const due = calendarDateToAlmaDueDate(recallDate, t.config.timeZone);
    try {
      const updated = await firstValueFrom(this.alma.updateLoanDueDate(t.userId, loan, due));
      await this.memory.log({ ...entry, outcome: 'done', detail: recallDate });
      return {
        kind: 'applied',
        dueDate: recallDate,
        loan:
          updated && typeof updated === 'object' && updated.loan_id
            ? updated
            : { ...loan, due_date: due },
      };
    } catch (e) {
      const problem = describeAlmaError(e);
      await this.memory.log({
        ...entry,
        outcome: 'failed',
        detail: problem.almaMessage ?? problem.kind,
      });
      return { kind: 'failed', problem };
    }
  }

  private async failed(
    t: RenewalTarget,
    e: unknown,
    action: 'renew-request',
  ): Promise<RenewRequestOutcome> {
    const problem = toWorldShareProblem(e);
    await this.memory.log({
      action,
      outcome: 'failed',
      almaRequestId: t.request.request_id,
      worldShareRequestId: String(t.request.external_id ?? ''),
      detail: problem.code,
    });
    return { kind: 'failed', problem };
  }
}
