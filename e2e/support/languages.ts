/**
 * The app's translation files read flat ('bulk.detail.loanActive' -> text), and a check that a
 * screen in another language shows no English sentence taken from en.json. The check is generic:
 * whatever en.json holds (strings added by any part of the app) is looked for.
 */
import { readFileSync } from 'node:fs';

type Tree = { [key: string]: string | Tree };

/** A language file as key -> text. */
export function language(lang: string): Map<string, string> {
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
  return out;
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
