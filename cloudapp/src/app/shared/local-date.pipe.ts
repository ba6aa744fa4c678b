import { Pipe, PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';

/** The languages the app is translated into; dates in any other language are shown as English. */
const LOCALES: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de']);

/** Locale for a UI language ('es', 'fr-CA' -> 'fr'; unknown -> 'en'). */
export function localeFor(lang: string | undefined | null): string {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return LOCALES.has(base) ? base : 'en';
}

/**
 * How a date is shown (CLDR styles, as Angular's DatePipe names them):
 * - `medium`: a moment to the second ('Nov 30, 2026, 10:04:39 AM'; Angular's 'medium');
 * - `moment`: a moment to the minute ('Nov 30, 2026, 10:04 AM');
 * - `date`: a calendar day ('April 1, 2027').
 */
export type LocalDateFormat = 'medium' | 'moment' | 'date';

const STYLES: Record<LocalDateFormat, Intl.DateTimeFormatOptions> = {
  medium: { dateStyle: 'medium', timeStyle: 'medium' },
  moment: { dateStyle: 'medium', timeStyle: 'short' },
  date: { dateStyle: 'long' },
};

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The app's one date formatter: the browser's Intl (CLDR data, so no locale data in the bundle) in
 * the user's language (en, es, fr, de; anything else as English).
 * - A calendar date 'YYYY-MM-DD' is that day, whatever the zone.
 * - Anything else (an ISO 8601 date-time, a Date, epoch milliseconds) is a moment, shown in
 *   `timeZone` (an IANA zone: the institution's, where the moment belongs to the library's day)
 *   or, without one or when the zone is unknown to the browser, in the browser's zone.
 * Text that is not a date is returned as it is rather than throwing; empty values give ''.
 */
export function formatLocalDate(
  value: string | number | Date | null | undefined,
  format: LocalDateFormat,
  lang: string | undefined | null,
  timeZone?: string | null,
): string {
  if (value === null || value === undefined || value === '') return '';
  const day = typeof value === 'string' && CALENDAR_DATE.test(value);
  // Noon UTC is the same calendar day everywhere it is formatted in UTC.
  const d = day ? new Date(`${value}T12:00:00Z`) : new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  const locale = localeFor(lang);
  const zone = day ? 'UTC' : timeZone || undefined;
  try {
    return new Intl.DateTimeFormat(locale, { ...STYLES[format], timeZone: zone }).format(d);
  } catch {
    // An IANA zone the browser does not know: the browser's own zone rather than nothing.
    return new Intl.DateTimeFormat(locale, STYLES[format]).format(d);
  }
}

/**
 * `formatLocalDate` in templates, in the language Alma gives the app (following language changes):
 * `value | localDate` (a moment to the second), `value | localDate: 'date'`, or with a zone
 * `value | localDate: 'moment' : config.timeZone`.
 */
@Pipe({ name: 'localDate', standalone: true, pure: false })
export class LocalDatePipe implements PipeTransform {
  constructor(private readonly translate: TranslateService) {}

  transform(
    value: string | number | Date | null | undefined,
    format: LocalDateFormat = 'medium',
    timeZone?: string | null,
  ): string {
    return formatLocalDate(
      value,
      format,
      this.translate.currentLang ?? this.translate.defaultLang,
      timeZone,
    );
  }
}
