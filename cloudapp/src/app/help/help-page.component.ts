import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslateModule } from '@ngx-translate/core';

/**
 * The help page (`#/help`, the manifest's `pages.help`): what each action does in Alma and in
 * WorldShare, what the app never does, and the Alma roles staff need. Text only, all of it in
 * the language files under `help.`.
 */
@Component({
  selector: 'app-help-page',
  standalone: true,
  imports: [RouterLink, TranslateModule],
  templateUrl: './help-page.component.html',
  styleUrl: './help-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HelpPageComponent {}
