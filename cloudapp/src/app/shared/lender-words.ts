import { Injectable, Signal, inject, signal } from '@angular/core';
import { TranslateService } from '@ngx-translate/core';
import { formatLocalDate } from './local-date.pipe';

/**
 * Staff words for lender values: ISO 18626 reasons, statuses, answers and error types have a text
 * under `lender.<group>.<value>` in every language; a value the lender sent that has none is shown
 * as sent. Dates through the app's one formatter (`formatLocalDate`): an instant in the user's
 * language and the institution's time zone; a calendar date in the user's language (never an ISO
 * timestamp).
 *
 * Every method reads `lang`, so a `computed` that words something is computed again when Alma's
 * language changes (and its texts have loaded).
 */
@Injectable({ providedIn: 'root' })
export class LenderWords {
  private readonly translate = inject(TranslateService);
  private readonly current = signal(
    this.translate.currentLang || this.translate.defaultLang || 'en',
  );
  /** The user's language, as Alma gives it. */
  readonly lang: Signal<string> = this.current.asReadonly();

  constructor() {
    // onLangChange fires once the language's texts are loaded; the service lives as long as the app.
    this.translate.onLangChange.subscribe((e) => this.current.set(e.lang));
  }

  word(group: 'reason' | 'status' | 'answer' | 'errorType', value: string | null): string {
    this.lang();
    if (value === null || value === '') return '';
    const key = `lender.${group}.${value}`;
    const text = this.translate.instant(key);
    return typeof text === 'string' && text !== key ? text : value;
  }

  /** An ERROR confirmation in words: its errorType and errorValue, or that it gave no reason. */
  error(e: { errorType: string | null; errorValue: string | null } | null): string {
    this.lang();
    if (!e) return '';
    const type = e.errorType
      ? this.word('errorType', e.errorType)
      : this.translate.instant('lender.errorType.none');
    return e.errorValue ? `${type}: ${e.errorValue}` : type;
  }

  /** An ISO 8601 date-time to the minute, in `timeZone` (the institution's IANA zone). */
  instant(iso: string | null, timeZone: string): string {
    return formatLocalDate(iso, 'moment', this.lang(), timeZone);
  }

  /** A calendar date 'YYYY-MM-DD' (the date itself, whatever the zone). */
  date(calendarDate: string | null): string {
    return formatLocalDate(calendarDate, 'date', this.lang());
  }
}
