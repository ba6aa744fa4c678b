import { nfc, nfcDeep } from './unicode-text';

describe('unicode-text', () => {
  it('composes a decomposed é (e + U+0301) into one character', () => {
    expect(nfc('Caf\u0065\u0301')).toBe('Caf\u00e9');
    expect(nfc('Caf\u0065\u0301').length).toBe(4);
    expect(nfc('Stra\u00dfe')).toBe('Stra\u00dfe');
  });

  it('normalises every string of a nested value and keeps the rest', () => {
    const input = { a: 'e\u0301', b: ['o\u0308', 3, null, true], c: { d: 'A\u030a' } };
    expect(nfcDeep(input)).toEqual({
      a: '\u00e9',
      b: ['\u00f6', 3, null, true],
      c: { d: '\u00c5' },
    });
    expect(input.a).toBe('e\u0301');
  });
});
