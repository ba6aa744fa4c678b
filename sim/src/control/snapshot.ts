import type { HostPage } from '../host/page-model.js';
import type { SimState } from '../state.js';

/**
 * `GET /__sim/state`: `{alma:{requests, loans, calls, codeTables, partners, patronNotifications},
 * worldshare:{requests, messages, calls, tokenRequests, ...}, config, settings, store, faults, page:{seq, entities}}`
 * — a deep copy, so a caller can keep it while the simulator goes on.
 */
export function snapshot(state: SimState, page: HostPage): Record<string, unknown> {
  return structuredClone({
    alma: state.alma,
    worldshare: state.worldshare,
    config: state.config,
    settings: state.settings,
    store: state.store,
    faults: state.faults,
    user: state.user,
    lang: state.lang,
    page: { seq: page.view(state).seq, entities: page.current() },
  });
}
