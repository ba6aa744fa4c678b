/**
 * The shared set-up of an end-to-end suite: one stack (simulator + real proxy) and one headless
 * Chromium for the whole file, and one open host page at a time. Call `useHarness()` at the top of
 * a `describe`; it registers the before/after hooks. Also the steps every suite takes inside the
 * app: its frame, its pages (`openPage`), and waiting for a condition outside the page (`waitUntil`).
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Browser, Frame } from 'playwright-core';
import { startStack, type Stack, type StackOptions } from '../../tools/stack.js';
import { launchBrowser, openHost, type BrowserSession } from './browser.js';

export interface OpenOptions {
  /** Body of `POST /__sim/reset` (the stack's institution configuration unless `config` is given). */
  reset?: Record<string, unknown>;
  /**
   * What Alma shows once the page is open (`POST /__sim/page`). When absent, `open` waits until the
   * panel has settled on Alma's empty page (its hint), so that a page a test shows next arrives as a
   * page change, not while the panel is still asking which page is open.
   */
  page?: { entities?: unknown[]; requestIds?: string[] };
  timezoneId?: string;
  captureBodies?: boolean;
  /** The staff user to sign in as (primary id of one of the reset's `users`); default: the reset's `user`. */
  user?: string;
}

export interface Harness {
  readonly stack: Stack;
  readonly browser: Browser;
  /** The open host page (throws before the first `open`). */
  readonly s: BrowserSession;
  /** Closes the previous page, resets the simulator, opens the host page and shows `page` (see OpenOptions). */
  open(opts?: OpenOptions): Promise<BrowserSession>;
  /**
   * Opens one more host page beside the open one, without a reset (e.g. a second staff member at
   * another desk). The caller closes it; the harness closes it at the end if still open.
   */
  openAnother(
    opts?: Pick<OpenOptions, 'user' | 'timezoneId' | 'captureBodies'>,
  ): Promise<BrowserSession>;
}

export function useHarness(stackOptions: StackOptions = {}): Harness {
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let session: BrowserSession | undefined;
  const others: BrowserSession[] = [];

  before(async () => {
    stack = await startStack(stackOptions);
    browser = await launchBrowser();
  });
  after(async () => {
    await session?.close().catch(() => undefined);
    for (const other of others) await other.close().catch(() => undefined);
    await browser?.close();
    await stack?.close();
  });

  const harness: Harness = {
    get stack() {
      return must(stack, 'stack');
    },
    get browser() {
      return must(browser, 'browser');
    },
    get s() {
      return must(session, 'page');
    },
    async open(opts = {}) {
      await session?.close().catch(() => undefined);
      await harness.stack.reset(opts.reset ?? {});
      session = await openHost(harness.browser, harness.stack.sim.hostUrl, {
        timezoneId: opts.timezoneId,
        captureBodies: opts.captureBodies,
        user: opts.user,
      });
      if (opts.page) await harness.stack.page(opts.page);
      else await session.app.locator('[data-testid="hint"]').waitFor();
      return session;
    },
    async openAnother(opts = {}) {
      const other = await openHost(harness.browser, harness.stack.sim.hostUrl, opts);
      others.push(other);
      return other;
    },
  };
  return harness;
}

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the e2e ${what} is not open yet`);
  return value;
}

/** The app's own frame (the sidebar iframe), once the app is in it; found again after a reload. */
export async function appFrame(s: BrowserSession): Promise<Frame> {
  await s.app.locator('app-root').waitFor({ state: 'attached' });
  const frame = s.page.frames().find((f) => f.parentFrame() === s.page.mainFrame());
  assert.ok(frame, 'the app frame is there');
  return frame;
}

/** The app's pages besides the panel, each with the test id that shows it is open. */
const PAGE_READY = {
  config: 'config-form',
  settings: 'settings-form',
  help: 'help-actions',
} as const;

/** Opens one of the app's pages the way the manifest's `pages` entries do (`/#/<route>`). */
export async function openPage(s: BrowserSession, route: keyof typeof PAGE_READY): Promise<void> {
  const frame = await appFrame(s);
  await frame.evaluate((r) => {
    window.location.hash = `#/${r}`;
  }, route);
  await s.app.locator(`[data-testid="${PAGE_READY[route]}"]`).waitFor();
}

/**
 * Waits until `check` holds, asking again every 100 ms: for conditions outside the page (the
 * simulator's state), which Playwright cannot wait for. Fails with `what` after `timeoutMs`.
 */
export async function waitUntil(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 30_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await sleep(100);
  }
}
