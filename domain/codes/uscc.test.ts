import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeUscc, mulberry32 } from './generate.ts';
import { substitutions, transpositions } from './mutate.ts';
import { USCC_AUTHORITIES, isUsccPair } from './uscc-categories.ts';
import { USCC_ALPHABET, USCC_PLACEHOLDER, checkUscc, usccCheckChar } from './uscc.ts';

const codes = (r: ReturnType<typeof checkUscc>) => r.reasons.map((x) => x.code);

describe('usccCheckChar', () => {
  it('gives the worked example of the standard (S = 1640 → 3)', () => {
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('returns null outside the alphabet or at the wrong length', () => {
    expect(usccCheckChar('91350100I000100Y4')).toBeNull();
    expect(usccCheckChar('91350100M000100Y')).toBeNull();
  });
  it('writes 31 as 0 and 30 as Y', () => {
    // All zeros: S = 0 → 31 − 0 = 31 → '0'. '10000000000000000' has S = 1 → 30 → 'Y'.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(usccCheckChar('10000000000000000')).toBe('Y');
  });
  it('uses the weights 3^(i-1) mod 31', () => {
    // A single 1 at position i contributes exactly its weight: check = 31 − w.
    for (let i = 0; i < 17; i++) {
      const w = 3 ** i % 31;
      const code = '0'.repeat(i) + '1' + '0'.repeat(16 - i);
      expect(usccCheckChar(code)).toBe(USCC_ALPHABET.charAt((31 - w) % 31));
    }
  });
});

describe('checkUscc', () => {
  it('accepts the worked example and reads its parts', () => {
    const r = checkUscc('91350100M000100Y43');
    expect(r).toMatchObject({ kind: 'uscc', valid: true, status: 'valid', reasons: [] });
    expect(r.parts).toEqual({ authority: '9', category: '1', division: '350100', orgcode: 'M000100Y4', check: '3' });
  });

  it('names the expected and found check character in both languages', () => {
    const r = checkUscc('91350100MA00100Y44');
    expect(r.status).toBe('invalid');
    expect(r.reasons).toEqual([{ code: 'check', zh: '第18位校验码应为 P，实为 4', en: 'check character at position 18 should be P, found 4', position: 18 }]);
  });

  it('names the excluded letters I, O, Z, S, V', () => {
    const r = checkUscc('9135O100M000100Y43');
    expect(r.reasons[0]).toMatchObject({ code: 'character', position: 5 });
    expect(r.reasons[0]?.zh).toBe("含非法字符 'O'（第5位），统一社会信用代码不使用 I、O、Z、S、V");
    expect(r.reasons[0]?.en).toContain("'O' at position 5");
  });

  it('reports the length', () => {
    const r = checkUscc('91350100M000100Y4');
    expect(codes(r)).toEqual(['length']);
    expect(r.reasons[0]?.zh).toBe('统一社会信用代码应为 18 位，实为 17 位');
  });

  it('reports an undefined authority or category', () => {
    const badAuthority = 'B1350100M000100Y4';
    expect(codes(checkUscc(badAuthority + usccCheckChar(badAuthority)))).toEqual(['category']);
    const badCategory = '94350100M000100Y4';
    const r = checkUscc(badCategory + usccCheckChar(badCategory));
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatchObject({ code: 'category', position: 2 });
    expect(r.reasons[0]?.zh).toContain('可用：1、2、3');
  });

  it('accepts every pair of the table, including the later authorities', () => {
    for (const [authority, a] of Object.entries(USCC_AUTHORITIES)) {
      for (const category of Object.keys(a.categories)) {
        const rand = mulberry32(authority.charCodeAt(0) * 10 + category.charCodeAt(0));
        expect(checkUscc(makeUscc(rand, { authority, category })).valid).toBe(true);
        expect(isUsccPair(authority, category)).toBe(true);
      }
    }
    expect(isUsccPair('9', '9')).toBe(false);
    expect(isUsccPair('Y', '9')).toBe(false);
  });

  it('requires a 6-digit division', () => {
    const first17 = '9135A100M000100Y4';
    const r = checkUscc(first17 + usccCheckChar(first17));
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'division', position: 5 })]);
  });

  it('reports the individual-business placeholder as a placeholder, not as a typo', () => {
    const r = checkUscc(' 00000000000000000x ');
    expect(r).toMatchObject({ kind: 'uscc', valid: false, status: 'invalid', placeholder: true });
    expect(codes(r)).toEqual(['placeholder']);
    expect(USCC_PLACEHOLDER).toBe('00000000000000000X');
  });

  it('flags a failing Fujian-pilot-shaped code for review instead of rejecting it', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r).toMatchObject({ valid: false, status: 'nonconforming' });
    expect(codes(r)).toEqual(['check', 'pilot_nonconforming']);
    expect(r.reasons[1]?.en).toContain('review');
  });

  it('does not treat other failures as pilot codes', () => {
    // The national new-issue series "MA…" is not the pilot: a typo there is an ordinary error.
    expect(checkUscc('91350100MA00100Y44').status).toBe('invalid');
    // Another problem besides the check: not a pilot relic either.
    expect(checkUscc('99350100M000100Y44').status).toBe('invalid');
  });
});

describe('checkUscc properties', () => {
  const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  it('accepts every generated code', () => {
    fc.assert(fc.property(seed, (s) => checkUscc(makeUscc(mulberry32(s))).valid), { numRuns: 500 });
  });

  // A substitution changes S by (a − b)·3^k; 31 is prime and |a − b| < 31, so never by a multiple of 31.
  it('rejects every single-character substitution on the check', () => {
    fc.assert(fc.property(seed, (s) => {
      for (const m of substitutions(makeUscc(mulberry32(s)), () => USCC_ALPHABET)) {
        const r = checkUscc(m.code);
        if (r.valid || !codes(r).includes('check')) return false;
      }
      return true;
    }), { numRuns: 200 });
  });

  // Swapping positions k, k+1 changes S by (a − b)(w_k − w_{k+1}) = (a − b)·w_k·(1 − 3), never 0 mod 31;
  // for positions 17/18 (the check counts with weight 1) by (a − b)(28 − 1): again never 0 mod 31.
  it('rejects every adjacent transposition on the check', () => {
    fc.assert(fc.property(seed, (s) => {
      for (const m of transpositions(makeUscc(mulberry32(s)))) {
        const r = checkUscc(m.code);
        if (r.valid || !codes(r).includes('check')) return false;
      }
      return true;
    }), { numRuns: 300 });
  });
});
