import {
  ChangeDetectionStrategy,
  Component,
  OnChanges,
  computed,
  inject,
  input,
} from '@angular/core';
import { outputFromObservable, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import type { BorrowingRequest } from '../../domain/alma-request';
import { InstitutionConfig } from '../../domain/institution-config';
import { UserSettings } from '../../domain/user-settings';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { AlmaProblemComponent } from '../../shared/alma-problem.component';
import { ConfirmBoxComponent } from '../../shared/confirm/confirm-box.component';
import { LenderWords } from '../../shared/lender-words';
import { WorldShareProblemComponent } from '../../shared/worldshare-problem.component';
import { ResultFormat, describeOutcome } from './action-results';
import { RecordStore } from './record-store';

/**
 * Renew, Clean cancel and the lender's word beside an exported request. The work is the
 * RecordStore's (one per component: WorldShare's view, the loan, the memory, the lender inbox
 * watch, the actions); this component puts its state into the user's words and forwards clicks.
 * Offers the actions the rules allow, asks for one confirmation (unless the user turned
 * confirmations off) and says what happened in each system. Emits `worldShareStatus` when
 * WorldShare's status is read, `changed` when Alma's record changed, `removed` when Alma no longer
 * has it (clean cancel removes the request).
 */
@Component({
  selector: 'app-record-actions',
  standalone: true,
  imports: [
    TranslateModule,
    MatButtonModule,
    MatProgressBarModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatInputModule,
    AlmaProblemComponent,
    WorldShareProblemComponent,
    ConfirmBoxComponent,
  ],
  providers: [provideNativeDateAdapter(), RecordStore],
  templateUrl: './record-actions.component.html',
  styleUrl: './record-actions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordActionsComponent implements OnChanges {
  readonly request = input.required<BorrowingRequest>();
  readonly userId = input.required<string>();
  readonly config = input.required<InstitutionConfig>();
  readonly settings = input.required<UserSettings>();
  /**
   * WorldShare's view when the panel already has it (the export's create answer): used instead of
   * reading WorldShare again when it names this request's WorldShare id.
   */
  readonly knownWorldShare = input<WorldShareRequestView | null>(null);

  protected readonly store = inject(RecordStore);
  private readonly words = inject(LenderWords);

  readonly worldShareStatus = outputFromObservable(toObservable(this.store.worldShareStatus));
  readonly changed = outputFromObservable(this.store.changed);
  readonly removed = outputFromObservable(this.store.removed);

  private readonly timeZone = computed(() => this.config().timeZone);

  private readonly format = computed<ResultFormat>(() => {
    const timeZone = this.timeZone();
    return {
      instant: (iso) => this.words.instant(iso, timeZone),
      date: (d) => this.words.date(d),
      error: (e) => this.words.error(e),
    };
  });

  /** The last action's result in words. */
  protected readonly result = computed(() => {
    const last = this.store.last();
    return last ? describeOutcome(last, this.format()) : null;
  });

  protected readonly renewalParams = computed(() => {
    const r = this.store.facts()?.renewal;
    const memory = this.store.ctx().memory.renewal;
    return {
      at: this.words.instant(r?.askedAt ?? memory?.askedAt ?? null, this.timeZone()),
      dueDate: this.words.date(r?.dueDate ?? memory?.applied?.dueDate ?? null),
      error: this.words.error(r?.error ?? memory?.error ?? null),
    };
  });

  /** Why the lender's renewal was counted (a later due date), in words; '' when it was a plain answer. */
  protected readonly renewalVia = computed(() => {
    const r = this.store.facts()?.renewal;
    return r?.via === 'later-due-date'
      ? this.words.word('reason', r.message?.reasonForMessage ?? null)
      : null;
  });

  protected readonly cancelParams = computed(() => {
    const c = this.store.facts()?.cancel;
    return {
      at: this.words.instant(c?.askedAt ?? null, this.timeZone()),
      error: this.words.error(c?.error ?? null),
    };
  });

  protected readonly closedStatus = computed(() => {
    const closed = this.store.facts()?.closedAtWorldShare;
    return closed
      ? { status: closed.status, text: this.words.word('status', closed.status) }
      : null;
  });

  protected readonly approvedDueDate = computed(() => {
    const d = this.store.dueDateToApply();
    return d ? this.words.date(d) : null;
  });

  protected readonly recallDueDate = computed(() =>
    this.words.date(this.store.facts()?.recall?.dueDate ?? null),
  );

  /** The words of the confirmation text for the action waiting for the user's answer. */
  protected readonly confirmParams = computed(() => ({
    id: this.request().external_id,
    reason: this.config().cancelReasonCode,
    dueDate:
      this.store.confirmation.pending() === 'applyRecall'
        ? this.recallDueDate()
        : this.approvedDueDate(),
  }));

  /** Why Renew is not offered, unless the renewal messages above already say it. */
  protected readonly renewWhyNot = computed(() => {
    const renew = this.store.actions()?.renew;
    const reason = renew && !renew.offered ? renew.reason : undefined;
    return reason && reason !== 'renewal-pending' && reason !== 'renewal-approved' ? reason : null;
  });

  /** The lender timeline in words, oldest first. */
  protected readonly timeline = computed(() =>
    (this.store.facts()?.timeline ?? []).map((e) => ({
      message: e.message,
      countedAsRenewal: e.countedAs === 'renewal-approval',
      time: this.words.instant(e.message.receivedAt, this.timeZone()),
      reason: this.words.word('reason', e.message.reasonForMessage),
      answer: this.words.word('answer', e.message.answerYesNo),
      status: this.words.word('status', e.message.status),
      dueDate: e.dueDate ? this.words.date(e.dueDate) : null,
    })),
  );

  /** The activity log, newest first, with its times in words. */
  protected readonly activity = computed(() =>
    [...this.store.ctx().memory.activity]
      .reverse()
      .map((e) => ({ ...e, time: this.words.instant(e.at, this.timeZone()) })),
  );

  ngOnChanges(): void {
    void this.store.show({
      request: this.request(),
      userId: this.userId(),
      config: this.config(),
      settings: this.settings(),
      knownWorldShare: this.knownWorldShare(),
    });
  }
}
