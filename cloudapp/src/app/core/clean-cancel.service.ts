import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { AlmaLoan } from '../domain/alma-request';
import { todayIn } from '../domain/calendar-date';
import { InstitutionConfig } from '../domain/institution-config';
import { WorldShareProblem } from '../domain/worldshare-errors';
import { WorldShareRequestView } from '../domain/worldshare-request';
import { classifyWorldShareStatus } from '../domain/worldshare-status';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { AlmaService } from './alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { borrowerMessage } from '../domain/iso-exchange';
import { ActivityEntry, RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, toWorldShareProblem } from './worldshare-problem-error';

/** How a clean cancel ended. Alma is touched only in `cancelled`. */
export type CleanCancelOutcome =
  /** WorldShare was closed; Alma cancelled without notifying the patron; `removed`: the request was also deleted from Alma. */
  | { kind: 'cancelled'; worldShare: WorldShareRequestView; reasonCode: string; removed: boolean }
  /** WorldShare is still open (or its status is unknown): Alma was not touched. */
  | {
      kind: 'worldshare-open';
      worldShare: WorldShareRequestView;
      unknownStatus: boolean;
      lenderCancelSentAt: string | null;
    }
  /** WorldShare has no request with the stored id: the systems disagree; nothing was changed. */
  | { kind: 'worldshare-missing'; worldShareRequestId: string }
  /**
   * The patron still has the temporary item (the request's `barcode`) on loan: cancelling would orphan
   * the loan, so Alma was not touched. Check the item in first.
   */
  | { kind: 'loan-active'; worldShare: WorldShareRequestView; barcode: string; loan: AlmaLoan }
  /** The patron's loans could not be read, so the loan guard could not be passed; Alma was not touched. */
  | { kind: 'loan-check-failed'; worldShare: WorldShareRequestView; problem: AlmaProblem }
  | { kind: 'not-exported' }
  | { kind: 'no-reason-configured' }
  | { kind: 'worldshare-failed'; problem: WorldShareProblem }
  | { kind: 'alma-failed'; worldShare: WorldShareRequestView; problem: AlmaProblem };

/**
 * Finds the patron's active loan of an item by barcode (null: none). Defaults to
 * AlmaService.findLoanByBarcode; bulk work passes one that reads each patron's loans once.
 */
export type LoanFinder = (userId: string, barcode: string) => Promise<AlmaLoan | null>;

/** How asking the lender to cancel ended. */
export type LenderCancelOutcome =
  | { kind: 'sent'; at: string }
  | { kind: 'refused'; detail: string }
  /** The lender's ERROR confirmation (ISO 18626), in its own words; errorData may be missing. */
  | { kind: 'error-confirmation'; errorType: string | null; errorValue: string | null }
  | { kind: 'failed'; problem: WorldShareProblem };

/**
 * Clean cancel: reads the WorldShare request first and cancels in Alma only when WorldShare is
 * closed and the patron has no active loan of the request's temporary item (found by barcode across
 * every page of the patron's loans), with the configured reason, an internal note naming
 * WorldShare's id and date, `notify_user=false` and `remove_request` as configured
 * (`removeRequestOnCancel`, default on: the cancelled request is deleted from Alma;
 * AlmaService.cancelBorrowingRequest). While WorldShare is open, Alma is not touched and a Cancel
 * can be sent to the lender instead. The panel and bulk reconcile both come through here, so every
 * guard holds for both.
 */
@Injectable({ providedIn: 'root' })
export class CleanCancelService {
  constructor(
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly memory: RequestMemoryService,
  ) {}

  /**
   * @param known a WorldShare read made moments ago (bulk reconcile passes it to save a call);
   *   when absent WorldShare is read now.
   * @param findLoan how the patron's loan of the temporary item is found (default: Alma, page by page).
   */
  async cleanCancel(
    userId: string,
    request: BorrowingRequest,
    config: InstitutionConfig,
    known?: WorldShareRequestView,
    findLoan: LoanFinder = (user, barcode) =>
      firstValueFrom(this.alma.findLoanByBarcode(user, barcode)),
  ): Promise<CleanCancelOutcome> {
    const wsId = request.external_id ? String(request.external_id) : null;
    if (!wsId) return { kind: 'not-exported' };
    if (!config.cancelReasonCode) return { kind: 'no-reason-configured' };
    let view = known;
    if (!view) {
      try {
        view = await this.worldshare.getRequest(config, wsId);
      } catch (e) {
        if (e instanceof WorldShareError && e.problem.code === 'not-found')
          return { kind: 'worldshare-missing', worldShareRequestId: wsId };
        return { kind: 'worldshare-failed', problem: toWorldShareProblem(e) };
      }
    }
    const { phase } = classifyWorldShareStatus(view.requestStatus);
    if (phase !== 'closed') {
      const memory = await this.memory.get(request.request_id);
      await this.logCleanCancel(request, wsId, 'refused', view.requestStatus);
      return {
        kind: 'worldshare-open',
        worldShare: view,
        unknownStatus: phase === 'unknown',
        lenderCancelSentAt: memory.lenderCancelSentAt ?? null,
      };
    }
    const barcode = request.barcode ? String(request.barcode).trim() : '';
    if (barcode) {
      let loan: AlmaLoan | null;
      try {
        loan = await findLoan(userId, barcode);
      } catch (e) {
        const problem = await this.almaFailure(request, wsId, e);
        return { kind: 'loan-check-failed', worldShare: view, problem };
      }
      if (loan && isActiveLoan(loan)) {
        await this.logCleanCancel(request, wsId, 'refused', barcode);
        return { kind: 'loan-active', worldShare: view, barcode, loan };
      }
    }
    const note = `WorldShare ILL request ${wsId} is ${view.requestStatus} (checked ${todayIn(config.timeZone)}); cancelled in Alma by WorldShare Bridge without notifying the patron.`;
    try {
      await firstValueFrom(
        this.alma.cancelBorrowingRequest(
          userId,
          request.request_id,
          config.cancelReasonCode,
          note,
          config.removeRequestOnCancel,
        ),
      );
    } catch (e) {
      const problem = await this.almaFailure(request, wsId, e);
      return { kind: 'alma-failed', worldShare: view, problem };
    }
    await this.logCleanCancel(
      request,
      wsId,
      'done',
      `${view.requestStatus}; ${config.cancelReasonCode}`,
    );
    return {
      kind: 'cancelled',
      worldShare: view,
      reasonCode: config.cancelReasonCode,
      removed: config.removeRequestOnCancel,
    };
  }

  /** Adds a clean-cancel entry to the request's activity log. */
  private logCleanCancel(
    request: BorrowingRequest,
    wsId: string,
    outcome: ActivityEntry['outcome'],
    detail: string,
  ): Promise<void> {
    return this.memory.log({
      action: 'clean-cancel',
      outcome,
      almaRequestId: request.request_id,
      worldShareRequestId: wsId,
      detail,
    });
  }

  /** An Alma call of the clean cancel failed: the problem, logged as a failed clean cancel. */
  private async almaFailure(
    request: BorrowingRequest,
    wsId: string,
    error: unknown,
  ): Promise<AlmaProblem> {
    const problem = describeAlmaError(error);
    await this.logCleanCancel(request, wsId, 'failed', problem.almaMessage ?? problem.kind);
    return problem;
  }

  /** Sends an ISO 18626 Cancel to the lender through WorldShare (once; a second click is refused). */
  async cancelAtLender(
    request: BorrowingRequest,
    config: InstitutionConfig,
  ): Promise<LenderCancelOutcome> {
    const wsId = request.external_id ? String(request.external_id) : null;
    if (!wsId) return { kind: 'refused', detail: 'not exported' };
    const memory = await this.memory.get(request.request_id);
    if (memory.lenderCancelSentAt && !memory.lenderCancelError)
      return { kind: 'sent', at: memory.lenderCancelSentAt };
    let answer;
    try {
      answer = await this.worldshare.sendIsoMessage(
        config,
        borrowerMessage('Cancel', request, wsId, config),
      );
    } catch (e) {
      const problem = toWorldShareProblem(e);
      await this.memory.log({
        action: 'lender-cancel',
        outcome: 'failed',
        almaRequestId: request.request_id,
        worldShareRequestId: wsId,
        detail: problem.code,
      });
      return { kind: 'failed', problem };
    }
    const at = new Date().toISOString();
    const error =
      answer.kind === 'confirmation' && answer.messageStatus === 'ERROR'
        ? { errorType: answer.errorType, errorValue: answer.errorValue }
        : undefined;
    // Kept even when refused, so the panel shows the lender's answer; a refused Cancel may be sent again.
    await this.memory.update(request.request_id, (m) => ({
      ...m,
      lenderCancelSentAt: at,
      lenderCancelError: error,
    }));
    await this.memory.log({
      action: 'lender-cancel',
      outcome: error ? 'refused' : 'waiting',
      almaRequestId: request.request_id,
      worldShareRequestId: wsId,
      ...(error && { detail: `${error.errorType ?? 'ERROR'} ${error.errorValue ?? ''}`.trim() }),
    });
    if (error) return { kind: 'error-confirmation', ...error };
    return { kind: 'sent', at };
  }
}

/** A loan counts as active unless Alma says otherwise (`loan_status` absent or ACTIVE; the list is of active loans by default). */
function isActiveLoan(loan: AlmaLoan): boolean {
  const status = loan.loan_status;
  return status === undefined || status === null || String(status).toUpperCase() === 'ACTIVE';
}
