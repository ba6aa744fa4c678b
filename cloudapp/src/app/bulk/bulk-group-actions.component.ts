import { NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';
import { BULK_TEST_IDS, BulkSource, GroupAction } from './bulk-report';

/**
 * What staff can do with a whole group after a review: clean cancel of the closed group, and (from
 * the page only) writing the approved renewals into Alma. Each button names how many requests it
 * touches and is off when there are none. The click is only forwarded; asking first is the view's.
 */
@Component({
  selector: 'app-bulk-group-actions',
  standalone: true,
  imports: [NgIf, TranslateModule, MatButtonModule],
  template: `
    <div class="group-actions">
      <button
        mat-flat-button
        color="warn"
        type="button"
        [attr.data-testid]="ids().cancelClosed"
        [disabled]="closed() === 0"
        (click)="act.emit('cancelClosed')"
      >
        {{ 'bulk.cancelClosed' | translate: { count: closed() } }}
      </button>
      <button
        *ngIf="approvedRenewals() !== null"
        mat-stroked-button
        type="button"
        data-testid="bulk-apply-renewals"
        [disabled]="approvedRenewals() === 0"
        (click)="act.emit('applyRenewals')"
      >
        {{ 'bulk.applyRenewals' | translate: { count: approvedRenewals() } }}
      </button>
    </div>
  `,
  styles: `
    .group-actions {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 8px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BulkGroupActionsComponent {
  readonly source = input.required<BulkSource>();
  /** How many requests are in the closed group. */
  readonly closed = input.required<number>();
  /** How many approved renewals wait to be written into Alma; null where the view has no such action. */
  readonly approvedRenewals = input<number | null>(null);
  readonly act = output<GroupAction>();

  readonly ids = computed(() => BULK_TEST_IDS[this.source()]);
}
