import { Injectable } from '@angular/core';
import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom } from 'rxjs';
import { AlmaLoan } from '../domain/alma-request';
import { almaStatusOf } from '../domain/alma-status';
import { InstitutionConfig } from '../domain/institution-config';
import { ReconcileVerdict, reconcileVerdict } from '../domain/reconcile';
import { WorldShareRequestView } from '../domain/worldshare-request';
import { AlmaService } from '../core/alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { describeAlmaError } from '../core/alma-error';
import { CleanCancelService, LoanFinder } from '../core/clean-cancel.service';
import { withHostTimeout } from '../core/host-call';
import { LenderInboxService } from '../core/lender-inbox.service';
import { RenewalService } from '../core/renewal.service';
import { RequestItem } from '../core/request-item';
import { LenderFacts, lenderFacts } from '../domain/lender-facts';
import { LenderState } from '../domain/lender-message';
import { RequestMemoryService } from '../core/request-memory.service';
import { WorldShareService } from '../core/worldshare.service';
import { WorldShareError } from '../core/worldshare-problem-error';
import { citationView } from '../domain/citation-view';
import { BulkRunOptions, runBulkStep } from './bulk-run';
import {
  BulkReport,
  BulkRow,
  BulkRowResult,
  cancelOutcomeRow,
  readStoredReport,
  worldShareProblemDetail,
} from './bulk-report';

/** What bulk work did with one request, with its detail (see BulkRow). */
type RowResult = BulkRowResult;

/** A request of the task list as the panel loaded it (null when Alma could not give it). */
export interface BulkInput {
  userId: string | null;
  requestId: string;
  request: BorrowingRequest | null;
  /** Why Alma could not give it, when request is null. */
  loadError?: string;
}

/** The Alma request id a reviewed request's report row is kept under. */
const requestIdOf = (r: ReviewedRequest): string => r.input.requestId;

/** A task-list item as bulk work reads it: the request when Alma gave it, else why not. */
export function bulkInputOf(item: RequestItem): BulkInput {
  return {
    userId: item.userId,
    requestId: item.requestId,
    request: item.state.kind === 'loaded' ? item.state.request : null,
    loadError:
      item.state.kind === 'error'
        ? (item.state.problem.almaMessage ?? item.state.problem.kind)
        : undefined,
  };
}

/** One request after review: both systems' view and its group. `readAt` is epoch ms of the WorldShare read. */
export interface ReviewedRequest {
  input: BulkInput;
  worldshare: WorldShareRequestView | null | undefined;
  verdict: ReconcileVerdict | null;
  readAt: number;
  error: string | null;
  /** What the lender's stored messages say (own proxy only; null without an inbox or messages). */
  lender?: LenderFacts | null;
}

/** A WorldShare read older than this is read again before a clean cancel relies on it (ms). */
const REVIEW_FRESH_MS = 60_000;
/** Store key of the last bulk report. */
export const BULK_REPORT_KEY = 'bulk:last-report';

/**
 * Bulk reconcile of the exported requests a task list shows: review (read WorldShare for each,
 * sort into groups), then clean-cancel a whole group or apply its approved renewals, each item
 * through the same services and guards as the single-record actions (nothing is cancelled in Alma
 * while WorldShare is open; every cancel sends notify_user=false). Work can be stopped; the report
 * is saved in the Cloud App store as it grows, so a closed sidebar loses nothing.
 */
export type { BulkProgress, BulkRunOptions } from './bulk-run';

@Injectable({ providedIn: 'root' })
export class BulkReconcileService {
  constructor(
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly cancels: CleanCancelService,
    private readonly renewals: RenewalService,
    private readonly memory: RequestMemoryService,
    private readonly store: CloudAppStoreService,
    private readonly inbox: LenderInboxService,
  ) {}

  /**
   * The lender states of every exported request in one proxy call (own proxy mode; chunks of 1,000
   * ids), or an empty map without an inbox. A failed read leaves the map empty: review then relies
   * on WorldShare's status alone.
   */
  private async lenderStates(
    inputs: readonly BulkInput[],
    config: InstitutionConfig,
  ): Promise<Map<string, LenderState>> {
    if (!this.inbox.available(config)) return new Map();
    const ids = inputs
      .map((i) => (i.request?.external_id ? String(i.request.external_id) : ''))
      .filter((id) => id !== '');
    if (ids.length === 0) return new Map();
    try {
      return await this.inbox.states(config, ids);
    } catch {
      return new Map();
    }
  }

  /** Reads WorldShare (and the remembered renewal answer) for every exported request and sorts them. */
  async review(
    inputs: readonly BulkInput[],
    config: InstitutionConfig,
    opts: BulkRunOptions = {},
  ): Promise<ReviewedRequest[]> {
    const states = await this.lenderStates(inputs, config);
    return runBulkStep(
      inputs,
      opts,
      async (input) => {
        if (!input.request)
          return {
            input,
            worldshare: undefined,
            verdict: null,
            readAt: Date.now(),
            error: input.loadError ?? '',
          };
        const base = reconcileVerdict({
          request: input.request,
          config,
          worldshare: null,
          renewalAnswer: null,
        });
        if (base.group === 'not-exported')
          return { input, worldshare: undefined, verdict: base, readAt: Date.now(), error: null };
        let view: WorldShareRequestView | null;
        try {
          view = await this.worldshare.getRequest(config, String(input.request.external_id));
        } catch (e) {
          if (e instanceof WorldShareError && e.problem.code === 'not-found') view = null;
          else
            return {
              input,
              worldshare: undefined,
              verdict: null,
              readAt: Date.now(),
              error: worldShareProblemDetail(e),
            };
        }
        const lender = await this.lenderFactsOf(
          input,
          states.get(String(input.request.external_id)),
          config,
        );
        const renewal = lender?.renewal.state;
        const renewalAnswer =
          renewal === 'approved'
            ? { approved: true }
            : renewal === 'denied'
              ? { approved: false }
              : null;
        const verdict = reconcileVerdict({
          request: input.request,
          config,
          worldshare: view,
          renewalAnswer,
          lenderClosed: !!lender?.closedAtWorldShare,
        });
        return { input, worldshare: view, verdict, readAt: Date.now(), error: null, lender };
      },
      (r) => r.error !== null,
    );
  }

  /**
   * Clean-cancels every reviewed request of the `closed` group (one confirmation was asked by the
   * caller) through CleanCancelService, so its guards hold: a request whose temporary item the patron
   * still has on loan is left alone and its row says so. Each patron's loans are read once a run.
   */
  async cancelClosed(
    reviewed: readonly ReviewedRequest[],
    config: InstitutionConfig,
    report: BulkReport,
    opts: BulkRunOptions = {},
  ): Promise<BulkReport> {
    const { targets, findLoan } = this.groupWork(reviewed, (r) => r.verdict?.group === 'closed');
    return this.act(targets, requestIdOf, report, opts, async (r) => {
      const known =
        r.worldshare && Date.now() - r.readAt < REVIEW_FRESH_MS ? r.worldshare : undefined;
      const outcome = await this.cancels.cleanCancel(
        r.input.userId!,
        r.input.request!,
        config,
        known,
        findLoan,
      );
      return cancelOutcomeRow(outcome);
    });
  }

  /**
   * A group action's work: the reviewed requests `pick` chooses that carry their Alma request and
   * patron, and `findLoan`, the patron's active loan of an item by barcode (null: none), which reads
   * each patron's loans (all pages) at most once a run; a failed read is retried next time.
   */
  private groupWork(
    reviewed: readonly ReviewedRequest[],
    pick: (r: ReviewedRequest) => boolean,
  ): { targets: ReviewedRequest[]; findLoan: LoanFinder } {
    const loansByUser = new Map<string, Promise<AlmaLoan[]>>();
    const loansOf = (userId: string) => {
      let loans = loansByUser.get(userId);
      if (!loans) {
        loans = firstValueFrom(this.alma.getLoans(userId));
        loansByUser.set(userId, loans);
        loans.catch(() => loansByUser.delete(userId));
      }
      return loans;
    };
    return {
      targets: reviewed.filter((r) => pick(r) && r.input.request && r.input.userId),
      findLoan: async (userId, barcode) =>
        (await loansOf(userId)).find((l) => l.item_barcode === barcode) ?? null,
    };
  }

  /** Writes every approved renewal of the `renewal-answered` group into Alma (loans read once per patron). */
  async applyRenewals(
    reviewed: readonly ReviewedRequest[],
    config: InstitutionConfig,
    report: BulkReport,
    opts: BulkRunOptions = {},
  ): Promise<BulkReport> {
    const { targets, findLoan } = this.groupWork(
      reviewed,
      (r) => r.verdict?.reason === 'renewal-approved',
    );
    return this.act(targets, requestIdOf, report, opts, async (r) => {
      const request = r.input.request!;
      let loan: AlmaLoan | null = null;
      try {
        loan = request.barcode ? await findLoan(r.input.userId!, request.barcode) : null;
      } catch (e) {
        const p = describeAlmaError(e);
        return { action: 'failed', detailKey: 'loansFailed', detail: p.almaMessage ?? p.kind };
      }
      const outcome = await this.renewals.applyRenewal(
        { userId: r.input.userId!, request, config },
        loan,
        r.lender?.renewal.state === 'approved' ? r.lender.renewal.dueDate : null,
      );
      switch (outcome.kind) {
        case 'applied':
          return { action: 'renewal-applied', detailKey: 'dueDate', detail: outcome.dueDate };
        case 'no-loan':
          return {
            action: 'failed',
            detailKey: 'noLoan',
            detail: request.barcode ? String(request.barcode) : '',
          };
        case 'nothing-to-apply':
          return { action: 'skipped', detailKey: 'nothingToApply', detail: '' };
        case 'failed':
          return {
            action: 'failed',
            detailKey: 'renewalFailed',
            detail: outcome.problem.almaMessage ?? outcome.problem.kind,
          };
      }
    });
  }

  /** The lender facts of one request from its stored state and what this user asked (memory). */
  private async lenderFactsOf(
    input: BulkInput,
    state: LenderState | undefined,
    config: InstitutionConfig,
  ): Promise<LenderFacts | null> {
    if (!state) return null;
    const memory = await this.memory.get(input.requestId);
    return lenderFacts(
      state.messages,
      {
        renewAskedAt: memory.renewal?.askedAt ?? null,
        renewError: memory.renewal?.error ?? null,
        renewalAppliedDueDate: memory.renewal?.applied?.done
          ? (memory.renewal.applied.dueDate ?? null)
          : null,
        cancelAskedAt: memory.lenderCancelSentAt ?? null,
        cancelError: memory.lenderCancelError ?? null,
        loanDueDate: null,
      },
      config.timeZone,
    );
  }

  /** The report's starting rows: every request with both statuses and its group. */
  startReport(reviewed: readonly ReviewedRequest[]): BulkReport {
    return {
      startedAt: new Date().toISOString(),
      finishedAt: null,
      stopped: false,
      rows: reviewed.map(rowOf),
    };
  }

  /** The last report saved in the store, or null. */
  async lastReport(): Promise<BulkReport | null> {
    try {
      return readStoredReport(
        await firstValueFrom(this.store.get(BULK_REPORT_KEY).pipe(withHostTimeout<unknown>())),
      );
    } catch {
      return null;
    }
  }

  async saveReport(report: BulkReport): Promise<void> {
    try {
      await firstValueFrom(
        this.store.set(BULK_REPORT_KEY, report).pipe(withHostTimeout<unknown>()),
      );
    } catch {
      // The on-screen report still has it; the store is a safety net for a closed sidebar.
    }
  }

  /**
   * Runs one bulk action over `targets` (a request each, named by `requestIdOf`) and keeps the
   * report current: each target's row is 'not-done' until its work ends, work that throws makes
   * its row 'failed', and the report is saved in the store at most once a second while it grows
   * and once at the end (finishedAt set; stopped when the signal aborted).
   */
  async act<T>(
    targets: readonly T[],
    requestIdOf: (t: T) => string,
    report: BulkReport,
    opts: BulkRunOptions,
    work: (t: T) => Promise<RowResult>,
  ): Promise<BulkReport> {
    const rows = new Map(report.rows.map((row) => [row.almaRequestId, row] as const));
    const setRow = (t: T, result: RowResult) =>
      rows.set(requestIdOf(t), { ...rows.get(requestIdOf(t))!, detailKey: undefined, ...result });
    for (const t of targets) setRow(t, { action: 'not-done', detail: '' });
    const current = (): BulkReport => ({ ...report, rows: [...rows.values()] });
    let lastSave = 0;
    await runBulkStep(
      targets,
      opts,
      async (t) => {
        let result: RowResult;
        try {
          result = await work(t);
        } catch (e) {
          result = {
            action: 'failed',
            detailKey: 'worldshareFailed',
            detail: worldShareProblemDetail(e),
          };
        }
        setRow(t, result);
        if (Date.now() - lastSave > 1000) {
          lastSave = Date.now();
          void this.saveReport(current());
        }
        return result;
      },
      (r) => r.action === 'failed',
    );
    const final: BulkReport = {
      ...current(),
      finishedAt: new Date().toISOString(),
      stopped: !!opts.signal?.aborted,
    };
    await this.saveReport(final);
    return final;
  }
}

function rowOf(r: ReviewedRequest): BulkRow {
  const request = r.input.request;
  const view = request ? citationView(request) : null;
  return {
    almaRequestId: r.input.requestId,
    userId: r.input.userId ?? '',
    title: view?.title ?? '',
    almaStatus: view?.status || (request ? almaStatusOf(request) : ''),
    worldShareRequestId: request?.external_id != null ? String(request.external_id) : '',
    worldShareStatus: r.worldshare ? r.worldshare.requestStatus : '',
    group: r.verdict?.group ?? 'unreadable',
    reason: r.verdict?.reason ?? '',
    action: r.error !== null ? 'failed' : 'reviewed',
    ...reviewDetail(r, request),
  };
}

function reviewDetail(
  r: ReviewedRequest,
  request: BorrowingRequest | null,
): Pick<BulkRow, 'detailKey' | 'detail'> {
  if (r.error !== null)
    return { detailKey: request ? 'worldshareFailed' : 'almaUnreadable', detail: r.error };
  if (r.worldshare === null)
    return {
      detailKey: 'worldshareMissing',
      detail: request?.external_id != null ? String(request.external_id) : '',
    };
  return { detail: '' };
}
