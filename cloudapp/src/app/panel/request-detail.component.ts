import {
  ChangeDetectionStrategy,
  Component,
  OnChanges,
  computed,
  input,
  output,
  signal,
} from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { isExportedToWorldShare } from '../domain/alma-status';
import { WorldShareRequestView } from '../domain/worldshare-request';
import type { BorrowingRequest } from '../domain/alma-request';
import type { ExportOutcome } from '../core/export.service';
import { InstitutionConfig } from '../domain/institution-config';
import { UserSettings } from '../domain/user-settings';
import { RecordActionsComponent } from './actions/record-actions.component';
import { ExportSectionComponent } from './export/export-section.component';
import { RequestCardComponent } from './request-card.component';
import { RequestItem } from '../core/request-item';

/** What this panel learnt about one request while it is open (dropped when another one opens). */
interface Learnt {
  requestId: string;
  /** WorldShare's status as the record actions last read it. */
  worldShareStatus: string | null;
  /** The export just done from this panel, shown above the actions that replace the export section. */
  lastExport: {
    worldShareRequestId: string;
    reused: boolean;
    worldShare: WorldShareRequestView | null;
  } | null;
  /** Clean cancel removed the request from Alma: the card keeps what it showed, actions go away. */
  removed: boolean;
}

const nothingLearnt = (requestId: string): Learnt => ({
  requestId,
  worldShareStatus: null,
  lastExport: null,
  removed: false,
});

/**
 * The panel for one open borrowing request: its card (from the PanelStore's item) and, inside it,
 * the export section while the request is not exported, then the record actions (each record's
 * work is the RecordStore of that component).
 */
@Component({
  selector: 'app-request-detail',
  standalone: true,
  imports: [TranslateModule, RequestCardComponent, ExportSectionComponent, RecordActionsComponent],
  template: `
    <app-request-card
      [item]="item()"
      [worldShareStatus]="learnt().worldShareStatus"
      (retry)="reload.emit($event)"
    >
      @if (request(); as request) {
        @if (item().userId; as userId) {
          @if (!learnt().removed) {
            @if (!exported()) {
              <app-export-section
                [request]="request"
                [userId]="userId"
                [config]="config()"
                (exported)="setExported($event)"
                (changed)="reload.emit($event)"
              ></app-export-section>
            }
            @if (learnt().lastExport; as lastExport) {
              <p class="message success" data-testid="export-result" role="status">
                {{
                  (lastExport.reused ? 'export.doneReused' : 'export.done')
                    | translate
                      : { id: lastExport.worldShareRequestId, partner: config().almaPartnerCode }
                }}
              </p>
            }
            @if (exported()) {
              <app-record-actions
                [request]="request"
                [userId]="userId"
                [config]="config()"
                [settings]="settings()"
                [knownWorldShare]="learnt().lastExport?.worldShare ?? null"
                (worldShareStatus)="learn({ worldShareStatus: $event })"
                (changed)="reload.emit($event)"
                (removed)="learn({ removed: true })"
              ></app-record-actions>
            }
          }
        }
      }
      @if (learnt().removed) {
        <p class="message success" data-testid="removed">
          {{ 'actions.removedFromAlma' | translate }}
        </p>
      }
    </app-request-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestDetailComponent implements OnChanges {
  readonly item = input.required<RequestItem>();
  readonly config = input.required<InstitutionConfig>();
  readonly settings = input.required<UserSettings>();
  readonly reload = output<string>();
  /** Alma's record as an action's own answer returned it (no need to read it again). */
  readonly updated = output<BorrowingRequest>();

  private readonly notes = signal<Learnt>(nothingLearnt(''));
  /** What was learnt about the request open now (nothing, right after another one opens). */
  protected readonly learnt = this.notes.asReadonly();

  protected readonly request = computed(() => {
    const state = this.item().state;
    return state.kind === 'loaded' ? state.request : null;
  });

  protected readonly exported = computed(() => {
    const request = this.request();
    return !!request && isExportedToWorldShare(request, this.config());
  });

  ngOnChanges(): void {
    const id = this.item().requestId;
    if (this.notes().requestId !== id) this.notes.set(nothingLearnt(id));
  }

  /**
   * Notes something about the request open now. The sections report only about it: their stores
   * drop what concerns a request no longer shown.
   */
  protected learn(note: Partial<Omit<Learnt, 'requestId'>>): void {
    this.notes.update((n) => ({ ...n, ...note }));
  }

  protected setExported(outcome: Extract<ExportOutcome, { kind: 'exported' }>): void {
    this.learn({
      lastExport: {
        worldShareRequestId: outcome.worldShareRequestId,
        reused: outcome.reused,
        worldShare: outcome.worldShare,
      },
    });
    if (outcome.request) this.updated.emit(outcome.request);
  }
}
