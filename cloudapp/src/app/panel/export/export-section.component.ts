import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { TranslateModule } from '@ngx-translate/core';
import { InstitutionConfig } from '../../domain/institution-config';
import { ExportOutcome, ExportService } from '../../core/export.service';
import { AlmaProblemComponent } from '../../shared/alma-problem.component';
import { WorldShareProblemComponent } from '../../shared/worldshare-problem.component';
import { previewLines } from './export-preview';
import type { BorrowingRequest } from '../../domain/alma-request';

/**
 * The export part of a request's panel: what will be sent to WorldShare (preview), the warnings,
 * why export is not possible (blocks), the Export button, and how the last attempt ended.
 * A click goes straight to ExportService.export (which sends the ILL request through
 * WorldShareService.createRequest). Emits `changed` with the request id whenever Alma's record may
 * have changed.
 */
@Component({
  selector: 'app-export-section',
  standalone: true,
  imports: [
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
export class ExportSectionComponent {
  readonly request = input.required<BorrowingRequest>();
  readonly userId = input.required<string>();
  readonly config = input.required<InstitutionConfig>();
  readonly changed = output<string>();
  /**
   * Emitted once a request is in WorldShare and marked in Alma (the section then goes away). The
   * outcome carries both systems' answers (the create's and the Alma update's), so nothing is read again.
   */
  readonly exported = output<Extract<ExportOutcome, { kind: 'exported' }>>();

  private readonly exporter = inject(ExportService);
  private readonly running = signal(false);
  /** The last attempt, with the request it was for (another request shows none). */
  private readonly attempt = signal<{ requestId: string; outcome: ExportOutcome } | null>(null);

  /** The export plan for the request as it stands (no calls). */
  protected readonly plan = computed(() => this.exporter.plan(this.request(), this.config()));
  protected readonly preview = computed(() => {
    const plan = this.plan();
    return plan.blocks.length ? [] : previewLines(plan.body);
  });
  protected readonly outcome = computed(() => {
    const a = this.attempt();
    return a && a.requestId === this.request().request_id ? a.outcome : null;
  });
  protected readonly canExport = computed(() => this.plan().blocks.length === 0 && !this.running());
  protected readonly busy = this.running.asReadonly();
  async export(): Promise<void> {
    if (!this.canExport()) return;
    const requestId = this.request().request_id;
    this.running.set(true);
    this.attempt.set(null);
    let outcome: ExportOutcome;
    try {
      outcome = await this.exporter.export(this.userId(), requestId, this.config());
    } finally {
      this.running.set(false);
    }
    this.attempt.set({ requestId, outcome });
    // Another request opened meanwhile: the export is done all the same, but not this panel's news.
    if (outcome.kind === 'exported' && requestId === this.request().request_id) {
      this.exported.emit(outcome);
    }
    // Alma's answer to the update is the new record; read it again only when that answer was not one.
    if ((outcome.kind === 'exported' && !outcome.request) || outcome.kind === 'blocked') {
      this.changed.emit(requestId);
    }
  }
}
