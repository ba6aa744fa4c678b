/**
 * End to end in the simulator: the app inside Alma's frame. The simulator serves the app with the
 * Content-Security-Policy Alma applies (connect-src from manifest.json, plus the local proxy the way an
 * institution lists its own proxy host in its copy of the manifest) in a sandboxed iframe; a call to an
 * unlisted address is blocked by the browser, and the configuration page refuses such an address.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { openPage, useHarness } from './support/harness.js';
import { translated } from './support/languages.js';
import { entityOf } from './support/records.js';
import { generateTaskList } from './support/task-list.js';

const MANIFEST = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8')) as {
  contentSecurity: { connectSrc: string[] };
};
describe("the app inside Alma's sandboxed frame", () => {
  const h = useHarness();

  test("the frame is sandboxed with the manifest's flags and the app is served with Alma's policy", async () => {
    const s = await h.open();
    const flags =
      (await s.page.locator('#cloudapp-frame').getAttribute('sandbox'))?.split(' ') ?? [];
    assert.deepEqual(flags, [
      'allow-scripts',
      'allow-same-origin',
      'allow-forms',
      'allow-downloads',
    ]);
    const policy = (await fetch(h.stack.sim.appUrl)).headers.get('content-security-policy') ?? '';
    const connect = policy
      .split('; ')
      .find((d) => d.startsWith('connect-src '))!
      .split(' ')
      .slice(1);
    assert.deepEqual(connect, [
      "'self'",
      ...MANIFEST.contentSecurity.connectSrc,
      new URL(h.stack.proxyUrl).origin,
    ]);
    assert.match(policy, /script-src 'self'(;|$)/);
    assert.deepEqual(s.errors, []);
  });

  test('a proxy address outside the allowed list is blocked by the browser: nothing reaches it', async () => {
    // The fake OCLC's own origin: a live server, on this computer, that the policy does not list.
    const unlisted = h.stack.sim.oclcUrl;
    assert.equal(
      (await fetch(`${unlisted}/healthz-of-nothing`)).status,
      404,
      'the server itself answers',
    );
    const s = await h.open({
      reset: {
        config: {
          ...h.stack.institutionConfig,
          proxy: { mode: 'own', url: unlisted, wskey: '', secret: '' },
        },
      },
    });
    await openPage(s, 'config');
    const blocked = s.page.waitForEvent(
      'console',
      (m) =>
        /Content Security Policy/.test(m.text()) &&
        /connect-src/.test(m.text()) &&
        m.text().includes(unlisted),
    );
    const callsBefore = (await h.stack.state()).worldshare.calls.length;
    await s.app.locator('[data-testid="test-connection"]').click();
    const failed = s.app.locator('[data-testid="test-step"][data-state="failed"]');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('data-step'), 'proxy');
    assert.equal(
      await failed.locator('[data-testid="test-reason"]').getAttribute('data-failure'),
      'unreachable',
    );
    await blocked;
    assert.equal(
      (await h.stack.state()).worldshare.calls.length,
      callsBefore,
      'the browser sent nothing to the unlisted address',
    );
  });

  test('the configuration page refuses an address the manifest does not allow, and says why', async () => {
    const s = await h.open();
    await openPage(s, 'config');
    const url = s.app.locator('[data-testid="field-proxy.url"]');
    await url.fill('https://proxy.exlibrisgroup.com');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-invalid"]').waitFor();
    const message = translated('config.error.notAllowed', {
      hosts: MANIFEST.contentSecurity.connectSrc.join(', '),
    });
    await s.app.locator('mat-error', { hasText: message }).waitFor();
    assert.deepEqual(
      (await h.stack.state()).config,
      h.stack.institutionConfig,
      'nothing was saved',
    );

    // An address the manifest lists is accepted and saved.
    await url.fill('https://api-na.exldevnetwork.net/proxy');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-saved"]').waitFor();
    assert.equal(
      ((await h.stack.state()).config as { proxy: { url: string } }).proxy.url,
      'https://api-na.exldevnetwork.net/proxy',
    );
  });
});

describe('a copy of the manifest without the downloads switch', () => {
  // The same manifest with contentSecurity.sandbox.downloads removed: Alma's frame then has no allow-downloads.
  const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
  const manifest = join(dir, 'manifest.json');
  const copy = JSON.parse(readFileSync(new URL('../manifest.json', import.meta.url), 'utf8'));
  delete copy.contentSecurity.sandbox;
  writeFileSync(manifest, JSON.stringify(copy));
  const h = useHarness({ manifest });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test("the browser refuses the bulk report's CSV file: the manifest's switch is what lets it through", async () => {
    const g = generateTaskList(3);
    const s = await h.open({
      reset: { requests: g.requests, worldshare: { requests: g.worldshare } },
      page: { entities: g.requests.map(entityOf) },
    });
    await s.app
      .locator('[data-testid="bulk-reconcile"]:not([disabled])')
      .waitFor({ timeout: 60_000 });
    // The host page sets the flags before it loads the app, so they are there once the app shows.
    const flags =
      (await s.page.locator('#cloudapp-frame').getAttribute('sandbox'))?.split(' ') ?? [];
    assert.deepEqual(flags, ['allow-scripts', 'allow-same-origin', 'allow-forms']);
    await s.app.locator('[data-testid="bulk-reconcile"]:not([disabled])').click();
    await s.app.locator('[data-testid="bulk-csv"]').waitFor({ timeout: 60_000 });
    const refused = s.page.waitForEvent('console', (m) => /allow-downloads/.test(m.text()));
    await s.app.locator('[data-testid="bulk-csv"]').click();
    assert.match((await refused).text(), /Download is disallowed/);
  });
});
