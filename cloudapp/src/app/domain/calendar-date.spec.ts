import {
  addDays,
  calendarDateToAlmaDueDate,
  calendarDateToWorldShareDateTime,
  daysBetween,
  browserTimeZone,
  isCalendarDate,
  isTimeZone,
  lenderDueDateToCalendarDate,
  todayIn,
  tryLenderDueDateToCalendarDate,
} from './calendar-date';
import { almaDateToCalendarDate } from './alma-request';

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const BERLIN = 'Europe/Berlin';
const SYDNEY = 'Australia/Sydney';

/** Local-time getters of Date: none of the calendar functions may call them. */
const LOCAL_GETTERS = [
  'getDate',
  'getDay',
  'getMonth',
  'getFullYear',
  'getHours',
  'getMinutes',
] as const;

/**
 * Runs `body` as if the runtime sat at `offsetMinutes` (getTimezoneOffset's sign: 300 = UTC-5,
 * -600 = UTC+10) and makes every local-time getter throw, so any leak of local time fails loudly.
 */
function underForcedZone(offsetMinutes: number, body: () => void): void {
  spyOn(Date.prototype, 'getTimezoneOffset').and.returnValue(offsetMinutes);
  for (const getter of LOCAL_GETTERS)
    spyOn(Date.prototype, getter).and.throwError(`local time read through ${getter}`);
  body();
}

/** The assertions every zone must agree on. */
function zoneIndependentAssertions(): void {
  expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00Z', NY)).toBe('2021-02-24');
  expect(lenderDueDateToCalendarDate('2022-10-27T03:59Z', NY)).toBe('2022-10-26');
  expect(lenderDueDateToCalendarDate('2021-02-23T14:00:00Z', SYDNEY)).toBe('2021-02-24');
  expect(lenderDueDateToCalendarDate('2027-04-01', BERLIN)).toBe('2027-04-01');
  // calendarDateToAlmaDueDate is not here: @date-fns/tz mirrors a zone through the runtime's own
  // getTimezoneOffset, which the forced-zone fake below cannot imitate consistently. It is checked
  // across zones and daylight-saving changes above, and the e2e renewals run browsers in other zones.
  expect(almaDateToCalendarDate('2027-04-01Z')).toBe('2027-04-01');
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
      for (const bad of [
        '2026-02-29',
        '1900-02-29',
        '2026-13-01',
        '2026-00-10',
        '2026-04-31',
        '2026-1-01',
        '26-01-01',
        '2026-01-01Z',
        '2026-01-01T00:00:00Z',
        '',
        ' 2026-01-01',
      ]) {
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
      expect(() => todayIn('Mars/Olympus_Mons', instant)).toThrowError(
        RangeError,
        /unknown time zone/,
      );
      expect(() => todayIn('UTC', new Date(NaN))).toThrowError(RangeError, /invalid instant/);
    });
  });

  describe('lenderDueDateToCalendarDate: the instant in the institution time zone', () => {
    it("reads the issue's examples in America/New_York", () => {
      expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00Z', NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2022-10-27T03:59Z', NY)).toBe('2022-10-26');
      expect(lenderDueDateToCalendarDate('2025-05-29T21:14:07.123456Z[UTC]', NY)).toBe(
        '2025-05-29',
      );
      expect(lenderDueDateToCalendarDate('2021-02-24', NY)).toBe('2021-02-24');
    });

    it('gives the date the instant falls on in New York, Los Angeles, Berlin and Sydney', () => {
      const instant = '2021-02-24T05:00:00Z';
      expect(lenderDueDateToCalendarDate(instant, NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(instant, LA)).toBe('2021-02-23');
      expect(lenderDueDateToCalendarDate(instant, BERLIN)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(instant, SYDNEY)).toBe('2021-02-24');
      const lateUtc = '2021-02-24T23:30:00Z';
      expect(lenderDueDateToCalendarDate(lateUtc, NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(lateUtc, LA)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(lateUtc, BERLIN)).toBe('2021-02-25');
      expect(lenderDueDateToCalendarDate(lateUtc, SYDNEY)).toBe('2021-02-25');
    });

    it('follows daylight saving: the same UTC hour is another date once the clocks change', () => {
      // New York: EST (UTC-5) until 2026-03-08 02:00, then EDT (UTC-4). 04:30Z is 23:30 EST the day before,
      // 00:30 EDT the same day.
      expect(lenderDueDateToCalendarDate('2026-03-08T04:30:00Z', NY)).toBe('2026-03-07');
      expect(lenderDueDateToCalendarDate('2026-03-09T04:30:00Z', NY)).toBe('2026-03-09');
      // Berlin: CET (UTC+1) until 2026-03-29 02:00, then CEST (UTC+2).
      expect(lenderDueDateToCalendarDate('2026-03-28T22:30:00Z', BERLIN)).toBe('2026-03-28');
      expect(lenderDueDateToCalendarDate('2026-03-29T22:30:00Z', BERLIN)).toBe('2026-03-30');
      // Sydney: AEST (UTC+10) until 2026-10-04 02:00, then AEDT (UTC+11).
      expect(lenderDueDateToCalendarDate('2026-10-03T13:30:00Z', SYDNEY)).toBe('2026-10-03');
      expect(lenderDueDateToCalendarDate('2026-10-04T13:30:00Z', SYDNEY)).toBe('2026-10-05');
      // Los Angeles: PDT (UTC-7) until 2026-11-01 02:00, then PST (UTC-8).
      expect(lenderDueDateToCalendarDate('2026-10-31T07:30:00Z', LA)).toBe('2026-10-31');
      expect(lenderDueDateToCalendarDate('2026-11-02T07:30:00Z', LA)).toBe('2026-11-01');
    });

    it('accepts xs:dateTime without seconds, with fractional seconds, offsets and a bracketed zone name', () => {
      expect(lenderDueDateToCalendarDate('2021-02-24T05:00Z', NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T05:00:00.5Z', NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2019-08-31T00:00:00.000+0000', NY)).toBe('2019-08-30');
      expect(lenderDueDateToCalendarDate('2021-02-24T00:00:00-05:00', NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T00:00:00+10:00', SYDNEY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T18:00:00+01', BERLIN)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24t05:00:00z', NY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24T00:30:00[Europe/Berlin]', BERLIN)).toBe(
        '2021-02-24',
      );
      expect(lenderDueDateToCalendarDate('2021-02-24T00:30:00[Europe/Berlin]', NY)).toBe(
        '2021-02-23',
      );
    });

    it('reads a date-time without a zone in the institution zone, and a date (or Alma zoned date) as is', () => {
      expect(lenderDueDateToCalendarDate('2021-02-24T17:00:00', SYDNEY)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate(' 2021-02-24 ', LA)).toBe('2021-02-24');
      expect(lenderDueDateToCalendarDate('2021-02-24Z', SYDNEY)).toBe('2021-02-24');
    });

    it('throws a RangeError on anything else, an unknown zone included', () => {
      for (const bad of [
        '',
        'soon',
        '2021-02-30T05:00:00Z',
        '2021-02-24T25:00:00Z',
        '2021-02-24T10:61:00Z',
        '24/02/2021',
        '2021-02-24T05:00:00Q',
        '2021-02-24T05:00Z[Mars/Base]',
      ]) {
        expect(() => lenderDueDateToCalendarDate(bad, NY))
          .withContext(bad)
          .toThrowError(RangeError);
      }
      expect(() => lenderDueDateToCalendarDate('2021-02-24T05:00:00Z', 'Mars/Base')).toThrowError(
        RangeError,
        /time zone/,
      );
    });

    it('has a lenient twin that answers null instead of throwing', () => {
      expect(tryLenderDueDateToCalendarDate('2021-02-24T05:00:00Z', NY)).toBe('2021-02-24');
      expect(tryLenderDueDateToCalendarDate('garbage', NY)).toBeNull();
      expect(tryLenderDueDateToCalendarDate('', NY)).toBeNull();
      expect(tryLenderDueDateToCalendarDate(null, NY)).toBeNull();
      expect(tryLenderDueDateToCalendarDate(undefined, NY)).toBeNull();
    });
  });

  describe('time zone names', () => {
    it('knows IANA names and refuses others', () => {
      expect(isTimeZone(NY)).toBeTrue();
      expect(isTimeZone('UTC')).toBeTrue();
      expect(isTimeZone('Mars/Base')).toBeFalse();
      expect(isTimeZone('')).toBeFalse();
      expect(isTimeZone(5)).toBeFalse();
      expect(isTimeZone(browserTimeZone())).toBeTrue();
    });
  });

  describe('dates written to Alma and WorldShare', () => {
    it('writes the end of the calendar day in the institution zone for Alma, across daylight-saving changes', () => {
      expect(calendarDateToAlmaDueDate('2027-04-01', NY)).toBe('2027-04-02T03:59:59Z');
      expect(calendarDateToAlmaDueDate('2027-01-15', NY)).toBe('2027-01-16T04:59:59Z');
      expect(calendarDateToAlmaDueDate('2026-03-08', NY)).toBe('2026-03-09T03:59:59Z');
      expect(calendarDateToAlmaDueDate('2027-04-01', LA)).toBe('2027-04-02T06:59:59Z');
      expect(calendarDateToAlmaDueDate('2026-03-29', BERLIN)).toBe('2026-03-29T21:59:59Z');
      expect(calendarDateToAlmaDueDate('2026-03-28', BERLIN)).toBe('2026-03-28T22:59:59Z');
      expect(calendarDateToAlmaDueDate('2026-10-04', SYDNEY)).toBe('2026-10-04T12:59:59Z');
      expect(calendarDateToAlmaDueDate('2026-10-03', SYDNEY)).toBe('2026-10-03T13:59:59Z');
      expect(() => calendarDateToAlmaDueDate('2027-04-31', NY)).toThrowError(RangeError);
      expect(() => calendarDateToAlmaDueDate('2027-04-01', 'Mars/Base')).toThrowError(RangeError);
    });

    it('round-trips: the written Alma date falls on the same calendar date in that zone', () => {
      for (const zone of [NY, LA, BERLIN, SYDNEY]) {
        for (const date of ['2026-03-08', '2026-03-29', '2026-10-04', '2026-11-01', '2027-04-01']) {
          expect(lenderDueDateToCalendarDate(calendarDateToAlmaDueDate(date, zone), zone))
            .withContext(`${zone} ${date}`)
            .toBe(date);
        }
      }
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
