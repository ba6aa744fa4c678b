import { NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  EventEmitter,
  Input,
  Output,
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

/** The panel for one open borrowing request: its card and the actions that fit its state. */
@Component({
  selector: 'app-request-detail',
  standalone: true,
  imports: [
    NgIf,
    TranslateModule,
    RequestCardComponent,
    ExportSectionComponent,
    RecordActionsComponent,
  ],
  template: `
    <app-request-card
      [item]="item"
      [worldShareStatus]="worldShareStatus"
      (retry)="reload.emit($event)"
    >
      <ng-container *ngIf="item.state.kind === 'loaded' && item.userId && !removed">
        <app-export-section
          *ngIf="!exported"
          [request]="item.state.request"
          [userId]="item.userId"
          [config]="config"
          (exported)="setExported($event)"
          (changed)="reload.emit($event)"
        ></app-export-section>
        <p *ngIf="lastExport" class="message success" data-testid="export-result" role="status">
          {{
            (lastExport.reused ? 'export.doneReused' : 'export.done')
              | translate: { id: lastExport.worldShareRequestId, partner: config.almaPartnerCode }
          }}
        </p>
        <app-record-actions
          *ngIf="exported"
          [request]="item.state.request"
          [userId]="item.userId"
          [config]="config"
          [settings]="settings"
          [knownWorldShare]="lastExport?.worldShare ?? null"
          (worldShareStatus)="setStatus($event)"
          (changed)="reload.emit($event)"
          (removed)="markRemoved()"
        ></app-record-actions>
      </ng-container>
      <p *ngIf="removed" class="message success" data-testid="removed">
        {{ 'actions.removedFromAlma' | translate }}
      </p>
    </app-request-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestDetailComponent {
  @Input({ required: true }) set item(item: RequestItem) {
    if (this.current && this.current.requestId !== item.requestId) {
      this.removed = false;
      this.worldShareStatus = null;
      this.lastExport = null;
    }
    this.current = item;
  }
  get item(): RequestItem {
    return this.current;
  }
  @Input({ required: true }) config!: InstitutionConfig;
  @Input({ required: true }) settings!: UserSettings;
  @Output() readonly reload = new EventEmitter<string>();
  /** Alma's record as an action's own answer returned it (no need to read it again). */
  @Output() readonly updated = new EventEmitter<BorrowingRequest>();

  worldShareStatus: string | null = null;
  /** The export just done from this panel, shown above the actions that replace the export section. */
  lastExport: {
    worldShareRequestId: string;
    reused: boolean;
    worldShare: WorldShareRequestView | null;
  } | null = null;
  /** Clean cancel removed the request from Alma: the card keeps what it showed, actions go away. */
  removed = false;
  private current!: RequestItem;

  constructor(private readonly cdr: ChangeDetectorRef) {}

  get exported(): boolean {
    return (
      this.item.state.kind === 'loaded' &&
      isExportedToWorldShare(this.item.state.request, this.config)
    );
  }

  setStatus(status: string | null): void {
    this.worldShareStatus = status;
    this.cdr.markForCheck();
  }

  setExported(outcome: Extract<ExportOutcome, { kind: 'exported' }>): void {
    this.lastExport = {
      worldShareRequestId: outcome.worldShareRequestId,
      reused: outcome.reused,
      worldShare: outcome.worldShare,
    };
    if (outcome.request) this.updated.emit(outcome.request);
    this.cdr.markForCheck();
  }

  markRemoved(): void {
    this.removed = true;
    this.cdr.markForCheck();
  }
}
