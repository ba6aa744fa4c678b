import type { HostPage } from '../host/page-model.js';
import { settingsByUser, storesByUser } from '../host/users.js';
import { DEFAULT_USER } from '../seed/index.js';
import type { SimState } from '../state.js';

/**
 * `GET /__sim/state`: `{alma:{requests, loans, calls, codeTables, partners, patronNotifications},
 * worldshare:{requests, messages, calls, tokenRequests, ...}, config, settings, store, stores,
 * settingsByUser, user, users, faults, page:{seq, entities}}` — a deep copy, so a caller can keep it
 * while the simulator goes on. `settings` and `store` are the default user's; `stores` and
 * `settingsByUser` hold every user's (default included) by primary id; `users` lists every staff user.
 */
export function snapshot(state: SimState, page: HostPage): Record<string, unknown> {
  return structuredClone({
    alma: state.alma,
    worldshare: state.worldshare,
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
