import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { todayIn } from '../domain/calendar-date';
import { InstitutionConfig } from '../domain/institution-config';
import { WorldShareProblem } from '../domain/worldshare-errors';
import { WorldShareRequestView } from '../domain/worldshare-request';
import { classifyWorldShareStatus } from '../domain/worldshare-status';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { BorrowingRequest, AlmaService } from './alma.service';
import { borrowerMessage } from './iso-exchange';
import { RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { WorldShareError, toWorldShareProblem } from './worldshare-problem-error';

/** How a clean cancel ended. Alma is touched only in `cancelled`. */
export type CleanCancelOutcome =
  /** WorldShare was closed; Alma cancelled without notifying the patron and the request removed. */
  | { kind: 'cancelled'; worldShare: WorldShareRequestView; reasonCode: string }
  /** WorldShare is still open (or its status is unknown): Alma was not touched. */
  | { kind: 'worldshare-open'; worldShare: WorldShareRequestView; unknownStatus: boolean; lenderCancelSentAt: string | null }
  /** WorldShare has no request with the stored id: the systems disagree; nothing was changed. */
  | { kind: 'worldshare-missing'; worldShareRequestId: string }
  | { kind: 'not-exported' }
  | { kind: 'no-reason-configured' }
  | { kind: 'worldshare-failed'; problem: WorldShareProblem }
  | { kind: 'alma-failed'; worldShare: WorldShareRequestView; problem: AlmaProblem };

/** How asking the lender to cancel ended. */
export type LenderCancelOutcome =
  | { kind: 'sent'; at: string }
  | { kind: 'refused'; detail: string }
  /** The lender's ERROR confirmation (ISO 18626), in its own words; errorData may be missing. */
  | { kind: 'error-confirmation'; errorType: string | null; errorValue: string | null }
  | { kind: 'failed'; problem: WorldShareProblem };

/**
 * Clean cancel: reads the WorldShare request first and cancels in Alma only when WorldShare is
 * closed, with the configured reason, an internal note naming WorldShare's id and date,
 * `notify_user=false` and `remove_request=true` (AlmaService.cancelBorrowingRequest). While
 * WorldShare is open, Alma is not touched and a Cancel can be sent to the lender instead.
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
   */
  async cleanCancel(userId: string, request: BorrowingRequest, config: InstitutionConfig, known?: WorldShareRequestView): Promise<CleanCancelOutcome> {
    const wsId = request.external_id ? String(request.external_id) : null;
    if (!wsId) return { kind: 'not-exported' };
    if (!config.cancelReasonCode) return { kind: 'no-reason-configured' };
    let view = known;
    if (!view) {
      try {
        view = await this.worldshare.getRequest(config, wsId);
      } catch (e) {
        if (e instanceof WorldShareError && e.problem.code === 'not-found') return { kind: 'worldshare-missing', worldShareRequestId: wsId };
        return { kind: 'worldshare-failed', problem: toWorldShareProblem(e) };
      }
    }
    const { phase } = classifyWorldShareStatus(view.requestStatus);
    if (phase !== 'closed') {
      const memory = await this.memory.get(request.request_id);
      await this.memory.log({ action: 'clean-cancel', outcome: 'refused', almaRequestId: request.request_id, worldShareRequestId: wsId, detail: `WorldShare ${view.requestStatus}` });
      return { kind: 'worldshare-open', worldShare: view, unknownStatus: phase === 'unknown', lenderCancelSentAt: memory.lenderCancelSentAt ?? null };
    }
    const note = `WorldShare ILL request ${wsId} is ${view.requestStatus} (checked ${todayIn(config.timeZone)}); cancelled in Alma by WorldShare Bridge without notifying the patron.`;
    try {
      await firstValueFrom(this.alma.cancelBorrowingRequest(userId, request.request_id, config.cancelReasonCode, note));
    } catch (e) {
      const problem = describeAlmaError(e);
      await this.memory.log({ action: 'clean-cancel', outcome: 'failed', almaRequestId: request.request_id, worldShareRequestId: wsId, detail: problem.almaMessage ?? problem.kind });
      return { kind: 'alma-failed', worldShare: view, problem };
    }
    await this.memory.log({ action: 'clean-cancel', outcome: 'done', almaRequestId: request.request_id, worldShareRequestId: wsId, detail: `WorldShare ${view.requestStatus}; reason ${config.cancelReasonCode}` });
    return { kind: 'cancelled', worldShare: view, reasonCode: config.cancelReasonCode };
  }

  /** Sends an ISO 18626 Cancel to the lender through WorldShare (once; a second click is refused). */
  async cancelAtLender(request: BorrowingRequest, config: InstitutionConfig): Promise<LenderCancelOutcome> {
    const wsId = request.external_id ? String(request.external_id) : null;
    if (!wsId) return { kind: 'refused', detail: 'not exported' };
    const memory = await this.memory.get(request.request_id);
    if (memory.lenderCancelSentAt && !memory.lenderCancelError) return { kind: 'sent', at: memory.lenderCancelSentAt };
    let answer;
    try {
      answer = await this.worldshare.sendIsoMessage(config, borrowerMessage('Cancel', request, wsId, config));
    } catch (e) {
      const problem = toWorldShareProblem(e);
      await this.memory.log({ action: 'lender-cancel', outcome: 'failed', almaRequestId: request.request_id, worldShareRequestId: wsId, detail: problem.code });
      return { kind: 'failed', problem };
    }
    const at = new Date().toISOString();
    if (answer.kind === 'confirmation' && answer.messageStatus === 'ERROR') {
      const error = { errorType: answer.errorType, errorValue: answer.errorValue };
      await this.memory.update(request.request_id, (m) => ({ ...m, lenderCancelSentAt: at, lenderCancelError: error }));
      await this.memory.log({ action: 'lender-cancel', outcome: 'refused', almaRequestId: request.request_id, worldShareRequestId: wsId, detail: `${error.errorType ?? 'ERROR'} ${error.errorValue ?? ''}`.trim() });
      return { kind: 'error-confirmation', ...error };
    }
    await this.memory.update(request.request_id, (m) => ({ ...m, lenderCancelSentAt: at, lenderCancelError: undefined }));
    await this.memory.log({ action: 'lender-cancel', outcome: 'waiting', almaRequestId: request.request_id, worldShareRequestId: wsId });
    return { kind: 'sent', at };
  }
}
