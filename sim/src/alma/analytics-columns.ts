/**
 * The columns a fake Analytics report can have: the Analytics field each shows, with the heading the
 * fake gives it (what the Analytics UI shows for the field; assumed names). `title` is a column the
 * app does not read, so a report can carry one it must pass over. The one list of them: the reset
 * body's schema refuses any other column, and the report's XML takes its headings from here.
 */
export const ANALYTICS_HEADINGS = {
  requestId: 'Request ID',
  userId: 'Primary Identifier',
  externalId: 'External Identifier',
  partnerCode: 'Partner Code',
  status: 'Request Status',
  lastModified: 'Last Modified Date',
  title: 'Title',
} as const;

/** A column of a fake Analytics report (the Analytics field it shows). */
export type SimAnalyticsColumn = keyof typeof ANALYTICS_HEADINGS;

/** Every column a fake report may have. */
export const ANALYTICS_COLUMNS = Object.keys(ANALYTICS_HEADINGS) as SimAnalyticsColumn[];
