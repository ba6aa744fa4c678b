import type {
  AlmaBorrowingRequest,
  AlmaLoan,
  AlmaPartner,
  CloudAppLimits,
  FaultRule,
  HostUser,
  JwtOverrides,
  SimAnalyticsReport,
  SimState,
  WorldShareRequest,
} from '../state.js';
import { DEFAULT_ANALYTICS_REPORT, DEFAULT_CLOUD_APP_LIMITS } from './analytics.js';
import { CASE_REQUESTS } from './case-requests.js';
import { SEED_CODE_TABLES } from './code-tables.js';
import { EXTRA_REQUESTS } from './extra-requests.js';
import { SEED_LOANS } from './loans.js';
import { SEED_PARTNERS } from './partners.js';

/** Seed borrowing requests: the ten shared cases (01..10) then the extra ones (11..14). */
export const SEED_REQUESTS: AlmaBorrowingRequest[] = [...CASE_REQUESTS, ...EXTRA_REQUESTS];

/** The staff user INIT_DATA reports unless a reset names another (invented). */
export const DEFAULT_USER: HostUser = {
  firstName: 'Robin',
  lastName: 'Okonkwo',
  primaryId: 'staff.robin',
  currentlyAtLibCode: 'MAIN',
  currentlyAtCircDesk: 'RS_DESK',
  currentlyAtDept: 'RS_MAIN',
  isAdmin: true,
};

/** Alma's per-second API threshold (25 calls per second per institution; documented). */
export const DEFAULT_ALMA_RATE_LIMIT = 25;

export { DEFAULT_ANALYTICS_REPORT, DEFAULT_CLOUD_APP_LIMITS };

/**
 * What `POST /__sim/reset` accepts: every part optional; a missing part gets its seed or default
 * (`requests` absent = the seed requests; `requests: []` = none).
 */
export interface ResetSpec {
  requests?: AlmaBorrowingRequest[];
  loans?: AlmaLoan[];
  config?: Record<string, unknown>;
  settings?: Record<string, unknown>;
  store?: Record<string, unknown>;
  /** The fake OCLC's data: its requests (with each one's fake lender) and, optionally, the lenders it knows. */
  worldshare?: { requests?: WorldShareRequest[]; knownSuppliers?: number[] };
  faults?: FaultRule[];
  /** Partial INIT_DATA user, merged over DEFAULT_USER: the user the host page is opened as by default. */
  user?: Partial<HostUser>;
  /**
   * Other staff users of the institution (open the host page as one with `?user=<primaryId>`), each
   * with their own settings and Cloud App store; missing user fields come from DEFAULT_USER.
   */
  users?: (Partial<HostUser> & {
    primaryId: string;
    settings?: Record<string, unknown>;
    store?: Record<string, unknown>;
  })[];
  lang?: string;
  apiDelayMs?: number;
  almaRateLimit?: number;
  /** Cloud App call limits per user; absent = Ex Libris's documented 10 at once, 25 in 5 s. */
  cloudAppLimits?: Partial<CloudAppLimits>;
  /** Analytics reports the fake knows; absent = DEFAULT_ANALYTICS_REPORT. */
  analytics?: { reports?: SimAnalyticsReport[] };
  partners?: AlmaPartner[];
  codeTables?: Record<string, { code: string; description: string }[]>;
  /** How the host's JWT_AUTH_TOKEN answer should deviate from a good token. */
  jwt?: JwtOverrides;
}

/**
 * Builds a fresh SimState from a reset spec, copying everything so later mutation by the fakes never
 * touches the seeds or the caller's objects.
 */
export function createSimState(spec: ResetSpec = {}): SimState {
  const copy = <T>(v: T): T => structuredClone(v);
  return {
    alma: {
      requests: copy(spec.requests ?? SEED_REQUESTS),
      loans: copy(spec.loans ?? SEED_LOANS),
      calls: [],
      codeTables: copy(spec.codeTables ?? SEED_CODE_TABLES),
      partners: copy(spec.partners ?? SEED_PARTNERS),
      patronNotifications: [],
    },
    worldshare: {
      requests: copy(spec.worldshare?.requests ?? []),
      messages: [],
      pushes: [],
      calls: [],
      tokenRequests: [],
      ...(spec.worldshare?.knownSuppliers
        ? { knownSuppliers: [...spec.worldshare.knownSuppliers] }
        : {}),
    },
    config: copy(spec.config ?? {}),
    settings: copy(spec.settings ?? {}),
    store: copy(spec.store ?? {}),
    faults: copy(spec.faults ?? []).map((f) => ({ ...f, used: 0 })),
    apiDelayMs: spec.apiDelayMs ?? 0,
    almaRateLimit: spec.almaRateLimit ?? DEFAULT_ALMA_RATE_LIMIT,
    cloudAppLimits: { ...DEFAULT_CLOUD_APP_LIMITS, ...(spec.cloudAppLimits ?? {}) },
    analytics: { reports: copy(spec.analytics?.reports ?? [DEFAULT_ANALYTICS_REPORT]) },
    user: { ...DEFAULT_USER, ...copy(spec.user ?? {}) },
    otherUsers: Object.fromEntries(
      (spec.users ?? []).map(({ settings, store, ...user }) => [
        user.primaryId,
        {
          user: { ...DEFAULT_USER, isAdmin: false, ...copy(user) },
          settings: copy(settings ?? {}),
          store: copy(store ?? {}),
        },
      ]),
    ),
    lang: spec.lang ?? 'en',
    jwt: copy(spec.jwt ?? {}),
  };
}
