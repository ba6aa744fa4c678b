/**
 * Date formats the fake OCLC writes. Each system has its own:
 * - ILL Request API (contracts/oclc-ill/illRequestResponse.json): `2019-07-17T21:21:45.943+0000`.
 * - OAuth token `expires_at` (contracts/oclc-ill/access_token.json): `2019-08-23 18:45:29Z`.
 * - ISO 18626 `xs:dateTime` (contracts/iso18626 samples): `2021-02-09T11:24:18Z`.
 */

/** ILL Request API date-time for epoch milliseconds `ms`, e.g. `2019-07-17T21:21:45.943+0000` (UTC). */
export function oclcDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

/** OAuth `expires_at` for epoch milliseconds `ms`, e.g. `2019-08-23 18:45:29Z` (UTC, no milliseconds). */
export function tokenExpiresAt(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** ISO 18626 `xs:dateTime` for epoch milliseconds `ms`, e.g. `2021-02-09T11:24:18Z` (UTC, no milliseconds). */
export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * The lender's due date as an ISO 18626 `dueDate`.
 *
 * A calendar date (`2027-04-01`) becomes the lender's local midnight written in UTC,
 * `2027-04-01T05:00:00Z`, as in OCLC's samples (SupplyingAgencyMessageRenewYes.xml,
 * SupplyingAgencyMessageLoaned.xml). Assumed: the lender's clock is a fixed UTC-5 all year, because
 * every published sample shows 05:00Z; a real lender may write 04:00Z in summer, which is exactly
 * what the app must survive. A value that already has a time is rewritten as an `xs:dateTime` in
 * UTC (OCLC's REST format `...+0000` is not one); an unreadable value is passed through unchanged.
 */
export function lenderDueDateTime(dueDate: string): string {
  if (CALENDAR_DATE.test(dueDate)) return `${dueDate}T05:00:00Z`;
  return toIsoDateTime(dueDate) ?? dueDate;
}

/** Any date-time `Date.parse` reads (ISO, OCLC's `+0000` form) as an ISO 18626 `xs:dateTime`; undefined when unreadable. */
export function toIsoDateTime(value: string | undefined): string | undefined {
  const ms = value === undefined ? NaN : Date.parse(value);
  return Number.isNaN(ms) ? undefined : isoDateTime(ms);
}

/**
 * Adds `days` calendar days to a due date given as `YYYY-MM-DD` or a date-time (only its date part
 * is used) and returns `YYYY-MM-DD`. Throws on an unreadable date.
 */
export function addCalendarDays(dueDate: string, days: number): string {
  const day = dueDate.slice(0, 10);
  const m = CALENDAR_DATE.exec(day);
  if (!m) throw new Error(`not a calendar date: ${dueDate}`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + days);
  return new Date(ms).toISOString().slice(0, 10);
}
