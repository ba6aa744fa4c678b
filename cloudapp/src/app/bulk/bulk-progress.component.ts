import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { BULK_TEST_IDS, BulkSource } from './bulk-report';
import { BulkProgress, progressPercent } from './bulk-run';

/**
 * The progress of a bulk step (review or group action) with its Stop button. Before anything is
 * counted (the Analytics report is still being read) the bar runs without a value. The counts are
 * also given as `data-done`, `data-total` and `data-failed` on the box.
 */
@Component({
  selector: 'app-bulk-progress',
  standalone: true,
  imports: [NgIf, TranslateModule, MatButtonModule, MatProgressBarModule],
  template: `
    <div
      class="progress"
      [attr.data-testid]="ids().progress"
      [attr.data-done]="progress()?.done ?? 0"
      [attr.data-total]="progress()?.total ?? 0"
      [attr.data-failed]="progress()?.failed ?? 0"
    >
      <mat-progress-bar
        [mode]="progress() ? 'determinate' : 'indeterminate'"
        [value]="percent()"
        [attr.aria-label]="'bulk.progressLabel' | translate"
      ></mat-progress-bar>
      <p aria-live="polite">
        <ng-container *ngIf="!progress()">{{ 'bulkReport.reading' | translate }}</ng-container>
        <ng-container *ngIf="progress() as p">{{
          (acting()
            ? 'bulk.acting'
            : source() === 'report'
              ? 'bulkReport.checking'
              : 'bulk.reviewing'
          ) | translate: p
        }}</ng-container>
      </p>
      <button
        mat-stroked-button
        type="button"
        [attr.data-testid]="ids().stop"
        (click)="stopped.emit()"
      >
        {{ 'bulk.stop' | translate }}
      </button>
    </div>
  `,
  styles: `
    .progress p {
      margin: 4px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkProgressComponent {
  /** Null until the step knows how many requests it has. */
  readonly progress = input.required<BulkProgress | null>();
  /** True while a group action runs, false while requests are reviewed. */
  readonly acting = input(false);
  readonly source = input.required<BulkSource>();
  /** The Stop button: the view aborts the step; work already done stays in the report. */
  readonly stopped = output<void>();

  readonly ids = computed(() => BULK_TEST_IDS[this.source()]);
  readonly percent = computed(() => progressPercent(this.progress()));
}
