import { Injectable } from '@angular/core';
import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom } from 'rxjs';
import { todayIn } from '../domain/calendar-date';
import { ExportIssue, ExportPlan, buildIllRequest } from '../domain/citation-mapping';
import { InstitutionConfig } from '../domain/institution-config';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { BorrowingRequest, AlmaService } from './alma.service';
import { withHostTimeout } from './host-call';
import { RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { toWorldShareProblem } from './worldshare-problem-error';
import { WorldShareProblem } from '../domain/worldshare-errors';

/** How an export attempt ended. */
export type ExportOutcome =
  /** Sent to WorldShare and Alma marked as sent to the partner. */
  | { kind: 'exported'; worldShareRequestId: string; reused: boolean; request: BorrowingRequest | null }
  /** Nothing sent: the fresh Alma record shows a reason not to (already exported, no title, ...). */
  | { kind: 'blocked'; blocks: ExportIssue[]; request: BorrowingRequest }
  /** WorldShare refused or did not answer; nothing was created that we know of. */
  | { kind: 'worldshare-failed'; problem: WorldShareProblem }
  /** WorldShare has the request, Alma was not updated; a retry finishes without a second request. */
  | { kind: 'alma-update-failed'; worldShareRequestId: string; problem: AlmaProblem }
  /** Alma could not be read before sending; nothing was sent. */
  | { kind: 'alma-read-failed'; problem: AlmaProblem }
  /** Another export of the same request is running in this window. */
  | { kind: 'in-progress' };

/** Store key under which a WorldShare id is kept until Alma has it (survives a reload). */
export const pendingExportKey = (requestId: string) => `export-pending:${requestId}`;

/**
 * The export workflow: Alma borrowing request -> WorldShare ILL request -> Alma marked as sent.
 *
 * No duplicates: a click while an export of the same request runs is ignored; the Alma record is
 * read fresh first (an `external_id` there means done); then WorldShare is searched by reference
 * id (the Alma request id), and a WorldShare id kept in the Cloud App store from an interrupted
 * attempt is reused, so a reload, a retry after a timeout or a second staff member finishes the
 * earlier export instead of creating another.
 */
@Injectable({ providedIn: 'root' })
export class ExportService {
  private readonly running = new Set<string>();

  constructor(
    private readonly alma: AlmaService,
    private readonly worldshare: WorldShareService,
    private readonly store: CloudAppStoreService,
    private readonly memory: RequestMemoryService,
  ) {}

  /** Whether an export of this Alma request is running in this window. */
  isRunning(requestId: string): boolean {
    return this.running.has(requestId);
  }

  /** The export plan for a request as it stands (no calls). */
  plan(request: BorrowingRequest, config: InstitutionConfig): ExportPlan {
    return buildIllRequest(request, config, todayIn(config.timeZone));
  }

  async export(userId: string, requestId: string, config: InstitutionConfig): Promise<ExportOutcome> {
    if (this.running.has(requestId)) return { kind: 'in-progress' };
    this.running.add(requestId);
    try {
      const outcome = await this.run(userId, requestId, config);
      await this.logOutcome(requestId, outcome);
      return outcome;
    } finally {
      this.running.delete(requestId);
    }
  }

  /**
   * Writes the attempt to the request's activity log, as renew and clean cancel do: done with the
   * WorldShare id, partial when WorldShare has it and Alma was not marked, refused with the block
   * codes, failed with the other system's words (details are values, not sentences: the log is
   * shown in the user's language). A click ignored while an export runs is not logged.
   */
  private async logOutcome(requestId: string, o: ExportOutcome): Promise<void> {
    const entry = { action: 'export' as const, almaRequestId: requestId };
    switch (o.kind) {
      case 'exported':
        return this.memory.log({ ...entry, outcome: 'done', worldShareRequestId: o.worldShareRequestId, });
      case 'alma-update-failed':
        return this.memory.log({ ...entry, outcome: 'partial', worldShareRequestId: o.worldShareRequestId, detail: o.problem.almaMessage ?? o.problem.kind });
      case 'blocked':
        return this.memory.log({ ...entry, outcome: 'refused', detail: o.blocks.map((b) => b.code).join(', ') });
      case 'worldshare-failed':
        return this.memory.log({ ...entry, outcome: 'failed', detail: o.problem.detail ?? o.problem.code });
      case 'alma-read-failed':
        return this.memory.log({ ...entry, outcome: 'failed', detail: o.problem.almaMessage ?? o.problem.kind });
      case 'in-progress':
        return;
    }
  }

  private async run(userId: string, requestId: string, config: InstitutionConfig): Promise<ExportOutcome> {
    let request: BorrowingRequest;
    try {
      request = await firstValueFrom(this.alma.getBorrowingRequest(userId, requestId));
    } catch (e) {
      return { kind: 'alma-read-failed', problem: describeAlmaError(e) };
    }
    const plan = this.plan(request, config);
    if (plan.blocks.length > 0) return { kind: 'blocked', blocks: plan.blocks, request };

    let worldShareRequestId: string | null = await this.readPendingId(requestId);
    let reused = worldShareRequestId !== null;
    try {
      if (!worldShareRequestId) {
        const existing = await this.worldshare.findByReferenceId(config, requestId);
        if (existing.length > 0) {
          worldShareRequestId = existing.map((r) => r.requestId).sort(compareIds)[0];
          reused = true;
        }
      }
      if (!worldShareRequestId) {
        const created = await this.worldshare.createRequest(config, plan.body);
        worldShareRequestId = created.requestId;
        await this.writePendingId(requestId, worldShareRequestId);
      }
    } catch (e) {
      return { kind: 'worldshare-failed', problem: toWorldShareProblem(e) };
    }

    try {
      await firstValueFrom(this.alma.assignToPartner(userId, requestId, config.almaPartnerCode, worldShareRequestId));
    } catch (e) {
      return { kind: 'alma-update-failed', worldShareRequestId, problem: describeAlmaError(e) };
    }
    await this.clearPendingId(requestId);
    return { kind: 'exported', worldShareRequestId, reused, request: null };
  }

  private async readPendingId(requestId: string): Promise<string | null> {
    try {
      const value = await firstValueFrom(this.store.get(pendingExportKey(requestId)).pipe(withHostTimeout<unknown>()));
      const id = (value as { worldShareRequestId?: unknown } | null)?.worldShareRequestId;
      return typeof id === 'string' && id ? id : null;
    } catch {
      return null;
    }
  }

  private async writePendingId(requestId: string, worldShareRequestId: string): Promise<void> {
    try {
      await firstValueFrom(this.store.set(pendingExportKey(requestId), { worldShareRequestId, at: new Date().toISOString() }).pipe(withHostTimeout<unknown>()));
    } catch {
      // The WorldShare search by reference id still finds it; the panel also shows the id.
    }
  }

  private async clearPendingId(requestId: string): Promise<void> {
    try {
      await firstValueFrom(this.store.remove(pendingExportKey(requestId)).pipe(withHostTimeout<unknown>()));
    } catch {
      // Harmless: Alma's external_id is the proof from now on.
    }
  }
}

/** Numeric order for WorldShare ids (the oldest request wins when several carry our reference id). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
