import { summarizeRepaired } from './repaired-summary';

const KNOWN = ['a', 'b.c', 'd'] as const;

describe('repaired summary', () => {
  it('is null when nothing was repaired', () => {
    expect(summarizeRepaired([], KNOWN)).toBeNull();
  });
  it('separates known fields from unknown stored entries, in field order', () => {
    expect(summarizeRepaired(['d', 'legacy', 'a'], KNOWN)).toEqual({
      everything: false,
      fields: ['a', 'd'],
      unknown: ['legacy'],
    });
  });
  it('says when nothing usable was stored', () => {
    expect(summarizeRepaired(['a', 'b.c', 'd'], KNOWN)).toEqual({
      everything: true,
      fields: ['a', 'b.c', 'd'],
      unknown: [],
    });
  });
});
