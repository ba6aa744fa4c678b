import { NgFor } from '@angular/common';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslateModule } from '@ngx-translate/core';
import { ANALYTICS_FIELDS } from '../domain/analytics-columns';

/**
 * The help page (`#/help`, the manifest's `pages.help`): what each action does in Alma and in
 * WorldShare, the Analytics report's columns, what the app never does, and the Alma roles staff need. Text only, all of it in
 * the language files under `help.`.
 */
@Component({
  selector: 'app-help-page',
  standalone: true,
  imports: [NgFor, RouterLink, TranslateModule],
  templateUrl: './help-page.component.html',
  styleUrls: ['../shared/page.scss', './help-page.component.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class HelpPageComponent {
  /** The columns the administrator puts in the Analytics report, in the order the help lists them. */
  readonly analyticsFields = ANALYTICS_FIELDS;
}
