import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { type Browser, type Frame, type Page, chromium } from 'playwright-core';
import chromiumFlags from '../../../tools/chromium-flags.json' with { type: 'json' };
import {
  present,
  startTestSim,
  tempAppDir,
  type LooseJson,
  type TestSim,
} from '../testing/harness.js';

/**
 * A stand-in Cloud App that talks to its parent exactly as @exlibris/exl-cloudapp-angular-lib's MessageBus
 * does: `{name:"exl-cloudapp::"+NAME, id, payload, ts}` posted to the parent with target "*", replies matched
 * by `inReplyTo`, PAGE_LOAD (no inReplyTo) collected in `window.pageLoads`.
 */
const TEST_APP_SCRIPT = `  const PREFIX = 'exl-cloudapp::';
  const pending = new Map();
  window.pageLoads = [];
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg.name !== 'string' || !msg.name.startsWith(PREFIX)) return;
    if (msg.inReplyTo) {
      const resolve = pending.get(msg.inReplyTo);
      if (resolve) { pending.delete(msg.inReplyTo); resolve({ name: msg.name, payload: msg.payload, ts: msg.ts, origin: event.origin }); }
      return;
    }
    if (msg.name === PREFIX + 'PAGE_LOAD') window.pageLoads.push(msg.payload);
  });
  let n = 0;
  window.call = (name, payload, omitPayload) => new Promise((resolve) => {
    const id = 'm' + (++n) + '-' + Date.now();
    pending.set(id, (reply) => resolve({ ...reply, id }));
    const msg = omitPayload ? { name: PREFIX + name, id } : { name: PREFIX + name, id, payload };
    msg.ts = Date.now();
    window.parent.postMessage(msg, '*');
  });
  window.appReady = true;
`;

// The script is a file of its own: the app's Content-Security-Policy (script-src 'self') refuses inline scripts.
const TEST_APP = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>test app</title></head><body>
<script src="app.js"></script>
</body></html>`;

/**
 * Waits until `check` holds in `frame`. Playwright's waitForFunction evaluates its predicate with eval, which
 * the app frame's Content-Security-Policy forbids (as Alma's does); a plain `evaluate` is not affected.
 */
async function until(
  frame: Frame,
  check: (arg: number) => unknown,
  arg = 0,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await frame.evaluate(check, arg))) {
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms: ${check.toString()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const CHROMIUM_ARGS = chromiumFlags.flags;

interface Reply {
  name: string;
  /** The host's answer, as the app's message bus receives it. */
  payload: LooseJson;
  ts: number;
  origin: string;
  id: string;
}

/** What the stand-in app's script keeps on its window (TEST_APP_SCRIPT). */
interface TestAppWindow {
  call(name: string, payload: unknown, omitPayload: boolean): Promise<Reply>;
  pageLoads: { entities: { id: string }[] }[];
  appReady?: boolean;
  cspViolations: string[];
}

/** What the host page script shows tests on its window (`__simHost`). */
interface HostWindow {
  __simHost?: { ready: boolean; messages: { id: string }[] };
}

describe('host page in Chromium', () => {
  let t: TestSim;
  let browser: Browser;
  let page: Page;
  let app: Frame;
  let appDir: string;
  const consoleErrors: string[] = [];

  /** Sends one message from the app frame and waits for the host's reply. */
  const call = (name: string, payload?: unknown, omitPayload = false): Promise<Reply> =>
    app.evaluate(([n, p, o]) => (window as unknown as TestAppWindow).call(n, p, o), [
      name,
      payload,
      omitPayload,
    ] as const);

  before(async () => {
    appDir = tempAppDir({ 'index.html': TEST_APP, 'app.js': TEST_APP_SCRIPT });
    t = await startTestSim({ appDir });
    // As an institution lists its own proxy host in its copy of the manifest.
    t.sim.allowConnectSrc(t.sim.oclcUrl);
    await t.reset();
    await t.call('POST', '/__sim/page', { requestIds: ['1987654320004'] });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
      headless: true,
    });
    page = await browser.newPage();
    page.on('console', (msg) => {
      // The browser logs every non-2xx fetch (the Alma 404 test makes one); only script errors count here.
      // The connect-src test's blocked call is expected to be reported.
      const expected =
        msg.text().includes(`${t.sim.hostUrl}/__sim/state`) &&
        /Content Security Policy/.test(msg.text());
      if (
        msg.type() === 'error' &&
        !expected &&
        !/Failed to load resource|net::ERR_/.test(msg.text())
      )
        consoleErrors.push(msg.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    await page.goto(`${t.sim.hostUrl}/`);
    await page.waitForFunction(() => (window as unknown as HostWindow).__simHost?.ready === true);
    const appOrigin = new URL(t.sim.appUrl).origin;
    await page.waitForFunction(() => document.querySelector('iframe')?.getAttribute('src'));
    const frameHandle = await page.$('iframe');
    app = (await frameHandle!.contentFrame())!;
    await app.waitForURL((url) => url.origin === appOrigin);
    await until(app, () => (window as unknown as TestAppWindow).appReady === true);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
    rmSync(appDir, { recursive: true, force: true });
  });

  test('the page shows the open borrowing request and a 400px sidebar with the app from another origin', async () => {
    const row = page.locator('tr[data-request-id="1987654320004"]');
    await row.waitFor();
    const text = await row.textContent();
    assert.match(text ?? '', /The Structure of Scientific Revolutions/);
    assert.match(text ?? '', /Ready to be sent/);
    assert.match((await page.locator('header').textContent()) ?? '', /Alma \(simulated\)/);
    const box = await page.locator('aside').boundingBox();
    assert.equal(Math.round(box!.width), 400);
    assert.equal(await page.locator('iframe').count(), 1);
  });

  test('INIT_DATA: user, lang, instCode and urls, in a reply named like the request with inReplyTo', async () => {
    const reply = await call('INIT_DATA', undefined, true);
    assert.equal(reply.name, 'exl-cloudapp::INIT_DATA');
    assert.equal(typeof reply.ts, 'number');
    assert.equal(reply.origin, t.sim.hostUrl);
    assert.equal(reply.payload.user.primaryId, 'staff.robin');
    assert.equal(reply.payload.user.isAdmin, true);
    assert.equal(reply.payload.lang, 'en');
    assert.equal(reply.payload.instCode, 'SIM_INST');
    assert.equal(reply.payload.urls.alma, `${t.sim.hostUrl}/`);
  });

  test('PAGE_METADATA: the entities of the current page', async () => {
    const reply = await call('PAGE_METADATA', undefined, true);
    assert.deepEqual(reply.payload.entities, [
      {
        id: '1987654320004',
        type: 'BORROWING_REQUEST',
        link: '/users/P1000231/resource-sharing-requests/1987654320004',
        description: 'The Structure of Scientific Revolutions',
      },
    ]);
  });

  test('CALL_REST_API: a GET through the fake Alma, logged there as a real call', async () => {
    const before = (await t.state()).alma.calls.length;
    const reply = await call('CALL_REST_API', {
      url: '/users/P1000231/resource-sharing-requests/1987654320004',
      method: 'GET',
      headers: {},
      queryParams: {},
    });
    assert.equal(reply.payload.body.title, 'The Structure of Scientific Revolutions');
    const calls = (await t.state()).alma.calls;
    assert.equal(calls.length, before + 1);
    assert.equal(
      calls.at(-1)?.url,
      '/almaws/v1/users/P1000231/resource-sharing-requests/1987654320004',
    );
  });

  test('CALL_REST_API: a url with its own query string plus queryParams', async () => {
    const reply = await call('CALL_REST_API', {
      url: '/users/P1000231/resource-sharing-requests/187654321?request_id_type=external',
      method: 'GET',
      queryParams: { lang: 'en' },
    });
    assert.equal(reply.payload.body.request_id, '1987654320059');
    assert.deepEqual((await t.state()).alma.calls.at(-1)?.query, {
      request_id_type: 'external',
      lang: 'en',
    });
  });

  test('CALL_REST_API: an Alma error comes back as {error:{status, statusText, error:<Alma error body>}}', async () => {
    const reply = await call('CALL_REST_API', {
      url: '/users/P1000231/resource-sharing-requests/404404',
      method: 'GET',
    });
    assert.equal(reply.payload.body, undefined);
    assert.equal(reply.payload.error.status, 404);
    assert.equal(reply.payload.error.statusText, 'Not Found');
    assert.equal(reply.payload.error.error.errorList.error[0].errorCode, '40166450');
  });

  test('CALL_REST_API: DELETE with queryParams and PUT with a requestBody', async () => {
    const del = await call('CALL_REST_API', {
      url: '/users/P1000231/resource-sharing-requests/1987654320011',
      method: 'DELETE',
      queryParams: { reason: 'CannotBeFulfilled', notify_user: false, remove_request: true },
    });
    assert.equal(del.payload.error, undefined);
    const cancel = present((await t.state()).alma.calls.at(-1), 'the cancel call');
    assert.equal(cancel.status, 204);
    assert.equal(cancel.query.notify_user, 'false');
    assert.equal(cancel.effective?.notify_user, false);

    const put = await call('CALL_REST_API', {
      url: '/almaws/v1/users/P1000231/loans/7300000105678',
      method: 'PUT',
      headers: { 'Content-Type': 'application/json' },
      requestBody: { loan_id: '7300000105678', due_date: '2030-04-01T23:59:00Z' },
    });
    assert.equal(put.payload.body.due_date, '2030-04-01T23:59:00Z');
  });

  test('SETTINGS and CONFIG: write a JSON string, read it back; kept on the server', async () => {
    assert.deepEqual((await call('SETTINGS', JSON.stringify({ confirmActions: false }))).payload, {
      success: true,
    });
    const read = await call('SETTINGS', undefined);
    assert.deepEqual(JSON.parse(read.payload.settings), { confirmActions: false });
    assert.deepEqual((await t.state()).settings, { confirmActions: false });
    assert.deepEqual((await call('CONFIG', JSON.stringify({ almaPartnerCode: 'WSILL' }))).payload, {
      success: true,
    });
    assert.deepEqual(JSON.parse((await call('CONFIG', undefined)).payload.config), {
      almaPartnerCode: 'WSILL',
    });
  });

  test('CLOUDAPP_STORE: set, get, remove', async () => {
    await call('CLOUDAPP_STORE', { key: 'last', value: { id: 7 } });
    assert.deepEqual((await call('CLOUDAPP_STORE', { key: 'last' })).payload, {
      key: 'last',
      value: { id: 7 },
    });
    await call('CLOUDAPP_STORE', { key: 'last', value: null });
    const gone = await call('CLOUDAPP_STORE', { key: 'last' });
    assert.equal(gone.payload.key, 'last');
    assert.equal(gone.payload.value, undefined);
  });

  test('JWT_AUTH_TOKEN: a token that verifies against the JWKS', async () => {
    const reply = await call('JWT_AUTH_TOKEN', undefined, true);
    const { payload } = await jwtVerify(
      reply.payload.jwt,
      createRemoteJWKSet(new URL(t.sim.jwksUrl)),
      {
        issuer: 'https://apps01.ext.exlibrisgroup.com/auth',
        audience: 'ExlCloudApp:some-org/worldshare-bridge',
      },
    );
    assert.equal(payload.sub, 'staff.robin');
  });

  test('ENTITY_SELECT, ALMA_BACK, ALMA_MAIN_PAGE answer success; an unknown name answers an error', async () => {
    for (const name of ['ENTITY_SELECT', 'ALMA_BACK', 'ALMA_MAIN_PAGE']) {
      assert.deepEqual((await call(name, undefined, true)).payload, { success: true }, name);
    }
    assert.match(
      (await call('NO_SUCH_THING', undefined, true)).payload.error.message,
      /NO_SUCH_THING/,
    );
  });

  test('messages from anything but the sidebar frame are ignored', async () => {
    await page.evaluate(() =>
      window.postMessage({ name: 'exl-cloudapp::INIT_DATA', id: 'from-top', ts: Date.now() }, '*'),
    );
    // A message the frame sends afterwards is answered, so the top-level one had its chance first.
    await call('ALMA_BACK', undefined, true);
    const ids = await page.evaluate(() =>
      (window as unknown as HostWindow).__simHost!.messages.map((m) => m.id),
    );
    assert.equal(ids.includes('from-top'), false);
  });

  test('POST /__sim/page re-renders the page and sends PAGE_LOAD to the app', async () => {
    await t.call('POST', '/__sim/page', { requestIds: ['1987654320059', '1987654320066'] });
    await until(app, () =>
      (window as unknown as TestAppWindow).pageLoads.some((p) => p.entities.length === 2),
    );
    const load = await app.evaluate(() =>
      (window as unknown as TestAppWindow).pageLoads.find((p) => p.entities.length === 2),
    );
    assert.deepEqual(
      load?.entities.map((e) => e.id),
      ['1987654320059', '1987654320066'],
    );
    const row = page.locator('tr[data-request-id="1987654320059"]');
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    assert.match(text, /Atlas of Medieval Trade Routes/);
    assert.match(text, /WorldShareILL/);
    assert.match(text, /187654321/);
    assert.match(text, /Request sent to partner/);
  });

  test('RELOAD_PAGE answers success, then PAGE_LOAD brings the refreshed page', async () => {
    await t.call(
      'POST',
      '/almaws/v1/rapido/v1/user/P1000231/resource-sharing-requests/1987654320066?op=assign_request_to_partner&partner=WSILL&partner_request_id=777',
    );
    const count = await app.evaluate(() => (window as unknown as TestAppWindow).pageLoads.length);
    const reply = await call('RELOAD_PAGE', undefined, true);
    assert.deepEqual(reply.payload, { success: true });
    await until(app, (n) => (window as unknown as TestAppWindow).pageLoads.length > n, count);
    await page.locator('tr[data-request-id="1987654320066"]', { hasText: '777' }).waitFor();
  });

  test("the app runs in a sandboxed frame with the manifest's flags", async () => {
    const flags = (await page.locator('iframe').getAttribute('sandbox'))?.split(' ');
    assert.deepEqual(flags, [
      'allow-scripts',
      'allow-same-origin',
      'allow-forms',
      'allow-downloads',
    ]);
    assert.equal(
      await app.evaluate(() => window.origin),
      new URL(t.sim.appUrl).origin,
      'the app keeps its own origin',
    );
  });

  test('connect-src: the app reaches a listed origin, the browser blocks an unlisted one', async () => {
    await app.evaluate(() => {
      (window as unknown as TestAppWindow).cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as TestAppWindow).cspViolations.push(
          `${e.effectiveDirective} ${e.blockedURI}`,
        ),
      );
    });
    const attempt = (url: string) =>
      app.evaluate(async (target) => {
        try {
          // no-cors: an allowed fetch resolves (opaque) whatever the target's CORS headers say; CSP makes it reject.
          await fetch(target, { mode: 'no-cors' });
          return 'reached';
        } catch {
          return 'failed';
        }
      }, url);
    assert.equal(await attempt(`${t.sim.oclcUrl}/no-such-route`), 'reached');
    assert.equal(await attempt(`${t.sim.hostUrl}/__sim/state`), 'failed');
    await until(app, () => (window as unknown as TestAppWindow).cspViolations.length > 0);
    assert.deepEqual(await app.evaluate(() => (window as unknown as TestAppWindow).cspViolations), [
      `connect-src ${t.sim.hostUrl}/__sim/state`,
    ]);
  });
  test('no script errors on the host page', () => {
    assert.deepEqual(consoleErrors, []);
  });
});
