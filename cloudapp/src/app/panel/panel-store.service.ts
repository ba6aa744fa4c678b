import { Injectable, OnDestroy, Signal, signal } from '@angular/core';
import { CloudAppEventsService, Entity } from '@exlibris/exl-cloudapp-angular-lib';
import {
  EMPTY,
  Observable,
  Subscription,
  catchError,
  from,
  map,
  mergeMap,
  of,
  switchMap,
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

/** Whether the host has said which page it shows: 'waiting' until it does, 'silent' when it never did. */
export type PageState = 'waiting' | 'known' | 'silent';

/**
 * The panel's list: the borrowing requests Alma is showing, each loaded through the Alma adapter
 * (one Alma call per request shown), provided by the panel component. A new PAGE_LOAD replaces the
 * list (loads still under way for the old page are dropped); `reload(id)` reads one request again
 * (retry, or after an action). What happens to one exported request is not kept here: that is the
 * RecordStore of the record actions showing it.
 */
@Injectable()
export class PanelStore implements OnDestroy {
  private readonly list = signal<RequestItem[]>([]);
  private readonly pageState = signal<PageState>('waiting');
  private readonly subscription: Subscription;
  private pending = new Map<string, RequestItemState>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;

  /** The borrowing requests on Alma's page, in its order, each with its load state. */
  readonly items: Signal<RequestItem[]> = this.list.asReadonly();
  readonly page: Signal<PageState> = this.pageState.asReadonly();

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
          next: () => this.pageState.set('known'),
          error: () => {
            if (this.pageState() === 'waiting') this.pageState.set('silent');
          },
        }),
    );
  }

  /** Reads one request from Alma again and updates its card. */
  reload(requestId: string): void {
    const item = this.items().find((i) => i.requestId === requestId);
    if (!item) return;
    // A loaded card keeps showing what it has (and any action result) until the new read arrives.
    if (item.state.kind !== 'loaded') this.update(requestId, { kind: 'loading' });
    this.fetch(item).subscribe((state) => this.update(requestId, state));
  }

  /** Shows a request as an action's own Alma answer returned it (no new read); ignored when not on the page. */
  replace(request: BorrowingRequest): void {
    if (!this.items().some((i) => i.requestId === request.request_id)) return;
    this.update(request.request_id, { kind: 'loaded', request });
  }

  private load(entities: Entity[]): Observable<unknown> {
    const items = itemsFromEntities(entities);
    this.pending.clear();
    if (entities.length > 0) this.pageState.set('known');
    this.list.set(items);
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
    if (this.items().length <= COALESCE_ABOVE) {
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
    this.list.update((items) =>
      items.map((i) => (pending.has(i.requestId) ? { ...i, state: pending.get(i.requestId)! } : i)),
    );
  }

  ngOnDestroy(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.subscription.unsubscribe();
  }
}
