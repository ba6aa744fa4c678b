import { Injectable } from '@angular/core';
import { CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { firstValueFrom } from 'rxjs';
import { todayIn } from '../domain/calendar-date';
import { ExportIssue, ExportPlan, buildIllRequest } from '../domain/citation-mapping';
import { WorldShareRequestView } from '../domain/worldshare-request';
import { InstitutionConfig } from '../domain/institution-config';
import { AlmaProblem, describeAlmaError } from './alma-error';
import { AlmaService } from './alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { withHostTimeout } from './host-call';
import { RequestMemoryService } from './request-memory.service';
import { WorldShareService } from './worldshare.service';
import { toWorldShareProblem } from './worldshare-problem-error';
import { WorldShareProblem } from '../domain/worldshare-errors';

/** How an export attempt ended. */
export type ExportOutcome =
  /**
   * Sent to WorldShare and Alma marked as sent to the partner. `worldShare` is WorldShare's answer
   * to the create (or the request found by reference id); `request` is Alma's record as the update
   * returned it (null when Alma's answer was not a borrowing request: the panel then reads it again).
   */
  | {
      kind: 'exported';
      worldShareRequestId: string;
      reused: boolean;
      worldShare: WorldShareRequestView | null;
      request: BorrowingRequest | null;
    }
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

/**
 * Cloud App store key under which a WorldShare id is kept until Alma has it (survives a reload).
 * Hosted Ex Libris proxy mode only; Alma keeps the Cloud App store per staff user, so this helps
 * the same user's retry, never a colleague's.
 */
export const pendingExportKey = (requestId: string) => `export-pending:${requestId}`;

/**
 * The export workflow: Alma borrowing request -> WorldShare ILL request -> Alma marked as sent.
 * Costs Alma 1 read + 1 write and WorldShare 1 create (own proxy mode).
 *
 * No duplicates: a click while an export of the same request runs in this window is ignored; the
 * Alma record is read fresh first (an `external_id` there means done). Then:
 * - own proxy mode: the create carries `Idempotency-Key: <Alma request id>`; the proxy keys it by
 *   institution and answers any repeat (double click in another window, reload, retry after a
 *   timeout, another staff member) with the first create's answer without calling OCLC again, and
 *   waits for a first create still under way.
 * - hosted Ex Libris proxy mode (no store there): a WorldShare id kept in this user's Cloud App
 *   store from an interrupted attempt is reused, else WorldShare is searched by reference id (the
 *   Alma request id; only exact matches count), and only then is a request created.
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

  async export(
    userId: string,
    requestId: string,
    config: InstitutionConfig,
  ): Promise<ExportOutcome> {
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
        return this.memory.log({
          ...entry,
          outcome: 'done',
          worldShareRequestId: o.worldShareRequestId,
        });
      case 'alma-update-failed':
        return this.memory.log({
          ...entry,
          outcome: 'partial',
          worldShareRequestId: o.worldShareRequestId,
          detail: o.problem.almaMessage ?? o.problem.kind,
        });
      case 'blocked':
        return this.memory.log({
          ...entry,
          outcome: 'refused',
          detail: o.blocks.map((b) => b.code).join(', '),
        });
      case 'worldshare-failed':
        return this.memory.log({
          ...entry,
          outcome: 'failed',
          detail: o.problem.detail ?? o.problem.code,
        });
      case 'alma-read-failed':
        return this.memory.log({
          ...entry,
          outcome: 'failed',
          detail: o.problem.almaMessage ?? o.problem.kind,
        });
      case 'in-progress':
        return;
    }
  }

  private async run(
    userId: string,
    requestId: string,
    config: InstitutionConfig,
  ): Promise<ExportOutcome> {
    let request: BorrowingRequest;
    try {
      request = await firstValueFrom(this.alma.getBorrowingRequest(userId, requestId));
    } catch (e) {
      return { kind: 'alma-read-failed', problem: describeAlmaError(e) };
    }
    const plan = this.plan(request, config);
    if (plan.blocks.length > 0) return { kind: 'blocked', blocks: plan.blocks, request };

    let sent: {
      worldShareRequestId: string;
      reused: boolean;
      worldShare: WorldShareRequestView | null;
    };
    try {
      sent =
        config.proxy.mode === 'own'
          ? await this.createOnce(requestId, plan, config)
          : await this.findOrCreate(requestId, plan, config);
    } catch (e) {
      return { kind: 'worldshare-failed', problem: toWorldShareProblem(e) };
    }
    const { worldShareRequestId } = sent;

    let updated: unknown;
    try {
      updated = await firstValueFrom(
        this.alma.assignToPartner(userId, requestId, config.almaPartnerCode, worldShareRequestId),
      );
    } catch (e) {
      return { kind: 'alma-update-failed', worldShareRequestId, problem: describeAlmaError(e) };
    }
    if (config.proxy.mode !== 'own') await this.clearPendingId(requestId);
    return { kind: 'exported', ...sent, request: borrowingRequestOrNull(updated, requestId) };
  }

  /** Own proxy: one create under the Alma request id as idempotency key; a replay is the first create's answer. */
  private async createOnce(requestId: string, plan: ExportPlan, config: InstitutionConfig) {
    const created = await this.worldshare.createRequest(config, plan.body, requestId);
    return {
      worldShareRequestId: created.request.requestId,
      reused: created.replayed,
      worldShare: created.request,
    };
  }

  /** Hosted Ex Libris proxy: this user's remembered id, else a WorldShare request with this exact reference id, else a create. */
  private async findOrCreate(requestId: string, plan: ExportPlan, config: InstitutionConfig) {
    const remembered = await this.readPendingId(requestId);
    if (remembered) return { worldShareRequestId: remembered, reused: true, worldShare: null };
    const existing = await this.worldshare.findByReferenceId(config, requestId);
    if (existing.length > 0) {
      const oldest = [...existing].sort((a, b) => compareIds(a.requestId, b.requestId))[0];
      return { worldShareRequestId: oldest.requestId, reused: true, worldShare: oldest };
    }
    const created = await this.worldshare.createRequest(config, plan.body);
    await this.writePendingId(requestId, created.request.requestId);
    return {
      worldShareRequestId: created.request.requestId,
      reused: false,
      worldShare: created.request,
    };
  }

  private async readPendingId(requestId: string): Promise<string | null> {
    try {
      const value = await firstValueFrom(
        this.store.get(pendingExportKey(requestId)).pipe(withHostTimeout<unknown>()),
      );
      const id = (value as { worldShareRequestId?: unknown } | null)?.worldShareRequestId;
      return typeof id === 'string' && id ? id : null;
    } catch {
      return null;
    }
  }

  private async writePendingId(requestId: string, worldShareRequestId: string): Promise<void> {
    try {
      await firstValueFrom(
        this.store
          .set(pendingExportKey(requestId), { worldShareRequestId, at: new Date().toISOString() })
          .pipe(withHostTimeout<unknown>()),
      );
    } catch {
      // The WorldShare search by reference id still finds it; the panel also shows the id.
    }
  }

  private async clearPendingId(requestId: string): Promise<void> {
    try {
      await firstValueFrom(
        this.store.remove(pendingExportKey(requestId)).pipe(withHostTimeout<unknown>()),
      );
    } catch {
      // Harmless: Alma's external_id is the proof from now on.
    }
  }
}

/** Alma's answer to the update when it is this borrowing request, else null (the panel reads it again). */
function borrowingRequestOrNull(body: unknown, requestId: string): BorrowingRequest | null {
  const r = body as { request_id?: unknown } | null;
  if (!r || typeof r !== 'object' || String(r.request_id ?? '') !== requestId) return null;
  return { ...(r as BorrowingRequest), request_id: requestId };
}

/** Numeric order for WorldShare ids (the oldest request wins when several carry our reference id). */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
