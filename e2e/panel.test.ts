import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserSession } from './support/browser.js';
import { caseOf, requestsOf } from './support/cases.js';
import { useHarness } from './support/harness.js';

describe('request panel inside the simulated Alma', () => {
  const h = useHarness();
  let s: BrowserSession;

  async function open(
    requests: Record<string, any>[],
    entities: unknown[],
    extra: Record<string, unknown> = {},
  ) {
    s = await h.open({ reset: { requests, ...extra }, page: { entities } });
  }

  test('one borrowing request: title, status and partner from Alma', async () => {
    const c1 = caseOf('01');
    await open(requestsOf('01', '06'), [c1.entity]);
    const card = s.app.locator('[data-testid="request-card"]');
    await card.waitFor();
    assert.equal(await card.getAttribute('data-request-id'), c1.alma_request.request_id);
    await assert.doesNotReject(
      card.getByText('The Structure of Scientific Revolutions').first().waitFor(),
    );
    assert.equal(
      (await card.locator('[data-testid="status-alma"]').textContent())?.trim(),
      'Ready to be sent',
    );
    assert.match((await card.locator('[data-testid="partner"]').textContent()) ?? '', /none yet/);
    assert.match(
      (await card.locator('[data-testid="format"]').textContent()) ?? '',
      /Physical · Book/,
    );
    assert.deepEqual(s.errors, []);
    await s.close();
  });

  test('a task list: a card per borrowing request, one Alma read each', async () => {
    const c1 = caseOf('01');
    const c2 = caseOf('02');
    const c6 = caseOf('06');
    await open(requestsOf('01', '02', '06'), [c1.entity, c2.entity, c6.entity]);
    const cards = s.app.locator('[data-testid="request-card"]');
    await s.app
      .locator(
        '[data-testid="request-card"][data-request-id="1987654320059"] [data-testid="status-alma"]',
      )
      .waitFor();
    assert.equal(await cards.count(), 3);
    const article = s.app.locator(`[data-request-id="${c2.alma_request.request_id}"]`);
    await article.locator('[data-testid="status-alma"]').waitFor();
    assert.match(
      (await article.textContent()) ?? '',
      /Measuring drift in long-running interlibrary loan queues/,
    );
    assert.match((await article.textContent()) ?? '', /Journal of Access Services/);
    const exported = s.app.locator(`[data-request-id="${c6.alma_request.request_id}"]`);
    assert.equal(
      (await exported.locator('[data-testid="status-alma"]').textContent())?.trim(),
      'Request sent to partner',
    );
    assert.equal(
      (await exported.locator('[data-testid="partner"]').textContent())?.trim(),
      'WorldShareILL',
    );
    assert.match(
      (await exported.locator('[data-testid="status-worldshare"]').textContent()) ?? '',
      /#187654321/,
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
    const error = s.app.locator('[data-testid="error"]');
    await error.waitFor();
    assert.match((await error.textContent()) ?? '', /internal error/i);
    await s.app.locator('[data-testid="action-retry"]').click();
    await s.app.locator('[data-testid="status-alma"]').waitFor();
    assert.equal(
      (await s.app.locator('[data-testid="status-alma"]').textContent())?.trim(),
      'Ready to be sent',
    );
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
      const error = s.app.locator('[data-testid="error"]');
      await error.waitFor({ timeout: 45_000 });
      assert.match((await error.textContent()) ?? '', /did not answer within 30 seconds/);
      assert.equal(await s.app.locator('[data-testid="action-retry"]').count(), 1);
      await s.close();
    },
  );
});
