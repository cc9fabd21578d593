import { describe, expect, it } from 'vitest';
import { normalizeCode, toHalfWidth } from './normalize.ts';
import { checkOrgcode } from './orgcode.ts';
import { checkUscc } from './uscc.ts';

describe('toHalfWidth', () => {
  it('maps full-width ASCII and the ideographic space, leaving other text alone', () => {
    expect(toHalfWidth('９１３５ＡＢｃｄ（１）－　天津')).toBe('9135ABcd(1)- 天津');
  });
});

describe('normalizeCode', () => {
  it('trims, upper-cases and drops inner whitespace', () => {
    expect(normalizeCode(' 91350100m000100y43 ')).toBe('91350100M000100Y43');
    expect(normalizeCode('9135\u30000100 M000\t100Y\u00a043\n')).toBe('91350100M000100Y43');
  });

  it('converts full-width characters', () => {
    expect(normalizeCode('９１３５０１００Ｍ０００１００Ｙ４３')).toBe('91350100M000100Y43');
    expect(normalizeCode('ｄ２１４３５６９－ｘ')).toBe('D2143569X');
  });

  it('drops hyphens and dashes of every width', () => {
    for (const dash of ['-', '－', '\u2010', '\u2011', '–', '—', '\u2212']) {
      expect(normalizeCode(`D2143569${dash}X`)).toBe('D2143569X');
    }
  });

  it('drops zero-width characters that spreadsheets hide', () => {
    expect(normalizeCode('\ufeffD2143569\u200bX')).toBe('D2143569X');
  });

  it('keeps other characters so that they can be reported', () => {
    expect(normalizeCode('9135o1oo*')).toBe('9135O1OO*');
    expect(normalizeCode('ß')).toBe('ß');
  });

  it('is what the checkers use', () => {
    expect(checkUscc(' 91350100m000100y43 ').valid).toBe(true);
    expect(checkUscc('９１３５０１００Ｍ０００１００Ｙ４３').valid).toBe(true);
    expect(checkUscc('91-350100-M000100Y4-3').valid).toBe(true);
    expect(checkOrgcode('d2143569－x').valid).toBe(true);
  });
});
