import { NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, ChangeDetectorRef, Component, OnInit } from '@angular/core';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { ErrorStateMatcher, ShowOnDirtyErrorStateMatcher } from '@angular/material/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { RouterLink } from '@angular/router';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { TranslateModule } from '@ngx-translate/core';
import { catchError, firstValueFrom, of } from 'rxjs';
import { AlmaService, CodeTableRow } from '../core/alma.service';
import { withHostTimeout } from '../core/host-call';
import { InstitutionConfigService } from '../core/institution-config.service';
import { ConfigAccess, configAccess } from './config-access';
import { CONFIG_FIELD_PATHS, ConfigFieldPath, configFieldsOf } from './config-fields';
import { ConfigForm, buildConfigForm, configFromForm } from './config-form';
import { ConfigFieldError, configErrorOf } from '../shared/form-validators';
import { AnalyticsTestComponent } from './analytics-test.component';
import { ConnectionTestComponent, ConnectionTestSource } from './connection-test.component';
import { LenderDueDateTrial, LenderDueDateTrialService } from './lender-due-date-trial.service';
import { RepairedSummary, summarizeRepaired } from '../shared/repaired-summary';

/** Alma code table the cancel reason is chosen from (documented conf API). */
export const CANCEL_REASONS_TABLE = 'RequestCancellationReasons';

/**
 * The institution configuration page (`#/config`, the manifest's `pages.config`): a form over
 * InstitutionConfig, saved with InstitutionConfigService; the cancel reason is chosen from Alma's
 * RequestCancellationReasons table; Test connection checks the form's values end to end.
 * Administrators edit; everyone else sees the same page read-only with a note why.
 */
@Component({
  selector: 'app-config-page',
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
    MatRadioModule,
    MatSelectModule,
    MatSlideToggleModule,
    ConnectionTestComponent,
    AnalyticsTestComponent,
  ],
  templateUrl: './config-page.component.html',
  styleUrl: './config-page.component.scss',
  // Errors show while typing or after Save, not when a field loses the focus: an error appearing
  // on blur moves the Save button under a pointer that pressed it, and the click is lost.
  providers: [{ provide: ErrorStateMatcher, useClass: ShowOnDirtyErrorStateMatcher }],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigPageComponent implements OnInit {
  form: ConfigForm | null = null;
  access: ConfigAccess = { editable: false, reason: 'unknown' };
  repaired: RepairedSummary<ConfigFieldPath> | null = null;
  loadError: string | null = null;

  reasonsState: 'loading' | 'loaded' | 'failed' = 'loading';
  reasons: CodeTableRow[] = [];

  /**
   * The reason codes offered: Alma's table, plus the stored code when the table lacks it (so it
   * is kept). Computed when the table or the form arrives, not per change detection: mat-select
   * must see the same option objects every time.
   */
  reasonOptions: CodeTableRow[] = [];

  /** The cancel reason code as stored when the page opened. */
  storedReasonCode = '';

  /** True when Alma's table was read, the stored code is not in it, and it is still the one chosen. */
  storedReasonMissing = false;

  saving = false;
  saveOutcome: { kind: 'saved' } | { kind: 'invalid' } | { kind: 'failed'; detail: string } | null =
    null;

  /** The request the administrator names to try the lender due-date call on. */
  readonly trialUserId = new FormControl<string>('', { nonNullable: true });
  readonly trialRequestId = new FormControl<string>('', { nonNullable: true });
  trial: LenderDueDateTrial | null = null;
  trialRunning = false;

  /** What Test connection tests: always the form's current values. */
  readonly testSource: ConnectionTestSource = () => {
    const form = this.form!;
    return {
      config: configFromForm(form).config,
      valid: form.disabled ? this.allValidIfEnabled(form) : form.valid,
    };
  };

  constructor(
    private readonly configService: InstitutionConfigService,
    private readonly events: CloudAppEventsService,
    private readonly alma: AlmaService,
    private readonly cdr: ChangeDetectorRef,
    private readonly trials: LenderDueDateTrialService,
  ) {}

  async ngOnInit(): Promise<void> {
    void this.loadReasons();
    const [loaded, init] = await Promise.all([
      firstValueFrom(this.configService.reload()),
      firstValueFrom(
        this.events.getInitData().pipe(
          withHostTimeout<unknown>(),
          catchError(() => of(null)),
        ),
      ),
    ]);
    this.access = configAccess(init);
    this.loadError = loaded.loadError;
    this.repaired = loaded.loadError
      ? null
      : summarizeRepaired(configFieldsOf(loaded.repaired), CONFIG_FIELD_PATHS);
    const form = buildConfigForm(loaded.config);
    if (!this.access.editable) form.disable();
    // The undocumented lender due-date call can be switched on only after a trial that worked
    // (runTrial); switching it off is always possible.
    else if (!loaded.config.writeLenderDueDate) form.controls.writeLenderDueDate.disable();
    this.form = form;
    this.storedReasonCode = loaded.config.cancelReasonCode;
    form.controls.cancelReasonCode.valueChanges.subscribe(() => {
      this.refreshReasonOptions();
      this.cdr.markForCheck();
    });
    this.refreshReasonOptions();
    this.cdr.markForCheck();
  }

  /** The first error of the control at `path` (e.g. 'proxy.url'), for its mat-error. */
  err(path: string): ConfigFieldError | null {
    return configErrorOf(this.form?.get(path));
  }

  /** True while the lender due-date switch waits for a trial that worked. */
  get lenderDueDateLocked(): boolean {
    return !!this.form && this.access.editable && this.form.controls.writeLenderDueDate.disabled;
  }

  /** True when no billing address is filled in: export is blocked until there is one. */
  get billingAddressMissing(): boolean {
    return (
      !!this.form &&
      this.form.controls.library.controls.billingAddress.controls.address1.value.trim() === ''
    );
  }

  get trialReady(): boolean {
    return this.trialUserId.value.trim() !== '' && this.trialRequestId.value.trim() !== '';
  }

  /** Placeholders of the trial's outcome text. */
  get trialParams(): Record<string, string> {
    const t = this.trial;
    const params: Record<string, string> = { requestId: this.trialRequestId.value.trim() };
    if (t && (t.kind === 'worked' || t.kind === 'refused')) params['dueDate'] = t.dueDate;
    if (t && (t.kind === 'refused' || t.kind === 'read-failed'))
      params['detail'] = t.problem.almaMessage ?? `HTTP ${t.problem.status}`;
    return params;
  }

  /**
   * Tries Alma's `op=request_renewal` on the request the administrator named (see
   * LenderDueDateTrialService for exactly what it writes); when it worked, the switch can be
   * turned on. Nothing is saved by the trial itself.
   */
  async runTrial(): Promise<void> {
    const form = this.form;
    if (!form || !this.access.editable || this.trialRunning || !this.trialReady) return;
    this.trialRunning = true;
    this.trial = null;
    this.cdr.markForCheck();
    try {
      this.trial = await this.trials.tryOn(this.trialUserId.value, this.trialRequestId.value);
      if (this.trial.kind === 'worked') form.controls.writeLenderDueDate.enable();
    } finally {
      this.trialRunning = false;
      this.cdr.markForCheck();
    }
  }

  get hostedProxy(): boolean {
    return this.form?.controls.proxy.controls.mode.value === 'exlibris';
  }

  trackByCode(_index: number, row: CodeTableRow): string {
    return row.code;
  }

  /** The failure text of the last Save, or null when it did not fail. */
  get saveFailedDetail(): string | null {
    return this.saveOutcome?.kind === 'failed' ? this.saveOutcome.detail : null;
  }

  private refreshReasonOptions(): void {
    const stored = this.storedReasonCode;
    const inTable = this.reasons.some((r) => r.code === stored);
    this.reasonOptions =
      stored && !inTable
        ? [...this.reasons, { code: stored, description: stored }]
        : [...this.reasons];
    const current = this.form?.controls.cancelReasonCode.value ?? '';
    this.storedReasonMissing =
      this.reasonsState === 'loaded' && stored !== '' && !inTable && current === stored;
  }

  async save(): Promise<void> {
    const form = this.form;
    if (!form || !this.access.editable || this.saving) return;
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
      await firstValueFrom(this.configService.save(configFromForm(form).config));
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

  private async loadReasons(): Promise<void> {
    try {
      this.reasons = await firstValueFrom(this.alma.getCodeTable(CANCEL_REASONS_TABLE));
      this.reasonsState = 'loaded';
    } catch {
      this.reasons = [];
      this.reasonsState = 'failed';
    }
    this.refreshReasonOptions();
    this.cdr.markForCheck();
  }

  /** Validity of a disabled (read-only) form: disabled controls skip validation, so check a copy. */
  private allValidIfEnabled(form: ConfigForm): boolean {
    const copy = buildConfigForm(configFromForm(form).config);
    return copy.valid;
  }
}
