import { Injectable, OnDestroy } from '@angular/core';
import { CloudAppEventsService, Entity } from '@exlibris/exl-cloudapp-angular-lib';
import {
  BehaviorSubject,
  EMPTY,
  Observable,
  Subscription,
  catchError,
  map,
  mergeMap,
  of,
  switchMap,
  from,
} from 'rxjs';
import { AlmaService } from '../core/alma.service';
import type { BorrowingRequest } from '../domain/alma-request';
import { describeAlmaError } from '../core/alma-error';
import { withHostTimeout } from '../core/host-call';
import { RequestItem, RequestItemState, itemsFromEntities } from '../core/request-item';

/** How many borrowing requests of a task list are read from Alma at once. */
const LOAD_CONCURRENCY = 4;
/** Lists longer than this publish card updates in batches, every COALESCE_MS milliseconds. */
const COALESCE_ABOVE = 10;
const COALESCE_MS = 100;

/**
 * Holds the borrowing requests Alma is showing and loads each one through the Alma adapter:
 * one Alma call per request shown. A new PAGE_LOAD replaces the list (loads still under way for
 * the old page are dropped); `reload(item)` reads one request again (retry, or after an action).
 */
@Injectable()
export class PanelStore implements OnDestroy {
  private readonly itemsSubject = new BehaviorSubject<RequestItem[]>([]);
  private readonly subscription: Subscription;
  private pending = new Map<string, RequestItemState>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** 'waiting' until the host has said which page it shows; 'silent' when it never did. */
  private readonly pageSubject = new BehaviorSubject<'waiting' | 'known' | 'silent'>('waiting');

  readonly items$: Observable<RequestItem[]> = this.itemsSubject.asObservable();
  readonly page$ = this.pageSubject.asObservable();

  constructor(
    private readonly events: CloudAppEventsService,
    private readonly alma: AlmaService,
  ) {
    this.subscription = this.events.entities$
      .pipe(switchMap((entities: Entity[]) => this.load(entities)))
      .subscribe();
    // The SDK starts entities$ with an empty page before Alma answers; ask Alma once so the
    // panel can tell "no borrowing request open" from "Alma has not answered yet". INIT_DATA, not
    // PAGE_METADATA: the SDK's getPageMetadata() quietly replaces the page it compares PAGE_LOADs
    // with, so a page change arriving just after its answer would never reach entities$.
    this.subscription.add(
      this.events
        .getInitData()
        .pipe(withHostTimeout())
        .subscribe({
          next: () => this.pageSubject.next('known'),
          error: () => {
            if (this.pageSubject.value === 'waiting') this.pageSubject.next('silent');
          },
        }),
    );
  }

  get items(): RequestItem[] {
    return this.itemsSubject.value;
  }

  /** Reads one request from Alma again and updates its card. */
  reload(requestId: string): void {
    const item = this.items.find((i) => i.requestId === requestId);
    if (!item) return;
    // A loaded card keeps showing what it has (and any action result) until the new read arrives.
    if (item.state.kind !== 'loaded') this.update(requestId, { kind: 'loading' });
    this.fetch(item).subscribe((state) => this.update(requestId, state));
  }

  /** Shows a request as an action's own Alma answer returned it (no new read); ignored when not on the page. */
  replace(request: BorrowingRequest): void {
    if (!this.items.some((i) => i.requestId === request.request_id)) return;
    this.update(request.request_id, { kind: 'loaded', request });
  }

  private load(entities: Entity[]): Observable<unknown> {
    const items = itemsFromEntities(entities);
    this.pending.clear();
    if (entities.length > 0) this.pageSubject.next('known');
    this.itemsSubject.next(items);
    if (items.length === 0) return EMPTY;
    return from(items).pipe(
      mergeMap(
        (item) => this.fetch(item).pipe(map((state) => this.update(item.requestId, state))),
        LOAD_CONCURRENCY,
      ),
    );
  }

  private fetch(item: RequestItem): Observable<RequestItemState> {
    return this.alma.getByLink(item.entity.link).pipe(
      map((request): RequestItemState => ({ kind: 'loaded', request })),
      catchError((e: unknown) =>
        of<RequestItemState>({ kind: 'error', problem: describeAlmaError(e) }),
      ),
    );
  }

  /**
   * Records a card's new state. On a long task list the updates are gathered and published at most
   * every 100 ms: publishing each one would redraw every card once per answer (n² work for n
   * requests) and starve the browser thread the host relays Alma's calls on.
   */
  private update(requestId: string, state: RequestItemState): void {
    this.pending.set(requestId, state);
    if (this.items.length <= COALESCE_ABOVE) {
      this.flush();
    } else if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => this.flush(), COALESCE_MS);
    }
  }

  private flush(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    this.itemsSubject.next(
      this.items.map((i) =>
        pending.has(i.requestId) ? { ...i, state: pending.get(i.requestId)! } : i,
      ),
    );
  }

  ngOnDestroy(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.subscription.unsubscribe();
  }
}
