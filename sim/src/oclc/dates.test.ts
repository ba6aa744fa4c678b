import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addCalendarDays,
  isoDateTime,
  lenderDueDateTime,
  oclcDateTime,
  tokenExpiresAt,
  toIsoDateTime,
} from './dates.js';

describe('fake OCLC date formats', () => {
  const ms = Date.UTC(2019, 7, 23, 18, 45, 29, 943);

  it('writes each system’s format', () => {
    assert.equal(oclcDateTime(ms), '2019-08-23T18:45:29.943+0000');
    assert.equal(tokenExpiresAt(ms), '2019-08-23 18:45:29Z');
    assert.equal(isoDateTime(ms), '2019-08-23T18:45:29Z');
  });

  it('writes a calendar due date as the lender’s local midnight in UTC, like OCLC’s samples', () => {
    assert.equal(lenderDueDateTime('2027-04-01'), '2027-04-01T05:00:00Z');
    assert.equal(lenderDueDateTime('2021-02-24T05:00:00Z'), '2021-02-24T05:00:00Z');
    assert.equal(lenderDueDateTime('2027-04-01T00:00:00.000+0000'), '2027-04-01T00:00:00Z');
    assert.equal(lenderDueDateTime('soon'), 'soon');
  });

  it('reads date-times into xs:dateTime, or undefined', () => {
    assert.equal(toIsoDateTime('2019-07-17T21:21:45.943+0000'), '2019-07-17T21:21:45Z');
    assert.equal(toIsoDateTime('nonsense'), undefined);
    assert.equal(toIsoDateTime(undefined), undefined);
  });

  it('adds calendar days across month and year ends', () => {
    assert.equal(addCalendarDays('2027-03-01', 28), '2027-03-29');
    assert.equal(addCalendarDays('2026-12-20T05:00:00Z', 28), '2027-01-17');
    assert.equal(addCalendarDays('2028-02-28', 1), '2028-02-29');
    assert.throws(() => addCalendarDays('March 1', 1), /not a calendar date/);
  });
});
