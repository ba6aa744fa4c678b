import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { isCalendarDate } from '../alma/rapido-routes.js';
import { createSimState, SEED_REQUESTS } from './index.js';

/** The shared case files (fixtures/cases/), read from the folder itself, in file-name order. */
function caseFiles(): { file: string; id: string; alma_request: { request_id: string } }[] {
  const folder = new URL('../../../fixtures/cases/', import.meta.url);
  return readdirSync(folder)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, ...JSON.parse(readFileSync(new URL(file, folder), 'utf8')) }));
}

describe('seed data', () => {
  test('the first seed requests are the shared cases, exactly as their files hold them, in order', () => {
    const files = caseFiles();
    assert.equal(files.length, 10);
    for (const f of files) assert.equal(f.file, `${f.id}.json`);
    assert.deepEqual(
      SEED_REQUESTS.slice(0, files.length),
      files.map((f) => f.alma_request),
    );
    const caseIds = new Set(files.map((f) => f.alma_request.request_id));
    for (const r of SEED_REQUESTS.slice(files.length)) assert.ok(!caseIds.has(r.request_id));
  });

  test('a dozen or more borrowing requests with unique ids, each with a requester', () => {
    assert.ok(SEED_REQUESTS.length >= 12);
    const ids = SEED_REQUESTS.map((r) => r.request_id);
    assert.equal(new Set(ids).size, ids.length);
    for (const r of SEED_REQUESTS) {
      assert.match(String((r.requester as { value?: string }).value), /^P\d+$/, r.request_id);
      assert.equal(
        (r.user_request as { link: string }).link.endsWith(`/requests/${r.request_id}`),
        true,
        r.request_id,
      );
    }
  });

  test('covers the awkward shapes: no title, long unicode title, cancelled, exported, unknown status', () => {
    const titles = SEED_REQUESTS.map((r) => String(r.title ?? ''));
    assert.ok(titles.includes(''));
    assert.ok(titles.some((t) => t.length > 1000 && /中文/.test(t) && /<draft>/.test(t)));
    const statuses = SEED_REQUESTS.map((r) => (r.status as { value: string }).value);
    assert.ok(statuses.includes('REQUEST_CANCELED'));
    assert.ok(statuses.includes('REQUEST_SENT'));
    assert.ok(statuses.some((s) => s.startsWith('X_')));
    assert.ok(
      SEED_REQUESTS.some(
        (r) => (r.partner as { value?: string } | null)?.value === 'WSILL' && r.external_id,
      ),
    );
  });

  test('every seeded loan of a temporary item matches an exported request by barcode and borrower', () => {
    const state = createSimState();
    const ill = state.alma.loans.filter((l) => l.item_barcode.startsWith('ILL'));
    assert.ok(ill.length >= 2);
    for (const loan of ill) {
      const request = state.alma.requests.find((r) => r.barcode === loan.item_barcode);
      assert.ok(request, loan.item_barcode);
      assert.equal((request.requester as { value: string }).value, loan.user_id);
      assert.ok(request.external_id);
    }
  });

  test('createSimState copies: changing one state leaves the seeds and the next state alone', () => {
    const a = createSimState();
    a.alma.requests[0].title = 'changed';
    a.alma.codeTables.RequestCancellationReasons.length = 0;
    const b = createSimState();
    assert.equal(b.alma.requests[0].title, 'The Structure of Scientific Revolutions');
    assert.ok(b.alma.codeTables.RequestCancellationReasons.length > 0);
  });
});

describe('isCalendarDate', () => {
  test('accepts real dates and refuses the rest', () => {
    assert.equal(isCalendarDate('2028-02-29'), true);
    for (const bad of ['2027-02-29', '2027-4-1', '2027-04-01Z', 'x'])
      assert.equal(isCalendarDate(bad), false, bad);
  });
});
