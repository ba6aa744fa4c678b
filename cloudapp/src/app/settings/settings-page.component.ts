import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { TranslateService } from '@ngx-translate/core';
import { firstValueFrom, map } from 'rxjs';
import { UserSettingsService } from '../core/user-settings.service';
import { FORM_PAGE_ERROR_STATE, FORM_PAGE_IMPORTS } from '../shared/form-page';
import { FormSave } from '../shared/form-save';
import { FieldErrors, fieldErrors } from '../shared/form-validators';
import { RepairedSummary, summarizeRepaired } from '../shared/repaired-summary';
import {
  SETTINGS_FIELD_PATHS,
  SettingsFieldPath,
  SettingsForm,
  buildSettingsForm,
  settingsFromForm,
} from './settings-form';

/**
 * The per-user settings page (`#/settings`, the manifest's `pages.settings`): confirmations,
 * applying approved renewals automatically, and the bulk page size, stored for the signed-in
 * staff user with UserSettingsService. The language is Alma's and only shown here.
 */
@Component({
  selector: 'app-settings-page',
  standalone: true,
  imports: FORM_PAGE_IMPORTS,
  templateUrl: './settings-page.component.html',
  styleUrls: ['../shared/page.scss', './settings-page.component.scss'],
  providers: [FORM_PAGE_ERROR_STATE],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPageComponent implements OnInit {
  private readonly settingsService = inject(UserSettingsService);
  private readonly translate = inject(TranslateService);
  private readonly destroyRef = inject(DestroyRef);

  /** The form over the stored settings; null until they are loaded. */
  readonly form = signal<SettingsForm | null>(null);
  readonly repaired = signal<RepairedSummary<SettingsFieldPath> | null>(null);
  readonly loadError = signal<string | null>(null);
  readonly saveStep = new FormSave();
  /** Each field's first error by its path (e.g. 'bulkPageSize'), for its mat-error. */
  readonly errors = signal<FieldErrors>({});

  /** The language Alma gave the app (INIT_DATA `lang`, applied by the SDK's InitService). */
  readonly language = toSignal(this.translate.onLangChange.pipe(map((e) => e.lang)), {
    initialValue: this.translate.currentLang || this.translate.defaultLang || 'en',
  });

  async ngOnInit(): Promise<void> {
    const loaded = await firstValueFrom(this.settingsService.get());
    this.loadError.set(loaded.loadError);
    this.repaired.set(
      loaded.loadError ? null : summarizeRepaired(loaded.repaired, SETTINGS_FIELD_PATHS),
    );
    const form = buildSettingsForm(loaded.settings);
    this.errors.set(fieldErrors(form));
    form.events
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.errors.set(fieldErrors(form)));
    this.form.set(form);
  }

  async save(): Promise<void> {
    const form = this.form();
    if (!form) return;
    const saved = await this.saveStep.save(form, () =>
      this.settingsService.save(settingsFromForm(form)),
    );
    if (saved) this.repaired.set(null);
  }
}
