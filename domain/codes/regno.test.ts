import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRegno, mulberry32 } from './generate.ts';
import { substitutions, transpositions } from './mutate.ts';
import { checkRegno, regnoCheckDigit, regnoKindHint } from './regno.ts';

describe('regnoCheckDigit', () => {
  it('gives the example of GS15-2006', () => {
    expect(regnoCheckDigit('11010800000001')).toBe('6');
  });
  it('returns null unless given 14 digits', () => {
    expect(regnoCheckDigit('1101080000000')).toBeNull();
    expect(regnoCheckDigit('14010700A00133')).toBeNull();
  });
});

describe('checkRegno', () => {
  it('accepts the example and reads its parts', () => {
    expect(checkRegno('110108000000016')).toMatchObject({
      kind: 'regno',
      valid: true,
      status: 'valid',
      parts: { division: '110108', kindHint: 'domestic', sequence: '00000001', check: '6' },
    });
  });

  it('explains a wrong check digit', () => {
    expect(checkRegno('110108000000017').reasons).toEqual([
      { code: 'check', zh: '第15位校验码应为 6，实为 7', en: 'check character at position 15 should be 6, found 7', position: 15 },
    ]);
  });

  it('flags a letter in the sequence as non-conforming (it occurs in real data), not invalid', () => {
    const r = checkRegno('14010700A001338');
    expect(r).toMatchObject({ valid: false, status: 'nonconforming', parts: { division: '140107' } });
    expect(r.reasons).toEqual([expect.objectContaining({ code: 'character', position: 9 })]);
    expect(r.reasons[0]?.zh).toContain('请复核');
  });

  it('rejects letters in the division or as check digit, and other characters', () => {
    expect(checkRegno('1A0108000000016').status).toBe('invalid');
    expect(checkRegno('11010800000001A').status).toBe('invalid');
    expect(checkRegno('1101080000*0016').status).toBe('invalid');
    expect(checkRegno('11010800000001').reasons.map((r) => r.code)).toEqual(['length']);
  });

  it('hints at the kind of subject from the 7th digit', () => {
    expect(['0', '3', '4', '5', '6', '9'].map(regnoKindHint)).toEqual(['domestic', 'domestic', 'foreign', 'foreign', 'individual', 'individual']);
    const foreign = '12010140000001';
    expect(checkRegno(foreign + regnoCheckDigit(foreign)).parts['kindHint']).toBe('foreign');
  });
});

/** The running value P of the MOD 11,10 recurrence before 0-based index i. */
function stateBefore(code: string, i: number): number {
  let p = 10;
  for (const ch of code.slice(0, i)) p = (2 * ((p + Number(ch)) % 10 || 10)) % 11;
  return p;
}

describe('checkRegno properties', () => {
  const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

  it('accepts every generated number', () => {
    fc.assert(fc.property(seed, (s) => checkRegno(makeRegno(mulberry32(s))).valid), { numRuns: 500 });
  });

  // Each step d ↦ (2·((P + d) mod 10 or 10)) mod 11 is one-to-one in d and in P, so a changed digit
  // changes every later P and the required check digit: every substitution is caught.
  it('rejects every single-digit substitution on the check', () => {
    fc.assert(fc.property(seed, (s) => substitutions(makeRegno(mulberry32(s)), () => '0123456789').every((m) => {
      const r = checkRegno(m.code);
      return !r.valid && r.reasons.some((x) => x.code === 'check');
    })), { numRuns: 300 });
  });

  // ISO 7064 MOD 11,10 does NOT catch every adjacent transposition (contrary to a common belief).
  // With P the running value before the pair, digits a, b give S = (P + a) mod 10 and (P + b) mod 10;
  // if those are 5 and 6, then 5 → P = 10 and 6 → P = 1, and either order leaves the same P after the
  // pair (b ≡ a + 1, so (10 + b) ≡ (1 + a) mod 10). Exhaustively over P and a ≠ b these are the only
  // misses: 2 of the 90 ordered pairs for each P (about 2%). This holds for the check digit too.
  it('catches an adjacent transposition unless the pair runs through S = 5 and 6', () => {
    let missed = 0;
    fc.assert(fc.property(seed, (s) => {
      const code = makeRegno(mulberry32(s));
      return transpositions(code).every((m) => {
        const p = stateBefore(code, m.position - 1);
        const pair = [...m.from].map((d) => (p + Number(d)) % 10).sort().join('');
        if (pair === '56') missed++;
        return checkRegno(m.code).valid === (pair === '56');
      });
    }), { numRuns: 500 });
    expect(missed).toBeGreaterThan(0);
  });

  it('really misses such a transposition (example)', () => {
    // P = 10 at the start: digits 5 and 6 give S = 5 and 6.
    const first14 = '56010800000001';
    const code = first14 + regnoCheckDigit(first14);
    expect(checkRegno(code).valid).toBe(true);
    expect(checkRegno('65' + code.slice(2)).valid).toBe(true);
  });
});
