import type { SimState } from '../state.js';
import { type PageEntity, refreshEntities, requestOfEntity } from './entities.js';

/** What the host page script reads to render the main area and answer PAGE_METADATA. */
export interface PageView {
  /** Increases with every page change (set, reload, reset); the script sends PAGE_LOAD once per value. */
  seq: number;
  entities: PageEntity[];
  /** One row per entity: the stored borrowing request it names, or null (unknown/removed, other types). */
  rows: { entity: PageEntity; request: Record<string, unknown> | null }[];
}

/**
 * The Alma page currently shown by the host: a list of entities and a change counter. Lives beside the
 * SimState (not in it) so the counter keeps increasing across resets and a page never misses a change.
 */
export class HostPage {
  private seq = 0;
  private entities: PageEntity[] = [];
  private readonly listeners = new Set<(seq: number) => void>();

  /** Shows new entities (staff opened a record or a list). */
  set(entities: PageEntity[]): void {
    this.entities = entities.map((e) => ({ ...e }));
    this.changed();
  }

  /** Re-renders the page from the current data (RELOAD_PAGE), see refreshEntities. */
  reload(state: SimState): void {
    this.entities = refreshEntities(state, this.entities);
    this.changed();
  }

  /** The page as the host script renders it, with each entity's request from the state. */
  view(state: SimState): PageView {
    return {
      seq: this.seq,
      entities: this.entities.map((e) => ({ ...e })),
      rows: this.entities.map((entity) => ({
        entity: { ...entity },
        request: requestOfEntity(state, entity) ?? null,
      })),
    };
  }

  /** The current entities (copies). */
  current(): PageEntity[] {
    return this.entities.map((e) => ({ ...e }));
  }

  /** Subscribes to page changes; returns the unsubscribe function. */
  onChange(listener: (seq: number) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    this.seq++;
    for (const l of this.listeners) l(this.seq);
  }
}
