import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslateModule } from '@ngx-translate/core';

/** Links from the panel to the app's own pages (Alma's sidebar menu opens the same pages). */
@Component({
  selector: 'app-nav',
  standalone: true,
  imports: [RouterLink, TranslateModule],
  template: `
    <nav class="app-nav" [attr.aria-label]="'nav.label' | translate">
      <a routerLink="/settings" data-testid="nav-settings">{{ 'nav.settings' | translate }}</a>
      <a routerLink="/help" data-testid="nav-help">{{ 'nav.help' | translate }}</a>
      <a routerLink="/config" data-testid="nav-config">{{ 'nav.config' | translate }}</a>
    </nav>
  `,
  styles: [
    `
      .app-nav {
        display: flex;
        flex-wrap: wrap;
        gap: 12px;
        margin: 16px 0 4px;
        padding-top: 8px;
        border-top: 1px solid #e3e6ea;
        font-size: 0.85rem;
      }
      .app-nav a {
        text-decoration: underline;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppNavComponent {}
