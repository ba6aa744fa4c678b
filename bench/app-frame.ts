/** The Cloud App's sidebar frame inside the simulator's host page, and timing what it shows. */
import type { Browser, Frame } from 'playwright-core';
import { openHost, type BrowserSession } from '../e2e/support/browser.js';

/** How long any single wait in a scenario may take before the scenario counts as broken. */
export const STEP_TIMEOUT_MS = 60_000;

export interface AppSession extends BrowserSession {
  /** The sidebar iframe's frame (the same object across the frame's navigations). */
  frame: Frame;
}

/**
 * Opens the host page in a fresh browser context and waits until the app in the sidebar shows
 * `readySelector` (it has booted and asked for the page), so a PAGE_LOAD that follows is timed alone.
 *
 * @throws playwright's TimeoutError when the app never shows `readySelector`.
 */
export async function openApp(
  browser: Browser,
  hostUrl: string,
  readySelector: string,
): Promise<AppSession> {
  // The timing waits use waitForFunction (eval), which the app's Content-Security-Policy forbids; the
  // benchmark measures time, the e2e suites check the policy.
  const s = await openHost(browser, hostUrl, { bypassCSP: true });
  try {
    const element = await s.page.waitForSelector('#cloudapp-frame', { timeout: STEP_TIMEOUT_MS });
    const frame = await element.contentFrame();
    if (!frame) throw new Error('the host page has no Cloud App frame');
    await s.app.locator(readySelector).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    return { ...s, frame };
  } catch (e) {
    await s.close().catch(() => undefined);
    throw e;
  }
}

/**
 * Resolves with the time (epoch ms, the browser's clock, which is this machine's) of the first
 * rendered frame in which `selector` matches an element that is not disabled. Checked on every
 * animation frame, so the figure is within one frame (about 16 ms) of what staff would see.
 *
 * @throws playwright's TimeoutError after `timeoutMs`.
 */
export async function enabledAt(
  frame: Frame,
  selector: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<number> {
  const handle = await frame.waitForFunction(
    (sel: string) => {
      const el = document.querySelector(sel) as HTMLButtonElement | null;
      return el && !el.disabled && !el.hasAttribute('disabled') ? Date.now() : 0;
    },
    selector,
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * Clicks `testId` in the app, answers OK when the app asks for confirmation (the default user
 * settings ask before most actions), and waits until `doneSelector` shows the action's outcome.
 *
 * @throws playwright's TimeoutError when the button, the confirmation or the outcome never shows.
 */
export async function act(
  s: AppSession,
  testId: string,
  doneSelector: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  await s.app.locator(`[data-testid="${testId}"]:not([disabled])`).click({ timeout: timeoutMs });
  const ok = s.app.locator('[data-testid="confirm-ok"]');
  const done = s.app.locator(doneSelector);
  await ok.or(done).first().waitFor({ timeout: timeoutMs });
  if (await ok.count()) await ok.click({ timeout: timeoutMs });
  await done.first().waitFor({ timeout: timeoutMs });
}

/** Waits for `selector` in the app and returns when it is there. */
export async function shown(
  s: AppSession,
  selector: string,
  timeoutMs = STEP_TIMEOUT_MS,
): Promise<void> {
  await s.app.locator(selector).first().waitFor({ timeout: timeoutMs });
}
