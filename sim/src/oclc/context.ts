import type { FastifyRequest } from 'fastify';
import type { SimState } from '../state.js';
import type { OclcInstitution } from './institutions.js';
import type { LenderPusher } from './lender-push.js';
import type { RateLimiter } from './rate-limiter.js';
import type { TokenStore } from './token-store.js';

/** Everything the fake OCLC's routes share. `now()` is epoch milliseconds (replaceable in tests). */
export interface FakeOclcContext {
  institutions: OclcInstitution[];
  tokenLifetimeSec: number;
  now: () => number;
  tokens: TokenStore;
  rateLimiter: RateLimiter;
  /** The fake lender's outgoing side: pushes answers to each institution's requester endpoint. */
  pusher: LenderPusher;
  /**
   * The SimState a call works on: taken once when the call arrives, so a `/__sim/reset` in the
   * middle of a call cannot split it across two states.
   */
  stateOf(req: FastifyRequest): SimState;
}
