import { computed } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TranslateModule, TranslateService } from '@ngx-translate/core';
import { LenderWords } from './lender-words';
import { formatLocalDate, localeFor } from './local-date.pipe';

describe('formatLocalDate', () => {
  it("shows a calendar date as that day in the user's language", () => {
    expect(formatLocalDate('2027-04-01', 'date', 'en')).toBe('April 1, 2027');
    expect(formatLocalDate('2027-04-01', 'date', 'es')).toBe('1 de abril de 2027');
    expect(formatLocalDate('2027-04-01', 'date', 'fr')).toBe('1 avril 2027');
    expect(formatLocalDate('2027-04-01', 'date', 'de')).toBe('1. April 2027');
  });

  it('shows a calendar date as that day whatever the zone asked for', () => {
    expect(formatLocalDate('2027-04-01', 'date', 'en', 'Pacific/Kiritimati')).toBe('April 1, 2027');
    expect(formatLocalDate('2027-04-01', 'date', 'en', 'Pacific/Pago_Pago')).toBe('April 1, 2027');
  });

  it("shows a moment in the institution's zone", () => {
    // The end of 2027-04-01 in New York, as Alma stores a loan's due date.
    const moment = '2027-04-02T03:59:59Z';
    expect(formatLocalDate(moment, 'moment', 'en', 'America/New_York')).toMatch(
      /^Apr 1, 2027, 11:59\sPM$/,
    );
    expect(formatLocalDate(moment, 'moment', 'de', 'America/New_York')).toBe('01.04.2027, 23:59');
    expect(formatLocalDate(moment, 'date', 'fr', 'America/New_York')).toBe('1 avril 2027');
    expect(formatLocalDate(moment, 'moment', 'de', 'Europe/Berlin')).toBe('02.04.2027, 05:59');
  });

  it("'medium' is Angular's medium moment, to the second", () => {
    expect(formatLocalDate('2026-11-30T09:04:39.123Z', 'medium', 'en', 'UTC')).toMatch(
      /^Nov 30, 2026, 9:04:39\sAM$/,
    );
    expect(formatLocalDate('2026-11-30T09:04:39.123Z', 'medium', 'fr', 'UTC')).toBe(
      '30 nov. 2026, 09:04:39',
    );
  });

  it('falls back to the browser zone for a zone it does not know, rather than nothing', () => {
    const shown = formatLocalDate('2027-04-02T03:59:59Z', 'moment', 'en', 'Mars/Olympus_Mons');
    expect(shown).toMatch(/2027/);
  });

  it('shows anything that is not a date as it is, and nothing for nothing', () => {
    expect(formatLocalDate('soon', 'date', 'en')).toBe('soon');
    expect(formatLocalDate('', 'moment', 'en')).toBe('');
    expect(formatLocalDate(null, 'moment', 'en')).toBe('');
  });

  it('uses the translated languages, English for any other', () => {
    expect(localeFor('fr-CA')).toBe('fr');
    expect(localeFor('de_AT')).toBe('de');
    expect(localeFor('it')).toBe('en');
    expect(localeFor(null)).toBe('en');
  });
});

describe('LenderWords', () => {
  beforeEach(() => TestBed.configureTestingModule({ imports: [TranslateModule.forRoot()] }));

  it("words dates with the app's one formatter and follows a change of language", () => {
    const translate = TestBed.inject(TranslateService);
    translate.use('en');
    const words = TestBed.inject(LenderWords);
    const due = computed(() => words.date('2027-04-01'));
    expect(due()).toBe('April 1, 2027');
    expect(words.instant('2027-04-02T03:59:59Z', 'America/New_York')).toBe(
      formatLocalDate('2027-04-02T03:59:59Z', 'moment', 'en', 'America/New_York'),
    );
    translate.use('es');
    expect(due()).toBe('1 de abril de 2027');
  });

  it('shows a lender value without a text as the lender sent it', () => {
    const words = TestBed.inject(LenderWords);
    expect(words.word('status', 'SomethingNew')).toBe('SomethingNew');
    expect(words.word('status', null)).toBe('');
  });
});
