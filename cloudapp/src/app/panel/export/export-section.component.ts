import { NgFor, NgIf } from '@angular/common';
import {
  ChangeDetectionStrategy,
  ChangeDetectorRef,
  Component,
  EventEmitter,
  Input,
  OnChanges,
  Output,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { ExportPlan } from '../../domain/citation-mapping';
import { InstitutionConfig } from '../../domain/institution-config';
import { ExportOutcome, ExportService } from '../../core/export.service';
import { AlmaProblemComponent } from '../../shared/alma-problem.component';
import { WorldShareProblemComponent } from '../../shared/worldshare-problem.component';
import { PreviewLine, previewLines } from './export-preview';
import type { BorrowingRequest } from '../../domain/alma-request';

/**
 * The export part of a request's panel: what will be sent to WorldShare (preview), the warnings,
 * why export is not possible (blocks), the Export button, and how the last attempt ended.
 * Emits `changed` with the request id whenever Alma's record may have changed.
 */
@Component({
  selector: 'app-export-section',
  standalone: true,
  imports: [
    NgIf,
    NgFor,
    TranslateModule,
    MatButtonModule,
    MatProgressBarModule,
    AlmaProblemComponent,
    WorldShareProblemComponent,
  ],
  templateUrl: './export-section.component.html',
  styleUrl: './export-section.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ExportSectionComponent implements OnChanges {
  @Input({ required: true }) request!: BorrowingRequest;
  @Input({ required: true }) userId!: string;
  @Input({ required: true }) config!: InstitutionConfig;
  @Output() readonly changed = new EventEmitter<string>();
  /**
   * Emitted once a request is in WorldShare and marked in Alma (the section then goes away). The
   * outcome carries both systems' answers (the create's and the Alma update's), so nothing is read again.
   */
  @Output() readonly exported = new EventEmitter<Extract<ExportOutcome, { kind: 'exported' }>>();

  plan: ExportPlan | null = null;
  preview: PreviewLine[] = [];
  running = false;
  outcome: ExportOutcome | null = null;

  constructor(
    private readonly exporter: ExportService,
    private readonly cdr: ChangeDetectorRef,
  ) {}

  ngOnChanges(): void {
    this.plan = this.exporter.plan(this.request, this.config);
    this.preview = this.plan.blocks.length ? [] : previewLines(this.plan.body);
  }

  get canExport(): boolean {
    return !!this.plan && this.plan.blocks.length === 0 && !this.running;
  }

  async export(): Promise<void> {
    if (!this.canExport) return;
    this.running = true;
    this.outcome = null;
    this.cdr.markForCheck();
    try {
      this.outcome = await this.exporter.export(this.userId, this.request.request_id, this.config);
    } finally {
      this.running = false;
      this.cdr.markForCheck();
    }
    if (this.outcome.kind === 'exported') this.exported.emit(this.outcome);
    // Alma's answer to the update is the new record; read it again only when that answer was not one.
    if (
      (this.outcome.kind === 'exported' && !this.outcome.request) ||
      this.outcome.kind === 'blocked'
    )
      this.changed.emit(this.request.request_id);
  }
}
