import {
  addDays,
  calendarDateToAlmaDueDate,
  calendarDateToWorldShareDateTime,
  daysBetween,
  isCalendarDate,
  lenderDueDateToCalendarDate,
  todayIn,
  tryLenderDueDateToCalendarDate,
} from './calendar-date';
import { almaDateToCalendarDate } from './alma-request';

/** Local-time getters of Date: none of the calendar functions may call them. */
const LOCAL_GETTERS = ['getDate', 'getDay', 'getMonth', 'getFullYear', 'getHours', 'getMinutes'] as const;

/**
 * Runs `body` as if the runtime sat at `offsetMinutes` (getTimezoneOffset's sign: 300 = UTC-5,
 * -600 = UTC+10) and makes every local-time getter throw, so any leak of local time fails loudly.
 */
function underForcedZone(offsetMinutes: number, body: () => void): void {
  spyOn(Date.prototype, 'getTimezoneOffset').and.returnValue(offsetMinutes);
  for (const getter of LOCAL_GETTERS) spyOn(Date.prototype, getter).and.throwError(`local time read through ${getter}`);
  body();
}

/** The assertions every zone must agree on. */
function zoneIndependentAssertions(): void {
  expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00Z')).toBe('2021-02-24');
  expect(lenderDueDateToCalendarDate('2021-02-23T14:00:00Z')).toBe('2021-02-24');
  expect(lenderDueDateToCalendarDate('2021-03-11T05:00:00Z')).toBe('2021-03-11');
  expect(lenderDueDateToCalendarDate('2027-04-01')).toBe('2027-04-01');
  expect(lenderDueDateToCalendarDate('2027-04-01T00:00:00-05:00')).toBe('2027-04-01');
  expect(lenderDueDateToCalendarDate('2027-04-01T00:00:00+10:00')).toBe('2027-04-01');
  expect(calendarDateToAlmaDueDate('2027-04-01')).toBe('2027-04-01T23:59:00Z');
  expect(almaDateToCalendarDate(calendarDateToAlmaDueDate('2027-04-01'))).toBe('2027-04-01');
  expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
  expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
  expect(addDays('2026-11-30', 30)).toBe('2026-12-30');
  expect(daysBetween('2026-03-07', '2026-03-09')).toBe(2);
  expect(todayIn('America/Chicago', new Date(Date.UTC(2026, 10, 30, 3, 0)))).toBe('2026-11-29');
  expect(todayIn('Australia/Sydney', new Date(Date.UTC(2026, 10, 30, 3, 0)))).toBe('2026-11-30');
  expect(todayIn('UTC', new Date(Date.UTC(2026, 10, 30, 3, 0)))).toBe('2026-11-30');
}

describe('calendar-date', () => {
  describe('isCalendarDate', () => {
    it('accepts real dates, leap days included', () => {
      expect(isCalendarDate('2026-11-30')).toBeTrue();
      expect(isCalendarDate('2024-02-29')).toBeTrue();
      expect(isCalendarDate('2000-02-29')).toBeTrue();
      expect(isCalendarDate('2026-12-31')).toBeTrue();
    });

    it('refuses impossible dates and other shapes', () => {
      for (const bad of ['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-01', '26-01-01', '2026-01-01Z', '2026-01-01T00:00:00Z', '', ' 2026-01-01']) {
        expect(isCalendarDate(bad)).withContext(bad).toBeFalse();
      }
      expect(isCalendarDate(null)).toBeFalse();
      expect(isCalendarDate(20261130)).toBeFalse();
    });
  });

  describe('addDays and daysBetween', () => {
    it('crosses months, years and leap days', () => {
      expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
      expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
      expect(addDays('2026-11-30', 0)).toBe('2026-11-30');
      expect(addDays('2026-01-31', 365)).toBe('2027-01-31');
    });

    it('counts whole days either way', () => {
      expect(daysBetween('2026-11-30', '2026-12-30')).toBe(30);
      expect(daysBetween('2026-12-30', '2026-11-30')).toBe(-30);
      expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    });

    it('throws on a bad date or a fractional day count', () => {
      expect(() => addDays('2026-02-30', 1)).toThrowError(RangeError, /not a calendar date/);
      expect(() => addDays('tomorrow', 1)).toThrowError(RangeError);
      expect(() => addDays('2026-11-30', 1.5)).toThrowError(RangeError, /whole number/);
      expect(() => addDays('2026-11-30', NaN)).toThrowError(RangeError);
      expect(() => daysBetween('2026-11-30', 'x')).toThrowError(RangeError);
    });
  });

  describe('todayIn', () => {
    const instant = new Date(Date.UTC(2026, 10, 30, 23, 30)); // 2026-11-30 23:30 UTC

    it('gives the date in the zone asked for, not the runtime zone', () => {
      expect(todayIn('UTC', instant)).toBe('2026-11-30');
      expect(todayIn('America/New_York', instant)).toBe('2026-11-30');
      expect(todayIn('Pacific/Auckland', instant)).toBe('2026-12-01');
      expect(todayIn('Asia/Tokyo', instant)).toBe('2026-12-01');
    });

    it('uses the current instant when none is given', () => {
      expect(isCalendarDate(todayIn('UTC'))).toBeTrue();
      expect(isCalendarDate(todayIn())).toBeTrue();
    });

    it('throws on an unknown zone or an invalid instant', () => {
      expect(() => todayIn('Mars/Olympus_Mons', instant)).toThrowError(RangeError, /unknown time zone/);
      expect(() => todayIn('UTC', new Date(NaN))).toThrowError(RangeError, /invalid instant/);
    });
  });

  describe('lenderDueDateToCalendarDate', () => {
    it('reads a UTC date-time as the lender local midnight, rounded to the nearest UTC midnight', () => {
      expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00Z')).toBe('2021-02-24'); // UTC-5
      expect(lenderDueDateToCalendarDate('2021-02-23T14:00:00Z')).toBe('2021-02-24'); // UTC+10
      expect(lenderDueDateToCalendarDate('2021-02-24T00:00:00Z')).toBe('2021-02-24'); // UTC
      expect(lenderDueDateToCalendarDate('2021-02-24T11:59:59Z')).toBe('2021-02-24'); // just before noon
      expect(lenderDueDateToCalendarDate('2021-02-23T12:00:00Z')).toBe('2021-02-24'); // UTC+12 midnight
      expect(lenderDueDateToCalendarDate('2019-08-31T00:00:00.000+0000')).toBe('2019-08-31'); // OCLC's form
      expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00.000+00:00')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-23t14:00:00z')).toBe('2021-02-24');
    });

    it('takes the written date of a date-time with an explicit non-UTC offset', () => {
      expect(lenderDueDateToCalendarDate('2021-02-24T00:00:00-05:00')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T23:59:00-05:00')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T00:00:00+1000')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T18:00:00+01')).toBe('2021-02-24');
    });

    it('takes a date or an Alma-style zoned date as is', () => {
      expect(lenderDueDateToCalendarDate('2021-02-24')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(' 2021-02-24 ')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24Z')).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T17:00:00')).toBe('2021-02-24');
    });

    it('throws a RangeError on anything else', () => {
      for (const bad of ['', 'soon', '2021-02-30T05:00:00Z', '2021-02-24T25:00:00Z', '2021-02-24T10:61:00Z', '24/02/2021', '2021-02-24T05:00:00Q']) {
        expect(() => lenderDueDateToCalendarDate(bad)).withContext(bad).toThrowError(RangeError);
      }
    });

    it('has a lenient twin that answers null instead of throwing', () => {
      expect(tryLenderDueDateToCalendarDate('2021-02-24T05:00:00Z')).toBe('2021-02-24');
      expect(tryLenderDueDateToCalendarDate('garbage')).toBeNull();
      expect(tryLenderDueDateToCalendarDate('')).toBeNull();
      expect(tryLenderDueDateToCalendarDate(null)).toBeNull();
      expect(tryLenderDueDateToCalendarDate(undefined)).toBeNull();
    });
  });

  describe('dates written to Alma and WorldShare', () => {
    it('writes the end of the calendar day in UTC for Alma', () => {
      expect(calendarDateToAlmaDueDate('2027-04-01')).toBe('2027-04-01T23:59:00Z');
      expect(() => calendarDateToAlmaDueDate('2027-04-31')).toThrowError(RangeError);
    });

    it('writes midnight UTC for WorldShare needed-by', () => {
      expect(calendarDateToWorldShareDateTime('2026-12-31')).toBe('2026-12-31T00:00:00.000Z');
      expect(() => calendarDateToWorldShareDateTime('2026-12-32')).toThrowError(RangeError);
    });
  });

  describe('never reads the local time zone', () => {
    it('gives the same answers at the runtime zone', () => {
      zoneIndependentAssertions();
    });

    it('gives the same answers with local time forced to UTC-5', () => {
      underForcedZone(300, zoneIndependentAssertions);
      expect(new Date().getTimezoneOffset()).toBe(300);
    });

    it('gives the same answers with local time forced to UTC+10', () => {
      underForcedZone(-600, zoneIndependentAssertions);
      expect(new Date().getTimezoneOffset()).toBe(-600);
    });

    it('really does trap local-time reads in the forced zone', () => {
      underForcedZone(-600, () => {
        expect(() => new Date().getHours()).toThrowError(/local time/);
      });
    });
  });
});
