import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRic, mulberry32 } from './generate.ts';
import { substitutions, transpositions } from './mutate.ts';
import { checkRic, looksLikeRic, maskRic, ricCheckChar } from './ric.ts';

const TODAY = new Date(2025, 5, 30);
const withCheck = (first17: string): string => first17 + ricCheckChar(first17);

describe('ricCheckChar', () => {
  it('gives the example of GB 11643', () => {
    expect(ricCheckChar('11010519491231002')).toBe('X');
  });
  it('returns null unless given 17 digits', () => {
    expect(ricCheckChar('1101051949123100')).toBeNull();
    expect(ricCheckChar('1101051949123100X')).toBeNull();
  });
});

describe('checkRic', () => {
  it('accepts the example (upper or lower x) and reads its parts', () => {
    for (const code of ['11010519491231002X', '110105 19491231 002x']) {
      expect(checkRic(code, TODAY)).toMatchObject({
        kind: 'ric',
        valid: true,
        parts: { division: '110105', birthDate: '1949-12-31', order: '002', sex: 'F', check: 'X' },
      });
    }
    expect(checkRic(withCheck('12010119800101001'), TODAY).parts['sex']).toBe('M');
  });

  it('explains a wrong check character', () => {
    expect(checkRic('110105194912310021', TODAY).reasons).toEqual([
      { code: 'check', zh: '第18位校验码应为 X，实为 1', en: 'check character at position 18 should be X, found 1', position: 18 },
    ]);
  });

  it('rejects impossible, future and pre-1800 birth dates even with a correct check', () => {
    const cases = {
      '12010119490230001': '不是有效日期',
      '12010119491301001': '不是有效日期',
      '12010119000229001': '不是有效日期', // 1900 was not a leap year
      '12010117991231001': '早于 1800 年',
      '12010120250701001': '晚于今天（2025-06-30）',
    };
    for (const [first17, zh] of Object.entries(cases)) {
      const r = checkRic(withCheck(first17), TODAY);
      expect(r.reasons.map((x) => x.code)).toEqual(['date']);
      expect(r.reasons[0]?.zh).toContain(zh);
    }
    expect(checkRic(withCheck('12010120000229001'), TODAY).valid).toBe(true);
    expect(checkRic(withCheck('12010120250630001'), TODAY).valid).toBe(true);
    // Born in the nineteenth century: the standard's own second example is born in 1880.
    expect(checkRic(withCheck('12010118991231001'), TODAY).valid).toBe(true);
    expect(checkRic(withCheck('12010118000101001'), TODAY).valid).toBe(true);
  });

  it('rejects letters and reports the length', () => {
    expect(checkRic('1101051949123100XX', TODAY).reasons[0]).toMatchObject({ code: 'character', position: 17 });
    expect(checkRic('1101051949123100', TODAY).reasons.map((r) => r.code)).toEqual(['length']);
    expect(checkRic('1101051949123100', TODAY).reasons[0]?.zh).toContain('第一代身份证为 15 位');
    // 15 characters with a letter: not a first-generation ID, whose 15 are all digits.
    expect(checkRic('11010549123100X', TODAY).reasons.map((r) => r.code)).toEqual(['character', 'length']);
  });

  it('defaults today to the current date', () => {
    const nextYear = new Date().getFullYear() + 1;
    expect(checkRic(withCheck(`120101${nextYear}0101001`)).reasons.map((r) => r.code)).toEqual(['date']);
  });
});

describe('maskRic', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskRic('11010519491231002X')).toBe('110105********002X');
    expect(maskRic(' 11010519491231002x ')).toBe('110105********002X');
  });
  it('masks short values completely', () => {
    expect(maskRic('1234567890')).toBe('**********');
  });
});

describe('looksLikeRic', () => {
  it('wants 17 digits + digit/X with a plausible birth date', () => {
    expect(looksLikeRic('11010519491231002X')).toBe(true);
    expect(looksLikeRic('911201167000123456')).toBe(false);
    expect(looksLikeRic('91350100M000100Y43')).toBe(false);
  });
});

describe('checkRic properties', () => {
  const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  it('accepts every generated ID, and reads back the birth date asked for', () => {
    fc.assert(fc.property(seed, (s) => checkRic(makeRic(mulberry32(s)), TODAY).valid), { numRuns: 500 });
    fc.assert(fc.property(fc.date({ min: new Date(1900, 0, 1), max: TODAY, noInvalidDate: true }), seed, (birth, s) => {
      const r = checkRic(makeRic(mulberry32(s), { birth }), TODAY);
      const iso = `${birth.getFullYear()}-${String(birth.getMonth() + 1).padStart(2, '0')}-${String(birth.getDate()).padStart(2, '0')}`;
      return r.valid && r.parts['birthDate'] === iso;
    }), { numRuns: 300 });
  });

  // Weights are 2^(18−i) mod 11, all units mod 11, and digits differ by less than 11: a substituted
  // digit always changes S mod 11. The check position takes 0–9/X, each a different value.
  it('rejects every single-character substitution on the check', () => {
    fc.assert(fc.property(seed, (s) => {
      const code = makeRic(mulberry32(s));
      return substitutions(code, (i) => (i < 17 ? '0123456789' : '0123456789X')).every((m) => {
        const r = checkRic(m.code, TODAY);
        return !r.valid && r.reasons.some((x) => x.code === 'check');
      });
    }), { numRuns: 300 });
  });

  // Adjacent weights satisfy w_i = 2·w_{i+1} (mod 11), so a swap changes S by (a − b)·w_{i+1} ≢ 0.
  // Position 17 against the check: two digits differ in value (weights 2 and 1); an X would land at
  // position 17, where only digits are allowed.
  it('rejects every adjacent transposition', () => {
    fc.assert(fc.property(seed, (s) =>
      transpositions(makeRic(mulberry32(s))).every((m) => {
        const r = checkRic(m.code, TODAY);
        const why = m.to === 'X' + m.from.charAt(0) ? 'character' : 'check';
        return !r.valid && r.reasons.some((x) => x.code === why);
      }),
    ), { numRuns: 500 });
  });
});
