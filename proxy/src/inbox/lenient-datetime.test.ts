import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { strictDateTime } from './lenient-datetime.ts';
import { instantOf } from './supplying-agency-message.ts';

describe("lenders' near-miss date-times", () => {
  it('reads each form real lenders send into strict xs:dateTime', () => {
    assert.equal(strictDateTime('2021-02-24T05:00:00Z'), '2021-02-24T05:00:00Z');
    assert.equal(strictDateTime('2022-10-27T03:59Z'), '2022-10-27T03:59:00Z');
    assert.equal(strictDateTime('2025-05-29T21:14:07.123456Z[UTC]'), '2025-05-29T21:14:07.123456Z');
    assert.equal(strictDateTime('2026-03-24T00:00:00-05:00'), '2026-03-24T00:00:00-05:00');
    assert.equal(strictDateTime(' 2021-02-24 '), '2021-02-24T00:00:00');
  });

  it('leaves what is no date-time at all to the schema check', () => {
    for (const text of [
      'next Tuesday',
      '',
      '2021-02-24 05:00',
      '24/02/2021',
      '2021-02-24T05:00:00Z<x/>',
    ]) {
      assert.equal(strictDateTime(text), null, text);
    }
  });

  it('gives the instant only where a zone or offset names one', () => {
    assert.equal(instantOf('2022-10-27T03:59Z'), '2022-10-27T03:59:00.000Z');
    assert.equal(instantOf('2025-05-29T21:14:07.123456Z[UTC]'), '2025-05-29T21:14:07.123Z');
    assert.equal(instantOf('2026-03-24T00:00:00-05:00'), '2026-03-24T05:00:00.000Z');
    assert.equal(instantOf('2021-02-24'), null);
    assert.equal(instantOf('2021-02-24T10:00:00'), null);
    assert.equal(instantOf(null), null);
  });
});
