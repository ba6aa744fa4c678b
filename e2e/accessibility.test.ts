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
import { describe, test } from 'node:test';
import type { Frame } from 'playwright-core';
import type { BrowserSession } from './support/browser.js';
import { caseOf, requestsOf } from './support/cases.js';
import { appFrame, openPage, useHarness, waitUntil } from './support/harness.js';
import { exportedAndLoaned } from './support/records.js';

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
 * How many Tab key-ups the host page and the app frame have seen (a listener on each, added on
 * first use). A key-up comes after the key-down has moved the focus, wherever the focus went.
 */
async function tabKeyUps(s: BrowserSession, frame: Frame): Promise<number> {
  const counted = () => {
    const w = window as unknown as { __tabKeyUps?: number };
    if (w.__tabKeyUps === undefined) {
      w.__tabKeyUps = 0;
      window.addEventListener(
        'keyup',
        (e) => {
          if (e.key === 'Tab') w.__tabKeyUps = (w.__tabKeyUps ?? 0) + 1;
        },
        true,
      );
    }
    return w.__tabKeyUps;
  };
  return (await s.page.evaluate(counted)) + (await frame.evaluate(counted));
}

/**
 * Presses Tab until the element with `testId` (or one inside it) has the focus; false after `max`
 * presses. The app runs in a frame of its own, which handles keys a moment after the page does,
 * so each press waits until the key has been handled before looking where the focus is.
 */
async function tabTo(s: BrowserSession, testId: string, max = 120): Promise<boolean> {
  const frame = await appFrame(s);
  for (let i = 0; i < max; i++) {
    const seen = await tabKeyUps(s, frame);
    await s.page.keyboard.press('Tab');
    await waitUntil(async () => (await tabKeyUps(s, frame)) > seen, 'the Tab key handled');
    if ((await focusedTestId(s)) === testId) return true;
  }
  return false;
}

describe('accessibility (axe-core: no serious or critical violation)', () => {
  const h = useHarness();

  test('panel: one request ready to export, with a warning', async () => {
    const c = caseOf('04');
    const s = await h.open({
      reset: { requests: [c.alma_request] },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="export-preview"]').waitFor();
    await expectNoSeriousViolations(s, 'panel, one request');
  });

  test('panel: a task list of several requests', async () => {
    const ids = ['01', '02', '05', '09'];
    const s = await h.open({
      reset: { requests: requestsOf(...ids) },
      page: { entities: ids.map((id) => caseOf(id).entity) },
    });
    await s.app
      .locator('[data-testid="citation-title"]')
      .nth(ids.length - 1)
      .waitFor();
    await expectNoSeriousViolations(s, 'panel, task list');
  });

  test('panel: an exported request with its actions, a confirmation and a result', async () => {
    const x = exportedAndLoaned();
    const s = await h.open({
      reset: { requests: [x.request], loans: x.loans, worldshare: { requests: x.worldshare } },
      page: { entities: [x.entity] },
    });
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
    const s = await h.open({ reset: { settings: { version: 1, confirmActions: 'yes' } } });
    await openPage(s, 'settings');
    await expectNoSeriousViolations(s, 'settings');
    await s.app.locator('[data-testid="field-bulkPageSize"]').fill('500');
    await s.app.locator('[data-testid="settings-save"]').click();
    await s.app.locator('[data-testid="settings-invalid"]').waitFor();
    await expectNoSeriousViolations(s, 'settings, invalid');
  });

  test('configuration page: editable, hosted-proxy warning, errors and connection test results', async () => {
    const s = await h.open({ reset: { config: { ...h.stack.institutionConfig, legacyKey: 1 } } });
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
    const s = await h.open({ reset: { user: { isAdmin: false } } });
    await openPage(s, 'config');
    await s.app.locator('[data-testid="config-readonly"]').waitFor();
    await expectNoSeriousViolations(s, 'config, read-only');
  });

  test('help page', async () => {
    const s = await h.open();
    await openPage(s, 'help');
    await expectNoSeriousViolations(s, 'help');
  });

  test('keyboard: the settings can be changed and saved without a mouse', async () => {
    const s = await h.open();
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
    assert.equal((await h.stack.state()).settings['confirmActions'], false);
  });

  test('keyboard: the configuration can be tested and saved without a mouse, and Back is reachable', async () => {
    const s = await h.open();
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
