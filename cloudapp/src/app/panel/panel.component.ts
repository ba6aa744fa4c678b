import { AsyncPipe, NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { InstitutionConfigService } from '../core/institution-config.service';
import { UserSettingsService } from '../core/user-settings.service';
import { PanelStore } from './panel-store.service';
import { RequestCardComponent } from './request-card.component';
import { RequestDetailComponent } from './request-detail.component';
import { RequestItem } from './request-item';

/**
 * The sidebar's main page. One borrowing request open in Alma: its detail with actions.
 * A task list (several): a card per request. None: a short hint.
 */
@Component({
  selector: 'app-panel',
  standalone: true,
  imports: [NgIf, NgFor, AsyncPipe, TranslateModule, RequestCardComponent, RequestDetailComponent],
  providers: [PanelStore],
  templateUrl: './panel.component.html',
  styleUrl: './panel.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PanelComponent {
  readonly items$ = this.store.items$;
  readonly page$ = this.store.page$;
  readonly config$ = this.configService.get();
  readonly settings$ = this.settingsService.get();

  constructor(
    readonly store: PanelStore,
    private readonly configService: InstitutionConfigService,
    private readonly settingsService: UserSettingsService,
  ) {}

  trackById(_index: number, item: RequestItem): string {
    return item.requestId;
  }
}
