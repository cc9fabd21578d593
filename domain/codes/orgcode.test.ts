import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeOrgcode, mulberry32 } from './generate.ts';
import { substitutions, transpositions } from './mutate.ts';
import { checkOrgcode, orgcodeCheckChar } from './orgcode.ts';

const BODY = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const CHECK = '0123456789X';
const value = (ch: string): number => BODY.indexOf(ch);
const reserved = (code: string): boolean => /^PDY(?!00000)\d{5}/.test(code);

describe('orgcodeCheckChar', () => {
  it('gives the example of the standard (D2143569: S = 199 → X)', () => {
    expect(orgcodeCheckChar('D2143569')).toBe('X');
  });
  it('writes 11 as 0', () => {
    // S = 0 → 11 − 0 = 11 → '0'.
    expect(orgcodeCheckChar('00000000')).toBe('0');
  });
  it('returns null for a bad body', () => {
    expect(orgcodeCheckChar('D214356')).toBeNull();
    expect(orgcodeCheckChar('D214356*')).toBeNull();
  });
});

describe('checkOrgcode', () => {
  it('accepts the example with and without the hyphen', () => {
    for (const code of ['D2143569-X', 'D2143569X', 'd2143569－x']) {
      expect(checkOrgcode(code)).toMatchObject({ kind: 'orgcode', valid: true, normalized: 'D2143569X', parts: { body: 'D2143569', check: 'X' } });
    }
  });

  it('explains a wrong check character', () => {
    expect(checkOrgcode('D2143569-1').reasons).toEqual([
      { code: 'check', zh: '第9位校验码应为 X，实为 1', en: 'check character at position 9 should be X, found 1', position: 9 },
    ]);
  });

  it('rejects a letter other than X as check character, and bad body characters', () => {
    expect(checkOrgcode('D2143569A').reasons.map((r) => [r.code, r.position])).toEqual([['character', 9], ['check', 9]]);
    expect(checkOrgcode('D21435*9X').reasons).toEqual([expect.objectContaining({ code: 'character', position: 7 })]);
  });

  it('reports the length', () => {
    expect(checkOrgcode('D2143569').reasons.map((r) => r.code)).toEqual(['length']);
  });

  it('rejects the reserved range PDY00001–PDY99999 even with a correct check', () => {
    for (const body of ['PDY00001', 'PDY12345', 'PDY99999']) {
      const r = checkOrgcode(body + orgcodeCheckChar(body));
      expect(r.valid).toBe(false);
      expect(r.reasons.map((x) => x.code)).toEqual(['reserved']);
    }
    expect(checkOrgcode('PDY00000' + orgcodeCheckChar('PDY00000')).valid).toBe(true);
  });
});

describe('checkOrgcode properties', () => {
  const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  it('accepts every generated code', () => {
    fc.assert(fc.property(seed, (s) => checkOrgcode(makeOrgcode(mulberry32(s))).valid), { numRuns: 500 });
  });

  // Not every substitution is caught: body values run 0–35 but the sum is taken mod 11, so a body
  // character replaced by one whose value differs by 11, 22 or 33 (0/B/M/X, 1/C/N/Y, 2/D/O/Z, …)
  // leaves S mod 11 unchanged. Every weight is a unit mod 11, so all other substitutions, and all
  // among digits, are caught; the check position takes only 0–9/X, each a different value.
  it('catches a substitution exactly when the values differ mod 11', () => {
    fc.assert(fc.property(seed, (s) => {
      for (const m of substitutions(makeOrgcode(mulberry32(s)), (i) => (i < 8 ? BODY : CHECK))) {
        const congruent = m.position <= 8 && (value(m.from) - value(m.to)) % 11 === 0;
        if (checkOrgcode(m.code).valid !== (congruent && !reserved(m.code))) return false;
      }
      return true;
    }), { numRuns: 300 });
  });

  it('catches every substitution among digits', () => {
    fc.assert(fc.property(seed, (s) => {
      const digits = substitutions(makeOrgcode(mulberry32(s)), () => '0123456789').filter((m) => /\d/.test(m.from));
      return digits.every((m) => !checkOrgcode(m.code).valid);
    }), { numRuns: 300 });
  });

  // Adjacent weights differ by −4, −2, −1, 5, −3, 4, 2: none is 0 mod 11, so a body swap is missed
  // only for two characters congruent mod 11 (as above). The swap of position 8 with the check
  // (weight 1 in S + check ≡ 0) is missed only for '1' and 'X': X is worth 33 ≡ 0 in the body
  // but 10 as check, so 2·33 + 1 ≡ 2·1 + 10 (mod 11).
  it('catches an adjacent transposition except for those two cases', () => {
    fc.assert(fc.property(seed, (s) => {
      for (const m of transpositions(makeOrgcode(mulberry32(s)))) {
        const [a = '', b = ''] = m.from;
        const missed = m.position < 8
          ? (value(a) - value(b)) % 11 === 0
          : (a === '1' && b === 'X') || (a === 'X' && b === '1');
        if (checkOrgcode(m.code).valid !== (missed && !reserved(m.code))) return false;
      }
      return true;
    }), { numRuns: 300 });
  });

  it('really misses the exceptions it claims (examples)', () => {
    // Body 0 ↔ B (values 0 and 11).
    const body = 'D2143560';
    const code = body + orgcodeCheckChar(body);
    expect(checkOrgcode(code.slice(0, 7) + 'B' + code.slice(8)).valid).toBe(true);
    // A body ending in X whose check is 1: swapping them still passes.
    const xBody = Array.from({ length: 100 }, (_, n) => `D2143${String(n).padStart(2, '0')}X`)
      .find((b) => orgcodeCheckChar(b) === '1');
    expect(xBody).toBeDefined();
    expect(checkOrgcode(`${xBody}1`).valid).toBe(true);
    expect(checkOrgcode(`${xBody?.slice(0, 7)}1X`).valid).toBe(true);
  });
});
