import { NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  OnDestroy,
  OnInit,
  computed,
  input,
  signal,
} from '@angular/core';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { withHostTimeout } from '../core/host-call';
import { RequestItem } from '../core/request-item';
import { InstitutionConfig } from '../domain/institution-config';
import { RECONCILE_GROUPS } from '../domain/reconcile';
import { UserSettings } from '../domain/user-settings';
import { ConfirmBoxComponent } from '../shared/confirm/confirm-box.component';
import { ConfirmGate } from '../shared/confirm/confirm-gate';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { BulkReconcileService, ReviewedRequest, bulkInputOf } from './bulk-reconcile.service';
import { BulkReport, GroupAction, countGroups } from './bulk-report';
import { BulkStepState } from './bulk-run';
import { BulkGroupActionsComponent } from './bulk-group-actions.component';
import { BulkGroupCountsComponent } from './bulk-group-counts.component';
import { BulkProgressComponent } from './bulk-progress.component';
import { BulkReportViewComponent } from './bulk-report-view.component';
import { downloadReportCsv } from './report-download';

type Step = 'idle' | 'reviewing' | 'reviewed' | 'acting' | 'done';

/**
 * Bulk reconcile for a task list: review every exported request in both systems, show the groups,
 * run clean cancel (or apply approved renewals) on a whole group after one confirmation, with a
 * progress bar that can be stopped, and a report on screen and as CSV. The work itself is
 * BulkReconcileService's; this component keeps the step, the progress and the report.
 */
@Component({
  selector: 'app-bulk-reconcile',
  standalone: true,
  imports: [
    NgIf,
    TranslateModule,
    MatButtonModule,
    LocalDatePipe,
    ConfirmBoxComponent,
    BulkGroupActionsComponent,
    BulkGroupCountsComponent,
    BulkProgressComponent,
    BulkReportViewComponent,
  ],
  templateUrl: './bulk-reconcile.component.html',
  styleUrl: './bulk-reconcile.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkReconcileComponent implements OnInit, OnDestroy {
  readonly items = input.required<RequestItem[]>();
  readonly config = input.required<InstitutionConfig>();
  readonly settings = input.required<UserSettings>();

  readonly groups = RECONCILE_GROUPS;
  private readonly steps = new BulkStepState<Step>('idle');
  readonly step = this.steps.step;
  readonly progress = this.steps.progress;
  readonly reviewed = signal<readonly ReviewedRequest[]>([]);
  readonly report = signal<BulkReport | null>(null);
  /** The last report, when its run was stopped or cut off (offered for download). */
  readonly previous = signal<BulkReport | null>(null);
  readonly confirm = new ConfirmGate<GroupAction>((action) => void this.run(action));

  /** True once every item of the list has loaded (or failed to): review waits for that. */
  readonly allLoaded = computed(() => this.items().every((i) => i.state.kind !== 'loading'));
  /** Groups and the results are shown once a review finished. */
  readonly showResults = computed(() => this.step() === 'reviewed' || this.step() === 'done');
  readonly groupCounts = computed(() => countGroups(this.reviewed(), RECONCILE_GROUPS));
  readonly approvedRenewals = computed(
    () => this.reviewed().filter((r) => r.verdict?.reason === 'renewal-approved').length,
  );
  /** How many requests the waiting group action would touch. */
  readonly confirmCount = computed(() =>
    this.confirm.pending() === 'cancelClosed' ? this.groupCounts().closed : this.approvedRenewals(),
  );

  constructor(
    private readonly bulk: BulkReconcileService,
    private readonly events: CloudAppEventsService,
    private readonly translate: TranslateService,
  ) {}

  async ngOnInit(): Promise<void> {
    const last = await this.bulk.lastReport();
    this.previous.set(last && (last.stopped || !last.finishedAt) ? last : null);
  }

  ngOnDestroy(): void {
    this.steps.stop();
  }

  async review(): Promise<void> {
    this.confirm.clear();
    this.report.set(null);
    const opts = this.steps.begin('reviewing');
    const reviewed = await this.bulk.review(this.items().map(bulkInputOf), this.config(), opts);
    this.reviewed.set(reviewed);
    this.report.set(this.bulk.startReport(reviewed));
    this.step.set('reviewed');
  }

  /** A group action's button: asks first when the user's setting says so. */
  ask(action: GroupAction): void {
    this.confirm.ask(action, this.settings().confirmActions);
  }

  private async run(action: GroupAction): Promise<void> {
    const report = this.report();
    if (!report) return;
    const opts = this.steps.begin('acting');
    this.report.set(
      action === 'cancelClosed'
        ? await this.bulk.cancelClosed(this.reviewed(), this.config(), report, opts)
        : await this.bulk.applyRenewals(this.reviewed(), this.config(), report, opts),
    );
    this.step.set('done');
    // Alma's list still shows what was just cancelled or changed: ask Alma to refresh it, so a
    // second check works on what Alma holds now.
    try {
      await firstValueFrom(this.events.refreshPage().pipe(withHostTimeout()));
    } catch {
      // The report stands; staff can refresh the list in Alma themselves.
    }
  }

  stop(): void {
    this.steps.stop();
  }

  /** The CSV of the last, unfinished run's report. */
  downloadPrevious(report: BulkReport): void {
    downloadReportCsv(report, 'page', (key, params) => this.translate.instant(key, params));
  }
}
