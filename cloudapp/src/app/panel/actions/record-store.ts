import { DestroyRef, Injectable, NgZone, Signal, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { format } from 'date-fns';
import { EMPTY, Subject, firstValueFrom, switchMap } from 'rxjs';
import { ActionAvailability, ActionName, availableActions } from '../../domain/action-rules';
import type { BorrowingRequest } from '../../domain/alma-request';
import { tryLenderDueDateToCalendarDate } from '../../domain/calendar-date';
import { InstitutionConfig } from '../../domain/institution-config';
import { LenderFacts, RenewalStateName, lenderFacts } from '../../domain/lender-facts';
import { LenderMessage } from '../../domain/lender-message';
import { UserSettings } from '../../domain/user-settings';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { classifyWorldShareStatus } from '../../domain/worldshare-status';
import { describeAlmaError } from '../../core/alma-error';
import { AlmaService } from '../../core/alma.service';
import {
  CleanCancelOutcome,
  CleanCancelService,
  LenderCancelOutcome,
} from '../../core/clean-cancel.service';
import { LenderInboxService } from '../../core/lender-inbox.service';
import { LenderRead, pollLenderMessages } from '../../core/lender-watch';
import {
  ApplyOutcome,
  RecallOutcome,
  RenewRequestOutcome,
  RenewalService,
} from '../../core/renewal.service';
import { RequestMemoryService } from '../../core/request-memory.service';
import { WorldShareService } from '../../core/worldshare.service';
import { WorldShareError, toWorldShareProblem } from '../../core/worldshare-problem-error';
import { ConfirmGate } from '../../shared/confirm/confirm-gate';
import { EMPTY_CONTEXT, RecordContext } from './record-context';

/** The actions staff start on an exported request (each asks for confirmation first). */
export type RecordAction =
  | 'renew'
  | 'applyRenewal'
  | 'cleanCancel'
  | 'cancelAtLender'
  | 'applyRecall';

/** How the last action ended, as the services answered (the panel words it: action-results.ts). */
export type RecordOutcome =
  | { action: 'renew'; outcome: RenewRequestOutcome }
  | { action: 'applyRenewal'; outcome: ApplyOutcome }
  | { action: 'applyRecall'; outcome: RecallOutcome }
  | { action: 'cleanCancel'; outcome: CleanCancelOutcome }
  | { action: 'cancelAtLender'; outcome: LenderCancelOutcome };

/** The record the store works on, with what the panel knows around it. */
export interface RecordTarget {
  request: BorrowingRequest;
  /** The patron's Alma primary id (from the request's link). */
  userId: string;
  config: InstitutionConfig;
  settings: UserSettings;
  /**
   * WorldShare's view when the panel already has it (the export's create answer): stands in for
   * the first WorldShare read of this request when it names the request's WorldShare id.
   */
  knownWorldShare: WorldShareRequestView | null;
}

/** What the inbox watch is about: one record, read with one configuration. */
interface WatchTarget {
  config: InstitutionConfig;
  worldShareRequestId: string;
}

/** Alma's record changed in a way that means "read it again" (or the request is a new one). */
const recordKey = (r: BorrowingRequest): string =>
  `${r.request_id}|${r.last_modified_date ?? ''}|${r.external_id ?? ''}|${r.status?.value ?? ''}`;

/**
 * The workflow of one exported borrowing request in the panel, provided by the component that
 * shows it (`providers: [RecordStore]`), so it lives and dies with that component.
 *
 * It reads WorldShare's view (or takes the export's answer once), the patron's loan of the
 * temporary item (by barcode) and what the app remembers (RequestMemoryService); in own proxy mode
 * it watches the proxy's ISO 18626 inbox for lender messages (polling with back-off,
 * core/lender-watch.ts) and turns them into lender facts (domain/lender-facts.ts) and the actions
 * the rules allow (domain/action-rules.ts). It runs the actions (through RenewalService and
 * CleanCancelService), applies an approved renewal by itself when the user's `autoApplyRenewals`
 * setting is on, and re-reads WorldShare when a lender message closes the request there.
 *
 * Another record (`show` with another request id) or the component's end cancels the work for the
 * old one: the inbox watch stops and every answer still on its way (WorldShare, Alma, the store,
 * an action's outcome) is dropped, never shown on the new record nor reported to the panel.
 * A newer read of the same record wins over an older one still on its way.
 */
@Injectable()
export class RecordStore {
  private readonly worldshare = inject(WorldShareService);
  private readonly alma = inject(AlmaService);
  private readonly renewals = inject(RenewalService);
  private readonly cancels = inject(CleanCancelService);
  private readonly memory = inject(RequestMemoryService);
  private readonly inbox = inject(LenderInboxService);
  private readonly zone = inject(NgZone);

  private readonly target = signal<RecordTarget | null>(null);
  private readonly context = signal<RecordContext>(EMPTY_CONTEXT);
  private readonly loading = signal(false);
  private readonly running = signal<RecordAction | null>(null);
  private readonly outcome = signal<RecordOutcome | null>(null);
  private readonly lenderMessages = signal<LenderMessage[] | null>(null);
  private readonly inboxFailed = signal(false);
  private readonly entered = signal<string | null>(null);

  /** Bumped when the record changes or the store ends: work started under an older value is dropped. */
  private generation = 0;
  /** Bumped by every read: only the latest read of the record is kept. */
  private readSeq = 0;
  private loadedKey: string | null = null;
  /** The export's answer, until the first read uses it; `knownSeen` keeps it from being used twice. */
  private known: WorldShareRequestView | null = null;
  private knownSeen: WorldShareRequestView | null = null;
  private autoAppliedFor: string | null = null;
  private rereadForStatus: string | null = null;
  private readonly watch$ = new Subject<WatchTarget | null>();

  /** Emits the Alma request id when Alma's record changed (the panel reads it again). */
  readonly changed = new Subject<string>();
  /** Emits the Alma request id when a clean cancel removed the request from Alma. */
  readonly removed = new Subject<string>();

  /** Holds an action until the user confirms it (when `confirmActions` is on). */
  readonly confirmation = new ConfirmGate<RecordAction>((a) => void this.run(a));

  /** What the panel knows beyond Alma's record: WorldShare's view, the loan, the memory. */
  readonly ctx: Signal<RecordContext> = this.context.asReadonly();
  /** The action running, 'loading' while the record is read, else null. */
  readonly busy = computed<RecordAction | 'loading' | null>(
    () => this.running() ?? (this.loading() ? 'loading' : null),
  );
  /** How the last action ended (null after another record, or before any action). */
  readonly last: Signal<RecordOutcome | null> = this.outcome.asReadonly();
  /** The lender messages read from the inbox (null until the first read). */
  readonly messages: Signal<LenderMessage[] | null> = this.lenderMessages.asReadonly();
  /** The last inbox read failed (polling goes on). */
  readonly inboxProblem: Signal<boolean> = this.inboxFailed.asReadonly();
  /** The due date staff entered for an approval that came without one ('YYYY-MM-DD'). */
  readonly enteredDueDate: Signal<string | null> = this.entered.asReadonly();

  readonly request = computed(() => this.target()?.request ?? null);
  readonly exported = computed(() => !!this.target()?.request.external_id);
  /** Whether this configuration has an inbox to read (the project's own proxy). */
  readonly inboxAvailable = computed(() => {
    const t = this.target();
    return !!t && this.inbox.available(t.config);
  });
  /** WorldShare's status as last read (null while unread or unreadable). */
  readonly worldShareStatus = computed(() => this.context().worldShare?.requestStatus ?? null);

  /** The lender facts from the inbox and the memory; null when there is no inbox to read. */
  readonly facts = computed<LenderFacts | null>(() => {
    const t = this.target();
    if (!t || !this.inboxAvailable()) return null;
    const { memory, loan } = this.context();
    const renewal = memory.renewal;
    return lenderFacts(
      this.lenderMessages() ?? [],
      {
        renewAskedAt: renewal?.askedAt ?? null,
        renewError: renewal?.error ?? null,
        renewalAppliedDueDate: renewal?.applied?.done ? (renewal.applied.dueDate ?? null) : null,
        cancelAskedAt: memory.lenderCancelSentAt ?? null,
        cancelError: memory.lenderCancelError ?? null,
        loanDueDate: tryLenderDueDateToCalendarDate(loan?.due_date ?? null, t.config.timeZone),
      },
      t.config.timeZone,
    );
  });

  /** The date an Apply writes: the lender's approved date, or the one staff entered when it gave none. */
  readonly dueDateToApply = computed<string | null>(() => {
    const r = this.facts()?.renewal;
    if (r?.state === 'approved') return r.dueDate;
    if (r?.state === 'approved-no-date') return this.entered();
    return null;
  });

  /** Every action with whether it is offered and why not (domain/action-rules.ts). */
  readonly actions = computed<Record<ActionName, ActionAvailability> | null>(() => {
    const t = this.target();
    if (!t) return null;
    const ctx = this.context();
    const renewal = this.facts()?.renewal;
    return availableActions({
      request: t.request,
      config: t.config,
      worldshare: ctx.worldShare,
      loan: ctx.loan,
      pendingRenewal: renewal?.state === 'asked' ? { askedAt: renewal.askedAt ?? '' } : null,
      approvedRenewal:
        renewal?.state === 'approved' && renewal.dueDate
          ? { dueDate: renewal.dueDate }
          : renewal?.state === 'approved-no-date'
            ? { dueDate: this.entered() ?? '' }
            : null,
    });
  });

  /** The renewal state (`data-state` of `renewal-status`); without an inbox, from the memory. */
  readonly renewalState = computed<RenewalStateName>(() => {
    if (this.inboxAvailable()) return this.facts()?.renewal.state ?? 'none';
    const renewal = this.context().memory.renewal;
    if (!renewal) return 'none';
    if (renewal.error) return 'failed';
    return renewal.applied?.done ? 'applied' : 'asked';
  });

  /** The recall can be applied: a recall date, a loan, and the loan due on another day. */
  readonly recallApplicable = computed(() => {
    const t = this.target();
    const recall = this.facts()?.recall;
    const loan = this.context().loan;
    if (!t || !recall?.dueDate || !loan) return false;
    return (
      tryLenderDueDateToCalendarDate(loan.due_date ?? null, t.config.timeZone) !== recall.dueDate
    );
  });

  /** Cancel at lender is offered once a clean cancel found WorldShare still open, and not sent yet. */
  readonly lenderCancelOffered = computed(() => {
    const last = this.outcome();
    return (
      !!this.actions()?.cancelAtLender.offered &&
      last?.action === 'cleanCancel' &&
      last.outcome.kind === 'worldshare-open' &&
      !this.context().memory.lenderCancelSentAt
    );
  });

  constructor() {
    const destroyRef = inject(DestroyRef);
    // switchMap: a new record (or a restart) drops the previous watch and any read in flight.
    // The poll's timers run outside Angular's zone, so a waiting panel never counts as busy (the
    // zone would otherwise never settle while the panel is open); each answer comes back in.
    this.zone.runOutsideAngular(() =>
      this.watch$
        .pipe(
          switchMap((t) =>
            t
              ? pollLenderMessages(() => this.inbox.messages(t.config, t.worldShareRequestId))
              : EMPTY,
          ),
          takeUntilDestroyed(destroyRef),
        )
        .subscribe((read) => this.zone.run(() => this.onRead(read))),
    );
    destroyRef.onDestroy(() => {
      this.generation++;
      this.confirmation.clear();
    });
  }

  /**
   * The record to show, called whenever the panel's inputs change. When Alma's record changed (its
   * modification date, WorldShare id or status) WorldShare, the loan and the memory are read again;
   * another request id first drops everything about the previous one. Resolves when that read is
   * done (or dropped).
   */
  show(t: RecordTarget): Promise<void> {
    const previous = this.target();
    if (previous && previous.request.request_id !== t.request.request_id) this.reset();
    this.target.set(t);
    if (t.knownWorldShare && t.knownWorldShare !== this.knownSeen) {
      this.known = this.knownSeen = t.knownWorldShare;
    }
    const key = recordKey(t.request);
    if (key === this.loadedKey) return Promise.resolve();
    this.loadedKey = key;
    this.restartWatch();
    return this.load();
  }

  /** A click on an action: asks first when the user wants confirmations, else runs it. */
  ask(action: RecordAction): void {
    this.outcome.set(null);
    this.confirmation.ask(action, this.target()?.settings.confirmActions ?? true);
  }

  /** The user's answer to the confirmation. */
  answer(ok: boolean): void {
    this.confirmation.answer(ok);
  }

  /** Staff entered a due date for an approval that came without one. */
  enterDueDate(value: Date | null): void {
    this.entered.set(
      value instanceof Date && !Number.isNaN(value.getTime()) ? format(value, 'yyyy-MM-dd') : null,
    );
  }

  private reset(): void {
    this.generation++;
    this.context.set(EMPTY_CONTEXT);
    this.loading.set(false);
    this.running.set(null);
    this.outcome.set(null);
    this.lenderMessages.set(null);
    this.inboxFailed.set(false);
    this.entered.set(null);
    this.confirmation.clear();
    this.known = this.knownSeen = null;
  }

  /** (Re)starts reading the inbox from the first, quick delay; stops it when there is nothing to read. */
  private restartWatch(): void {
    const t = this.target();
    const wsId = t?.request.external_id ? String(t.request.external_id) : '';
    const next =
      t && wsId && this.inboxAvailable() ? { config: t.config, worldShareRequestId: wsId } : null;
    // Timers take the zone they are scheduled in: the poll starts here, so here it leaves Angular's zone.
    this.zone.runOutsideAngular(() => this.watch$.next(next));
  }

  /**
   * Reads the memory, WorldShare and the loan, in that order; stops as soon as it is no longer the
   * latest read of the record shown, and keeps nothing then.
   */
  private async load(): Promise<void> {
    const t = this.target();
    if (!t) return;
    const generation = this.generation;
    const seq = ++this.readSeq;
    const latest = () => generation === this.generation && seq === this.readSeq;
    this.loading.set(true);
    const requestId = t.request.request_id;
    const wsId = String(t.request.external_id ?? '');
    const next: RecordContext = { ...EMPTY_CONTEXT, memory: await this.memory.get(requestId) };
    if (!latest()) return;
    // The export's answer stands in for the first read only; every later read asks WorldShare.
    const known = this.known;
    this.known = null;
    try {
      next.worldShare =
        known?.requestId === wsId ? known : await this.worldshare.getRequest(t.config, wsId);
    } catch (e) {
      next.worldShare = null;
      next.worldShareProblem =
        e instanceof WorldShareError || e instanceof Error ? toWorldShareProblem(e) : null;
    }
    // Another record (or a newer read) took over: no Alma call for a record no longer shown.
    if (!latest()) return;
    next.loan = null;
    if (t.request.barcode) {
      try {
        next.loan = await firstValueFrom(this.alma.findLoanByBarcode(t.userId, t.request.barcode));
      } catch (e) {
        next.loanProblem = describeAlmaError(e);
      }
    }
    if (!latest()) return;
    this.context.set(next);
    this.loading.set(false);
    await this.onLenderNews();
  }

  private onRead(read: LenderRead): void {
    if (read.error !== null) {
      this.inboxFailed.set(true);
    } else {
      this.inboxFailed.set(false);
      this.lenderMessages.set(read.messages);
    }
    void this.onLenderNews();
  }

  /** New lender messages (or a new read): re-read WorldShare or apply a renewal as they ask. */
  private async onLenderNews(): Promise<void> {
    const t = this.target();
    const facts = this.facts();
    if (!t || !facts || this.busy()) return;
    const generation = this.generation;
    const closed = facts.closedAtWorldShare;
    const ws = this.context().worldShare;
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
          t.config,
          String(t.request.external_id ?? ''),
        );
        if (generation !== this.generation) return;
        this.context.update((c) => ({ ...c, worldShare: view }));
      } catch {
        // The status read stays as it was; Clean cancel re-reads WorldShare on click anyway.
      }
    }
    if (generation !== this.generation) return;
    const key = `${t.request.request_id}|${facts.renewal.message?.id ?? ''}`;
    if (
      this.target()?.settings.autoApplyRenewals &&
      facts.renewal.state === 'approved' &&
      this.actions()?.applyRenewal.offered &&
      this.autoAppliedFor !== key
    ) {
      this.autoAppliedFor = key;
      await this.run('applyRenewal');
    }
  }

  /** Runs one action on the record as it is now; its outcome is dropped if the record changes meanwhile. */
  private async run(action: RecordAction): Promise<void> {
    const t = this.target();
    if (!t || this.running()) return;
    const generation = this.generation;
    const current = () => generation === this.generation;
    const requestId = t.request.request_id;
    this.running.set(action);
    try {
      const outcome = await this.perform(action, t);
      if (!current()) return;
      this.outcome.set(outcome);
      if (outcome.action === 'applyRecall' && outcome.outcome.kind === 'applied') {
        const loan = outcome.outcome.loan;
        this.context.update((c) => ({ ...c, loan }));
      }
      if (outcome.action === 'renew' || outcome.action === 'cancelAtLender') this.restartWatch();
      if (outcome.action === 'cleanCancel' && outcome.outcome.kind === 'cancelled') {
        (outcome.outcome.removed ? this.removed : this.changed).next(requestId);
      }
      if (outcome.action === 'applyRenewal' && outcome.outcome.kind === 'applied') {
        this.changed.next(requestId);
      }
    } finally {
      if (current()) {
        const memory = await this.memory.get(requestId);
        if (current()) {
          this.context.update((c) => ({ ...c, memory }));
          this.running.set(null);
        }
      }
    }
  }

  private async perform(action: RecordAction, t: RecordTarget): Promise<RecordOutcome> {
    const target = { userId: t.userId, request: t.request, config: t.config };
    const loan = this.context().loan ?? null;
    switch (action) {
      case 'renew':
        return {
          action,
          outcome: await this.renewals.requestRenewal(
            target,
            this.facts()?.renewal.state === 'asked',
          ),
        };
      case 'applyRenewal':
        return {
          action,
          outcome: await this.renewals.applyRenewal(target, loan, this.dueDateToApply()),
        };
      case 'applyRecall':
        return {
          action,
          outcome: await this.renewals.applyRecall(
            target,
            loan,
            this.facts()?.recall?.dueDate ?? null,
          ),
        };
      case 'cleanCancel':
        return { action, outcome: await this.cancels.cleanCancel(t.userId, t.request, t.config) };
      case 'cancelAtLender':
        return { action, outcome: await this.cancels.cancelAtLender(t.request, t.config) };
    }
  }
}
