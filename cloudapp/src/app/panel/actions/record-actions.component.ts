import { NgFor, NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  EventEmitter,
  Input,
  NgZone,
  OnChanges,
  OnDestroy,
  OnInit,
  Output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { format } from 'date-fns';
import { EMPTY, Subject, Subscription, firstValueFrom, switchMap } from 'rxjs';
import { ActionAvailability, ActionName, availableActions } from '../../domain/action-rules';
import {
  calendarDateToAlmaDueDate,
  tryLenderDueDateToCalendarDate,
} from '../../domain/calendar-date';
import { InstitutionConfig } from '../../domain/institution-config';
import { LenderFacts, lenderFacts } from '../../domain/lender-facts';
import { LenderMessage } from '../../domain/lender-message';
import { UserSettings } from '../../domain/user-settings';
import { classifyWorldShareStatus } from '../../domain/worldshare-status';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { AlmaService } from '../../core/alma.service';
import type { BorrowingRequest } from '../../domain/alma-request';
import { describeAlmaError } from '../../core/alma-error';
import { formatLocalDate } from '../../shared/local-date.pipe';
import { CleanCancelService } from '../../core/clean-cancel.service';
import { LenderInboxService } from '../../core/lender-inbox.service';
import { pollLenderMessages } from '../../core/lender-watch';
import { LenderWords } from '../../shared/lender-words';
import { RenewalService } from '../../core/renewal.service';
import { RequestMemoryService } from '../../core/request-memory.service';
import { WorldShareService } from '../../core/worldshare.service';
import { WorldShareError, toWorldShareProblem } from '../../core/worldshare-problem-error';
import { AlmaProblemComponent } from '../../shared/alma-problem.component';
import { WorldShareProblemComponent } from '../../shared/worldshare-problem.component';
import {
  ActionResult,
  RecallOutcome,
  ResultFormat,
  describeApply,
  describeCleanCancel,
  describeLenderCancel,
  describeRecall,
  describeRenewRequest,
} from './action-results';
import { EMPTY_CONTEXT, RecordContext } from './record-context';

type ConfirmableAction =
  | 'renew'
  | 'applyRenewal'
  | 'cleanCancel'
  | 'cancelAtLender'
  | 'applyRecall';

/** What the inbox watch is about: one record, read with one configuration. */
interface WatchTarget {
  config: InstitutionConfig;
  worldShareRequestId: string;
}

/**
 * Renew, Clean cancel and the lender's word beside an exported request: reads WorldShare's view,
 * the patron's loan of the temporary item and what the app remembers, and (own proxy only) the
 * lender messages the proxy's ISO 18626 inbox stored, when the panel opens and while it stays open
 * (polling with back-off, stopped when the panel closes or the record changes). The messages become
 * the renewal and cancel states, the lender timeline, recall and overdue flags (domain/lender-facts.ts).
 * Offers the actions the rules allow, asks for one confirmation (unless the user turned
 * confirmations off) and says what happened in each system. Emits `changed` when Alma's record
 * changed, `removed` when Alma no longer has it (clean cancel removes the request).
 */
@Component({
  selector: 'app-record-actions',
  standalone: true,
  imports: [
    NgIf,
    NgFor,
    TranslateModule,
    MatButtonModule,
    MatProgressBarModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    AlmaProblemComponent,
    WorldShareProblemComponent,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './record-actions.component.html',
  styleUrl: './record-actions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordActionsComponent implements OnChanges, OnInit, OnDestroy {
  @Input({ required: true }) request!: BorrowingRequest;
  @Input({ required: true }) userId!: string;
  @Input({ required: true }) config!: InstitutionConfig;
  @Input({ required: true }) settings!: UserSettings;
  /**
   * WorldShare's view when the panel already has it (the export's create answer): used instead of
   * reading WorldShare again when it names this request's WorldShare id.
   */
  @Input() knownWorldShare: WorldShareRequestView | null = null;
  @Output() readonly worldShareStatus = new EventEmitter<string | null>();
  @Output() readonly changed = new EventEmitter<string>();
  @Output() readonly removed = new EventEmitter<string>();

  ctx: RecordContext = EMPTY_CONTEXT;
  actions: Record<ActionName, ActionAvailability> | null = null;
  busy: ConfirmableAction | 'loading' | null = null;
  confirming: ConfirmableAction | null = null;
  result: ActionResult | null = null;
  /** The lender messages read from the inbox (null until the first read). */
  messages: LenderMessage[] | null = null;
  inboxProblem = false;
  facts: LenderFacts | null = null;
  /** The due date staff entered for an approval that came without one ('YYYY-MM-DD'). */
  enteredDueDate: string | null = null;
  readonly words: LenderWords;
  private loadedFor: string | null = null;
  private readonly watch$ = new Subject<WatchTarget | null>();
  private watching: Subscription | null = null;
  private autoAppliedFor: string | null = null;
  private rereadForStatus: string | null = null;

  constructor(
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly renewals: RenewalService,
    private readonly cancels: CleanCancelService,
    private readonly memory: RequestMemoryService,
    private readonly inbox: LenderInboxService,
    private readonly cdr: ChangeDetectorRef,
    private readonly translate: TranslateService,
    private readonly zone: NgZone,
  ) {
    this.words = new LenderWords(translate);
  }

  ngOnInit(): void {
    // switchMap: a new record (or panel state) drops the previous watch and any read in flight.
    // The poll's timers run outside Angular's zone (restartWatch), so a waiting panel never counts as
    // busy (the zone would otherwise never settle while the panel is open); each answer comes back in.
    this.watching = this.zone.runOutsideAngular(() =>
      this.watch$
        .pipe(
          switchMap((t) =>
            t
              ? pollLenderMessages(() => this.inbox.messages(t.config, t.worldShareRequestId))
              : EMPTY,
          ),
        )
        .subscribe((read) =>
          this.zone.run(() => {
            if (read.error !== null) {
              this.inboxProblem = true;
            } else {
              this.inboxProblem = false;
              this.messages = read.messages;
            }
            void this.onLenderNews();
          }),
        ),
    );
    this.restartWatch();
  }

  ngOnDestroy(): void {
    this.watching?.unsubscribe();
    this.watch$.complete();
  }

  /** A result's parameters as shown: moments (`at`) and due dates (`dueDate`) in the user's language. */
  shown(params: Record<string, string>): Record<string, string> {
    const lang = this.translate.currentLang;
    const out = { ...params };
    if (out['at']) out['at'] = formatLocalDate(out['at'], 'medium', lang);
    if (out['dueDate']) out['dueDate'] = formatLocalDate(out['dueDate'], 'mediumDate', lang);
    return out;
  }

  ngOnChanges(): void {
    const key = `${this.request.request_id}|${this.request.last_modified_date ?? ''}|${this.request.external_id ?? ''}|${this.request.status?.value ?? ''}`;
    if (key === this.loadedFor) return;
    const sameRecord = this.loadedFor?.split('|')[0] === this.request.request_id;
    this.loadedFor = key;
    if (!sameRecord) {
      this.messages = null;
      this.facts = null;
      this.enteredDueDate = null;
      this.result = null;
    }
    void this.load();
    this.restartWatch();
  }

  /** Whether this configuration has an inbox to read (the project's own proxy). */
  get inboxAvailable(): boolean {
    return this.inbox.available(this.config);
  }

  get exported(): boolean {
    return !!this.request.external_id;
  }

  /** (Re)starts reading the inbox from the first, quick delay; stops it when there is nothing to read. */
  private restartWatch(): void {
    if (!this.watching) return;
    const wsId = this.request?.external_id ? String(this.request.external_id) : '';
    const target =
      wsId && this.inboxAvailable ? { config: this.config, worldShareRequestId: wsId } : null;
    // Timers take the zone they are scheduled in: the poll starts here, so here it leaves Angular's zone.
    this.zone.runOutsideAngular(() => this.watch$.next(target));
  }

  /** Reads WorldShare, the loan and the remembered state. */
  async load(): Promise<void> {
    this.busy = 'loading';
    this.refresh();
    const requestId = this.request.request_id;
    const wsId = String(this.request.external_id ?? '');
    const next: RecordContext = { ...EMPTY_CONTEXT, memory: await this.memory.get(requestId) };
    // The export's answer stands in for the first read only; every later load asks WorldShare.
    const known = this.knownWorldShare;
    this.knownWorldShare = null;
    try {
      next.worldShare =
        known?.requestId === wsId ? known : await this.worldshare.getRequest(this.config, wsId);
    } catch (e) {
      next.worldShare = null;
      next.worldShareProblem =
        e instanceof WorldShareError || e instanceof Error ? toWorldShareProblem(e) : null;
    }
    next.loan = null;
    const barcode = this.request.barcode;
    if (barcode) {
      try {
        next.loan = await firstValueFrom(this.alma.findLoanByBarcode(this.userId, barcode));
      } catch (e) {
        next.loanProblem = describeAlmaError(e);
      }
    }
    if (requestId !== this.request.request_id) return;
    this.ctx = next;
    this.worldShareStatus.emit(next.worldShare ? next.worldShare.requestStatus : null);
    this.busy = null;
    this.refresh();
    await this.onLenderNews();
  }

  ask(action: ConfirmableAction): void {
    this.result = null;
    if (this.settings.confirmActions) {
      this.confirming = action;
      this.refresh();
    } else {
      void this.run(action);
    }
  }

  confirm(ok: boolean): void {
    const action = this.confirming;
    this.confirming = null;
    this.refresh();
    if (ok && action) void this.run(action);
  }

  async run(action: ConfirmableAction): Promise<void> {
    if (this.busy && this.busy !== 'loading') return;
    this.busy = action;
    this.refresh();
    const target = { userId: this.userId, request: this.request, config: this.config };
    const f = this.resultFormat;
    try {
      switch (action) {
        case 'renew':
          this.result = describeRenewRequest(
            await this.renewals.requestRenewal(target, this.facts?.renewal.state === 'asked'),
            f,
          );
          this.restartWatch();
          break;
        case 'applyRenewal': {
          const outcome = await this.renewals.applyRenewal(
            target,
            this.ctx.loan ?? null,
            this.dueDateToApply,
          );
          this.result = describeApply(outcome, f);
          if (outcome.kind === 'applied') this.changed.emit(this.request.request_id);
          break;
        }
        case 'applyRecall':
          this.result = describeRecall(await this.applyRecall(), f);
          break;
        case 'cleanCancel': {
          const outcome = await this.cancels.cleanCancel(this.userId, this.request, this.config);
          this.result = describeCleanCancel(outcome);
          if (outcome.kind === 'cancelled' && outcome.removed)
            this.removed.emit(this.request.request_id);
          else if (outcome.kind === 'cancelled') this.changed.emit(this.request.request_id);
          break;
        }
        case 'cancelAtLender':
          this.result = describeLenderCancel(
            await this.cancels.cancelAtLender(this.request, this.config),
            f,
          );
          this.restartWatch();
          break;
      }
    } finally {
      this.ctx = { ...this.ctx, memory: await this.memory.get(this.request.request_id) };
      this.busy = null;
      this.computeFacts();
      this.refresh();
    }
  }

  /** The Alma loan's due date brought forward to the lender's recall date (documented loan update; Alma sends no notice for it from the app). */
  private async applyRecall(): Promise<RecallOutcome> {
    const recallDate = this.facts?.recall?.dueDate;
    const loan = this.ctx.loan;
    if (!loan || !recallDate) return { kind: 'no-loan' };
    try {
      const updated = await firstValueFrom(
        this.alma.updateLoanDueDate(
          this.userId,
          loan,
          calendarDateToAlmaDueDate(recallDate, this.config.timeZone),
        ),
      );
      this.ctx = {
        ...this.ctx,
        loan:
          updated && typeof updated === 'object' && updated.loan_id
            ? updated
            : { ...loan, due_date: calendarDateToAlmaDueDate(recallDate, this.config.timeZone) },
      };
      await this.memory.log({
        action: 'recall-apply',
        outcome: 'done',
        almaRequestId: this.request.request_id,
        worldShareRequestId: String(this.request.external_id ?? ''),
        detail: recallDate,
      });
      return { kind: 'applied', dueDate: recallDate };
    } catch (e) {
      const problem = describeAlmaError(e);
      await this.memory.log({
        action: 'recall-apply',
        outcome: 'failed',
        almaRequestId: this.request.request_id,
        worldShareRequestId: String(this.request.external_id ?? ''),
        detail: problem.almaMessage ?? problem.kind,
      });
      return { kind: 'failed', problem };
    }
  }

  /** New lender messages (or a new context): recompute the facts; apply or re-read as they ask. */
  private async onLenderNews(): Promise<void> {
    this.computeFacts();
    this.refresh();
    const facts = this.facts;
    if (!facts || this.busy) return;
    const closed = facts.closedAtWorldShare;
    const ws = this.ctx.worldShare;
    // WorldShare closed the request: read its status again so Clean cancel can complete.
    if (
      closed &&
      ws &&
      classifyWorldShareStatus(ws.requestStatus).phase !== 'closed' &&
      this.rereadForStatus !== closed.message.id
    ) {
      this.rereadForStatus = closed.message.id;
      try {
        const view = await this.worldshare.getRequest(
          this.config,
          String(this.request.external_id ?? ''),
        );
        this.ctx = { ...this.ctx, worldShare: view };
        this.worldShareStatus.emit(view.requestStatus);
        this.refresh();
      } catch {
        // The status read stays as it was; Clean cancel re-reads WorldShare on click anyway.
      }
    }
    const key = `${this.request.request_id}|${facts.renewal.message?.id ?? ''}`;
    if (
      this.settings.autoApplyRenewals &&
      facts.renewal.state === 'approved' &&
      this.actions?.applyRenewal.offered &&
      this.autoAppliedFor !== key
    ) {
      this.autoAppliedFor = key;
      await this.run('applyRenewal');
    }
  }

  private computeFacts(): void {
    if (!this.inboxAvailable || this.messages === null) {
      this.facts =
        this.messages === null && this.inboxAvailable
          ? lenderFacts([], this.asked, this.config.timeZone)
          : null;
      return;
    }
    this.facts = lenderFacts(this.messages, this.asked, this.config.timeZone);
  }

  private get asked() {
    const m = this.ctx.memory;
    const renewal = m.renewal;
    return {
      renewAskedAt: renewal?.askedAt ?? null,
      renewError: renewal?.error ?? null,
      renewalAppliedDueDate: renewal?.applied?.done ? (renewal.applied.dueDate ?? null) : null,
      cancelAskedAt: m.lenderCancelSentAt ?? null,
      cancelError: m.lenderCancelError ?? null,
      loanDueDate: tryLenderDueDateToCalendarDate(
        this.ctx.loan?.due_date ?? null,
        this.config.timeZone,
      ),
    };
  }

  private refresh(): void {
    const state = this.facts?.renewal.state;
    this.actions = availableActions({
      request: this.request,
      config: this.config,
      worldshare: this.ctx.worldShare,
      loan: this.ctx.loan,
      pendingRenewal: state === 'asked' ? { askedAt: this.facts?.renewal.askedAt ?? '' } : null,
      approvedRenewal:
        state === 'approved' && this.facts?.renewal.dueDate
          ? { dueDate: this.facts.renewal.dueDate }
          : state === 'approved-no-date'
            ? { dueDate: this.enteredDueDate ?? '' }
            : null,
    });
    this.cdr.markForCheck();
  }

  /** The date an Apply writes: the lender's approved date, or the one staff entered when it gave none. */
  get dueDateToApply(): string | null {
    const r = this.facts?.renewal;
    if (r?.state === 'approved') return r.dueDate;
    if (r?.state === 'approved-no-date') return this.enteredDueDate;
    return null;
  }

  /** The renewal state for `data-state` on `renewal-status`. */
  get renewalState(): string {
    if (!this.inboxAvailable) {
      return this.ctx.memory.renewal?.error
        ? 'failed'
        : this.ctx.memory.renewal?.applied?.done
          ? 'applied'
          : this.ctx.memory.renewal
            ? 'asked'
            : 'none';
    }
    return this.facts?.renewal.state ?? 'none';
  }

  get renewalParams(): Record<string, string> {
    const r = this.facts?.renewal;
    const memory = this.ctx.memory.renewal;
    return {
      at: this.words.instant(r?.askedAt ?? memory?.askedAt ?? null, this.config.timeZone),
      dueDate: this.words.date(r?.dueDate ?? memory?.applied?.dueDate ?? null),
      error: this.words.error(r?.error ?? memory?.error ?? null),
    };
  }

  get cancelParams(): Record<string, string> {
    const c = this.facts?.cancel;
    return {
      at: this.words.instant(c?.askedAt ?? null, this.config.timeZone),
      error: this.words.error(c?.error ?? null),
    };
  }

  get resultFormat(): ResultFormat {
    return {
      instant: (iso) => this.words.instant(iso, this.config.timeZone),
      date: (d) => this.words.date(d),
      error: (e) => this.words.error(e),
    };
  }

  /** The recall can be applied: a recall date, a loan, and the loan due on another day. */
  get recallApplicable(): boolean {
    const recall = this.facts?.recall;
    const loan = this.ctx.loan;
    if (!recall?.dueDate || !loan) return false;
    return (
      tryLenderDueDateToCalendarDate(loan.due_date ?? null, this.config.timeZone) !== recall.dueDate
    );
  }

  onDueDateEntered(value: Date | null): void {
    this.enteredDueDate =
      value instanceof Date && !Number.isNaN(value.getTime()) ? format(value, 'yyyy-MM-dd') : null;
    this.refresh();
  }

  /** Reasons the renewal messages above already explain, so no "why not" line repeats them. */
  explainedElsewhere(reason: string): boolean {
    return reason === 'renewal-pending' || reason === 'renewal-approved';
  }

  /** The lender cancel is offered once a clean cancel found WorldShare still open. */
  get offerLenderCancel(): boolean {
    return this.result?.key === 'worldshareOpen' || this.result?.key === 'worldshareUnknown';
  }

  get approvedDueDate(): string | null {
    return this.dueDateToApply ? this.words.date(this.dueDateToApply) : null;
  }

  get recallDueDate(): string {
    return this.words.date(this.facts?.recall?.dueDate ?? null);
  }

  trackMessage(_i: number, e: { message: LenderMessage }): string {
    return e.message.id;
  }
}
