import { NgFor, NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  Input,
  OnDestroy,
  OnInit,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { LocalDatePipe } from '../shared/local-date.pipe';
import { firstValueFrom } from 'rxjs';
import { withHostTimeout } from '../core/host-call';
import { InstitutionConfig } from '../domain/institution-config';
import { RECONCILE_GROUPS, ReconcileGroup } from '../domain/reconcile';
import { UserSettings } from '../domain/user-settings';
import { RequestItem } from '../core/request-item';
import { BulkAction, BulkReport, BulkRow, bulkDetailText, countActions } from './bulk-report';
import { downloadReportCsv } from './report-download';
import {
  BulkInput,
  BulkProgress,
  BulkReconcileService,
  ReviewedRequest,
} from './bulk-reconcile.service';

type Step = 'idle' | 'reviewing' | 'reviewed' | 'acting' | 'done';
type GroupAction = 'cancelClosed' | 'applyRenewals';

/**
 * Bulk reconcile for a task list: review every exported request in both systems, show the groups,
 * run clean cancel (or apply approved renewals) on a whole group after one confirmation, with a
 * progress bar that can be stopped, and a report on screen and as CSV.
 */
@Component({
  selector: 'app-bulk-reconcile',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule, LocalDatePipe, MatButtonModule, MatProgressBarModule],
  templateUrl: './bulk-reconcile.component.html',
  styleUrl: './bulk-reconcile.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkReconcileComponent implements OnInit, OnDestroy {
  @Input({ required: true }) items: RequestItem[] = [];
  @Input({ required: true }) config!: InstitutionConfig;
  @Input({ required: true }) settings!: UserSettings;

  readonly groups = RECONCILE_GROUPS;
  step: Step = 'idle';
  progress: BulkProgress | null = null;
  reviewed: ReviewedRequest[] = [];
  report: BulkReport | null = null;
  previous: BulkReport | null = null;
  confirming: GroupAction | null = null;
  private abort: AbortController | null = null;

  constructor(
    private readonly bulk: BulkReconcileService,
    private readonly events: CloudAppEventsService,
    private readonly cdr: ChangeDetectorRef,
    private readonly translate: TranslateService,
  ) {}

  /** A row's detail in the user's language (reports saved by older versions: the bare text). */
  detailText(row: BulkRow): string {
    return bulkDetailText(row, (key, params) => this.translate.instant(key, params));
  }

  async ngOnInit(): Promise<void> {
    const last = await this.bulk.lastReport();
    this.previous = last && (last.stopped || !last.finishedAt) ? last : null;
    this.cdr.markForCheck();
  }

  ngOnDestroy(): void {
    this.abort?.abort();
  }

  get loadedCount(): number {
    return this.items.filter((i) => i.state.kind !== 'loading').length;
  }

  inGroup(group: ReconcileGroup | 'unreadable'): ReviewedRequest[] {
    return this.reviewed.filter((r) => (r.verdict?.group ?? 'unreadable') === group);
  }

  get approvedRenewals(): number {
    return this.reviewed.filter((r) => r.verdict?.reason === 'renewal-approved').length;
  }

  counts(): Record<BulkAction, number> | null {
    return this.report ? countActions(this.report.rows) : null;
  }

  async review(): Promise<void> {
    const inputs: BulkInput[] = this.items.map((i) => ({
      userId: i.userId,
      requestId: i.requestId,
      request: i.state.kind === 'loaded' ? i.state.request : null,
      loadError:
        i.state.kind === 'error'
          ? (i.state.problem.almaMessage ?? i.state.problem.kind)
          : undefined,
    }));
    this.step = 'reviewing';
    this.report = null;
    this.abort = new AbortController();
    this.reviewed = await this.bulk.review(inputs, this.config, {
      signal: this.abort.signal,
      onProgress: (p) => this.setProgress(p),
    });
    this.report = this.bulk.startReport(this.reviewed);
    this.step = 'reviewed';
    this.cdr.markForCheck();
  }

  ask(action: GroupAction): void {
    if (this.settings.confirmActions) {
      this.confirming = action;
      this.cdr.markForCheck();
    } else {
      void this.run(action);
    }
  }

  confirm(ok: boolean): void {
    const action = this.confirming;
    this.confirming = null;
    this.cdr.markForCheck();
    if (ok && action) void this.run(action);
  }

  async run(action: GroupAction): Promise<void> {
    if (!this.report) return;
    this.step = 'acting';
    this.abort = new AbortController();
    const opts = {
      signal: this.abort.signal,
      onProgress: (p: BulkProgress) => this.setProgress(p),
    };
    this.cdr.markForCheck();
    this.report =
      action === 'cancelClosed'
        ? await this.bulk.cancelClosed(this.reviewed, this.config, this.report, opts)
        : await this.bulk.applyRenewals(this.reviewed, this.config, this.report, opts);
    this.step = 'done';
    this.cdr.markForCheck();
    // Alma's list still shows what was just cancelled or changed: ask Alma to refresh it, so a
    // second check works on what Alma holds now.
    try {
      await firstValueFrom(this.events.refreshPage().pipe(withHostTimeout()));
    } catch {
      // The report stands; staff can refresh the list in Alma themselves.
    }
  }

  stop(): void {
    this.abort?.abort();
  }

  download(report: BulkReport | null = this.report): void {
    if (!report) return;
    downloadReportCsv(report, 'worldshare-reconcile', (row) => this.detailText(row));
  }

  private setProgress(p: BulkProgress): void {
    this.progress = p;
    this.cdr.markForCheck();
  }
}
