import type { AlmaBorrowingRequest, SimState } from '../state.js';
import { requesterOf } from '../alma/lookup.js';

/**
 * An entity of the current Alma page, as the Cloud App host reports it in PAGE_LOAD / PAGE_METADATA
 * (`@exlibris/exl-cloudapp-angular-lib` Entity; docs/contracts.md, "Cloud App host and tokens"). `link` is relative to /almaws/v1.
 */
export interface PageEntity {
  id: string;
  type: string;
  link: string;
  description: string;
  code?: string;
}

const REQUEST_LINK = /^\/users\/([^/]+)\/resource-sharing-requests\/([^/?#]+)$/;

/** The BORROWING_REQUEST entity Alma shows for a stored request (`description` = title, "" when none). */
export function entityOfRequest(request: AlmaBorrowingRequest): PageEntity {
  const userId = requesterOf(request) ?? '';
  return {
    id: request.request_id,
    type: 'BORROWING_REQUEST',
    link: `/users/${encodeURIComponent(userId)}/resource-sharing-requests/${encodeURIComponent(request.request_id)}`,
    description: typeof request.title === 'string' ? request.title : '',
  };
}

/** The stored request a BORROWING_REQUEST entity's link names (same requester and id), if any. */
export function requestOfEntity(
  state: SimState,
  entity: PageEntity,
): AlmaBorrowingRequest | undefined {
  const m = REQUEST_LINK.exec(entity.link);
  if (!m) return undefined;
  const [userId, requestId] = [decodeURIComponent(m[1]), decodeURIComponent(m[2])];
  return state.alma.requests.find((r) => r.request_id === requestId && requesterOf(r) === userId);
}

/**
 * The entities after Alma re-renders the page (RELOAD_PAGE): borrowing requests that no longer exist
 * (removed by a cancel with remove_request=true) drop out, as rows leave a task list; the others keep
 * their id and link and get their current title as description. Other entity types stay as they were.
 */
export function refreshEntities(state: SimState, entities: PageEntity[]): PageEntity[] {
  const out: PageEntity[] = [];
  for (const e of entities) {
    if (e.type !== 'BORROWING_REQUEST') {
      out.push(e);
      continue;
    }
    const request = requestOfEntity(state, e);
    if (request) out.push({ ...e, description: entityOfRequest(request).description });
  }
  return out;
}
