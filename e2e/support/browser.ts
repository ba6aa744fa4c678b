/**
 * Headless Debian Chromium driven by playwright-core, with the Alma simulator's page open and
 * the Cloud App's iframe at hand. Nothing outside 127.0.0.1 is fetched: the SDK's web fonts are
 * refused at once so an offline machine neither waits nor reports them as app errors.
 */
import { chromium, type Browser, type BrowserContext, type FrameLocator, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROME_BIN || '/usr/bin/chromium';

const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  app: FrameLocator;
  /** Console errors and uncaught page errors of the app frame (offline font loads excluded). */
  errors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
}

/** Opens the simulator's host page in a fresh context (optionally in a time zone, e.g. 'America/New_York'). */
export async function openHost(browser: Browser, hostUrl: string, opts: { timezoneId?: string; locale?: string } = {}): Promise<BrowserSession> {
  const context = await browser.newContext({ timezoneId: opts.timezoneId, locale: opts.locale, viewport: { width: 1280, height: 900 } });
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
  await page.goto(`${hostUrl}/`);
  const app = page.frameLocator('iframe');
  return { browser, context, page, app, errors, close: () => context.close() };
}
