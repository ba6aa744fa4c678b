/**
 * Automated accessibility check (axe-core, run inside the app's frame) of every screen staff use:
 * the panel (one request, a task list, an exported request with its actions and a confirmation),
 * the settings, configuration and help pages. No violation of impact serious or critical may
 * remain; failures print each violation with the elements it was found on.
 * Also checks that the pages' actions are reachable with the keyboard alone.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame } from 'playwright-core';
import { startStack, type Stack } from '../tools/stack.js';
import { launchBrowser, openHost, type BrowserSession } from './support/browser.js';
import { caseOf, requestsOf } from './support/cases.js';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
const BLOCKING = new Set(['serious', 'critical']);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

async function appFrame(s: BrowserSession): Promise<Frame> {
  await s.app.locator('app-root').waitFor({ state: 'attached' });
  const frame = s.page.frames().find((f) => f.parentFrame() === s.page.mainFrame());
  assert.ok(frame, 'the app frame is there');
  return frame;
}

/** Runs axe on the app's document; returns the serious and critical violations. */
async function axeViolations(s: BrowserSession): Promise<AxeViolation[]> {
  const frame = await appFrame(s);
  const loaded = await frame.evaluate(
    () => typeof (window as unknown as { axe?: unknown }).axe === 'object',
  );
  if (!loaded)
    await frame.evaluate((source) => {
      (0, eval)(source);
    }, AXE_SOURCE);
  // Colours are judged once fade-ins are over (endless spinners and progress bars excepted).
  await frame.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await frame.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target,
        html: n.html,
        failureSummary: n.failureSummary,
      })),
    }));
  });
  return result.filter((v) => BLOCKING.has(v.impact ?? ''));
}

function describeViolations(screen: string, violations: AxeViolation[]): string {
  return violations
    .map(
      (v) =>
        `${screen}: [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.html.slice(0, 200)}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n')}`,
    )
    .join('\n');
}

async function expectNoSeriousViolations(s: BrowserSession, screen: string): Promise<void> {
  const violations = await axeViolations(s);
  if (violations.length) console.log(describeViolations(screen, violations));
  assert.deepEqual(
    violations.map((v) => `${screen}: ${v.id} (${v.impact}) on ${v.nodes.length} element(s)`),
    [],
  );
}

async function openPage(s: BrowserSession, route: 'config' | 'settings' | 'help'): Promise<void> {
  const frame = await appFrame(s);
  await frame.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  await s.app
    .locator(`[data-testid="${route === 'help' ? 'help-actions' : `${route}-form`}"]`)
    .waitFor();
}

/** The data-testid of the element that has the keyboard focus in the app frame. */
async function focusedTestId(s: BrowserSession): Promise<string | null> {
  const frame = await appFrame(s);
  return frame.evaluate(() => {
    let el = document.activeElement;
    while (el && !el.getAttribute('data-testid')) el = el.parentElement;
    return el?.getAttribute('data-testid') ?? null;
  });
}

/**
 * Which element has the focus in the app frame, as a number that stays the same for the same
 * element (0 when the focus is outside the frame's controls).
 */
async function focusMark(frame: Frame): Promise<number> {
  return frame.evaluate(() => {
    const el = document.activeElement as (Element & { __focusMark?: number }) | null;
    if (!el || el === document.body) return 0;
    const w = window as unknown as { __focusMarks?: number };
    el.__focusMark ??= w.__focusMarks = (w.__focusMarks ?? 0) + 1;
    return el.__focusMark;
  });
}

/**
 * Presses Tab until the element with `testId` (or one inside it) has the focus; false after `max`
 * presses. The app runs in a frame of its own, which handles keys a moment after the page does,
 * so each press waits until the focus has actually moved before looking where it is.
 */
async function tabTo(s: BrowserSession, testId: string, max = 120): Promise<boolean> {
  const frame = await appFrame(s);
  for (let i = 0; i < max; i++) {
    const before = await focusMark(frame);
    await s.page.keyboard.press('Tab');
    for (let wait = 0; wait < 40 && (await focusMark(frame)) === before; wait++)
      await new Promise((r) => setTimeout(r, 25));
    if ((await focusedTestId(s)) === testId) return true;
  }
  return false;
}

describe('accessibility (axe-core: no serious or critical violation)', () => {
  let stack: Stack;
  let browser: Browser;
  let s: BrowserSession | null = null;

  before(async () => {
    stack = await startStack();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  async function open(reset: Record<string, unknown> = {}): Promise<BrowserSession> {
    await s?.close();
    await stack.reset(reset);
    s = await openHost(browser, stack.sim.hostUrl);
    // Wait until the panel has settled on Alma's empty page, so that the page a test shows next
    // arrives as a page change, not while the panel is still asking which page is open.
    await s.app.locator('[data-testid="hint"]').waitFor();
    return s;
  }

  const exported = () => {
    const c = caseOf('06');
    return {
      entity: c.entity,
      request: { ...c.alma_request, barcode: 'TEMP-0001' },
      loans: [
        {
          loan_id: 'L-1',
          user_id: 'P1000231',
          item_barcode: 'TEMP-0001',
          due_date: '2027-03-01T23:59:00Z',
          title: 'Atlas',
        },
      ],
      worldshare: {
        requests: [
          {
            requestId: '187654321',
            referenceId: c.alma_request.request_id,
            requestStatus: 'LOANED',
            dueDate: '2027-03-01',
            lender: { renewal: 'approve', newDueDate: '2027-04-01' },
          },
        ],
      },
    };
  };

  test('panel: one request ready to export, with a warning', async () => {
    const c = caseOf('04');
    const s = await open({ requests: [c.alma_request] });
    await stack.page({ entities: [c.entity] });
    await s.app.locator('[data-testid="export-preview"]').waitFor();
    await expectNoSeriousViolations(s, 'panel, one request');
  });

  test('panel: a task list of several requests', async () => {
    const ids = ['01', '02', '05', '09'];
    const s = await open({ requests: requestsOf(...ids) });
    await stack.page({ entities: ids.map((id) => caseOf(id).entity) });
    await s.app
      .locator('[data-testid="citation-title"]')
      .nth(ids.length - 1)
      .waitFor();
    await expectNoSeriousViolations(s, 'panel, task list');
  });

  test('panel: an exported request with its actions, a confirmation and a result', async () => {
    const x = exported();
    const s = await open({ requests: [x.request], loans: x.loans, worldshare: x.worldshare });
    await stack.page({ entities: [x.entity] });
    await s.app.locator('[data-testid="action-renew"]').waitFor();
    await expectNoSeriousViolations(s, 'panel, exported request');
    await s.app.locator('[data-testid="action-renew"]').click();
    await s.app.locator('[data-testid="confirm"]').waitFor();
    await expectNoSeriousViolations(s, 'panel, confirmation');
    await s.app.locator('[data-testid="confirm-ok"]').click();
    await s.app.locator('[data-testid="renewal-status"][data-state="asked"]').waitFor();
    await expectNoSeriousViolations(s, 'panel, result');
  });

  test('settings page, as stored and with a validation error', async () => {
    const s = await open({ settings: { version: 1, confirmActions: 'yes' } });
    await openPage(s, 'settings');
    await expectNoSeriousViolations(s, 'settings');
    await s.app.locator('[data-testid="field-bulkPageSize"]').fill('500');
    await s.app.locator('[data-testid="settings-save"]').click();
    await s.app.locator('[data-testid="settings-invalid"]').waitFor();
    await expectNoSeriousViolations(s, 'settings, invalid');
  });

  test('configuration page: editable, hosted-proxy warning, errors and connection test results', async () => {
    const s = await open({ config: { ...stack.institutionConfig, legacyKey: 1 } });
    await openPage(s, 'config');
    await expectNoSeriousViolations(s, 'config');
    await s.app.locator('[data-testid="proxy-mode-exlibris"] input').check();
    await s.app.locator('[data-testid="hosted-warning"]').waitFor();
    await s.app.locator('[data-testid="field-worldshare.registryId"]').fill('12a');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-invalid"]').waitFor();
    await s.app.locator('[data-testid="test-connection"]').click();
    await s.app
      .locator('[data-testid="test-step"][data-step="config"][data-state="failed"]')
      .waitFor();
    await expectNoSeriousViolations(s, 'config, errors and test results');
  });

  test('configuration page, read-only for a non-administrator', async () => {
    const s = await open({ user: { isAdmin: false } });
    await openPage(s, 'config');
    await s.app.locator('[data-testid="config-readonly"]').waitFor();
    await expectNoSeriousViolations(s, 'config, read-only');
  });

  test('help page', async () => {
    const s = await open();
    await openPage(s, 'help');
    await expectNoSeriousViolations(s, 'help');
  });

  test('keyboard: the settings can be changed and saved without a mouse', async () => {
    const s = await open();
    await openPage(s, 'settings');
    assert.ok(await tabTo(s, 'field-confirmActions'), 'the confirmations switch takes the focus');
    await s.page.keyboard.press('Space');
    await s.app
      .locator('[data-testid="field-confirmActions"] button[role="switch"][aria-checked="false"]')
      .waitFor();
    assert.equal(
      await s.app
        .locator('[data-testid="field-autoApplyRenewals"] button[role="switch"]')
        .getAttribute('aria-checked'),
      'false',
      'only that switch changed',
    );
    assert.ok(await tabTo(s, 'settings-save'), 'Save takes the focus');
    await s.page.keyboard.press('Enter');
    await s.app.locator('[data-testid="settings-saved"]').waitFor();
    assert.equal((await stack.state()).settings['confirmActions'], false);
  });

  test('keyboard: the configuration can be tested and saved without a mouse, and Back is reachable', async () => {
    const s = await open();
    await openPage(s, 'config');
    assert.ok(await tabTo(s, 'field-defaults.lenderString'), 'the lender string takes the focus');
    await s.page.keyboard.press('ControlOrMeta+A');
    await s.page.keyboard.type('111111, 222222');
    assert.ok(await tabTo(s, 'config-save'), 'Save takes the focus');
    await s.page.keyboard.press('Enter');
    await s.app.locator('[data-testid="config-saved"]').waitFor();
    assert.ok(await tabTo(s, 'test-connection'), 'Test connection takes the focus');
    await s.page.keyboard.press('Enter');
    await s.app.locator('[data-testid="test-step"][data-step="oclc"][data-state="ok"]').waitFor();
    // The focus stays on the button and is drawn.
    assert.equal(await focusedTestId(s), 'test-connection', 'the focus stays where it was');
    const shown = await (
      await appFrame(s)
    ).evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return (
        !!el &&
        el.matches(':focus-visible') &&
        getComputedStyle(el).outlineStyle !== 'none' &&
        getComputedStyle(el).outlineWidth !== '0px'
      );
    });
    assert.ok(shown, 'the keyboard focus is visible');
    assert.ok(await tabTo(s, 'back'), 'Back takes the focus');
    await s.page.keyboard.press('Enter');
    await s.app.locator('app-panel').waitFor();
  });
});
