// @ts-check
// ESLint for the whole repository, set up the way angular-eslint sets up an Angular project
// (typescript-eslint + angular-eslint, Prettier owns formatting), plus the folder rules that
// keep the Cloud App's dependencies pointing one way (docs/architecture.md, "Folders").
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const app = 'cloudapp/src/app';
const hostPage = 'sim/src/host/page/**/*.js';

/**
 * Which folders of the Cloud App a folder may import from. Anything not listed is refused, so
 * an import cycle between feature folders cannot be written:
 *   domain  <- core  <- shared  <- feature folders (panel, bulk, config, settings, help) <- app root
 * `panel` hosts the bulk views, so it is the one feature allowed to import another (bulk),
 * and bulk may not import panel back.
 */
const folderRules = {
  domain: [],
  core: ['domain'],
  shared: ['domain', 'core'],
  bulk: ['domain', 'core', 'shared'],
  panel: ['domain', 'core', 'shared', 'bulk'],
  config: ['domain', 'core', 'shared'],
  settings: ['domain', 'core', 'shared'],
  help: ['domain', 'core', 'shared'],
};
const folders = Object.keys(folderRules);

/** One `no-restricted-imports` block per folder: relative imports into a folder it may not use. */
const folderBlocks = folders.map((folder) => {
  const refused = folders.filter((f) => f !== folder && !folderRules[folder].includes(f));
  const patterns = refused.map((f) => ({
    group: [`../${f}/*`, `../../${f}/*`, `../../../${f}/*`, `../${f}`, `../../${f}`],
    message: `${folder}/ may not import from ${f}/ (allowed: ${folderRules[folder].join(', ') || 'nothing else in the app'}).`,
  }));
  if (folder === 'domain') {
    // Framework-free: no Angular, no RxJS, no Ex Libris library in the domain code.
    patterns.push({
      group: ['@angular/*', 'rxjs', 'rxjs/*', '@exlibris/*', '@ngx-translate/*'],
      message: 'domain/ is framework-free; put Angular or host code in core/ or a feature folder.',
    });
  }
  return {
    files: [`${app}/${folder}/**/*.ts`],
    ignores: [`${app}/${folder}/**/*.spec.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  };
});

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      'build/**',
      '.ng/**',
      '.tmp/**',
      'bench/.work/**',
      'contracts/**',
      'cloudapp/src/app/domain/manifest-connect-src.ts',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  {
    files: ['**/*.ts'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: [`${app}/**/*.ts`, 'cloudapp/src/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': [
        'error',
        { type: 'element', prefix: 'app', style: 'kebab-case' },
      ],
      '@angular-eslint/directive-selector': [
        'error',
        { type: 'attribute', prefix: 'app', style: 'camelCase' },
      ],
    },
  },
  {
    files: [`${app}/**/*.html`],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    rules: {},
  },
  ...folderBlocks,
  {
    // The shared test data (fixtures/) is for tests: the app itself never imports it. A rule of its
    // own name, so the folder rules above keep their patterns.
    files: [`${app}/**/*.ts`, 'cloudapp/src/*.ts'],
    ignores: [`${app}/**/*.spec.ts`, `${app}/**/*.contract.test.ts`, `${app}/**/testing/**`],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)fixtures(/|$)',
              message: 'fixtures/ is test data: import it from a spec or a testing/ folder only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ignores: [hostPage],
    extends: [eslint.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // The simulator's Alma-like host page: a classic browser script, served as is to Chromium.
    files: [hostPage],
    extends: [eslint.configs.recommended],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  prettier,
);
