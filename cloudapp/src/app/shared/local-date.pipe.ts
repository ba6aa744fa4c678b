import { formatDate, registerLocaleData } from '@angular/common';
import localeDe from '@angular/common/locales/de';
import localeEs from '@angular/common/locales/es';
import localeFr from '@angular/common/locales/fr';
import { Pipe, PipeTransform } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';

registerLocaleData(localeEs, 'es');
registerLocaleData(localeFr, 'fr');
registerLocaleData(localeDe, 'de');

/** The languages whose Angular locale data the app registers; anything else is shown as English. */
const LOCALES: ReadonlySet<string> = new Set(['en', 'es', 'fr', 'de']);

/** Angular locale id for a UI language ('es', 'fr-CA' -> 'fr'; unknown -> 'en'). */
export function localeFor(lang: string | undefined | null): string {
  const base = (lang ?? '').toLowerCase().split(/[-_]/)[0];
  return LOCALES.has(base) ? base : 'en';
}

/**
 * Angular's date formatting (the DatePipe's `formatDate`, CLDR data) in the language Alma gives the
 * app, following language changes. `format` is an Angular date format ('medium' for a moment,
 * 'mediumDate' for a calendar date). A calendar date '2027-04-01' is read as that day (no zone shift);
 * a date-time in UTC ('...Z') is shown in the browser's time zone. Text that is not a date is shown
 * as it is rather than throwing.
 */
@Pipe({ name: 'localDate', standalone: true, pure: false })
export class LocalDatePipe implements PipeTransform {
  constructor(private readonly translate: TranslateService) {}

  transform(value: string | number | Date | null | undefined, format = 'medium'): string {
    return formatLocalDate(value, format, this.translate.currentLang ?? this.translate.defaultLang);
  }
}

/** The pipe's formatting as a function, for text built in code. */
export function formatLocalDate(
  value: string | number | Date | null | undefined,
  format: string,
  lang: string | undefined | null,
): string {
  if (value === null || value === undefined || value === '') return '';
  try {
    return formatDate(value, format, localeFor(lang));
  } catch {
    return String(value);
  }
}
