import type { CloudAppLimits, SimAnalyticsReport } from '../state.js';

/** The Analytics report the simulator knows unless a reset names others (invented path; the columns the help page lists). */
export const DEFAULT_ANALYTICS_REPORT: SimAnalyticsReport = {
  path: '/shared/Sim University/Reports/WorldShare Bridge/Exported borrowing requests',
  columns: ['requestId', 'userId', 'externalId', 'partnerCode', 'status', 'lastModified'],
};

/**
 * Ex Libris's limits on REST calls made through the Cloud App SDK (developers.exlibrisgroup.com,
 * Cloud Apps "REST Service": "limited to 10 simultaneous requests and 25 requests in 5 seconds"; documented).
 */
export const DEFAULT_CLOUD_APP_LIMITS: CloudAppLimits = {
  concurrent: 10,
  perWindow: 25,
  windowMs: 5000,
};
