import type { SimState } from '../state.js';

/** A SimState with nothing in it: no requests, calls, faults or delay. For tests of the fake OCLC. */
export function emptyState(): SimState {
  return {
    alma: { requests: [], loans: [], calls: [], codeTables: {} },
    worldshare: { requests: [], messages: [], pushes: [], calls: [], tokenRequests: [] },
    config: {},
    settings: {},
    store: {},
    faults: [],
    apiDelayMs: 0,
    almaRateLimit: 0,
    cloudAppLimits: { concurrent: 0, perWindow: 0, windowMs: 5000 },
    analytics: { reports: [] },
  };
}
