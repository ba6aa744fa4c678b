import { almaCode, almaDateToCalendarDate, almaText, parseRequestLink } from './alma-request';
import { CASES } from './testing/cases';

describe('alma-request', () => {
  describe('parseRequestLink', () => {
    it('reads the ids from the entity link the Cloud App host sends', () => {
      expect(parseRequestLink('/users/P1000231/resource-sharing-requests/1987654320004')).toEqual({
        userId: 'P1000231',
        requestId: '1987654320004',
      });
    });

    it('accepts the /almaws/v1 form, an absolute URL, a trailing slash and a query', () => {
      const expected = { userId: 'P1', requestId: '42' };
      expect(parseRequestLink('/almaws/v1/users/P1/resource-sharing-requests/42')).toEqual(
        expected,
      );
      expect(
        parseRequestLink(
          'https://api-eu.hosted.exlibrisgroup.com/almaws/v1/users/P1/resource-sharing-requests/42',
        ),
      ).toEqual(expected);
      expect(parseRequestLink('/users/P1/resource-sharing-requests/42/')).toEqual(expected);
      expect(parseRequestLink('/users/P1/resource-sharing-requests/42?view=brief')).toEqual(
        expected,
      );
      expect(parseRequestLink('  /users/P1/resource-sharing-requests/42  ')).toEqual(expected);
    });

    it('decodes percent-escaped ids', () => {
      expect(parseRequestLink('/users/jane%40example.org/resource-sharing-requests/42')).toEqual({
        userId: 'jane@example.org',
        requestId: '42',
      });
    });

    it('answers null for other links and broken escapes', () => {
      for (const bad of [
        '',
        '/users/P1/requests/42',
        '/users//resource-sharing-requests/42',
        '/users/P1/resource-sharing-requests/',
        '/users/P1/resource-sharing-requests/42/extra',
        '/almaws/v2/users/P1/resource-sharing-requests/42',
        '/users/%E0%A4%A/resource-sharing-requests/42',
        'users/P1/resource-sharing-requests/42',
      ]) {
        expect(parseRequestLink(bad)).withContext(bad).toBeNull();
      }
      expect(parseRequestLink(null as unknown as string)).toBeNull();
    });

    it('reads every shared case entity link', () => {
      for (const c of CASES) {
        expect(
          parseRequestLink(`/users/P1000231/resource-sharing-requests/${c.alma_request.request_id}`)
            ?.requestId,
        ).toBe(c.alma_request.request_id as string);
      }
    });
  });

  describe('almaDateToCalendarDate', () => {
    it('drops the Z Alma writes after dates', () => {
      expect(almaDateToCalendarDate('2026-12-31Z')).toBe('2026-12-31');
      expect(almaDateToCalendarDate('2026-12-31')).toBe('2026-12-31');
      expect(almaDateToCalendarDate('2026-12-31+01:00')).toBe('2026-12-31');
      expect(almaDateToCalendarDate('2027-04-01T23:59:00Z')).toBe('2027-04-01');
    });

    it('answers null for anything that is not a real date', () => {
      for (const bad of [null, undefined, '', 'soon', '2026-02-30Z', '2026-13-01Z', '31/12/2026']) {
        expect(almaDateToCalendarDate(bad)).withContext(String(bad)).toBeNull();
      }
    });
  });

  describe('almaText and almaCode', () => {
    it('trim text and treat blanks as missing', () => {
      expect(almaText('  x  ')).toBe('x');
      expect(almaText('   ')).toBeNull();
      expect(almaText(null)).toBeNull();
      expect(almaText({ value: 'x' })).toBeNull();
      expect(almaText(12)).toBe('12');
      expect(almaText(NaN)).toBeNull();
    });

    it('read the value of a code field', () => {
      expect(almaCode({ value: ' BK ', desc: 'Book' })).toBe('BK');
      expect(almaCode({ value: '' })).toBeNull();
      expect(almaCode(null)).toBeNull();
      expect(almaCode(undefined)).toBeNull();
    });
  });
});
