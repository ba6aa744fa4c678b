/**
 * Calendar dates ('YYYY-MM-DD') as the institution means them: a due date of 2027-04-01 stays
 * 2027-04-01 whatever the time zone of the browser that handles it. Every function here works on
 * strings and UTC arithmetic only; none of them reads the local zone of the runtime (the single
 * exception is `todayIn()` without a zone, documented there).
 */

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A date-time as ISO 8601 / xs:dateTime writes it, with an optional zone designator. */
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
/** A date with a zone designator but no time, as Alma writes dates ('2026-12-31Z'). */
const ZONED_DATE = /^(\d{4}-\d{2}-\d{2})(?:Z|[+-]\d{2}(?::?\d{2})?)$/i;

const MS_PER_DAY = 86_400_000;
const MINUTES_PER_DAY = 1440;

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
  if (!isCalendarDate(date)) throw new RangeError(`${what}: "${date}" is not a calendar date (YYYY-MM-DD)`);
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
 * Today's calendar date in `timeZone` (an IANA name such as 'America/Chicago'), at instant `now`.
 * Read through Intl, so the answer depends on the zone asked for and never on the runtime's own.
 * Without `timeZone` the runtime's resolved zone is used: for staff working in Alma that is the
 * date on their wall calendar, which is what "today" means to them (documented choice).
 * @throws RangeError for an unknown time zone name or an invalid `now`.
 */
export function todayIn(timeZone?: string, now: Date = new Date()): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('todayIn: invalid instant');
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      calendar: 'gregory',
      numberingSystem: 'latn',
    }).formatToParts(now);
  } catch {
    throw new RangeError(`todayIn: unknown time zone "${timeZone}"`);
  }
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/**
 * The calendar date a lender means by a due date (ISO 18626 `statusInfo/dueDate`, WorldShare
 * `dueDate`), as 'YYYY-MM-DD':
 * - a date only ('2021-02-24', or Alma's '2021-02-24Z') is taken as is;
 * - a date-time with an explicit offset other than UTC ('2021-02-24T00:00:00-05:00') is already
 *   local to the lender, so its written date is the date;
 * - a date-time in UTC ('...Z', '+00:00', '+0000') is read as the lender's local midnight written
 *   in UTC and rounded to the nearest UTC midnight: '2021-02-24T05:00:00Z' (midnight at UTC-5) and
 *   '2021-02-23T14:00:00Z' (midnight at UTC+10) both mean 2021-02-24. A time of exactly 12:00 goes
 *   to the next day (UTC+12 is far more common than UTC-12).
 * Assumption (OCLC's samples, contracts/iso18626, always carry local midnights): lenders east of
 * UTC+12 (UTC+13, UTC+14) or lenders writing end-of-day times in UTC would come out one day off;
 * no published document says otherwise, so the rounding rule lives only here.
 * - a date-time without any zone is local to the lender: its written date.
 * @throws RangeError when `raw` is none of these or names an impossible date.
 */
export function lenderDueDateToCalendarDate(raw: string): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (isCalendarDate(text)) return text;
  const zonedDate = ZONED_DATE.exec(text);
  if (zonedDate && isCalendarDate(zonedDate[1])) return zonedDate[1] as string;
  const m = DATE_TIME.exec(text);
  if (!m) throw new RangeError(`lenderDueDateToCalendarDate: "${raw}" is not a date or date-time`);
  const date = m[1] as string;
  const hours = Number(m[2]);
  const minutes = Number(m[3]);
  const seconds = m[4] === undefined ? 0 : Number(m[4]);
  if (!isCalendarDate(date) || hours > 24 || minutes > 59 || seconds > 60 || (hours === 24 && (minutes > 0 || seconds > 0))) {
    throw new RangeError(`lenderDueDateToCalendarDate: "${raw}" is not a valid date-time`);
  }
  const zone = m[5]?.toUpperCase();
  if (zone !== undefined && !isUtcDesignator(zone)) return date;
  if (zone === undefined) return hours === 24 ? addDays(date, 1) : date;
  const minuteOfDay = hours * 60 + minutes;
  return minuteOfDay >= MINUTES_PER_DAY / 2 ? addDays(date, 1) : date;
}

function isUtcDesignator(zone: string): boolean {
  return zone === 'Z' || /^[+-]00:?(00)?$/.test(zone);
}

/**
 * Like `lenderDueDateToCalendarDate` but answers null instead of throwing, for values read from
 * other systems that may be missing or malformed.
 */
export function tryLenderDueDateToCalendarDate(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  try {
    return lenderDueDateToCalendarDate(String(raw));
  } catch {
    return null;
  }
}

/**
 * The `due_date` value the app writes into Alma (loan `PUT /users/{user_id}/loans/{loan_id}`) for a
 * calendar date: 'YYYY-MM-DDT23:59:00Z'. Assumed, not documented by Ex Libris: end of the day so
 * the item is not shown as due earlier than the lender allows; written in UTC so it is the same
 * string from every browser.
 * @throws RangeError when `date` is not a calendar date.
 */
export function calendarDateToAlmaDueDate(date: string): string {
  assertCalendarDate(date, 'calendarDateToAlmaDueDate');
  return `${date}T23:59:00Z`;
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
