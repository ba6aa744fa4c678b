import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { BULK_TEST_IDS, BulkSource } from './bulk-report';

/**
 * How many reviewed requests fell in each group, one heading per group, then the requests that
 * could not be read (only when there are any). Used by bulk from the page (`bulk-group` rows) and
 * from the Analytics report (`report-group` rows), whose group names and wording differ.
 */
@Component({
  selector: 'app-bulk-group-counts',
  standalone: true,
  imports: [NgIf, NgFor, TranslateModule],
  template: `
    <div
      *ngFor="let g of groups()"
      class="group"
      [attr.data-testid]="testId()"
      [attr.data-group]="g"
      [attr.data-count]="counts()[g]"
    >
      <h3>
        {{
          (source() === 'report' ? 'bulkReport.group.' + g : 'bulk.group.' + g)
            | translate: { count: counts()[g] }
        }}
      </h3>
    </div>
    <div
      *ngIf="counts()['unreadable']"
      class="group"
      [attr.data-testid]="testId()"
      data-group="unreadable"
      [attr.data-count]="counts()['unreadable']"
    >
      <h3>{{ 'bulk.group.unreadable' | translate: { count: counts()['unreadable'] } }}</h3>
    </div>
  `,
  styles: `
    h3 {
      font-size: 0.9rem;
      margin: 4px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkGroupCountsComponent {
  /** The groups in the order staff read them; 'unreadable' is added after them when present. */
  readonly groups = input.required<readonly string[]>();
  /** Count per group, including 'unreadable' (as `countGroups` in bulk-report.ts gives them). */
  readonly counts = input.required<Readonly<Record<string, number>>>();
  readonly source = input.required<BulkSource>();

  readonly testId = computed(() => BULK_TEST_IDS[this.source()].group);
}
