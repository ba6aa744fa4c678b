import { TranslateService } from '@ngx-translate/core';

/**
 * Staff words for lender values: ISO 18626 reasons, statuses, answers and error types have a text
 * under `lender.<group>.<value>` in every language; a value the lender sent that has none is shown
 * as sent. Dates: an instant in the user's language and the institution's time zone; a calendar
 * date in the user's language (never an ISO timestamp).
 */
export class LenderWords {
  constructor(private readonly translate: TranslateService) {}

  get lang(): string {
    return this.translate.currentLang || this.translate.defaultLang || 'en';
  }

  word(group: 'reason' | 'status' | 'answer' | 'errorType', value: string | null): string {
    if (value === null || value === '') return '';
    const key = `lender.${group}.${value}`;
    const text = this.translate.instant(key);
    return typeof text === 'string' && text !== key ? text : value;
  }

  /** An ERROR confirmation in words: its errorType and errorValue, or that it gave no reason. */
  error(e: { errorType: string | null; errorValue: string | null } | null): string {
    if (!e) return '';
    const type = e.errorType
      ? this.word('errorType', e.errorType)
      : this.translate.instant('lender.errorType.none');
    return e.errorValue ? `${type}: ${e.errorValue}` : type;
  }

  instant(iso: string | null, timeZone: string): string {
    if (!iso) return '';
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    try {
      return new Intl.DateTimeFormat(this.lang, {
        dateStyle: 'medium',
        timeStyle: 'short',
        timeZone,
      }).format(d);
    } catch {
      return new Intl.DateTimeFormat(this.lang, { dateStyle: 'medium', timeStyle: 'short' }).format(
        d,
      );
    }
  }

  /** A calendar date 'YYYY-MM-DD' in the user's language (the date itself, whatever the zone). */
  date(calendarDate: string | null): string {
    if (!calendarDate) return '';
    const d = new Date(`${calendarDate}T12:00:00Z`);
    if (Number.isNaN(d.getTime())) return calendarDate;
    return new Intl.DateTimeFormat(this.lang, { dateStyle: 'long', timeZone: 'UTC' }).format(d);
  }
}
