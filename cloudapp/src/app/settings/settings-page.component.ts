import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, ChangeDetectorRef, Component, OnInit } from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { UserSettingsService } from '../core/user-settings.service';
import { ConfigFieldError, configErrorOf } from '../shared/form-validators';
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
  imports: [
    NgIf,
    NgFor,
    ReactiveFormsModule,
    RouterLink,
    TranslateModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSlideToggleModule,
  ],
  templateUrl: './settings-page.component.html',
  styleUrl: './settings-page.component.scss',
  // Errors show while typing or after Save, not when a field loses the focus: an error appearing
  // on blur moves the Save button under a pointer that pressed it, and the click is lost.
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SettingsPageComponent implements OnInit {
  form: SettingsForm | null = null;
  repaired: RepairedSummary<SettingsFieldPath> | null = null;
  loadError: string | null = null;
  saving = false;
  saveOutcome: { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; detail: string } | null =
    null;

  constructor(
    private readonly settingsService: UserSettingsService,
    private readonly translate: TranslateService,
    private readonly cdr: ChangeDetectorRef,
  ) {}

  /** The language Alma gave the app (INIT_DATA `lang`, applied by the SDK's InitService). */
  get language(): string {
    return this.translate.currentLang || this.translate.defaultLang || 'en';
  }

  async ngOnInit(): Promise<void> {
    const loaded = await firstValueFrom(this.settingsService.get());
    this.loadError = loaded.loadError;
    this.repaired = loaded.loadError
      ? null
      : summarizeRepaired(loaded.repaired, SETTINGS_FIELD_PATHS);
    this.form = buildSettingsForm(loaded.settings);
    this.cdr.markForCheck();
  }

  err(path: string): ConfigFieldError | null {
    return configErrorOf(this.form?.get(path));
  }

  get saveFailedDetail(): string | null {
    return this.saveOutcome?.kind === 'failed' ? this.saveOutcome.detail : null;
  }

  async save(): Promise<void> {
    const form = this.form;
    if (!form || this.saving) return;
    form.markAllAsTouched();
    if (form.invalid) {
      this.saveOutcome = { kind: 'invalid' };
      this.cdr.markForCheck();
      return;
    }
    this.saving = true;
    this.saveOutcome = null;
    this.cdr.markForCheck();
    try {
      await firstValueFrom(this.settingsService.save(settingsFromForm(form)));
      this.saveOutcome = { kind: 'saved' };
      this.repaired = null;
      form.markAsPristine();
    } catch (e) {
      this.saveOutcome = {
        kind: 'failed',
        detail: e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e),
      };
    } finally {
      this.saving = false;
      this.cdr.markForCheck();
    }
  }
}
