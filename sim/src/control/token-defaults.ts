import type { CloudAppTokenDefaults } from '../jwt/signer.js';
import { DEFAULT_USER } from '../seed/index.js';
import type { SimState } from '../state.js';

/** Who the simulated Alma is: the token issuer, the Cloud App id and the institution code. */
export interface SimIdentity {
  issuer: string;
  appId: string;
  instCode: string;
}

/**
 * The claims of a good Cloud App token for a staff user (`sub` = the user's primary id; default: the
 * default user's).
 */
export function tokenDefaults(
  identity: SimIdentity,
  state: SimState,
  primaryId?: string,
): CloudAppTokenDefaults {
  return { ...identity, subject: primaryId ?? (state.user ?? DEFAULT_USER).primaryId };
}
