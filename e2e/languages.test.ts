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
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame } from 'playwright-core';
import { startStack, type Stack } from '../tools/stack.js';
import { launchBrowser, openHost, type BrowserSession } from './support/browser.js';
import { caseOf, requestsOf } from './support/cases.js';
import { englishFragments, englishLeftovers, language } from './support/languages.js';
import { generateTaskList } from './support/task-list.js';

const WS_ID = '187654321';
const USER = 'P1000231';
/** An ISO 8601 date-time as the app stores it ('2026-11-30T09:04:39.123Z'): never for staff eyes. */
const RAW_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** Case 06 exported to WorldShare as #187654321, received and loaned to the patron. */
function exportedAndLoaned() {
  const c = caseOf('06');
  return {
    entity: c.entity,
    request: { ...c.alma_request, barcode: 'TEMP-0001' },
    loan: {
      loan_id: 'L-1',
      user_id: USER,
      item_barcode: 'TEMP-0001',
      due_date: '2027-03-01T23:59:00Z',
      title: 'Atlas',
    },
    worldshare: {
      requestId: WS_ID,
      referenceId: c.alma_request.request_id,
      requestStatus: 'LOANED',
      dueDate: '2027-03-01',
      lender: { renewal: 'approve', newDueDate: '2027-04-01' },
    },
  };
}

describe('every screen in Spanish, French and German', () => {
  let stack: Stack;
  let browser: Browser;
  let s: BrowserSession | null = null;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await s?.close();
    await browser?.close();
    await stack?.close();
  });

  async function appFrame(session: BrowserSession): Promise<Frame> {
    await session.app.locator('app-root').waitFor({ state: 'attached' });
    const frame = session.page.frames().find((f) => f.parentFrame() === session.page.mainFrame());
    assert.ok(frame, 'the app frame is there');
    return frame;
  }

  async function openPage(
    session: BrowserSession,
    route: 'config' | 'settings' | 'help',
  ): Promise<void> {
    const frame = await appFrame(session);
    await frame.evaluate((r) => {
      window.location.hash = `#/${r}`;
    }, route);
    await session.app
      .locator(`[data-testid="${route === 'help' ? 'help-actions' : `${route}-form`}"]`)
      .waitFor();
  }

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
          x.loan,
          {
            loan_id: 'L-2',
            user_id: onLoanRequest.requester.value,
            item_barcode: 'ILLTEMP-1',
            due_date: '2027-06-30T23:59:00Z',
          },
        ];

        await s?.close();
        await stack.reset({
          lang,
          requests: [...requestsOf('01', '02', '05', '09'), x.request, ...bulk.requests],
          loans,
          worldshare: { requests: [x.worldshare, ...bulk.worldshare] },
        });
        s = await openHost(browser, stack.sim.hostUrl);
        await s.app.locator('[data-testid="hint"]').waitFor();
        assert.equal(await s.app.locator('html').getAttribute('lang'), lang);
        const screens: [string, string][] = [];
        const capture = async (name: string) =>
          screens.push([name, await s!.app.locator('body').innerText()]);

        // A task list of several requests, with bulk reconcile.
        await stack.page({ entities: ['01', '02', '05', '09'].map((id) => caseOf(id).entity) });
        await s.app.locator('[data-testid="citation-title"]').nth(3).waitFor();
        await capture('task list');

        // One request ready to export, with its preview; one blocked.
        await stack.page({ entities: [caseOf('01').entity] });
        await s.app.locator('[data-testid="export-preview"]').waitFor();
        await capture('request to export');
        assert.ok(
          screens.at(-1)![1].includes(own.get('export.heading')!),
          `the panel speaks ${lang}`,
        );
        await stack.page({ entities: [caseOf('05').entity] });
        await s.app.locator('[data-testid="export-blocked"]').waitFor();
        await capture('blocked request');

        // An exported request with its actions, a confirmation, a result with its time.
        await stack.page({ entities: [x.entity] });
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
        await stack.page({
          entities: bulk.requests.map((r) => ({
            id: r.request_id,
            type: 'BORROWING_REQUEST',
            link: `/users/${r.requester.value}/resource-sharing-requests/${r.request_id}`,
            description: r.title,
          })),
        });
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
