import { describe, expect, it } from 'vitest';
import { makeOrgcode, makeRegno, makeRic, makeUscc, mulberry32 } from './generate.ts';
import { substitutions, transpositions } from './mutate.ts';
import { checkOrgcode } from './orgcode.ts';
import { checkRic } from './ric.ts';
import { checkUscc } from './uscc.ts';

describe('mulberry32', () => {
  it('is deterministic per seed and stays in [0, 1)', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(mulberry32(124)()).not.toBe(xs[0]);
  });
});

describe('generators', () => {
  it('give the same codes for the same seed', () => {
    const run = (seed: number) => {
      const r = mulberry32(seed);
      return [makeUscc(r), makeOrgcode(r), makeRegno(r), makeRic(r)];
    };
    expect(run(9)).toEqual(run(9));
    expect(run(9)).not.toEqual(run(10));
  });

  it('honour the options', () => {
    const r = mulberry32(5);
    const uscc = makeUscc(r, { division: '120116', authority: 'N', category: '2' });
    expect(checkUscc(uscc).parts).toMatchObject({ authority: 'N', category: '2', division: '120116' });
    expect(makeRegno(r, '120107').slice(0, 6)).toBe('120107');
    const ric = makeRic(r, { division: '120225', birth: new Date(1988, 1, 29) });
    expect(checkRic(ric, new Date(2025, 0, 1)).parts).toMatchObject({ division: '120225', birthDate: '1988-02-29' });
  });

  it('embed a valid organisation code in the USCC, as real codes do', () => {
    const r = mulberry32(11);
    for (let i = 0; i < 200; i++) expect(checkOrgcode(checkUscc(makeUscc(r)).parts['orgcode'] ?? '').valid).toBe(true);
  });

  it('refuse options that cannot give a valid code', () => {
    const r = mulberry32(1);
    expect(() => makeUscc(r, { authority: 'Z' })).toThrow(RangeError);
    expect(() => makeUscc(r, { authority: '9', category: '9' })).toThrow(RangeError);
    expect(() => makeRegno(r, '1201')).toThrow(RangeError);
    expect(() => makeRic(r, { division: 'ABCDEF' })).toThrow(RangeError);
  });
});

describe('mutations', () => {
  it('enumerate every substitution and every adjacent swap of different characters', () => {
    expect(substitutions('12', () => '0123456789')).toHaveLength(18);
    expect(transpositions('1123').map((m) => m.code)).toEqual(['1213', '1132']);
  });
});
