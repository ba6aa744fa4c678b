import { NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnDestroy,
  computed,
  input,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';
import { AnalyticsReportError } from '../core/analytics-report.service';
import { InstitutionConfig } from '../domain/institution-config';
import { REPORT_GROUPS } from '../domain/report-reconcile';
import { UserSettings } from '../domain/user-settings';
import { AnalyticsProblemText, analyticsProblemText } from '../shared/analytics-problem';
import { ConfirmBoxComponent } from '../shared/confirm/confirm-box.component';
import { ConfirmGate } from '../shared/confirm/confirm-gate';
import { BulkReport, countGroups } from './bulk-report';
import { BulkStepState } from './bulk-run';
import { BulkGroupActionsComponent } from './bulk-group-actions.component';
import { BulkGroupCountsComponent } from './bulk-group-counts.component';
import { BulkProgressComponent } from './bulk-progress.component';
import { BulkReportViewComponent } from './bulk-report-view.component';
import { ReportReconcileService, ReportReview } from './report-reconcile.service';

type Step = 'idle' | 'reviewing' | 'reviewed' | 'acting' | 'done' | 'failed';

/**
 * Bulk reconcile from the Analytics report (beside bulk from the page): every exported request the
 * report lists, however few rows Alma shows. Says how old the report's data is; groups (closed, stale,
 * disagree, active); clean cancel of the closed group after one confirmation, each request read fresh
 * from Alma first; progress that can be stopped; the report on screen and as CSV. The work itself
 * is ReportReconcileService's; this component keeps the step, the progress and the report.
 */
@Component({
  selector: 'app-bulk-analytics',
  standalone: true,
  imports: [
    NgIf,
    TranslateModule,
    MatButtonModule,
    ConfirmBoxComponent,
    BulkGroupActionsComponent,
    BulkGroupCountsComponent,
    BulkProgressComponent,
    BulkReportViewComponent,
  ],
  templateUrl: './bulk-analytics.component.html',
  styleUrl: './bulk-reconcile.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkAnalyticsComponent implements OnDestroy {
  readonly config = input.required<InstitutionConfig>();
  readonly settings = input.required<UserSettings>();

  readonly groups = REPORT_GROUPS;
  private readonly steps = new BulkStepState<Step>('idle');
  readonly step = this.steps.step;
  /** Null while the report itself is read (no count known yet). */
  readonly progress = this.steps.progress;
  readonly review = signal<ReportReview | null>(null);
  readonly report = signal<BulkReport | null>(null);
  readonly problem = signal<AnalyticsProblemText | null>(null);
  readonly confirm = new ConfirmGate<'cancelClosed'>(() => void this.cancelClosed());

  /** False until the administrator names the report (config page, Analytics section). */
  readonly hasReport = computed(() => this.config().analytics.reportPath.trim() !== '');
  readonly running = computed(() => this.step() === 'reviewing' || this.step() === 'acting');
  /** Groups and the results are shown once a review finished. */
  readonly showResults = computed(() => this.step() === 'reviewed' || this.step() === 'done');
  readonly groupCounts = computed(() => countGroups(this.review()?.items ?? [], REPORT_GROUPS));

  constructor(private readonly service: ReportReconcileService) {}

  ngOnDestroy(): void {
    this.steps.stop();
  }

  async start(): Promise<void> {
    this.confirm.clear();
    this.report.set(null);
    this.review.set(null);
    this.problem.set(null);
    const opts = this.steps.begin('reviewing');
    try {
      const review = await this.service.review(this.config(), opts);
      this.review.set(review);
      this.report.set(this.service.startReport(review));
      this.step.set('reviewed');
    } catch (e) {
      this.problem.set(
        analyticsProblemText(
          e instanceof AnalyticsReportError
            ? e.problem
            : { kind: 'format', detail: e instanceof Error ? e.message : String(e) },
        ),
      );
      this.step.set('failed');
    }
  }

  /** The Cancel closed button: asks first when the user's setting says so. */
  ask(): void {
    this.confirm.ask('cancelClosed', this.settings().confirmActions);
  }

  private async cancelClosed(): Promise<void> {
    const report = this.report();
    const review = this.review();
    if (!report || !review) return;
    const opts = this.steps.begin('acting');
    this.report.set(await this.service.cancelClosed(review.items, this.config(), report, opts));
    this.step.set('done');
  }

  stop(): void {
    this.steps.stop();
  }
}
