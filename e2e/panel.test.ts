import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CaseCode } from '../fixtures/cases.js';
import type { BrowserSession } from './support/browser.js';
import { caseOf, requestsOf } from './support/cases.js';
import { useHarness } from './support/harness.js';
import { translated } from './support/languages.js';
import type { PageEntity } from './support/records.js';

/** The `desc` of one of Alma's `{value, desc}` code fields of a case. */
const descOf = (field: unknown) => (field as CaseCode).desc;

describe('request panel inside the simulated Alma', () => {
  const h = useHarness();
  let s: BrowserSession;

  async function open(
    requests: Record<string, unknown>[],
    entities: PageEntity[],
    extra: Record<string, unknown> = {},
  ) {
    s = await h.open({ reset: { requests, ...extra }, page: { entities } });
  }

  const text = async (locator: ReturnType<BrowserSession['app']['locator']>) =>
    ((await locator.textContent()) ?? '').trim();

  test('one borrowing request: title, status and partner from Alma', async () => {
    const c1 = caseOf('01');
    await open(requestsOf('01', '06'), [c1.entity]);
    const card = s.app.locator('[data-testid="request-card"]');
    await card.locator('[data-testid="status-alma"]').waitFor();
    assert.equal(await card.getAttribute('data-request-id'), c1.alma_request.request_id);
    assert.equal(await text(card.locator('[data-testid="citation-title"]')), c1.alma_request.title);
    // Alma's own words for its status and format (its `desc`), the app's words for "no partner".
    const status = card.locator('[data-testid="status-alma"]');
    assert.equal(await status.getAttribute('data-status'), 'READY_TO_SEND');
    assert.equal(await text(status), c1.alma_request.status.desc);
    assert.equal(await text(card.locator('[data-testid="partner"]')), translated('card.noPartner'));
    assert.equal(
      await text(card.locator('[data-testid="format"]')),
      `${descOf(c1.alma_request.format)} · ${descOf(c1.alma_request.citation_type)}`,
    );
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('a task list: a card per borrowing request, one Alma read each', async () => {
    const c1 = caseOf('01');
    const c2 = caseOf('02');
    const c6 = caseOf('06');
    await open(requestsOf('01', '02', '06'), [c1.entity, c2.entity, c6.entity]);
    const card = (c: typeof c1) =>
      s.app.locator(`[data-testid="request-card"][data-request-id="${c.alma_request.request_id}"]`);
    for (const c of [c1, c2, c6]) await card(c).locator('[data-testid="status-alma"]').waitFor();
    assert.equal(await s.app.locator('[data-testid="request-card"]').count(), 3);
    assert.equal(
      await text(card(c2).locator('[data-testid="citation-title"]')),
      c2.alma_request.title,
    );
    assert.match(
      await text(card(c2)),
      new RegExp(String(c2.alma_request.journal_title).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')),
      'the journal an article is in',
    );
    const exported = card(c6);
    assert.equal(
      await exported.locator('[data-testid="status-alma"]').getAttribute('data-status'),
      'REQUEST_SENT',
    );
    assert.equal(
      await text(exported.locator('[data-testid="partner"]')),
      descOf(c6.alma_request.partner),
    );
    assert.equal(
      await text(exported.locator('[data-testid="worldshare-id"]')),
      `#${c6.alma_request.external_id}`,
    );
    const reads = (await h.stack.state()).alma.calls.filter(
      (c) => c.method === 'GET' && c.url.includes('/resource-sharing-requests/'),
    );
    assert.equal(reads.length, 3);
    await s.close();
  });

  test('no borrowing request open: a hint, not an error', async () => {
    await open(requestsOf('01'), []);
    await s.app.locator('[data-testid="hint"]').waitFor();
    assert.equal(await s.app.locator('[data-testid="error"]').count(), 0);
    await s.close();
  });

  test("Alma answers 500: Alma's message and a retry that works", async () => {
    const c1 = caseOf('01');
    await open(requestsOf('01'), [c1.entity], {
      faults: [
        { target: 'alma', method: 'GET', path: 'resource-sharing-requests', status: 500, times: 1 },
      ],
    });
    const error = s.app.locator('[data-testid="error"][data-kind="server-error"]');
    await error.waitFor();
    assert.ok(
      (await text(error)).includes(translated('almaProblem.server-error', { status: '500' })),
      'the status Alma answered with',
    );
    await s.app.locator('[data-testid="action-retry"]').click();
    await s.app.locator('[data-testid="status-alma"][data-status="READY_TO_SEND"]').waitFor();
    await s.close();
  });

  test(
    'Alma stays silent: after 30 seconds a readable message, not a spinner forever',
    { timeout: 90_000 },
    async () => {
      const c1 = caseOf('01');
      await open(requestsOf('01'), [c1.entity], {
        faults: [
          { target: 'alma', method: 'GET', path: 'resource-sharing-requests', status: 0, times: 1 },
        ],
      });
      // The app gives up after its own 30 s wait; the wait here only bounds a hang.
      const error = s.app.locator('[data-testid="error"][data-kind="timeout"]');
      await error.waitFor({ timeout: 60_000 });
      assert.ok((await text(error)).includes(translated('almaProblem.timeout')));
      assert.equal(await s.app.locator('[data-testid="action-retry"]').count(), 1);
      await s.close();
    },
  );
});
