import { DatePipe, NgFor, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, ChangeDetectorRef, Component, EventEmitter, Input, OnChanges, Output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { firstValueFrom } from 'rxjs';
import { ActionAvailability, ActionName, availableActions } from '../../domain/action-rules';
import { InstitutionConfig } from '../../domain/institution-config';
import { UserSettings } from '../../domain/user-settings';
import { WorldShareRequestView } from '../../domain/worldshare-request';
import { BorrowingRequest, AlmaService } from '../../core/alma.service';
import { describeAlmaError } from '../../core/alma-error';
import { CleanCancelService } from '../../core/clean-cancel.service';
import { RenewalService } from '../../core/renewal.service';
import { RequestMemoryService } from '../../core/request-memory.service';
import { WorldShareService } from '../../core/worldshare.service';
import { WorldShareError, toWorldShareProblem } from '../../core/worldshare-problem-error';
import { AlmaProblemComponent } from '../alma-problem.component';
import { WorldShareProblemComponent } from '../worldshare-problem.component';
import { ActionResult, describeApply, describeCheck, describeCleanCancel, describeLenderCancel, describeRenewRequest } from './action-results';
import { EMPTY_CONTEXT, RecordContext } from './record-context';

type ConfirmableAction = 'renew' | 'applyRenewal' | 'cleanCancel' | 'cancelAtLender';

/**
 * Renew and Clean cancel beside an exported request: reads WorldShare's view, the patron's loan of
 * the temporary item and what the app remembers (renewal waiting, cancel sent), offers the actions
 * the rules allow, asks for one confirmation (unless the user turned confirmations off) and says
 * what happened in each system. Emits `changed` when Alma's record changed, `removed` when Alma
 * no longer has it (clean cancel removes the request).
 */
@Component({
  selector: 'app-record-actions',
  standalone: true,
  imports: [NgIf, NgFor, DatePipe, TranslateModule, MatButtonModule, MatProgressBarModule, AlmaProblemComponent, WorldShareProblemComponent],
  templateUrl: './record-actions.component.html',
  styleUrl: './record-actions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RecordActionsComponent implements OnChanges {
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
  private loadedFor: string | null = null;

  constructor(
    private readonly worldshare: WorldShareService,
    private readonly alma: AlmaService,
    private readonly renewals: RenewalService,
    private readonly cancels: CleanCancelService,
    private readonly memory: RequestMemoryService,
    private readonly cdr: ChangeDetectorRef,
  ) {}

  ngOnChanges(): void {
    const key = `${this.request.request_id}|${this.request.last_modified_date ?? ''}|${this.request.external_id ?? ''}|${this.request.status?.value ?? ''}`;
    if (key === this.loadedFor) return;
    this.loadedFor = key;
    void this.load();
  }

  /** Reads WorldShare, the loan and the remembered state, then (per user setting) applies an approved renewal. */
  async load(): Promise<void> {
    this.busy = 'loading';
    this.refresh();
    const wsId = String(this.request.external_id ?? '');
    const next: RecordContext = { ...EMPTY_CONTEXT, memory: await this.memory.get(this.request.request_id) };
    // The export's answer stands in for the first read only; every later load asks WorldShare.
    const known = this.knownWorldShare;
    this.knownWorldShare = null;
    try {
      next.worldShare = known?.requestId === wsId ? known : await this.worldshare.getRequest(this.config, wsId);
    } catch (e) {
      next.worldShare = null;
      next.worldShareProblem = e instanceof WorldShareError || e instanceof Error ? toWorldShareProblem(e) : null;
    }
    next.loan = null;
    const barcode = this.request.barcode;
    if (barcode) {
      try {
        const loans = await firstValueFrom(this.alma.getLoans(this.userId));
        next.loan = loans.find((l) => l.item_barcode === barcode) ?? null;
      } catch (e) {
        next.loanProblem = describeAlmaError(e);
      }
    }
    this.ctx = next;
    this.worldShareStatus.emit(next.worldShare ? next.worldShare.requestStatus : null);
    this.busy = null;
    this.refresh();
    if (next.memory.renewal && !next.memory.renewal.answer) await this.run('check');
    if (this.settings.autoApplyRenewals && this.actions?.applyRenewal.offered) await this.run('applyRenewal');
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

  async run(action: ConfirmableAction | 'check'): Promise<void> {
    if (this.busy && this.busy !== 'loading') return;
    this.busy = action === 'check' ? 'loading' : action;
    this.refresh();
    const target = { userId: this.userId, request: this.request, config: this.config };
    try {
      switch (action) {
        case 'renew':
          this.result = describeRenewRequest(await this.renewals.requestRenewal(target));
          break;
        case 'check': {
          const check = await this.renewals.checkRenewal(target);
          this.result = describeCheck(check);
          break;
        }
        case 'applyRenewal': {
          const outcome = await this.renewals.applyRenewal(target, this.ctx.loan ?? null);
          this.result = describeApply(outcome);
          if (outcome.kind === 'applied') this.changed.emit(this.request.request_id);
          break;
        }
        case 'cleanCancel': {
          const outcome = await this.cancels.cleanCancel(this.userId, this.request, this.config);
          this.result = describeCleanCancel(outcome);
          if (outcome.kind === 'cancelled') this.removed.emit(this.request.request_id);
          break;
        }
        case 'cancelAtLender':
          this.result = describeLenderCancel(await this.cancels.cancelAtLender(this.request, this.config));
          break;
      }
    } finally {
      this.ctx = { ...this.ctx, memory: await this.memory.get(this.request.request_id) };
      this.busy = null;
      this.refresh();
    }
  }

  private refresh(): void {
    this.actions = availableActions({
      request: this.request,
      config: this.config,
      worldshare: this.ctx.worldShare,
      loan: this.ctx.loan,
      pendingRenewal: this.ctx.memory.renewal && !this.ctx.memory.renewal.answer ? { askedAt: this.ctx.memory.renewal.askedAt } : null,
      approvedRenewal: this.ctx.memory.renewal?.answer?.approved && this.ctx.memory.renewal.answer.dueDate ? { dueDate: this.ctx.memory.renewal.answer.dueDate } : null,
    });
    this.cdr.markForCheck();
  }

  get pendingRenewalAt(): string | null {
    const r = this.ctx.memory.renewal;
    return r && !r.answer ? r.askedAt : null;
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
    const a = this.ctx.memory.renewal?.answer;
    return a?.approved ? a.dueDate : null;
  }
}
