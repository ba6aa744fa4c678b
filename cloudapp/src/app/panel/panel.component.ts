import { AsyncPipe, NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslateModule } from '@ngx-translate/core';
import { InstitutionConfigService } from '../core/institution-config.service';
import { UserSettingsService } from '../core/user-settings.service';
import { PanelStore } from './panel-store.service';
import { BulkAnalyticsComponent } from '../bulk/bulk-analytics.component';
import { BulkReconcileComponent } from '../bulk/bulk-reconcile.component';
import { AppNavComponent } from './app-nav.component';
import { RequestCardComponent } from './request-card.component';
import { RequestDetailComponent } from './request-detail.component';
import { RequestItem } from '../core/request-item';

/**
 * The sidebar's main page. One borrowing request open in Alma: its detail with actions.
 * A task list (several): a card per request. None: a short hint.
 */
@Component({
  selector: 'app-panel',
  standalone: true,
  imports: [
    NgIf,
    NgFor,
    AsyncPipe,
    TranslateModule,
    MatButtonModule,
    RequestCardComponent,
    RequestDetailComponent,
    BulkReconcileComponent,
    BulkAnalyticsComponent,
    AppNavComponent,
  ],
  providers: [PanelStore],
  templateUrl: './panel.component.html',
  styleUrl: './panel.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PanelComponent {
  readonly store = inject(PanelStore);
  readonly items$ = this.store.items$;
  readonly page$ = this.store.page$;
  readonly config$ = inject(InstitutionConfigService).get();
  readonly settings$ = inject(UserSettingsService).get();

  /** How many cards of a task list are drawn; the user's page size, raised by "show more". */
  shown: number | null = null;

  visibleCount(pageSize: number): number {
    return this.shown ?? pageSize;
  }

  showMore(pageSize: number): void {
    this.shown = this.visibleCount(pageSize) + pageSize;
  }

  trackById(_index: number, item: RequestItem): string {
    return item.requestId;
  }
}
