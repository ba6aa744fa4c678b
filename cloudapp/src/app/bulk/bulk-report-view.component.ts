import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { BULK_TEST_IDS, BulkReport, BulkSource, countActions } from './bulk-report';
import { downloadReportCsv } from './report-download';

/**
 * The report of a bulk run, on screen and as CSV: once the run is done, a summary of what was done
 * (a warning when anything failed, was not done or is still on loan); then the CSV button and one
 * list item per request: which request, what each system said, the group, what was done and why.
 * Used by bulk from the page and bulk from the Analytics report.
 *
 * The heading of a row differs by source: page rows carry the title Alma showed, report rows carry
 * only the ids Analytics gave (the request id and the patron's user id, as the report lists them).
 */
@Component({
  selector: 'app-bulk-report',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule, MatButtonModule],
  templateUrl: './bulk-report-view.component.html',
  styleUrl: './bulk-report-view.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkReportViewComponent {
  readonly report = input.required<BulkReport>();
  readonly source = input.required<BulkSource>();
  /** True once the group action ended (or was stopped): the summary is shown then. */
  readonly done = input(false);

  readonly ids = computed(() => BULK_TEST_IDS[this.source()]);
  readonly counts = computed(() => countActions(this.report().rows));
  /** Each row with the heading it is shown under. */
  readonly lines = computed(() => {
    const fromReport = this.source() === 'report';
    return this.report().rows.map((row) => ({
      ...row,
      heading: fromReport ? `${row.almaRequestId} · ${row.userId}` : row.title || row.almaRequestId,
    }));
  });

  constructor(private readonly translate: TranslateService) {}

  download(): void {
    downloadReportCsv(this.report(), this.source(), (key, params) =>
      this.translate.instant(key, params),
    );
  }
}
