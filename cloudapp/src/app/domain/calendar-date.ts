/**
 * Calendar dates ('YYYY-MM-DD') as the institution means them, and the instants lenders send.
 * A lender's due date is an instant; its calendar date is that instant in the institution's time
 * zone (an IANA name, institution configuration `timeZone`); the date written to Alma is the end of
 * that day in that zone. Zone work goes through date-fns and @date-fns/tz; nothing here reads the
 * runtime's zone except the documented defaults (`browserTimeZone`).
 */
import { tz } from '@date-fns/tz';
import { endOfDay, format, parseISO } from 'date-fns';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const MS_PER_DAY = 86_400_000;

/**
 * True when `s` is a real calendar date written 'YYYY-MM-DD' (month 01-12, a day that exists in
 * that month, leap years included).
 */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = CALENDAR_DATE.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps DST out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function assertCalendarDate(date: string, what: string): void {
  if (!isCalendarDate(date))
    throw new RangeError(`${what}: "${date}" is not a calendar date (YYYY-MM-DD)`);
}

function utcMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  if (year < 0 || year > 9999) throw new RangeError(`date out of range (year ${year})`);
  return `${String(year).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/**
 * `date` plus `n` whole days (n may be negative), e.g. addDays('2026-12-31', 1) = '2027-01-01'.
 * Pure UTC arithmetic, so no daylight-saving day ever has 23 or 25 hours here.
 * @throws RangeError when `date` is not a calendar date or `n` is not an integer.
 */
export function addDays(date: string, n: number): string {
  assertCalendarDate(date, 'addDays');
  if (!Number.isInteger(n)) throw new RangeError(`addDays: ${n} is not a whole number of days`);
  return formatUtcDate(utcMidnight(date) + n * MS_PER_DAY);
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier), both calendar dates.
 * @throws RangeError when either is not a calendar date.
 */
export function daysBetween(from: string, to: string): number {
  assertCalendarDate(from, 'daysBetween');
  assertCalendarDate(to, 'daysBetween');
  return Math.round((utcMidnight(to) - utcMidnight(from)) / MS_PER_DAY);
}

/**
 * True when `name` is an IANA time zone name the runtime knows (e.g. 'America/New_York', 'UTC').
 */
export function isTimeZone(name: unknown): name is string {
  if (typeof name !== 'string' || name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/**
 * The runtime's own IANA time zone (for staff in Alma: the zone of their computer), 'UTC' when the
 * runtime names none. The default of the institution's `timeZone` setting.
 */
export function browserTimeZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return isTimeZone(zone) ? zone : 'UTC';
}

function assertTimeZone(timeZone: string, what: string): void {
  if (!isTimeZone(timeZone)) throw new RangeError(`${what}: unknown time zone "${timeZone}"`);
}

/**
 * Today's calendar date in `timeZone` (an IANA name such as 'America/Chicago'), at instant `now`.
 * Without `timeZone` the runtime's zone is used (`browserTimeZone`): for staff working in Alma that
 * is the date on their wall calendar (documented choice).
 * @throws RangeError for an unknown time zone name or an invalid `now`.
 */
export function todayIn(timeZone: string = browserTimeZone(), now: Date = new Date()): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayIn: invalid instant');
  assertTimeZone(timeZone, 'todayIn');
  return format(now, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** A trailing zone name in brackets, as some ISO 18626 systems add ('...Z[UTC]', '...[Europe/Berlin]'). */
const BRACKETED_ZONE = /\[([^\]]*)\]$/;
/** A date with a zone designator but no time, as Alma writes dates ('2026-12-31Z'). */
const ZONED_DATE_ONLY = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;
/** The shapes of xs:dateTime (and its common variants) this module reads. */
const LENDER_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A lender's due date (ISO 18626 `statusInfo/dueDate`, WorldShare `dueDate`) read as what it is:
 * - `{kind: 'date', date}` for a plain date ('2021-02-24', or Alma's '2021-02-24Z'): a calendar date;
 * - `{kind: 'instant', instant}` for an xs:dateTime, with or without seconds, with fractional
 *   seconds, with an offset or 'Z', with a trailing zone name in brackets ('...Z[UTC]'; the offset
 *   decides, the name is only read when there is no offset). A date-time with neither offset nor
 *   name is read in `timeZone`.
 * Parsing is date-fns `parseISO` in the zone (@date-fns/tz); nothing is computed by hand.
 * @throws RangeError when `raw` is none of these, names an impossible date, or `timeZone` is unknown.
 */
export function parseLenderDueDate(
  raw: string,
  timeZone: string,
): { kind: 'date'; date: string } | { kind: 'instant'; instant: Date } {
  assertTimeZone(timeZone, 'parseLenderDueDate');
  let text: string = typeof raw === 'string' ? raw.trim() : '';
  const isDate = (v: string): boolean => isCalendarDate(v);
  if (isDate(text)) return { kind: 'date', date: text };
  const zonedDate = ZONED_DATE_ONLY.exec(text);
  if (zonedDate && isCalendarDate(zonedDate[1]))
    return { kind: 'date', date: zonedDate[1] as string };
  let readIn = timeZone;
  const bracket = BRACKETED_ZONE.exec(text);
  if (bracket) {
    text = text.slice(0, bracket.index);
    const named = bracket[1] ?? '';
    if (named !== '' && isTimeZone(named)) readIn = named;
    else if (named !== '')
      throw new RangeError(`parseLenderDueDate: unknown time zone "${named}" in "${raw}"`);
  }
  if (!LENDER_DATE_TIME.test(text) || !isDate(text.slice(0, 10))) {
    throw new RangeError(`parseLenderDueDate: "${raw}" is not a date or date-time`);
  }
  const instant = parseISO(text.replace(' ', 'T').replace(',', '.').toUpperCase(), {
    in: tz(readIn),
  });
  if (Number.isNaN(instant.getTime()))
    throw new RangeError(`parseLenderDueDate: "${raw}" is not a valid date-time`);
  return { kind: 'instant', instant: new Date(instant.getTime()) };
}

/**
 * The calendar date ('YYYY-MM-DD') a lender's due date means at the institution: a plain date as
 * is; an instant as the date it falls on in the institution's `timeZone` (IANA). In
 * America/New_York: '2021-02-24T05:00:00Z' is 2021-02-24; '2022-10-27T03:59Z' is 2022-10-26 (a
 * lender's end of day in New York written in UTC); '2025-05-29T21:14:07.123456Z[UTC]' is 2025-05-29.
 * @throws RangeError as `parseLenderDueDate`.
 */
export function lenderDueDateToCalendarDate(
  raw: string,
  timeZone: string = browserTimeZone(),
): string {
  const parsed = parseLenderDueDate(raw, timeZone);
  if (parsed.kind === 'date') return parsed.date;
  return format(parsed.instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/**
 * Like `lenderDueDateToCalendarDate` but answers null instead of throwing, for values read from
 * other systems that may be missing or malformed.
 */
export function tryLenderDueDateToCalendarDate(
  raw: string | null | undefined,
  timeZone: string = browserTimeZone(),
): string | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  try {
    return lenderDueDateToCalendarDate(String(raw), timeZone);
  } catch {
    return null;
  }
}

/**
 * The `due_date` value the app writes into Alma (loan `PUT /users/{user_id}/loans/{loan_id}`) for a
 * calendar date: the last second of that day in the institution's `timeZone`, as an ISO 8601 UTC
 * date-time, e.g. 2027-04-01 in America/New_York -> '2027-04-02T03:59:59Z'. End of the day so the
 * item is never shown as due earlier than the lender allows (assumed, not documented by Ex Libris).
 * @throws RangeError when `date` is not a calendar date or the zone is unknown.
 */
export function calendarDateToAlmaDueDate(
  date: string,
  timeZone: string = browserTimeZone(),
): string {
  assertCalendarDate(date, 'calendarDateToAlmaDueDate');
  assertTimeZone(timeZone, 'calendarDateToAlmaDueDate');
  const startOfDayThere = parseISO(date, { in: tz(timeZone) });
  return new Date(endOfDay(startOfDayThere, { in: tz(timeZone) }).getTime())
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
}

/**
 * A calendar date as WorldShare's ILL Request API date-time (`illRequest.needed`):
 * 'YYYY-MM-DDT00:00:00.000Z' (the form of OCLC's sample bodies, contracts/oclc-ill).
 * @throws RangeError when `date` is not a calendar date.
 */
export function calendarDateToWorldShareDateTime(date: string): string {
  assertCalendarDate(date, 'calendarDateToWorldShareDateTime');
  return `${date}T00:00:00.000Z`;
}
