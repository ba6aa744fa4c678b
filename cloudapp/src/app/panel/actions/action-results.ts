import { WorldShareProblem } from '../../domain/worldshare-errors';
import { AlmaProblem } from '../../core/alma-error';
import { CleanCancelOutcome, LenderCancelOutcome } from '../../core/clean-cancel.service';
import { ApplyOutcome, RenewRequestOutcome, RenewalCheck } from '../../core/renewal.service';

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

const r = (tone: ActionResult['tone'], key: string, testId: string, params: Record<string, string> = {}, extra: Partial<ActionResult> = {}): ActionResult =>
  ({ tone, key, params, testId, ...extra });

export function describeRenewRequest(o: RenewRequestOutcome): ActionResult {
  switch (o.kind) {
    case 'requested': return r('success', 'renewRequested', 'renewal-status', { at: o.renewal.askedAt });
    case 'already-waiting': return r('notice', 'renewAlreadyWaiting', 'renewal-status', { at: o.renewal.askedAt });
    case 'refused': return r('warning', 'renewRefused', 'renewal-status', { reason: o.reason });
    case 'failed': return r('error', 'renewFailed', 'renewal-status', {}, { worldShareProblem: o.problem });
  }
}

export function describeCheck(o: RenewalCheck): ActionResult | null {
  switch (o.kind) {
    case 'none': return null;
    case 'waiting': return r('notice', 'renewWaiting', 'renewal-status', { at: o.renewal.askedAt });
    case 'approved': return r('success', 'renewApproved', 'renewal-status', { dueDate: o.dueDate });
    case 'denied': return r('warning', 'renewDenied', 'renewal-status');
    case 'failed': return r('error', 'renewCheckFailed', 'renewal-status', { at: o.renewal.askedAt }, { worldShareProblem: o.problem });
  }
}

export function describeApply(o: ApplyOutcome): ActionResult {
  switch (o.kind) {
    case 'applied': return r('success', o.lenderDueDateWritten ? 'applied' : 'appliedLoanOnly', 'renewal-status', { dueDate: o.dueDate });
    case 'nothing-to-apply': return r('notice', 'nothingToApply', 'renewal-status');
    case 'no-loan': return r('warning', 'noLoan', 'renewal-status');
    case 'failed': return r('error', o.step === 'loan' ? 'applyLoanFailed' : 'applyLenderFailed', 'renewal-status', {}, { almaProblem: o.problem });
  }
}

export function describeCleanCancel(o: CleanCancelOutcome): ActionResult {
  switch (o.kind) {
    case 'cancelled': return r('success', o.removed ? 'cancelled' : 'cancelledKept', 'cancel-result', { id: o.worldShare.requestId, status: o.worldShare.requestStatus, reason: o.reasonCode });
    case 'worldshare-open': return r('warning', o.unknownStatus ? 'worldshareUnknown' : 'worldshareOpen', 'cancel-result', { id: o.worldShare.requestId, status: o.worldShare.requestStatus });
    case 'worldshare-missing': return r('warning', 'worldshareMissing', 'cancel-result', { id: o.worldShareRequestId });
    case 'loan-active': return r('warning', 'cancelLoanActive', 'cancel-result', { barcode: o.barcode });
    case 'loan-check-failed': return r('error', 'cancelLoanCheckFailed', 'cancel-result', {}, { almaProblem: o.problem });
    case 'not-exported': return r('warning', 'notExported', 'cancel-result');
    case 'no-reason-configured': return r('warning', 'noReason', 'cancel-result');
    case 'worldshare-failed': return r('error', 'cancelWsFailed', 'cancel-result', {}, { worldShareProblem: o.problem });
    case 'alma-failed': return r('error', 'cancelAlmaFailed', 'cancel-result', { id: o.worldShare.requestId }, { almaProblem: o.problem });
  }
}

export function describeLenderCancel(o: LenderCancelOutcome): ActionResult {
  switch (o.kind) {
    case 'sent': return r('success', 'lenderCancelSent', 'cancel-result', { at: o.at });
    case 'refused': return r('warning', 'lenderCancelRefused', 'cancel-result', { detail: o.detail });
    case 'failed': return r('error', 'lenderCancelFailed', 'cancel-result', {}, { worldShareProblem: o.problem });
  }
}
