/**
 * End to end in the simulator: every screen of the app in Spanish, French and German (Alma's
 * language es, fr, de) shows no English sentence from en.json and no raw ISO timestamp. Screens:
 * the task list, a request to export with its preview, a blocked request, an exported request with
 * its actions, a confirmation and a result, bulk reconcile reviewed and done with its report (one
 * request left because its temporary item is on loan), the settings, configuration (with Test
 * connection) and help pages. The check compares against whatever en.json holds, so strings added
 * anywhere in the app are covered.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseOf, requestsOf } from './support/cases.js';
import { openPage, useHarness } from './support/harness.js';
import { englishFragments, englishLeftovers, language } from './support/languages.js';
import { entityOf, exportedAndLoaned } from './support/records.js';
import { generateTaskList } from './support/task-list.js';

/** An ISO 8601 date-time as the app stores it ('2026-11-30T09:04:39.123Z'): never for staff eyes. */
const RAW_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

describe('every screen in Spanish, French and German', () => {
  const h = useHarness();

  test('the check itself finds English and has plenty to look for', () => {
    const fragments = englishFragments('fr');
    assert.ok(fragments.length > 100);
    const en = language('en');
    const sentence = en.get('bulk.detail.loanActive')!.split('{{')[0]!.trim();
    assert.ok(englishLeftovers(fragments, `x ${en.get('export.noPatronData')} y`).length > 0);
    assert.ok(englishLeftovers(fragments, `... ${sentence} ILL1 ...`).length > 0);
    assert.deepEqual(englishLeftovers(fragments, language('fr').get('export.noPatronData')!), []);
  });

  for (const lang of ['es', 'fr', 'de'] as const) {
    test(
      `${lang}: no English sentence from en.json and no raw timestamp on any screen`,
      { timeout: 240_000 },
      async () => {
        const fragments = englishFragments(lang);
        const own = language(lang);
        const x = exportedAndLoaned();
        const bulk = generateTaskList(8);
        const onLoan = bulk.closedIds[0]!;
        const onLoanRequest = bulk.requests.find((r) => r.request_id === onLoan)!;
        onLoanRequest.barcode = 'ILLTEMP-1';
        const loans = [
          ...x.loans,
          {
            loan_id: 'L-2',
            user_id: onLoanRequest.requester?.value,
            item_barcode: 'ILLTEMP-1',
            due_date: '2027-06-30T23:59:00Z',
          },
        ];

        const s = await h.open({
          reset: {
            lang,
            requests: [...requestsOf('01', '02', '05', '09'), x.request, ...bulk.requests],
            loans,
            worldshare: { requests: [...x.worldshare, ...bulk.worldshare] },
          },
        });
        assert.equal(await s.app.locator('html').getAttribute('lang'), lang);
        const screens: [string, string][] = [];
        const capture = async (name: string) =>
          screens.push([name, await s.app.locator('body').innerText()]);

        // A task list of several requests, with bulk reconcile.
        await h.stack.page({ entities: ['01', '02', '05', '09'].map((id) => caseOf(id).entity) });
        await s.app.locator('[data-testid="citation-title"]').nth(3).waitFor();
        await capture('task list');

        // One request ready to export, with its preview; one blocked.
        await h.stack.page({ entities: [caseOf('01').entity] });
        await s.app.locator('[data-testid="export-preview"]').waitFor();
        await capture('request to export');
        assert.ok(
          screens.at(-1)![1].includes(own.get('export.heading')!),
          `the panel speaks ${lang}`,
        );
        await h.stack.page({ entities: [caseOf('05').entity] });
        await s.app.locator('[data-testid="export-blocked"]').waitFor();
        await capture('blocked request');

        // An exported request with its actions, a confirmation, a result with its time.
        await h.stack.page({ entities: [x.entity] });
        await s.app.locator('[data-testid="action-renew"]').waitFor();
        await capture('exported request');
        await s.app.locator('[data-testid="action-renew"]').click();
        await s.app.locator('[data-testid="confirm"]').waitFor();
        await capture('confirmation');
        await s.app.locator('[data-testid="confirm-ok"]').click();
        await s.app.locator('[data-testid="renewal-status"]').waitFor();
        await s.app.locator('[data-testid="activity-log"] summary').click();
        await capture('renewal asked, activity open');

        // Bulk reconcile: reviewed, then done with its report.
        await h.stack.page({ entities: bulk.requests.map(entityOf) });
        await s.app
          .locator('[data-testid="bulk-reconcile"]:not([disabled])')
          .waitFor({ timeout: 60_000 });
        await s.app.locator('[data-testid="bulk-reconcile"]').click();
        await s.app.locator('[data-testid="bulk-cancel-closed"]').waitFor({ timeout: 60_000 });
        await capture('bulk reviewed');
        await s.app.locator('[data-testid="bulk-cancel-closed"]').click();
        await s.app.locator('[data-testid="confirm-ok"]').click();
        await s.app.locator('[data-testid="bulk-summary"]').waitFor({ timeout: 60_000 });
        assert.equal(
          await s.app
            .locator(`[data-testid="bulk-row"][data-request-id="${onLoan}"]`)
            .getAttribute('data-action'),
          'on-loan',
        );
        await capture('bulk done');
        assert.ok(screens.at(-1)![1].includes('ILLTEMP-1'), 'the report names the item on loan');

        // Settings, configuration (with Test connection) and help.
        for (const route of ['settings', 'config', 'help'] as const) {
          await openPage(s, route);
          await s.app.locator('h1', { hasText: own.get(`${route}.title`)! }).waitFor();
          if (route === 'config') {
            await s.app.locator('[data-testid="test-connection"]').click();
            await s.app
              .locator('[data-testid="test-step"][data-step="oclc"][data-state="ok"]')
              .waitFor();
          }
          await capture(route);
        }

        const english = screens.flatMap(([name, text]) =>
          englishLeftovers(fragments, text).map((f) => `${name}: "${f}"`),
        );
        assert.deepEqual(english, []);
        const timestamps = screens
          .filter(([, text]) => RAW_TIMESTAMP.test(text))
          .map(([name, text]) => `${name}: ${RAW_TIMESTAMP.exec(text)![0]}`);
        assert.deepEqual(timestamps, []);
        assert.deepEqual(s.errors, []);
      },
    );
  }
});
