import { WorldShareProblem } from '../../domain/worldshare-errors';
import { AlmaProblem } from '../../core/alma-error';
import { CleanCancelOutcome, LenderCancelOutcome } from '../../core/clean-cancel.service';
import { ApplyOutcome, RecallOutcome, RenewRequestOutcome } from '../../core/renewal.service';
import type { RecordOutcome } from './record-store';

/** How results put dates into words: an instant (ISO 8601) and a calendar date ('YYYY-MM-DD'). */
export interface ResultFormat {
  instant(iso: string): string;
  date(calendarDate: string): string;
  error(e: { errorType: string | null; errorValue: string | null }): string;
}

/** An action's result as the panel words it: an i18n key with parameters, and any problem to explain. */
export interface ActionResult {
  tone: 'success' | 'notice' | 'warning' | 'error';
  /** i18n key under `actions.result.` */
  key: string;
  params: Record<string, string>;
  /** `data-testid` of the message, for tests and screen readers' landmarks. */
  testId: string;
  almaProblem?: AlmaProblem;
  worldShareProblem?: WorldShareProblem;
}

/** The last action's outcome in the panel's words. */
export function describeOutcome(o: RecordOutcome, f: ResultFormat): ActionResult {
  switch (o.action) {
    case 'renew':
      return describeRenewRequest(o.outcome, f);
    case 'applyRenewal':
      return describeApply(o.outcome, f);
    case 'applyRecall':
      return describeRecall(o.outcome, f);
    case 'cleanCancel':
      return describeCleanCancel(o.outcome);
    case 'cancelAtLender':
      return describeLenderCancel(o.outcome, f);
  }
}

const r = (
  tone: ActionResult['tone'],
  key: string,
  testId: string,
  params: Record<string, string> = {},
  extra: Partial<ActionResult> = {},
): ActionResult => ({ tone, key, params, testId, ...extra });

export function describeRenewRequest(o: RenewRequestOutcome, f: ResultFormat): ActionResult {
  switch (o.kind) {
    case 'requested':
      return r('success', 'renewRequested', 'renewal-result', { at: f.instant(o.renewal.askedAt) });
    case 'already-waiting':
      return r('notice', 'renewAlreadyWaiting', 'renewal-result', {
        at: f.instant(o.renewal.askedAt),
      });
    case 'refused':
      return r('warning', 'renewRefused', 'renewal-result', { reason: o.reason });
    case 'error-confirmation':
      return r('error', 'renewErrorConfirmation', 'renewal-result', { error: f.error(o) });
    case 'failed':
      return r('error', 'renewFailed', 'renewal-result', {}, { worldShareProblem: o.problem });
  }
}

export function describeApply(o: ApplyOutcome, f: ResultFormat): ActionResult {
  switch (o.kind) {
    case 'applied':
      return r(
        'success',
        o.lenderDueDateWritten ? 'applied' : 'appliedLoanOnly',
        'renewal-result',
        { dueDate: f.date(o.dueDate) },
      );
    case 'nothing-to-apply':
      return r('notice', 'nothingToApply', 'renewal-result');
    case 'no-loan':
      return r('warning', 'noLoan', 'renewal-result');
    case 'failed':
      return r(
        'error',
        o.step === 'loan' ? 'applyLoanFailed' : 'applyLenderFailed',
        'renewal-result',
        {},
        { almaProblem: o.problem },
      );
  }
}

export function describeRecall(o: RecallOutcome, f: ResultFormat): ActionResult {
  switch (o.kind) {
    case 'applied':
      return r('success', 'recallApplied', 'recall-result', { dueDate: f.date(o.dueDate) });
    case 'no-loan':
      return r('warning', 'noLoan', 'recall-result');
    case 'failed':
      return r('error', 'recallFailed', 'recall-result', {}, { almaProblem: o.problem });
  }
}

export function describeCleanCancel(o: CleanCancelOutcome): ActionResult {
  switch (o.kind) {
    case 'cancelled':
      return r('success', o.removed ? 'cancelled' : 'cancelledKept', 'cancel-result', {
        id: o.worldShare.requestId,
        status: o.worldShare.requestStatus,
        reason: o.reasonCode,
      });
    case 'worldshare-open':
      return r(
        'warning',
        o.unknownStatus ? 'worldshareUnknown' : 'worldshareOpen',
        'cancel-result',
        { id: o.worldShare.requestId, status: o.worldShare.requestStatus },
      );
    case 'worldshare-missing':
      return r('warning', 'worldshareMissing', 'cancel-result', { id: o.worldShareRequestId });
    case 'loan-active':
      return r('warning', 'cancelLoanActive', 'cancel-result', { barcode: o.barcode });
    case 'loan-check-failed':
      return r('error', 'cancelLoanCheckFailed', 'cancel-result', {}, { almaProblem: o.problem });
    case 'not-exported':
      return r('warning', 'notExported', 'cancel-result');
    case 'no-reason-configured':
      return r('warning', 'noReason', 'cancel-result');
    case 'worldshare-failed':
      return r('error', 'cancelWsFailed', 'cancel-result', {}, { worldShareProblem: o.problem });
    case 'alma-failed':
      return r(
        'error',
        'cancelAlmaFailed',
        'cancel-result',
        { id: o.worldShare.requestId },
        { almaProblem: o.problem },
      );
  }
}

export function describeLenderCancel(o: LenderCancelOutcome, f: ResultFormat): ActionResult {
  switch (o.kind) {
    case 'sent':
      return r('success', 'lenderCancelSent', 'cancel-result', { at: f.instant(o.at) });
    case 'error-confirmation':
      return r('error', 'lenderCancelErrorConfirmation', 'cancel-result', { error: f.error(o) });
    case 'refused':
      return r('warning', 'lenderCancelRefused', 'cancel-result', { detail: o.detail });
    case 'failed':
      return r(
        'error',
        'lenderCancelFailed',
        'cancel-result',
        {},
        { worldShareProblem: o.problem },
      );
  }
}
