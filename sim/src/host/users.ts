import { DEFAULT_USER } from '../seed/index.js';
import type { HostUser, SimState } from '../state.js';

/**
 * What the simulated Alma keeps for one signed-in staff user: who they are (INIT_DATA, the JWT's
 * `sub`), their Cloud App settings and their Cloud App store. Alma keeps settings and store per
 * user and app; the institution configuration is shared.
 */
export interface UserSpace {
  user: HostUser;
  settings(): Record<string, unknown>;
  setSettings(value: Record<string, unknown>): void;
  store(): Record<string, unknown>;
}

/** The default user's primary id in this state. */
export function defaultUserId(state: SimState): string {
  return (state.user ?? DEFAULT_USER).primaryId;
}

/**
 * The space of the user the host page was opened as (`?user=<primary id>`); no id, an empty one or
 * the default user's id = the default user. Undefined for a user the simulator does not know
 * (Alma would not have signed them in).
 */
export function userSpace(state: SimState, primaryId?: string): UserSpace | undefined {
  if (!primaryId || primaryId === defaultUserId(state)) {
    return {
      user: state.user ?? DEFAULT_USER,
      settings: () => state.settings,
      setSettings: (value) => {
        state.settings = value;
      },
      store: () => state.store,
    };
  }
  const other =
    state.otherUsers && Object.hasOwn(state.otherUsers, primaryId)
      ? state.otherUsers[primaryId]
      : undefined;
  if (!other) return undefined;
  return {
    user: other.user,
    settings: () => other.settings,
    setSettings: (value) => {
      other.settings = value;
    },
    store: () => other.store,
  };
}

/** Every user's store (the default user's included), by primary id, for `/__sim/state`. */
export function storesByUser(state: SimState): Record<string, Record<string, unknown>> {
  const stores: Record<string, Record<string, unknown>> = { [defaultUserId(state)]: state.store };
  for (const [id, other] of Object.entries(state.otherUsers ?? {})) stores[id] = other.store;
  return stores;
}

/** Every user's settings (the default user's included), by primary id, for `/__sim/state`. */
export function settingsByUser(state: SimState): Record<string, Record<string, unknown>> {
  const settings: Record<string, Record<string, unknown>> = {
    [defaultUserId(state)]: state.settings,
  };
  for (const [id, other] of Object.entries(state.otherUsers ?? {})) settings[id] = other.settings;
  return settings;
}
