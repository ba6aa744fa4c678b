/**
 * End to end in the simulator: the institution configuration page and the per-user settings page.
 * What is saved survives a reload and changes what the panel does; damaged stored values are
 * repaired with a notice; Test connection reports each step against the real proxy. (Every screen
 * in Spanish, French and German: languages.test.ts.)
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { caseOf } from './support/cases.js';
import { openPage, useHarness } from './support/harness.js';
import { language, longDate } from './support/languages.js';
import { exportedAndLoaned, sentBody } from './support/records.js';

const USER = 'P1000231';
const EN = language('en');

describe('configuration page and settings page', () => {
  const h = useHarness();

  test('an administrator saves the configuration; it survives a reload and the export preview uses it', async () => {
    const c = caseOf('01');
    const s = await h.open({
      reset: {
        requests: [c.alma_request],
        worldshare: { knownSuppliers: [111111, 222222, 333333] },
      },
      page: { entities: [c.entity] },
    });
    await s.app
      .locator('[data-testid="export-preview"] dd[data-field="lenders"]', {
        hasText: '148456, 116402',
      })
      .waitFor();

    await openPage(s, 'config');
    assert.equal(await s.app.locator('[data-testid="config-readonly"]').count(), 0);
    await s.app
      .locator('[data-testid="field-defaults.lenderString"]')
      .fill('111111; 222222 333333');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-saved"]').waitFor();
    const stored = (await h.stack.state()).config as {
      defaults: { lenderString: string };
      proxy: { url: string };
    };
    assert.equal(stored.defaults.lenderString, '111111, 222222, 333333');
    assert.equal(stored.proxy.url, h.stack.proxyUrl, 'the rest of the configuration is kept');

    // Back to the request: the preview already uses the new lender string.
    await s.app.locator('[data-testid="back"]').click();
    await s.app
      .locator('[data-testid="export-preview"] dd[data-field="lenders"]', {
        hasText: '111111, 222222, 333333',
      })
      .waitFor();

    // After a reload too, and the config page shows what was saved.
    await s.page.reload();
    await h.stack.page({ entities: [c.entity] });
    await s.app
      .locator('[data-testid="export-preview"] dd[data-field="lenders"]', {
        hasText: '111111, 222222, 333333',
      })
      .waitFor();
    await openPage(s, 'config');
    assert.equal(
      await s.app.locator('[data-testid="field-defaults.lenderString"]').inputValue(),
      '111111, 222222, 333333',
    );
    assert.equal(await s.app.locator('[data-testid="config-repaired"]').count(), 0);

    // Export sends the saved lenders to WorldShare.
    await s.app.locator('[data-testid="back"]').click();
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const sent = sentBody(await h.stack.state()).requester.supplierInfo?.institutions.map((i) =>
      String(i.institutionId),
    );
    assert.deepEqual(sent, ['111111', '222222', '333333']);
    assert.deepEqual(s.errors, []);
  });

  test('an older configuration without the library addresses: a notice, export blocked until the billing address is saved, then sent', async () => {
    const c = caseOf('01');
    const {
      library: _library,
      removeRequestOnCancel: _remove,
      ...older
    } = h.stack.institutionConfig as Record<string, unknown>;
    const s = await h.open({
      reset: { config: older, requests: [c.alma_request] },
      page: { entities: [c.entity] },
    });
    await s.app.locator('[data-testid="export-blocked"][data-code="no-billing-address"]').waitFor();

    await openPage(s, 'config');
    const notice = await s.app.locator('[data-testid="config-repaired"]').innerText();
    for (const key of [
      'config.field.library.billingAddress',
      'config.field.library.deliveryAddress',
      'config.field.removeRequestOnCancel',
    ]) {
      assert.ok(notice.includes(EN.get(key)!), `notice names ${key}: ${notice}`);
    }
    assert.equal(notice.split('\n').length, 1, 'one line');
    await s.app.locator('[data-testid="billing-address-missing"]').waitFor();
    // A partial address is refused with its reason; a complete one is saved.
    await s.app
      .locator('[data-testid="field-library.billingAddress.locality"]')
      .fill('Springfield');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-invalid"]').waitFor();
    assert.ok(
      (await s.app.locator('[data-testid="address-billingAddress"]').innerText()).includes(
        EN.get('config.error.addressFirstLine')!,
      ),
    );
    await s.app
      .locator('[data-testid="field-library.billingAddress.address1"]')
      .fill('100 Library Way');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-saved"]').waitFor();
    const stored = (await h.stack.state()).config as {
      library: { billingAddress: Record<string, string> };
      removeRequestOnCancel: boolean;
    };
    assert.equal(stored.library.billingAddress.address1, '100 Library Way');
    assert.equal(stored.removeRequestOnCancel, true, 'the cancel choice is saved with its default');

    await s.app.locator('[data-testid="back"]').click();
    await s.app
      .locator('[data-testid="export-preview"] dd[data-field="billingAddress"]', {
        hasText: '100 Library Way, Springfield',
      })
      .waitFor();
    await s.app.locator('[data-testid="action-export"]').click();
    await s.app.locator('[data-testid="export-result"]').waitFor();
    const requester = sentBody(await h.stack.state()).requester;
    assert.deepEqual(requester.requesterBilling?.address, {
      address1: '100 Library Way',
      locality: 'Springfield',
    });
    assert.deepEqual(
      requester.requesterDelivery?.address,
      { address1: '100 Library Way', locality: 'Springfield' },
      'no delivery address: the billing one',
    );
    assert.deepEqual(s.errors, []);
  });

  test('the lender due-date call: off and locked, tried on a request the administrator names, then switched on', async () => {
    const c = caseOf('06');
    const request = { ...c.alma_request, due_date: '2027-01-15Z' };
    const s = await h.open({ reset: { requests: [request] } });
    await openPage(s, 'config');
    const toggle = s.app.locator('[data-testid="field-writeLenderDueDate"] button[role="switch"]');
    assert.equal(await toggle.getAttribute('aria-checked'), 'false');
    assert.equal(await toggle.isDisabled(), true, 'locked until tried');
    assert.equal(
      (await s.app.locator('[data-testid="undocumented-call"]').innerText()).trim(),
      EN.get('config.lenderDueDate.undocumented'),
    );

    // A request Alma does not have for this user: nothing written, still locked.
    await s.app.locator('[data-testid="trial-user-id"]').fill(USER);
    await s.app.locator('[data-testid="trial-request-id"]').fill('1987654320004');
    await s.app.locator('[data-testid="trial-run"]').click();
    await s.app.locator('[data-testid="trial-outcome"][data-kind="no-request"]').waitFor();
    assert.equal(await toggle.isDisabled(), true);

    await s.app.locator('[data-testid="trial-request-id"]').fill(String(request.request_id));
    await s.app.locator('[data-testid="trial-run"]').click();
    await s.app.locator('[data-testid="trial-outcome"][data-kind="worked"]').waitFor();
    const state = await h.stack.state();
    const calls = state.alma.calls.filter(
      (x: { method: string; url: string }) => x.method === 'POST' && x.url.includes('/rapido/'),
    );
    assert.equal(calls.length, 1, 'one call, on the named request');
    assert.equal(calls[0].query.op, 'request_renewal');
    assert.equal(
      calls[0].query.due_date,
      '2027-01-15',
      "the request's own lender due date, unchanged",
    );
    assert.equal(state.alma.requests[0].due_date, '2027-01-15Z');
    assert.deepEqual(state.config, h.stack.institutionConfig, 'the trial saves nothing');

    await toggle.click();
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-saved"]').waitFor();
    assert.equal(
      ((await h.stack.state()).config as { writeLenderDueDate: boolean }).writeLenderDueDate,
      true,
    );
    assert.deepEqual(s.errors, []);
  });

  test('validation: a wrong value is explained and nothing is saved', async () => {
    const s = await h.open();
    await openPage(s, 'config');
    await s.app.locator('[data-testid="field-worldshare.registryId"]').fill('12a807');
    await s.app.locator('[data-testid="field-proxy.url"]').fill('http://proxy.example.edu');
    await s.app.locator('[data-testid="config-save"]').click();
    await s.app.locator('[data-testid="config-invalid"]').waitFor();
    const text = await s.app.locator('[data-testid="config-form"]').innerText();
    assert.ok(text.includes(EN.get('config.error.registryId')!), 'registry id message');
    assert.ok(text.includes(EN.get('config.error.https')!), 'https message');
    assert.deepEqual(
      (await h.stack.state()).config,
      h.stack.institutionConfig,
      'stored configuration unchanged',
    );
  });

  test('a staff user turns confirmations off; it survives a reload and Renew then runs at once', async () => {
    const x = exportedAndLoaned();
    const s = await h.open({
      reset: { requests: [x.request], loans: x.loans, worldshare: { requests: x.worldshare } },
      page: { entities: [x.entity] },
    });
    await s.app.locator('[data-testid="status-alma"]').waitFor();

    await openPage(s, 'settings');
    const toggle = s.app.locator('[data-testid="field-confirmActions"] button[role="switch"]');
    assert.equal(await toggle.getAttribute('aria-checked'), 'true');
    await toggle.click();
    await s.app.locator('[data-testid="field-bulkPageSize"]').fill('20');
    await s.app.locator('[data-testid="settings-save"]').click();
    await s.app.locator('[data-testid="settings-saved"]').waitFor();
    assert.deepEqual((await h.stack.state()).settings, {
      version: 1,
      confirmActions: false,
      autoApplyRenewals: false,
      bulkPageSize: 20,
    });

    await s.page.reload();
    await h.stack.page({ entities: [x.entity] });
    await openPage(s, 'settings');
    assert.equal(
      await s.app
        .locator('[data-testid="field-confirmActions"] button[role="switch"]')
        .getAttribute('aria-checked'),
      'false',
    );
    assert.equal(await s.app.locator('[data-testid="field-bulkPageSize"]').inputValue(), '20');
    assert.equal(await s.app.locator('[data-testid="settings-repaired"]').count(), 0);

    await s.app.locator('[data-testid="back"]').click();
    await s.app.locator('[data-testid="action-renew"]').click();
    await s.app.locator('[data-testid="renewal-result"][data-key="renewRequested"]').waitFor();
    assert.equal(
      await s.app.locator('[data-testid="confirm"]').count(),
      0,
      'no confirmation asked',
    );
    assert.deepEqual(
      (await h.stack.state()).worldshare.messages.map((m) => m.action),
      ['Renew'],
    );
  });

  test('with confirmations on (the default), Renew asks first and Cancel leaves everything as it was', async () => {
    const x = exportedAndLoaned();
    const s = await h.open({
      reset: { requests: [x.request], loans: x.loans, worldshare: { requests: x.worldshare } },
      page: { entities: [x.entity] },
    });
    await s.app.locator('[data-testid="action-renew"]').click();
    await s.app.locator('[data-testid="confirm"]').waitFor();
    await s.app.locator('[data-testid="confirm-cancel"]').click();
    assert.deepEqual((await h.stack.state()).worldshare.messages, []);
  });

  test('a staff user who turns on automatic renewals gets an approved renewal applied on opening the request', async () => {
    const x = exportedAndLoaned();
    const s = await h.open({
      reset: {
        requests: [x.request],
        loans: x.loans,
        worldshare: { requests: x.worldshare },
        settings: { version: 1, confirmActions: false, autoApplyRenewals: false, bulkPageSize: 50 },
      },
      page: { entities: [x.entity] },
    });
    await s.app.locator('[data-testid="action-renew"]').click();
    await s.app
      .locator('[data-testid="renewal-status"][data-state="approved"]', {
        hasText: longDate('2027-04-01'),
      })
      .waitFor();
    assert.equal(
      (await h.stack.state()).alma.loans[0]?.due_date?.slice(0, 10),
      '2027-03-01',
      'not applied while the setting is off',
    );

    await openPage(s, 'settings');
    await s.app.locator('[data-testid="field-autoApplyRenewals"] button[role="switch"]').click();
    await s.app.locator('[data-testid="settings-save"]').click();
    await s.app.locator('[data-testid="settings-saved"]').waitFor();
    await s.page.reload();
    await h.stack.page({ entities: [x.entity] });
    await s.app.locator('[data-testid="renewal-status"][data-state="applied"]').waitFor();
    // End of 2027-04-01 in the institution's zone (America/New_York).
    assert.equal((await h.stack.state()).alma.loans[0]!.due_date, '2027-04-02T03:59:59Z');
  });

  test('a non-administrator sees the configuration read-only, with the reason, and cannot save', async () => {
    const s = await h.open({ reset: { user: { isAdmin: false } } });
    await openPage(s, 'config');
    const note = s.app.locator('[data-testid="config-readonly"]');
    assert.equal((await note.innerText()).trim(), EN.get('config.access.not-admin'));
    assert.equal(await s.app.locator('[data-testid="config-save"]').count(), 0);
    assert.equal(await s.app.locator('[data-testid="field-proxy.url"]').isDisabled(), true);
    assert.equal(
      await s.app.locator('[data-testid="field-defaults.lenderString"]').isDisabled(),
      true,
    );
    assert.equal(
      await s.app.locator('[data-testid="field-proxy.url"]').inputValue(),
      h.stack.proxyUrl,
      'the values are shown',
    );
    assert.deepEqual((await h.stack.state()).config, h.stack.institutionConfig);
  });

  const damagedConfigs: [string, unknown, string[]][] = [
    ['empty {}', {}, [EN.get('config.repairedAll')!]],
    ['unknown keys', { legacyKey: 'x', proxyUrl: 'https://old' }, ['legacyKey, proxyUrl']],
    [
      'wrong types',
      { staleAfterDays: 'soon', writeLenderDueDate: 'yes', defaults: 7 },
      [
        EN.get('config.field.staleAfterDays')!,
        EN.get('config.field.writeLenderDueDate')!,
        EN.get('config.field.defaults.lenderString')!,
      ],
    ],
  ];
  for (const [label, patch, expected] of damagedConfigs) {
    test(`stored configuration with ${label}: repaired with a one-line notice, no crash`, async () => {
      const config =
        label === 'empty {}' ? {} : { ...h.stack.institutionConfig, ...(patch as object) };
      const c = caseOf('01');
      const s = await h.open({ reset: { config, requests: [c.alma_request] } });
      await openPage(s, 'config');
      const notice = await s.app.locator('[data-testid="config-repaired"]').innerText();
      for (const text of expected)
        assert.ok(notice.includes(text), `notice mentions ${text}: ${notice}`);
      assert.equal(notice.split('\n').length, 1, 'one line');
      // The panel still works with the repaired configuration.
      await s.app.locator('[data-testid="back"]').click();
      await s.app.locator('[data-testid="hint"]').waitFor();
      await h.stack.page({ entities: [c.entity] });
      await s.app.locator('[data-testid="status-alma"]').waitFor();
      assert.deepEqual(s.errors, []);
    });
  }

  const damagedSettings: [string, unknown, string][] = [
    ['empty {}', {}, EN.get('settings.repairedAll')!],
    [
      'unknown keys',
      {
        version: 1,
        confirmActions: true,
        autoApplyRenewals: false,
        bulkPageSize: 50,
        theme: 'dark',
      },
      'theme',
    ],
    [
      'wrong types',
      { version: 1, confirmActions: 'no', autoApplyRenewals: false, bulkPageSize: 500 },
      EN.get('settings.field.bulkPageSize')!,
    ],
  ];
  for (const [label, settings, expected] of damagedSettings) {
    test(`stored settings with ${label}: repaired with a one-line notice, defaults shown, no crash`, async () => {
      const s = await h.open({ reset: { settings } });
      await openPage(s, 'settings');
      const notice = await s.app.locator('[data-testid="settings-repaired"]').innerText();
      assert.ok(notice.includes(expected), `notice mentions ${expected}: ${notice}`);
      assert.equal(notice.split('\n').length, 1, 'one line');
      assert.equal(
        await s.app
          .locator('[data-testid="field-confirmActions"] button[role="switch"]')
          .getAttribute('aria-checked'),
        'true',
      );
      assert.equal(await s.app.locator('[data-testid="field-bulkPageSize"]').inputValue(), '50');
      // Saving writes the clean shape back.
      await s.app.locator('[data-testid="settings-save"]').click();
      await s.app.locator('[data-testid="settings-saved"]').waitFor();
      assert.deepEqual((await h.stack.state()).settings, {
        version: 1,
        confirmActions: true,
        autoApplyRenewals: false,
        bulkPageSize: 50,
      });
      assert.deepEqual(s.errors, []);
    });
  }

  test('Test connection passes every step against the simulator and the real proxy', async () => {
    const s = await h.open();
    await openPage(s, 'config');
    await s.app.locator('[data-testid="test-connection"]').click();
    await s.app.locator('[data-testid="test-step"][data-step="oclc"][data-state="ok"]').waitFor();
    const states = await s.app
      .locator('[data-testid="test-step"]')
      .evaluateAll((els) =>
        els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-state')}`),
      );
    assert.deepEqual(states, ['config:ok', 'jwt:ok', 'proxy:ok', 'oclc:ok']);
    const state = await h.stack.state();
    assert.ok(
      state.worldshare.calls.some(
        (c) => c.method === 'GET' && c.query['referenceId'] === 'connection-test',
      ),
      'the probe reached WorldShare',
    );
    assert.equal(state.worldshare.requests.length, 0, 'nothing created');
  });

  /** The stack's configuration switched to the hosted-proxy mode (the real proxy passes X-Proxy-Auth on as is). */
  function hostedConfig(secret: string) {
    const inst = h.stack.sim.oclcInstitutions[0]!;
    const base = h.stack.institutionConfig as { proxy: Record<string, unknown> };
    return { ...base, proxy: { ...base.proxy, mode: 'exlibris', wskey: inst.wskey, secret } };
  }

  test('Test connection with the hosted proxy: the app gets its OCLC token with the WSKey and every step passes', async () => {
    const s = await h.open({
      reset: { config: hostedConfig(h.stack.sim.oclcInstitutions[0]!.secret) },
    });
    await openPage(s, 'config');
    await s.app.locator('[data-testid="hosted-warning"]').waitFor();
    await s.app.locator('[data-testid="test-connection"]').click();
    await s.app.locator('[data-testid="test-step"][data-step="oclc"][data-state="ok"]').waitFor();
    const state = await h.stack.state();
    assert.equal(state.worldshare.tokenRequests.length, 1, 'the app asked OCLC for a token');
  });

  test("Test connection with the hosted proxy and a wrong secret: step 4 fails with OCLC's reason", async () => {
    const s = await h.open({ reset: { config: hostedConfig('not-the-secret') } });
    await openPage(s, 'config');
    await s.app.locator('[data-testid="test-connection"]').click();
    const failed = s.app.locator('[data-testid="test-step"][data-state="failed"]');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('data-step'), 'oclc');
    assert.equal(
      await failed.locator('[data-testid="test-reason"]').getAttribute('data-failure'),
      'token-failed',
    );
    assert.equal(
      await s.app
        .locator('[data-testid="test-step"][data-step="proxy"]')
        .getAttribute('data-state'),
      'ok',
    );
    assert.ok(
      !(await h.stack.state()).worldshare.calls.some(
        (c) => c.query['referenceId'] === 'connection-test',
      ),
      'WorldShare not read without a token',
    );
  });

  test('Test connection names the failing step: a wrong proxy address fails step 3', async () => {
    const s = await h.open();
    await openPage(s, 'config');
    await s.app.locator('[data-testid="field-proxy.url"]').fill('http://127.0.0.1:9');
    await s.app.locator('[data-testid="test-connection"]').click();
    const failed = s.app.locator('[data-testid="test-step"][data-state="failed"]');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('data-step'), 'proxy');
    assert.equal(
      await failed.locator('[data-testid="test-reason"]').getAttribute('data-failure'),
      'unreachable',
    );
    assert.match(await failed.innerText(), /127\.0\.0\.1:9/);
    assert.equal(
      await s.app.locator('[data-testid="test-step"][data-step="oclc"]').getAttribute('data-state'),
      'skipped',
    );
    assert.equal(
      await s.app.locator('[data-testid="test-step"][data-step="jwt"]').getAttribute('data-state'),
      'ok',
    );
    assert.deepEqual(
      (await h.stack.state()).config,
      h.stack.institutionConfig,
      'testing saves nothing',
    );
  });

  test('Test connection names the failing step: a token the proxy does not trust fails step 3 with its reason', async () => {
    const s = await h.open({ reset: { jwt: { signWithForeignKey: true } } });
    await openPage(s, 'config');
    await s.app.locator('[data-testid="test-connection"]').click();
    const failed = s.app.locator('[data-testid="test-step"][data-state="failed"]');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('data-step'), 'proxy');
    assert.equal(
      await failed.locator('[data-testid="test-reason"]').getAttribute('data-failure'),
      'jwt-refused',
    );
  });

  test('Test connection names the failing step: an incomplete configuration fails step 1 and lists the fields', async () => {
    const s = await h.open();
    await openPage(s, 'config');
    await s.app.locator('[data-testid="field-worldshare.registryId"]').fill('');
    await s.app.locator('[data-testid="test-connection"]').click();
    const failed = s.app.locator('[data-testid="test-step"][data-state="failed"]');
    await failed.waitFor();
    assert.equal(await failed.getAttribute('data-step'), 'config');
    assert.match(
      await failed.innerText(),
      new RegExp(EN.get('config.field.worldshare.registryId')!),
    );
    assert.equal((await h.stack.state()).worldshare.calls.length, 0, 'nothing sent');
  });
});
