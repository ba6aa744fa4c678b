import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { BulkRow, BulkSource } from './bulk-report';

/**
 * Test ids per source. Both sets are part of the product's interface (e2e and staff scripts
 * select on them), so they stay as they were when each view drew its own list.
 */
const TEST_IDS: Record<BulkSource, { list: string; row: string; detail: string }> = {
  page: { list: 'bulk-report', row: 'bulk-row', detail: 'bulk-row-detail' },
  report: { list: 'report-rows', row: 'report-row', detail: 'report-row-detail' },
};

/**
 * The on-screen report of a bulk run, one list item per request: which request, what each system
 * said, the group and what was done, and why. Used by bulk from the page and bulk from the
 * Analytics report; the CSV of the same rows is `report-download.ts`.
 *
 * The heading differs by source: page rows carry the title Alma showed, report rows carry only the
 * ids Analytics gave (the request id and the patron's user id, as the report lists them).
 */
@Component({
  selector: 'app-bulk-report-list',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule],
  templateUrl: './bulk-report-list.component.html',
  styleUrl: './bulk-report-list.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkReportListComponent {
  readonly rows = input.required<readonly BulkRow[]>();
  readonly source = input.required<BulkSource>();

  readonly testIds = computed(() => TEST_IDS[this.source()]);
  /** Each row with the heading it is shown under. */
  readonly lines = computed(() => {
    const fromReport = this.source() === 'report';
    return this.rows().map((row) => ({
      ...row,
      heading: fromReport ? `${row.almaRequestId} · ${row.userId}` : row.title || row.almaRequestId,
    }));
  });
}
