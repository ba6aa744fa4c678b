import { AsyncPipe, NgIf } from '@angular/common';
import { ChangeDetectionStrategy, Component, EventEmitter, Input, Output } from '@angular/core';
import { TranslateModule } from '@ngx-translate/core';
import { isExportedToWorldShare } from '../domain/action-rules';
import { InstitutionConfig } from '../domain/institution-config';
import { ExportSectionComponent } from './export/export-section.component';
import { RequestCardComponent } from './request-card.component';
import { RequestItem } from './request-item';

/** The panel for one open borrowing request: its card and the actions that fit its state. */
@Component({
  selector: 'app-request-detail',
  standalone: true,
  imports: [NgIf, AsyncPipe, TranslateModule, RequestCardComponent, ExportSectionComponent],
  template: `
    <app-request-card [item]="item" (retry)="reload.emit($event)">
      <ng-container *ngIf="item.state.kind === 'loaded' && item.userId">
        <app-export-section *ngIf="!exported" [request]="item.state.request" [userId]="item.userId" [config]="config"
          (changed)="reload.emit($event)"></app-export-section>
      </ng-container>
    </app-request-card>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RequestDetailComponent {
  @Input({ required: true }) item!: RequestItem;
  @Input({ required: true }) config!: InstitutionConfig;
  @Output() readonly reload = new EventEmitter<string>();

  get exported(): boolean {
    return this.item.state.kind === 'loaded' && isExportedToWorldShare(this.item.state.request, this.config);
  }
}
