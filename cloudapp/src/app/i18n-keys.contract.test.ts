/**
 * Contract test (node): every translation key the app's templates use exists, as text, in every
 * language file, and the language files have the same key tree and the same placeholders.
 * Keys built at run time (`('export.block.' + b.code) | translate`) are checked for every value
 * their code can take, read from the TypeScript types by the compiler (DYNAMIC_KEYS below).
 * Run: node --import tsx --test cloudapp/src/app/i18n-keys.contract.test.ts
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  type FlatKeys,
  type ValueSource,
  appFolder,
  codeKeys,
  flatten,
  placeholders,
  readTemplates,
  resolveValueSources,
  translateUses,
} from './i18n-keys.testing';

const APP = appFolder();
const I18N = join(APP, '..', 'i18n');

/** The languages the app ships; English is the reference. */
const LANGUAGES = ['en', 'es', 'fr', 'de'] as const;

/**
 * Where the codes completing each run-time key prefix come from. A template that builds a key
 * from a prefix not listed here fails the test: add the prefix with the type its code has.
 */
const DYNAMIC_KEYS: Record<string, ValueSource> = {
  'almaProblem.': { type: "import('./core/alma-error').AlmaProblem['kind']" },
  'wsProblem.': { type: "import('./domain/worldshare-errors').WorldShareProblemCode" },
  'wsField.': { type: "import('./domain/worldshare-errors').WorldShareFieldKey" },
  'proxyError.': { type: "import('./domain/proxy-errors').ProxyErrorCode" },
  'export.block.': { type: "import('./domain/export-checks').ExportIssueCode" },
  'export.warning.': { type: "import('./domain/export-checks').ExportIssueCode" },
  'preview.': { property: { file: 'panel/export/export-preview.ts', name: 'field' } },
  'actions.result.': { argument: { file: 'panel/actions/action-results.ts', fn: 'r', index: 1 } },
  'actions.confirm.': { type: "import('./panel/actions/record-store').RecordAction" },
  'actions.why.renew.': { literalsIn: { file: 'domain/action-rules.ts', fn: 'renewAvailability' } },
  'activity.': { type: "import('./core/request-memory.service').ActivityEntry['action']" },
  'activity.outcome.': { type: "import('./core/request-memory.service').ActivityEntry['outcome']" },
  'bulk.group.': { type: "import('./domain/reconcile').ReconcileGroup" },
  'bulk.group.short.': { type: "import('./bulk/bulk-report').BulkRow['group']" },
  'bulk.action.': { type: "import('./bulk/bulk-report').BulkAction" },
  'bulk.confirm.': { type: "import('./bulk/bulk-report').GroupAction" },
  'bulk.detail.': { type: "import('./bulk/bulk-report').BulkDetailKey" },
  'bulkReport.group.': { type: "import('./domain/report-reconcile').ReportGroup" },
  'bulkReport.source.': {
    type: "import('./bulk/report-reconcile.service').ReportReview['lenderSource']",
  },
  'analytics.problem.': { type: "import('./shared/analytics-problem').AnalyticsProblemCode" },
  'analytics.field.': { type: "import('./domain/analytics-columns').AnalyticsField" },
  'config.analytics.ok.': { type: "import('./domain/analytics-columns').ColumnMapping['by']" },
  'config.error.': { type: "import('./shared/form-validators').ConfigErrorCode" },
  'config.field.': { type: "import('./config/config-fields').ConfigFieldPath" },
  'config.hint.': { type: "import('./config/config-fields').ConfigFieldHint" },
  'config.address.': { type: "import('./domain/institution-config').LibraryAddressLine" },
  'config.access.': { type: "import('./config/config-access').ConfigAccessReason" },
  'config.test.step.': { type: "import('./config/connection-steps').ConnectionStepId" },
  'config.test.state.': { type: "import('./config/connection-steps').ConnectionStepState" },
  'config.test.reason.': { type: "import('./config/connection-steps').ConnectionFailure" },
  'config.lenderDueDate.': {
    type: "import('./config/config-page.component').ConfigPageComponent['trialFields'][number]['label']",
  },
  'config.lenderDueDate.outcome.': {
    type: "import('./config/lender-due-date-trial.service').LenderDueDateTrial['kind']",
  },
  'lender.renewal.': { type: "import('./domain/lender-facts').RenewalStateName" },
  'lender.cancel.': { type: "import('./domain/lender-facts').CancelStateName" },
  'settings.field.': { type: "import('./settings/settings-form').SettingsFieldPath" },
};

function readLanguage(lang: string): FlatKeys {
  return flatten(JSON.parse(readFileSync(join(I18N, `${lang}.json`), 'utf8')));
}

const files = Object.fromEntries(LANGUAGES.map((l) => [l, readLanguage(l)])) as Record<
  (typeof LANGUAGES)[number],
  FlatKeys
>;
const templates = readTemplates(APP);
const uses = templates.flatMap(translateUses);

/** Problems with one key in every language: missing, or a branch where text is needed. */
function keyProblems(key: string, where: string): string[] {
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    const value = files[lang].get(key);
    if (value === undefined) {
      const branch = [...files[lang].keys()].some((k) => k.startsWith(`${key}.`));
      problems.push(
        `${lang}.json: ${branch ? 'is a group, not a text' : 'missing'} "${key}" (${where})`,
      );
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`${lang}.json: "${key}" is not a text (${where})`);
    }
  }
  return problems;
}

describe('translation keys', () => {
  it('finds the templates and their translate pipes (the scan itself works)', () => {
    assert.ok(
      templates.some((t) => t.file.endsWith('panel.component.html')),
      'panel template found',
    );
    assert.ok(
      templates.some((t) => t.file.includes('(inline)')),
      'inline templates found',
    );
    assert.ok(uses.length > 50, `only ${uses.length} translate pipes found`);
    assert.ok(
      uses.some((u) => u.prefixes.includes('export.block.')),
      'dynamic export.block. key found',
    );
  });

  it('reads quoted keys, prefixes and comparisons apart', () => {
    const [a] = translateUses({
      file: 't',
      text: `{{ (x === 'a-b' ? 'k.one' : 'k.two') | translate }}`,
    });
    assert.deepEqual(a!.keys, ['k.one', 'k.two']);
    const [b] = translateUses({
      file: 't',
      text: `{{ ('k.block.' + b.code) | translate: { v: 1 } }}`,
    });
    assert.deepEqual(b!.prefixes, ['k.block.']);
    const [c] = translateUses({ file: 't', text: `{{ title || ('k.none' | translate) }}` });
    assert.deepEqual(c!.keys, ['k.none']);
    const [d] = translateUses({ file: 't', text: `{{ someKey | translate }}` });
    assert.equal(d!.problems.length, 1, 'a key held in a variable is reported');
    const [e] = translateUses({ file: 't', text: `{{ ('k.' + x + '.name') | translate }}` });
    assert.equal(e!.problems.length, 1, 'a suffix after the run-time part is reported');
  });

  it('every template key can be checked (no key held only in a variable)', () => {
    const problems = uses.flatMap((u) =>
      u.problems.map((p) => `${u.file}:${u.line} "${u.subject}": ${p}`),
    );
    assert.deepEqual(problems, []);
  });

  it('every key written in a template is a text in every language file', () => {
    const problems = uses.flatMap((u) =>
      u.keys.flatMap((k) => keyProblems(k, `${u.file}:${u.line}`)),
    );
    assert.deepEqual(problems, []);
  });

  it('every key named in TypeScript code is a text in every language file', () => {
    const problems = codeKeys(APP).flatMap((k) => keyProblems(k.key, k.file));
    assert.deepEqual(problems, []);
  });

  it('every key built at run time exists for every value its code can take', () => {
    const prefixes = [...new Set(uses.flatMap((u) => u.prefixes))].sort();
    const unknown = prefixes.filter((p) => !(p in DYNAMIC_KEYS));
    assert.deepEqual(
      unknown,
      [],
      'prefixes built in templates without a known code type: add them to DYNAMIC_KEYS',
    );
    const resolved = resolveValueSources(
      APP,
      prefixes.map((p) => DYNAMIC_KEYS[p]!),
    );
    const problems: string[] = [];
    prefixes.forEach((prefix, i) => {
      const r = resolved[i]!;
      problems.push(...r.problems.map((p) => `${prefix}: ${p}`));
      for (const value of r.values)
        problems.push(...keyProblems(`${prefix}${value}`, `values of ${prefix}`));
    });
    assert.deepEqual(problems, []);
  });

  it('the code lists are read from the types (not empty, not guessed)', () => {
    const [kinds, reasons, results] = resolveValueSources(APP, [
      DYNAMIC_KEYS['almaProblem.']!,
      DYNAMIC_KEYS['actions.why.renew.']!,
      { type: "import('./config/connection-steps').ConnectionStep['params']" },
    ]);
    assert.ok(
      kinds!.values.includes('not-found') && kinds!.values.includes('timeout'),
      kinds!.values.join(),
    );
    assert.ok(
      reasons!.values.includes('no-loan') && !reasons!.values.includes('closed'),
      reasons!.values.join(),
    );
    assert.ok(results!.problems.length > 0, 'a non-literal type is reported, not skipped');
  });
});

describe('language files', () => {
  const en = files.en;

  it('English has the namespaces of every page', () => {
    for (const ns of ['nav', 'config', 'settings', 'help', 'panel', 'export', 'actions']) {
      assert.ok(
        [...en.keys()].some((k) => k.startsWith(`${ns}.`)),
        `en.json has ${ns}`,
      );
    }
  });

  it('ships exactly the languages listed here', () => {
    const shipped = readdirSync(I18N)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.replace(/\.json$/, ''))
      .sort();
    assert.deepEqual(shipped, [...LANGUAGES].sort());
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang}.json has the same key tree as en.json`, () => {
      const mine = files[lang];
      const missing = [...en.keys()].filter((k) => !mine.has(k));
      const extra = [...mine.keys()].filter((k) => !en.has(k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    });

    it(`${lang}.json keeps every placeholder of en.json and adds none`, () => {
      const problems: string[] = [];
      for (const [key, text] of en) {
        const other = files[lang].get(key);
        if (typeof text !== 'string' || typeof other !== 'string') continue;
        const want = placeholders(text).join(', ');
        const got = placeholders(other).join(', ');
        if (want !== got) problems.push(`${key}: en has {${want}}, ${lang} has {${got}}`);
      }
      assert.deepEqual(problems, []);
    });

    it(`${lang}.json is translated (no sentence left in English)`, () => {
      // Short labels may rightly read the same (ISBN, OK, WorldShare, Alma); sentences may not.
      const copied = [...en]
        .filter(
          ([key, text]) =>
            typeof text === 'string' &&
            text.split(/\s+/).length > 3 &&
            files[lang].get(key) === text,
        )
        .map(([key]) => key);
      assert.deepEqual(copied, []);
    });
  }
});
