import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';
import { AnalyticsField, ReportRow } from '../domain/analytics-columns';
import { AnalyticsReportError, AnalyticsReportService } from '../core/analytics-report.service';
import { ConnectionTestSource } from './connection-test.component';
import { AnalyticsProblemText, analyticsProblemText } from '../shared/analytics-problem';

type Outcome =
  | { state: 'ok'; by: 'headings' | 'order'; rows: ReportRow[] }
  | { state: 'missing'; missing: AnalyticsField[] }
  | { state: 'failed'; text: AnalyticsProblemText };

/**
 * The Test button of the Analytics report: reads the report's first rows with the form's path and
 * names any column the bulk work needs that the report lacks, or why the report could not be read.
 */
@Component({
  selector: 'app-analytics-test',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule, MatButtonModule],
  template: `
    <div class="analytics-test">
      <button
        mat-stroked-button
        type="button"
        data-testid="analytics-test"
        [disabled]="running()"
        (click)="run()"
      >
        {{ (running() ? 'config.analytics.testing' : 'config.analytics.test') | translate }}
      </button>
      <div aria-live="polite">
        <p
          *ngIf="ok() as o"
          class="message success"
          data-testid="analytics-test-result"
          data-state="ok"
        >
          {{ 'config.analytics.ok.' + o.by | translate: { count: o.rows.length } }}
          <span *ngFor="let r of o.rows; let last = last"
            >{{ r.requestId }} ({{ r.externalId }}){{ last ? '' : ', ' }}</span
          >
        </p>
        <p
          *ngIf="missing() as m"
          class="message error"
          data-testid="analytics-test-result"
          data-state="missing"
        >
          {{ 'config.analytics.missing' | translate }}
          <ng-container *ngFor="let f of m; let last = last"
            >{{ 'analytics.field.' + f | translate }}{{ last ? '.' : ', ' }}</ng-container
          >
        </p>
        <p
          *ngIf="failed() as f"
          class="message error"
          data-testid="analytics-test-result"
          data-state="failed"
        >
          {{ 'analytics.problem.' + f.code | translate: f.params }}
        </p>
      </div>
    </div>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AnalyticsTestComponent {
  readonly source = input.required<ConnectionTestSource>();
  readonly running = signal(false);
  readonly outcome = signal<Outcome | null>(null);

  readonly ok = computed(() => {
    const o = this.outcome();
    return o?.state === 'ok' ? o : null;
  });
  readonly missing = computed(() => {
    const o = this.outcome();
    return o?.state === 'missing' ? o.missing : null;
  });
  readonly failed = computed(() => {
    const o = this.outcome();
    return o?.state === 'failed' ? o.text : null;
  });

  constructor(private readonly reports: AnalyticsReportService) {}

  async run(): Promise<void> {
    if (this.running()) return;
    this.running.set(true);
    this.outcome.set(null);
    try {
      const { mapping, rows } = await this.reports.test(this.source()().config);
      this.outcome.set(
        mapping.missing.length > 0
          ? { state: 'missing', missing: mapping.missing }
          : { state: 'ok', by: mapping.by, rows },
      );
    } catch (e) {
      this.outcome.set({
        state: 'failed',
        text: analyticsProblemText(
          e instanceof AnalyticsReportError ? e.problem : { kind: 'format', detail: String(e) },
        ),
      });
    } finally {
      this.running.set(false);
    }
  }
}
