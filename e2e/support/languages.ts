/**
 * The app's translation files read flat ('bulk.detail.loanActive' -> text), and a check that a
 * screen in another language shows no English sentence taken from en.json. The check is generic:
 * whatever en.json holds (strings added by any part of the app) is looked for.
 */
import { readFileSync } from 'node:fs';

type Tree = { [key: string]: string | Tree };

const loaded = new Map<string, Map<string, string>>();

/** A language file as key -> text (read once). */
export function language(lang: string): Map<string, string> {
  const known = loaded.get(lang);
  if (known) return known;
  const out = new Map<string, string>();
  const walk = (node: Tree, prefix: string) => {
    for (const [k, v] of Object.entries(node)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(key, v);
      else walk(v, key);
    }
  };
  walk(
    JSON.parse(
      readFileSync(new URL(`../../cloudapp/src/i18n/${lang}.json`, import.meta.url), 'utf8'),
    ) as Tree,
    '',
  );
  loaded.set(lang, out);
  return out;
}

/**
 * The text of `key` in `lang` with its `{{placeholders}}` filled from `params`, as the app's
 * translate pipe shows it. Throws for a key the language file does not have.
 */
export function translated(key: string, params: Record<string, string> = {}, lang = 'en'): string {
  const text = language(lang).get(key);
  if (text === undefined) throw new Error(`${lang}.json has no ${key}`);
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, name: string) => params[name] ?? '');
}

/** A calendar date ('2027-04-01') as the app writes it in `lang` (long form, e.g. 'April 1, 2027'). */
export function longDate(calendarDate: string, lang = 'en'): string {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${calendarDate}T00:00:00Z`),
  );
}

const TRIM = /^[\s.,:;()#“”"'…–—-]+|[\s.,:;()#“”"'…–—-]+$/g;

/**
 * English fragments of en.json that a screen in `lang` must not show: each text whose translation
 * differs, cut at its placeholders, keeping pieces of two words or more (or one word of 8 letters or
 * more), and skipping pieces the other language's file also uses (WorldShare ILL, ISBN, OCLC...).
 */
export function englishFragments(lang: string): string[] {
  const en = language('en');
  const other = language(lang);
  const otherText = [...other.values()].join('\n');
  const fragments = new Set<string>();
  for (const [key, text] of en) {
    if (other.get(key) === text) continue;
    for (const piece of text.split(/\{\{[^}]*\}\}/)) {
      const t = piece.replace(TRIM, '');
      if ((t.split(/\s+/).length >= 2 || t.length >= 8) && !otherText.includes(t)) fragments.add(t);
    }
  }
  return [...fragments];
}

/** The English fragments (`englishFragments`) found in `visible`, each as a whole run of words. */
export function englishLeftovers(fragments: readonly string[], visible: string): string[] {
  return fragments.filter((f) =>
    new RegExp(`(^|[^\\p{L}])${f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(
      visible,
    ),
  );
}
