/**
 * Headless Debian Chromium driven by playwright-core, with the Alma simulator's page open and
 * the Cloud App's iframe at hand. Nothing outside 127.0.0.1 is fetched: the SDK's web fonts are
 * refused at once so an offline machine neither waits nor reports them as app errors.
 */
import {
  chromium,
  type Browser,
  type BrowserContext,
  type FrameLocator,
  type Page,
} from 'playwright-core';

import chromiumFlags from '../../tools/chromium-flags.json' with { type: 'json' };

export const CHROMIUM = process.env.CHROME_BIN || '/usr/bin/chromium';

const ARGS = chromiumFlags.flags;

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  app: FrameLocator;
  /** Console errors and uncaught page errors of the app frame (offline font loads excluded). */
  errors: string[];
  /** With `captureBodies`: every response body the page received (host, app, proxy), as text. */
  bodies(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/**
 * Opens the simulator's host page in a fresh context (optionally in a time zone, e.g. 'America/New_York'),
 * signed in as `user` (a staff user's primary id from the reset's `users`; default: the reset's `user`).
 * Alma keeps the Cloud App store and settings per user, and the JWT's `sub` is that user. `bypassCSP`
 * switches off the Content-Security-Policy the simulator serves the app with (as Alma does), for the
 * benchmark only: Playwright's waitForFunction evaluates its predicate with eval, which that policy forbids.
 */
export async function openHost(
  browser: Browser,
  hostUrl: string,
  opts: {
    timezoneId?: string;
    locale?: string;
    captureBodies?: boolean;
    user?: string;
    bypassCSP?: boolean;
  } = {},
): Promise<BrowserSession> {
  const context = await browser.newContext({
    timezoneId: opts.timezoneId,
    locale: opts.locale,
    viewport: { width: 1280, height: 900 },
    bypassCSP: opts.bypassCSP ?? false,
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1|localhost)/, (route) => route.abort());
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (/Failed to load resource|ERR_FAILED|fonts\.googleapis|net::/.test(text)) return;
    errors.push(text);
  });
  const bodies: Promise<string>[] = [];
  if (opts.captureBodies) {
    page.on('response', (r) => {
      // The host page's event stream never ends; everything else is read whole.
      if ((r.headers()['content-type'] ?? '').includes('text/event-stream')) return;
      bodies.push(r.text().catch(() => ''));
    });
  }
  await page.goto(opts.user ? `${hostUrl}/?user=${encodeURIComponent(opts.user)}` : `${hostUrl}/`);
  const app = page.frameLocator('iframe');
  return {
    browser,
    context,
    page,
    app,
    errors,
    bodies: () => Promise.all(bodies),
    close: () => context.close(),
  };
}
