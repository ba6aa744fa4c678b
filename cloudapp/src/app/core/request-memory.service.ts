import { Injectable } from '@angular/core';
import { CloudAppEventsService, CloudAppStoreService } from '@exlibris/exl-cloudapp-angular-lib';
import { Observable, catchError, firstValueFrom, map, of, shareReplay } from 'rxjs';
import { withHostTimeout } from './host-call';

/** One line of a request's activity log. `at` is an ISO date-time (UTC). */
export interface ActivityEntry {
  at: string;
  action:
    | 'export'
    | 'renew-request'
    | 'renew-answer'
    | 'renew-apply'
    | 'recall-apply'
    | 'clean-cancel'
    | 'lender-cancel';
  outcome: 'done' | 'failed' | 'partial' | 'refused' | 'waiting';
  /** Staff user (Alma primary id) who clicked. */
  who: string;
  almaRequestId: string;
  worldShareRequestId?: string;
  /** Short plain-text detail: a due date, a status, an error. */
  detail?: string;
}

/** A renewal asked of the lender and what became of it, so a reload or a retry repeats nothing. */
export interface RenewalMemory {
  worldShareRequestId: string;
  /** When the Renew message was accepted by WorldShare (ISO date-time). */
  askedAt: string;
  /** The lender's ERROR confirmation of the Renew (errorData may be missing: both null). */
  error?: { errorType: string | null; errorValue: string | null };
  /** Steps of applying an approved renewal already done in Alma, and the due date (calendar date) applied. */
  applied?: { loan?: boolean; lenderDueDate?: boolean; dueDate?: string; done?: boolean };
}

/** What the app remembers about one Alma borrowing request between clicks and reloads. */
export interface RequestMemory {
  renewal?: RenewalMemory;
  /** A Cancel sent to the lender through WorldShare (ISO date-time). */
  lenderCancelSentAt?: string;
  /** The lender's ERROR confirmation of that Cancel. */
  lenderCancelError?: { errorType: string | null; errorValue: string | null };
  activity: ActivityEntry[];
}

/** How many activity entries are kept per request. */
const ACTIVITY_LIMIT = 50;

/**
 * Keeps per-request workflow state and the activity log in the Cloud App store (Alma keeps it for
 * the signed-in user and this app; CloudAppStoreService), so they survive reloads.
 * Reading a damaged stored value gives an empty memory, never an error.
 */
@Injectable({ providedIn: 'root' })
export class RequestMemoryService {
  private user$: Observable<string> | null = null;

  constructor(
    private readonly store: CloudAppStoreService,
    private readonly events: CloudAppEventsService,
  ) {}

  async get(almaRequestId: string): Promise<RequestMemory> {
    try {
      const raw = await firstValueFrom(
        this.store.get(key(almaRequestId)).pipe(withHostTimeout<unknown>()),
      );
      return readMemory(raw);
    } catch {
      return { activity: [] };
    }
  }

  /** Applies `change` to the stored memory and saves it; returns the new memory. */
  async update(
    almaRequestId: string,
    change: (m: RequestMemory) => RequestMemory,
  ): Promise<RequestMemory> {
    const next = change(await this.get(almaRequestId));
    next.activity = next.activity.slice(-ACTIVITY_LIMIT);
    await firstValueFrom(this.store.set(key(almaRequestId), next).pipe(withHostTimeout<unknown>()));
    return next;
  }

  /** Adds one activity entry (who and when are filled in). Failures to save are swallowed: the log never blocks work. */
  async log(entry: Omit<ActivityEntry, 'at' | 'who'>): Promise<void> {
    try {
      const who = await firstValueFrom(this.currentUser());
      await this.update(entry.almaRequestId, (m) => ({
        ...m,
        activity: [...m.activity, { ...entry, at: new Date().toISOString(), who }],
      }));
    } catch {
      // The action itself succeeded or failed on its own; losing a log line must not change that.
    }
  }

  /** The signed-in staff user's primary id (INIT_DATA), read once. */
  currentUser(): Observable<string> {
    if (!this.user$) {
      this.user$ = this.events.getInitData().pipe(
        withHostTimeout(),
        map(
          (d) =>
            d?.user?.primaryId ||
            [d?.user?.firstName, d?.user?.lastName].filter(Boolean).join(' ') ||
            'unknown',
        ),
        catchError(() => of('unknown')),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.user$;
  }
}

const key = (almaRequestId: string) => `request:${almaRequestId}`;

function readMemory(raw: unknown): RequestMemory {
  if (!raw || typeof raw !== 'object') return { activity: [] };
  const r = raw as Record<string, unknown>;
  const activity = Array.isArray(r['activity'])
    ? (r['activity'] as unknown[]).filter(
        (e): e is ActivityEntry =>
          !!e &&
          typeof e === 'object' &&
          typeof (e as ActivityEntry).at === 'string' &&
          typeof (e as ActivityEntry).action === 'string',
      )
    : [];
  const memory: RequestMemory = { activity };
  const renewal = r['renewal'] as RenewalMemory | undefined;
  if (
    renewal &&
    typeof renewal === 'object' &&
    typeof renewal.worldShareRequestId === 'string' &&
    typeof renewal.askedAt === 'string'
  ) {
    memory.renewal = renewal;
  }
  if (typeof r['lenderCancelSentAt'] === 'string')
    memory.lenderCancelSentAt = r['lenderCancelSentAt'];
  const cancelError = r['lenderCancelError'] as RequestMemory['lenderCancelError'];
  if (cancelError && typeof cancelError === 'object') memory.lenderCancelError = cancelError;
  return memory;
}
