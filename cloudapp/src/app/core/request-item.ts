import { Entity } from '@exlibris/exl-cloudapp-angular-lib';
import { parseRequestLink } from '../domain/alma-request';
import { AlmaProblem } from './alma-error';
import type { BorrowingRequest } from '../domain/alma-request';

/** Where one borrowing request shown by Alma stands in the panel. */
export type RequestItemState =
  | { kind: 'loading' }
  | { kind: 'loaded'; request: BorrowingRequest }
  | { kind: 'error'; problem: AlmaProblem };

/** One borrowing request from Alma's page: the entity, its ids and its load state. */
export interface RequestItem {
  entity: Entity;
  userId: string | null;
  requestId: string;
  state: RequestItemState;
}

/** Builds the panel's items from the entities of a PAGE_LOAD, keeping only borrowing requests. */
export function itemsFromEntities(entities: readonly Entity[]): RequestItem[] {
  return entities
    .filter((e) => String(e.type) === 'BORROWING_REQUEST')
    .map((entity) => {
      const ids = parseRequestLink(entity.link ?? '');
      return {
        entity,
        userId: ids?.userId ?? null,
        requestId: ids?.requestId ?? String(entity.id),
        state: { kind: 'loading' },
      };
    });
}
