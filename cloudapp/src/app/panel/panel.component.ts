import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
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

/**
 * The sidebar's main page. One borrowing request open in Alma: its detail with actions.
 * A task list (several): a card per request. None: a short hint.
 *
 * Layers: this component owns the PanelStore (the requests on Alma's page); the request detail is
 * one request's card with its export section or record actions; the record actions own a
 * RecordStore each (the workflow of that one exported request).
 */
@Component({
  selector: 'app-panel',
  standalone: true,
  imports: [
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
  protected readonly config = toSignal(inject(InstitutionConfigService).get());
  protected readonly user = toSignal(inject(UserSettingsService).get());

  /** The configuration fields repaired on load, for the notice ('' when none). */
  protected readonly repairedFields = computed(() => this.config()?.repaired.join(', ') ?? '');

  /** How many cards of a task list are drawn; the user's page size, raised by "show more". */
  private readonly shown = signal<number | null>(null);
  protected readonly pageSize = computed(() => this.user()?.settings.bulkPageSize ?? 0);
  protected readonly visibleCount = computed(() => this.shown() ?? this.pageSize());
  protected readonly visibleItems = computed(() =>
    this.store.items().slice(0, this.visibleCount()),
  );

  showMore(): void {
    this.shown.set(this.visibleCount() + this.pageSize());
  }
}
