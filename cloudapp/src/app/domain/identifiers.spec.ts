import {
  checkIsbn,
  checkIssn,
  formatIssn,
  isbn13Of,
  isbnCandidates,
  issnCandidates,
  normalizeOclcNumber,
  splitIdentifierField,
} from './identifiers';

describe('identifiers', () => {
  describe('normalizeOclcNumber', () => {
    it('strips the (OCoLC), ocm, ocn and on prefixes, spaces and leading zeros', () => {
      expect(normalizeOclcNumber('(OCoLC)1167925')).toBe('1167925');
      expect(normalizeOclcNumber('ocm00012345')).toBe('12345');
      expect(normalizeOclcNumber('ocn123456789')).toBe('123456789');
      expect(normalizeOclcNumber('on1234567890')).toBe('1234567890');
      expect(normalizeOclcNumber('(OCoLC)ocm00012345')).toBe('12345');
      expect(normalizeOclcNumber('(ocolc)42')).toBe('42');
      expect(normalizeOclcNumber('OCM 000 123')).toBe('123');
      expect(normalizeOclcNumber(' 1167925 ')).toBe('1167925');
      expect(normalizeOclcNumber('0001167925')).toBe('1167925');
    });

    it('answers null when nothing numeric remains or other characters are left over', () => {
      for (const bad of [
        '',
        '   ',
        '(OCoLC)',
        'ocm',
        '000',
        '(OCoLC)000',
        'abc',
        '12a',
        '(OCLC)123',
        '12-34',
        'ocx123',
      ]) {
        expect(normalizeOclcNumber(bad)).withContext(bad).toBeNull();
      }
      expect(normalizeOclcNumber(null)).toBeNull();
      expect(normalizeOclcNumber(undefined)).toBeNull();
    });
  });

  describe('checkIsbn', () => {
    it('accepts ISBN-13 and ISBN-10 with a right check digit, hyphens or spaces', () => {
      expect(checkIsbn('9780226458083')).toEqual({
        raw: '9780226458083',
        normalized: '9780226458083',
        valid: true,
      });
      expect(checkIsbn('978-1556523021')).toEqual({
        raw: '978-1556523021',
        normalized: '9781556523021',
        valid: true,
      });
      expect(checkIsbn('0-306-40615-2')).toEqual({
        raw: '0-306-40615-2',
        normalized: '0306406152',
        valid: true,
      });
      expect(checkIsbn('0-8044-2957-X').valid).toBeTrue();
      expect(checkIsbn('0-8044-2957-x')).toEqual({
        raw: '0-8044-2957-x',
        normalized: '080442957X',
        valid: true,
      });
      expect(checkIsbn('978 3 16 148410 0').normalized).toBe('9783161484100');
    });

    it('reads past a label and a trailing qualifier', () => {
      expect(checkIsbn('ISBN 978-1556523021').normalized).toBe('9781556523021');
      expect(checkIsbn('ISBN-13: 9780226458083').valid).toBeTrue();
      expect(checkIsbn('9780226458083 (pbk.)')).toEqual({
        raw: '9780226458083 (pbk.)',
        normalized: '9780226458083',
        valid: true,
      });
      expect(checkIsbn('0306406152 : alk. paper').valid).toBeTrue();
    });

    it('refuses a wrong check digit, an X in an ISBN-13, and wrong lengths', () => {
      expect(checkIsbn('978-0-306-40615-X')).toEqual({
        raw: '978-0-306-40615-X',
        normalized: '978030640615X',
        valid: false,
      });
      expect(checkIsbn('9780226458084')).toEqual({
        raw: '9780226458084',
        normalized: '9780226458084',
        valid: false,
      });
      expect(checkIsbn('0-306-40615-3').valid).toBeFalse();
      expect(checkIsbn('12345').valid).toBeFalse();
      expect(checkIsbn('97802264580831').valid).toBeFalse();
      expect(checkIsbn('not an isbn').valid).toBeFalse();
    });

    it('gives normalized null and invalid for empty input', () => {
      expect(checkIsbn('')).toEqual({ raw: '', normalized: null, valid: false });
      expect(checkIsbn('  - ')).toEqual({ raw: '  - ', normalized: null, valid: false });
      expect(checkIsbn(null)).toEqual({ raw: '', normalized: null, valid: false });
      expect(checkIsbn(undefined)).toEqual({ raw: '', normalized: null, valid: false });
    });
  });

  describe('checkIssn', () => {
    it('accepts an ISSN with a right check digit, X included', () => {
      expect(checkIssn('1536-7967')).toEqual({
        raw: '1536-7967',
        normalized: '15367967',
        valid: true,
      });
      expect(checkIssn('0378-5955').valid).toBeTrue();
      expect(checkIssn('15367967').valid).toBeTrue();
      expect(checkIssn('1050-124x')).toEqual({
        raw: '1050-124x',
        normalized: '1050124X',
        valid: true,
      });
      expect(checkIssn('ISSN 2434-561X').valid).toBeTrue();
    });

    it('refuses a wrong check digit or length', () => {
      expect(checkIssn('1536-7968')).toEqual({
        raw: '1536-7968',
        normalized: '15367968',
        valid: false,
      });
      expect(checkIssn('1536-796').valid).toBeFalse();
      expect(checkIssn('1536-79670').valid).toBeFalse();
      expect(checkIssn('X536-7967').valid).toBeFalse();
    });

    it('gives normalized null and invalid for empty input', () => {
      expect(checkIssn('')).toEqual({ raw: '', normalized: null, valid: false });
      expect(checkIssn(null)).toEqual({ raw: '', normalized: null, valid: false });
    });
  });

  describe('formatIssn', () => {
    it('prints NNNN-NNNN and leaves anything else alone', () => {
      expect(formatIssn('15367967')).toBe('1536-7967');
      expect(formatIssn('1050124X')).toBe('1050-124X');
      expect(formatIssn('123')).toBe('123');
    });
  });

  describe('identifier candidates', () => {
    it('splits on ; , | and spaces and drops qualifiers and labels', () => {
      const any = () => false;
      expect(splitIdentifierField('9780521860765; 0521860768', any)).toEqual([
        '9780521860765',
        '0521860768',
      ]);
      expect(splitIdentifierField('0521860768 paperback', any)).toEqual(['0521860768']);
      expect(
        splitIdentifierField('0521860768 (pbk.) | 9780521860765 [electronic], 123 hardcover', any),
      ).toEqual(['0521860768', '9780521860765', '123']);
      expect(splitIdentifierField('ISBN-13: 978-0-521-86076-5 : alk. paper', any)).toEqual([
        '978-0-521-86076-5',
      ]);
      expect(splitIdentifierField('pbk.', any)).toEqual([]);
      expect(splitIdentifierField(null, any)).toEqual([]);
    });

    it('keeps a number printed with spaces together when only the whole is valid', () => {
      expect(isbnCandidates('978 3 16 148410 0')).toEqual({
        chosen: '9783161484100',
        others: [],
        invalid: [],
      });
    });

    it('converts an ISBN-10 to its ISBN-13', () => {
      expect(isbn13Of('0521860768')).toBe('9780521860765');
      expect(isbn13Of('080442957X')).toBe('9780804429573');
      expect(isbn13Of('0306406152')).toBe('9780306406157');
      expect(isbn13Of('9780226458083')).toBe('9780226458083');
    });

    it('counts an ISBN-10 and the ISBN-13 of the same book as one, in either order', () => {
      expect(isbnCandidates('9780521860765; 0521860768')).toEqual({
        chosen: '9780521860765',
        others: [],
        invalid: [],
      });
      expect(isbnCandidates('0-521-86076-8 (pbk.), 978-0-521-86076-5')).toEqual({
        chosen: '0521860768',
        others: [],
        invalid: [],
      });
    });

    it('chooses the first valid number, lists the other valid ones and the invalid ones as typed', () => {
      expect(
        isbnCandidates('12345; 9780226458083 print, 0306406152 electronic, 978-0-306-40615-X'),
      ).toEqual({
        chosen: '9780226458083',
        others: ['0306406152'],
        invalid: ['12345', '978-0-306-40615-X'],
      });
    });

    it('sorts ISSNs the same way and prints them NNNN-NNNN', () => {
      expect(issnCandidates('0028-0836 (print); 1476-4687 (electronic); 1234-5678')).toEqual({
        chosen: '0028-0836',
        others: ['1476-4687'],
        invalid: ['1234-5678'],
      });
      expect(issnCandidates('ISSN 1050124x')).toEqual({
        chosen: '1050-124X',
        others: [],
        invalid: [],
      });
    });
  });
});
