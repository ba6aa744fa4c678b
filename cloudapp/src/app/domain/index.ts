/**
 * Framework-free domain code of the Cloud App: Alma and WorldShare shapes, the citation mapping
 * and its checks, identifier checks, status and action rules, ISO 18626 messages, calendar dates,
 * stored settings and WorldShare error descriptions. No Angular here.
 */
export * from './action-rules';
export * from './alma-request';
export * from './alma-status';
export * from './calendar-date';
export * from './citation-fields';
export * from './citation-mapping';
export * from './export-checks';
export * from './identifiers';
export * from './institution-config';
export * from './iso18626';
export * from './lender-message';
export * from './settings-repair';
export * from './user-settings';
export * from './worldshare-errors';
export * from './worldshare-request';
export * from './worldshare-status';
export * from './analytics-report';
export * from './analytics-columns';
export * from './report-reconcile';
