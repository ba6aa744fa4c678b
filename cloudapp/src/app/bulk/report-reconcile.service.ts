import { Injectable } from '@angular/core';
import { firstValueFrom } from 'rxjs';
import { ReportRow } from '../domain/analytics-columns';
import { isClosedInAlma, isExportedToWorldShare } from '../domain/alma-status';
import { InstitutionConfig } from '../domain/institution-config';
import { LenderState } from '../domain/lender-message';
import {
  ReportAge,
  ReportVerdict,
  isExportedReportRow,
  reportAge,
  reportVerdict,
  viewOfLenderState,
} from '../domain/report-reconcile';
import { WorldShareRequestView } from '../domain/worldshare-request';
import { AlmaService } from '../core/alma.service';
import { describeAlmaError } from '../core/alma-error';
import { AnalyticsReportService } from '../core/analytics-report.service';
import { CleanCancelService } from '../core/clean-cancel.service';
import { LenderInboxService } from '../core/lender-inbox.service';
import { WorldShareService } from '../core/worldshare.service';
import { WorldShareError } from '../core/worldshare-problem-error';
import { BulkReconcileService } from './bulk-reconcile.service';
import { BulkProgress, BulkRunOptions, runBulkStep } from './bulk-run';
import {
  BulkReport,
  BulkRow,
  BulkRowResult,
  cancelOutcomeRow,
  worldShareProblemDetail,
} from './bulk-report';

/** One exported request from the report after review. `readAt` is epoch ms of the lender-side read. */
export interface ReportReviewed {
  row: ReportRow;
  /** The lender's status as read (store or WorldShare); null when none. */
  lenderStatus: string | null;
  /** What clean cancel may rely on while fresh (REVIEW_FRESH_MS); null when nothing closed was read. */
  view: WorldShareRequestView | null;
  verdict: ReportVerdict | null;
  readAt: number;
  error: string | null;
}

export interface ReportReview {
  items: ReportReviewed[];
  age: ReportAge;
  /** Report rows that are not live exported requests (another partner, no external id, over in Alma). */
  notExported: number;
  /** Analytics API calls and lender-side calls (proxy store or WorldShare) the review made. */
  analyticsCalls: number;
  lenderCalls: number;
  /** Where the lender side came from. */
  lenderSource: 'store' | 'worldshare';
}

/** A lender-side read older than this is read again (by clean cancel) before a cancel relies on it (ms). */
const REVIEW_FRESH_MS = 60_000;

/**
 * Bulk reconcile of every exported request an Alma Analytics report lists (not only the rows Alma
 * shows): the report is read page by page, the lender side comes from the proxy's store in one call
 * per 1,000 requests (own proxy) or from WorldShare at the configured rate (hosted proxy), and the
 * requests are grouped. Nothing is changed on report data alone: before an action touches a request,
 * it is read fresh from Alma, and left alone when Alma no longer shows it exported and open.
 */
@Injectable({ providedIn: 'root' })
export class ReportReconcileService {
  constructor(
    private readonly reports: AnalyticsReportService,
    private readonly inbox: LenderInboxService,
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly cancels: CleanCancelService,
    private readonly bulk: BulkReconcileService,
  ) {}

  /** Reads the report and the lender side, and sorts. Rejects with AnalyticsReportError when the report cannot be read. */
  async review(config: InstitutionConfig, opts: BulkRunOptions = {}): Promise<ReportReview> {
    const read = await this.reports.read(config, { signal: opts.signal });
    const seen = new Set<string>();
    const rows: ReportRow[] = [];
    let notExported = 0;
    for (const r of read.rows) {
      if (seen.has(r.requestId)) continue;
      seen.add(r.requestId);
      if (isExportedReportRow(r, config)) rows.push(r);
      else notExported++;
    }
    const age = reportAge(read.rows, read.readAt);
    if (this.inbox.available(config)) {
      const progress: BulkProgress = { total: rows.length, done: 0, failed: 0 };
      opts.onProgress?.({ ...progress });
      const ids = rows.map((r) => r.externalId);
      let states: Map<string, LenderState>;
      const readAt = Date.now();
      try {
        states = await this.inbox.states(config, ids);
      } catch (e) {
        const error = worldShareProblemDetail(e);
        opts.onProgress?.({ ...progress, done: rows.length, failed: rows.length });
        return {
          items: rows.map((row) => ({
            row,
            lenderStatus: null,
            view: null,
            verdict: null,
            readAt,
            error,
          })),
          age,
          notExported,
          analyticsCalls: read.pages,
          lenderCalls: Math.ceil(new Set(ids).size / 1000),
          lenderSource: 'store',
        };
      }
      const now = Date.now();
      const items = rows.map((row): ReportReviewed => {
        const state = states.get(row.externalId);
        return {
          row,
          lenderStatus: state?.status ?? null,
          view: state ? viewOfLenderState(state) : null,
          verdict: reportVerdict({ row, config, lender: { kind: 'state', state }, now }),
          readAt,
          error: null,
        };
      });
      opts.onProgress?.({ ...progress, done: rows.length });
      return {
        items,
        age,
        notExported,
        analyticsCalls: read.pages,
        lenderCalls: Math.ceil(new Set(ids).size / 1000),
        lenderSource: 'store',
      };
    }
    const items = await runBulkStep(
      rows,
      opts,
      async (row): Promise<ReportReviewed> => {
        let view: WorldShareRequestView | null;
        try {
          view = await this.worldshare.getRequest(config, row.externalId);
        } catch (e) {
          if (e instanceof WorldShareError && e.problem.code === 'not-found') view = null;
          else
            return {
              row,
              lenderStatus: null,
              view: null,
              verdict: null,
              readAt: Date.now(),
              error: worldShareProblemDetail(e),
            };
        }
        const verdict = reportVerdict({
          row,
          config,
          lender: { kind: 'worldshare', view },
          now: Date.now(),
        });
        return {
          row,
          lenderStatus: view?.requestStatus ?? null,
          view,
          verdict,
          readAt: Date.now(),
          error: null,
        };
      },
      (r) => r.error !== null,
    );
    return {
      items,
      age,
      notExported,
      analyticsCalls: read.pages,
      lenderCalls: items.length,
      lenderSource: 'worldshare',
    };
  }

  /** The report's starting rows: every reviewed request with its group. */
  startReport(review: ReportReview): BulkReport {
    return {
      startedAt: new Date().toISOString(),
      finishedAt: null,
      stopped: false,
      rows: review.items.map(rowOf),
    };
  }

  /**
   * Clean-cancels every request of the `closed` group: each is read fresh from Alma first, and
   * cancelled (notify_user=false, through CleanCancelService) only if Alma still shows it exported to
   * WorldShare with the same id and not over; the lender's closed status is read again when the review
   * is older than a minute.
   */
  async cancelClosed(
    items: readonly ReportReviewed[],
    config: InstitutionConfig,
    report: BulkReport,
    opts: BulkRunOptions = {},
  ): Promise<BulkReport> {
    const targets = items.filter((i) => i.verdict?.group === 'closed');
    return this.bulk.act(
      targets,
      (t) => t.row.requestId,
      report,
      opts,
      (t) => this.cancelOne(t, config),
    );
  }

  private async cancelOne(t: ReportReviewed, config: InstitutionConfig): Promise<BulkRowResult> {
    let fresh;
    try {
      fresh = await firstValueFrom(this.alma.getBorrowingRequest(t.row.userId, t.row.requestId));
    } catch (e) {
      const p = describeAlmaError(e);
      if (p.kind === 'not-found')
        return { action: 'skipped', detailKey: 'goneFromAlma', detail: '' };
      return { action: 'failed', detailKey: 'almaUnreadable', detail: p.almaMessage ?? p.kind };
    }
    if (!isExportedToWorldShare(fresh, config) || String(fresh.external_id) !== t.row.externalId) {
      return { action: 'skipped', detailKey: 'changedSinceReport', detail: '' };
    }
    if (isClosedInAlma(fresh)) return { action: 'skipped', detailKey: 'alreadyClosed', detail: '' };
    const known = t.view && Date.now() - t.readAt < REVIEW_FRESH_MS ? t.view : undefined;
    return cancelOutcomeRow(await this.cancels.cleanCancel(t.row.userId, fresh, config, known));
  }
}

function rowOf(r: ReportReviewed): BulkRow {
  const stale = r.verdict?.group === 'stale';
  return {
    almaRequestId: r.row.requestId,
    userId: r.row.userId,
    title: '',
    almaStatus: r.row.status,
    worldShareRequestId: r.row.externalId,
    worldShareStatus: r.lenderStatus ?? '',
    group: r.verdict?.group ?? 'unreadable',
    reason: r.verdict?.reason ?? '',
    action: r.error ? 'failed' : 'reviewed',
    ...(r.error
      ? { detailKey: 'worldshareFailed' as const, detail: r.error }
      : stale
        ? { detailKey: 'lastActivity' as const, detail: r.verdict!.lastActivity }
        : { detail: '' }),
  };
}
