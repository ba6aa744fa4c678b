import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  OnInit,
  computed,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl } from '@angular/forms';
import { MatRadioModule } from '@angular/material/radio';
import { MatSelectModule } from '@angular/material/select';
import { CloudAppEventsService } from '@exlibris/exl-cloudapp-angular-lib';
import { catchError, firstValueFrom, of } from 'rxjs';
import { AlmaService, CodeTableRow } from '../core/alma.service';
import { withHostTimeout } from '../core/host-call';
import { InstitutionConfigService } from '../core/institution-config.service';
import { LIBRARY_ADDRESS_FIELDS } from '../domain/institution-config';
import { ConfigAccess, configAccess } from './config-access';
import { CONFIG_FIELD_PATHS, ConfigFieldPath, configFieldsOf } from './config-fields';
import { ConfigForm, buildConfigForm, configFromForm } from './config-form';
import { AnalyticsTestComponent } from './analytics-test.component';
import { ConfigTextFieldComponent } from './config-text-field.component';
import { ConfigToggleComponent } from './config-toggle.component';
import { ConnectionTestComponent, ConnectionTestSource } from './connection-test.component';
import { LenderDueDateTrial, LenderDueDateTrialService } from './lender-due-date-trial.service';
import { FORM_PAGE_ERROR_STATE, FORM_PAGE_IMPORTS } from '../shared/form-page';
import { FormSave } from '../shared/form-save';
import { RepairedSummary, summarizeRepaired } from '../shared/repaired-summary';

/** Alma code table the cancel reason is chosen from (documented conf API). */
export const CANCEL_REASONS_TABLE = 'RequestCancellationReasons';

/** What the page shows of the form, as the form's last event left it. */
interface FormNow {
  value: ReturnType<ConfigForm['getRawValue']>;
  /** The lender due-date switch is disabled (no trial has worked yet, or the page is read-only). */
  lenderDueDateDisabled: boolean;
}

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
    ...FORM_PAGE_IMPORTS,
    MatRadioModule,
    MatSelectModule,
    ConfigTextFieldComponent,
    ConfigToggleComponent,
    ConnectionTestComponent,
    AnalyticsTestComponent,
  ],
  templateUrl: './config-page.component.html',
  styleUrls: ['../shared/page.scss', './config-page.component.scss'],
  providers: [FORM_PAGE_ERROR_STATE],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfigPageComponent implements OnInit {
  /** The form over the stored configuration; null until it is loaded. */
  readonly form = signal<ConfigForm | null>(null);
  readonly access = signal<ConfigAccess>({ editable: false, reason: 'unknown' });
  readonly repaired = signal<RepairedSummary<ConfigFieldPath> | null>(null);
  readonly loadError = signal<string | null>(null);

  readonly reasonsState = signal<'loading' | 'loaded' | 'failed'>('loading');
  private readonly reasons = signal<readonly CodeTableRow[]>([]);
  /** The cancel reason code as stored when the page opened. */
  readonly storedReasonCode = signal('');

  readonly saveStep = new FormSave();

  /** The library's two addresses, in the order the page shows them. */
  readonly addresses = [
    { group: 'billingAddress', path: 'library.billingAddress' },
    { group: 'deliveryAddress', path: 'library.deliveryAddress' },
  ] as const;
  readonly addressLines = LIBRARY_ADDRESS_FIELDS;

  /** The request the administrator names to try the lender due-date call on. */
  readonly trialUserId = new FormControl<string>('', { nonNullable: true });
  readonly trialRequestId = new FormControl<string>('', { nonNullable: true });
  /** The trial's two fields, in the order shown; each label is `config.lenderDueDate.<label>`. */
  readonly trialFields = [
    { label: 'userId', control: this.trialUserId, testId: 'trial-user-id' },
    { label: 'requestId', control: this.trialRequestId, testId: 'trial-request-id' },
  ] as const;
  readonly trial = signal<LenderDueDateTrial | null>(null);
  readonly trialRunning = signal(false);

  private readonly formNow = signal<FormNow | null>(null);
  private readonly trialUser = toSignal(this.trialUserId.valueChanges, {
    initialValue: this.trialUserId.value,
  });
  private readonly trialRequest = toSignal(this.trialRequestId.valueChanges, {
    initialValue: this.trialRequestId.value,
  });

  /** Why the loaded form is read-only for this user; null while it is editable (or not loaded). */
  readonly readOnlyReason = computed(() =>
    this.form() && !this.access().editable ? this.access().reason : null,
  );

  readonly hostedProxy = computed(() => this.formNow()?.value.proxy.mode === 'exlibris');

  /** True when no billing address is filled in: export is blocked until there is one. */
  readonly billingAddressMissing = computed(() => {
    const now = this.formNow();
    return !!now && now.value.library.billingAddress.address1.trim() === '';
  });

  /** True while the lender due-date switch waits for a trial that worked. */
  readonly lenderDueDateLocked = computed(
    () => !!this.formNow()?.lenderDueDateDisabled && this.access().editable,
  );

  /**
   * The reason codes offered: Alma's table, plus the stored code when the table lacks it (so it
   * is kept). Recomputed only when the table or the stored code changes: mat-select must see the
   * same option objects every time.
   */
  readonly reasonOptions = computed<readonly CodeTableRow[]>(() => {
    const stored = this.storedReasonCode();
    const reasons = this.reasons();
    return stored && !reasons.some((r) => r.code === stored)
      ? [...reasons, { code: stored, description: stored }]
      : reasons;
  });

  /** True when Alma's table was read, the stored code is not in it, and it is still the one chosen. */
  readonly storedReasonMissing = computed(() => {
    const stored = this.storedReasonCode();
    return (
      this.reasonsState() === 'loaded' &&
      stored !== '' &&
      !this.reasons().some((r) => r.code === stored) &&
      this.formNow()?.value.cancelReasonCode === stored
    );
  });

  readonly trialReady = computed(
    () => this.trialUser().trim() !== '' && this.trialRequest().trim() !== '',
  );

  /** Placeholders of the trial's outcome text. */
  readonly trialParams = computed(() => {
    const t = this.trial();
    const params: Record<string, string> = { requestId: this.trialRequest().trim() };
    if (t && (t.kind === 'worked' || t.kind === 'refused')) params['dueDate'] = t.dueDate;
    if (t && (t.kind === 'refused' || t.kind === 'read-failed'))
      params['detail'] = t.problem.almaMessage ?? `HTTP ${t.problem.status}`;
    return params;
  });

  /** What Test connection tests: always the form's current values. */
  readonly testSource: ConnectionTestSource = () => {
    const form = this.form()!;
    return {
      config: configFromForm(form).config,
      valid: form.disabled ? this.allValidIfEnabled(form) : form.valid,
    };
  };

  constructor(
    private readonly configService: InstitutionConfigService,
    private readonly events: CloudAppEventsService,
    private readonly alma: AlmaService,
    private readonly trials: LenderDueDateTrialService,
    private readonly destroyRef: DestroyRef,
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
    const access = configAccess(init);
    this.access.set(access);
    this.loadError.set(loaded.loadError);
    this.repaired.set(
      loaded.loadError
        ? null
        : summarizeRepaired(configFieldsOf(loaded.repaired), CONFIG_FIELD_PATHS),
    );
    const form = buildConfigForm(loaded.config);
    if (!access.editable) form.disable();
    // The undocumented lender due-date call can be switched on only after a trial that worked
    // (runTrial); switching it off is always possible.
    else if (!loaded.config.writeLenderDueDate) form.controls.writeLenderDueDate.disable();
    this.storedReasonCode.set(loaded.config.cancelReasonCode);
    const read = () =>
      this.formNow.set({
        value: form.getRawValue(),
        lenderDueDateDisabled: form.controls.writeLenderDueDate.disabled,
      });
    read();
    form.events.pipe(takeUntilDestroyed(this.destroyRef)).subscribe(read);
    this.form.set(form);
  }

  /**
   * Tries Alma's `op=request_renewal` on the request the administrator named (see
   * LenderDueDateTrialService for exactly what it writes); when it worked, the switch can be
   * turned on. Nothing is saved by the trial itself.
   */
  async runTrial(): Promise<void> {
    const form = this.form();
    if (!form || !this.access().editable || this.trialRunning() || !this.trialReady()) return;
    this.trialRunning.set(true);
    this.trial.set(null);
    try {
      const trial = await this.trials.tryOn(this.trialUserId.value, this.trialRequestId.value);
      this.trial.set(trial);
      if (trial.kind === 'worked') form.controls.writeLenderDueDate.enable();
    } finally {
      this.trialRunning.set(false);
    }
  }

  trackByCode(_index: number, row: CodeTableRow): string {
    return row.code;
  }

  async save(): Promise<void> {
    const form = this.form();
    if (!form || !this.access().editable) return;
    const saved = await this.saveStep.save(form, () =>
      this.configService.save(configFromForm(form).config),
    );
    if (saved) this.repaired.set(null);
  }

  private async loadReasons(): Promise<void> {
    try {
      this.reasons.set(await firstValueFrom(this.alma.getCodeTable(CANCEL_REASONS_TABLE)));
      this.reasonsState.set('loaded');
    } catch {
      this.reasons.set([]);
      this.reasonsState.set('failed');
    }
  }

  /** Validity of a disabled (read-only) form: disabled controls skip validation, so check a copy. */
  private allValidIfEnabled(form: ConfigForm): boolean {
    const copy = buildConfigForm(configFromForm(form).config);
    return copy.valid;
  }
}
