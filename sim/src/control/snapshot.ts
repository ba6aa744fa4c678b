import type { PageEntity } from '../host/entities.js';
import type { HostPage } from '../host/page-model.js';
import { settingsByUser, storesByUser } from '../host/users.js';
import { DEFAULT_USER } from '../seed/index.js';
import type { FaultRule, HostUser, SimState } from '../state.js';

/**
 * `GET /__sim/state`: a deep copy of the world, so a caller can keep it while the simulator goes on.
 * `settings` and `store` are the default user's; `stores` and `settingsByUser` hold every user's
 * (default included) by primary id; `users` lists every staff user. `alma.throttled` and
 * `worldshare.throttled` count the calls each fake refused with 429 for its own limits since the
 * last reset (0 when none).
 */
export interface SimSnapshot {
  alma: SimState['alma'] & { throttled: number };
  worldshare: SimState['worldshare'] & { throttled: number };
  config: Record<string, unknown>;
  settings: Record<string, unknown>;
  store: Record<string, unknown>;
  stores: Record<string, Record<string, unknown>>;
  settingsByUser: Record<string, Record<string, unknown>>;
  faults: (FaultRule & { used: number })[];
  user: HostUser | undefined;
  users: HostUser[];
  lang: string | undefined;
  page: { seq: number; entities: PageEntity[] };
}

/** The snapshot `GET /__sim/state` answers with (see SimSnapshot). */
export function snapshot(state: SimState, page: HostPage): SimSnapshot {
  return structuredClone({
    alma: { ...state.alma, throttled: state.alma.throttled ?? 0 },
    worldshare: { ...state.worldshare, throttled: state.worldshare.throttled ?? 0 },
    config: state.config,
    settings: state.settings,
    store: state.store,
    stores: storesByUser(state),
    settingsByUser: settingsByUser(state),
    faults: state.faults,
    user: state.user,
    users: [
      state.user ?? DEFAULT_USER,
      ...Object.values(state.otherUsers ?? {}).map((o) => o.user),
    ],
    lang: state.lang,
    page: { seq: page.view(state).seq, entities: page.current() },
  });
}
