import { NgFor, NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  Input,
  OnDestroy,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { InstitutionConfig } from '../domain/institution-config';
import { REPORT_GROUPS, ReportGroup } from '../domain/report-reconcile';
import { UserSettings } from '../domain/user-settings';
import { AnalyticsReportError } from '../core/analytics-report.service';
import { AnalyticsProblemText, analyticsProblemText } from '../shared/analytics-problem';
import { BulkProgress } from './bulk-reconcile.service';
import { BulkAction, BulkReport, BulkRow, bulkDetailText, countActions } from './bulk-report';
import { downloadReportCsv } from './report-download';
import { ReportReconcileService, ReportReview, ReportReviewed } from './report-reconcile.service';

type Step = 'idle' | 'reviewing' | 'reviewed' | 'acting' | 'done' | 'failed';

/**
 * Bulk reconcile from the Analytics report (beside bulk from the page): every exported request the
 * report lists, however few rows Alma shows. Says how old the report's data is; groups (closed, stale,
 * disagree, active); clean cancel of the closed group after one confirmation, each request read fresh
 * from Alma first; progress that can be stopped; the report on screen and as CSV.
 */
@Component({
  selector: 'app-bulk-analytics',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule, MatButtonModule, MatProgressBarModule],
  templateUrl: './bulk-analytics.component.html',
  styleUrl: './bulk-reconcile.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkAnalyticsComponent implements OnDestroy {
  @Input({ required: true }) config!: InstitutionConfig;
  @Input({ required: true }) settings!: UserSettings;

  readonly groups = REPORT_GROUPS;
  step: Step = 'idle';
  progress: BulkProgress | null = null;
  review: ReportReview | null = null;
  report: BulkReport | null = null;
  problem: AnalyticsProblemText | null = null;
  confirming = false;
  private abort: AbortController | null = null;

  constructor(
    private readonly service: ReportReconcileService,
    private readonly cdr: ChangeDetectorRef,
    private readonly translate: TranslateService,
  ) {}

  /** A row's detail in the user's language. */
  detailText(row: BulkRow): string {
    return bulkDetailText(row, (key, params) => this.translate.instant(key, params));
  }

  ngOnDestroy(): void {
    this.abort?.abort();
  }

  get hasReport(): boolean {
    return this.config.analytics.reportPath.trim() !== '';
  }

  inGroup(group: ReportGroup | 'unreadable'): ReportReviewed[] {
    return this.review?.items.filter((i) => (i.verdict?.group ?? 'unreadable') === group) ?? [];
  }

  counts(): Record<BulkAction, number> | null {
    return this.report ? countActions(this.report.rows) : null;
  }

  async start(): Promise<void> {
    this.step = 'reviewing';
    this.report = null;
    this.review = null;
    this.problem = null;
    this.progress = null;
    this.abort = new AbortController();
    this.cdr.markForCheck();
    try {
      this.review = await this.service.review(this.config, {
        signal: this.abort.signal,
        onProgress: (p) => this.setProgress(p),
      });
      this.report = this.service.startReport(this.review);
      this.step = 'reviewed';
    } catch (e) {
      this.problem = analyticsProblemText(
        e instanceof AnalyticsReportError
          ? e.problem
          : { kind: 'format', detail: e instanceof Error ? e.message : String(e) },
      );
      this.step = 'failed';
    }
    this.cdr.markForCheck();
  }

  ask(): void {
    if (this.settings.confirmActions) {
      this.confirming = true;
      this.cdr.markForCheck();
    } else {
      void this.cancelClosed();
    }
  }

  confirm(ok: boolean): void {
    this.confirming = false;
    this.cdr.markForCheck();
    if (ok) void this.cancelClosed();
  }

  async cancelClosed(): Promise<void> {
    if (!this.report || !this.review) return;
    this.step = 'acting';
    this.abort = new AbortController();
    this.cdr.markForCheck();
    this.report = await this.service.cancelClosed(this.review.items, this.config, this.report, {
      signal: this.abort.signal,
      onProgress: (p) => this.setProgress(p),
    });
    this.step = 'done';
    this.cdr.markForCheck();
  }

  stop(): void {
    this.abort?.abort();
  }

  download(): void {
    if (!this.report) return;
    downloadReportCsv(this.report, 'worldshare-reconcile-report', (row) => this.detailText(row));
  }

  private setProgress(p: BulkProgress): void {
    this.progress = p;
    this.cdr.markForCheck();
  }
}
