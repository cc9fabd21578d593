// First-generation (15-digit) resident IDs, the address code against GB/T 2260 (retired divisions
// included) and birth years back to 1800.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeRic, mulberry32 } from './generate.ts';
import { checkRic, ricCheckChar, upgradeRic15 } from './ric.ts';

const TODAY = new Date(2025, 5, 30);
const withCheck = (first17: string): string => first17 + ricCheckChar(first17)!;
/** The 15-digit form of an 18-digit ID born in the 1900s. */
const downgrade = (ric: string): string => ric.slice(0, 6) + ric.slice(8, 17);

describe('birth dates', () => {
  it('accepts the example of GB 11643 born in 1880 (汕头 潮阳县, a county retired in 1993)', () => {
    expect(checkRic('440524188001010014', TODAY)).toMatchObject({
      valid: true, parts: { birthDate: '1880-01-01', division: '440524', divisionStatus: 'plausible', sex: 'M' },
    });
  });
});

describe('the address code', () => {
  it('accepts retired divisions that IDs still carry', () => {
    for (const division of ['120107', '120221', '110103', '110104']) {
      expect(checkRic(withCheck(`${division}19700101001`), TODAY)).toMatchObject({ valid: true, parts: { divisionStatus: 'listed' } });
    }
  });

  it('refuses an address code that is no division, in both languages', () => {
    for (const division of ['990105', '000000', '123401', '110000'.replace('0000', '0001')]) {
      const r = checkRic(withCheck(`${division}19700101001`), TODAY);
      expect(r.valid).toBe(false);
      expect(r.reasons.map((x) => x.code)).toEqual(['division']);
    }
    const r = checkRic(withCheck('99010519491231002'), TODAY);
    expect(r.reasons[0]).toMatchObject({ position: 1 });
    expect(r.reasons[0]!.zh).toBe('第1–6位地址码 990105 不是 GB/T 2260 中的行政区划代码（含已撤销的旧代码）');
    expect(r.reasons[0]!.en).toBe('address code 990105 at positions 1–6 is no administrative division of GB/T 2260, past or present');
  });
});

describe('15-digit IDs', () => {
  it('reads one, with lower case and spaces ignored, and gives its 18-digit form', () => {
    for (const code of ['120107490101001', ' 120107 490101 001 ']) {
      expect(checkRic(code, TODAY)).toMatchObject({
        kind: 'ric', valid: true,
        parts: { generation: '1', division: '120107', birthDate: '1949-01-01', order: '001', sex: 'M', upgraded: '120107194901010018' },
      });
    }
    expect(upgradeRic15('120107490101001')).toBe('120107194901010018');
    expect(upgradeRic15('12010749010100')).toBeNull();
    expect(upgradeRic15('11010519491231002X')).toBeNull();
  });

  it('refuses an impossible date (in the 1900s) or an unknown division, with 15-digit positions', () => {
    const r = checkRic('120107490230001', TODAY);
    expect(r.reasons.map((x) => x.code)).toEqual(['date']);
    expect(r.reasons[0]!.zh).toContain('第7–12位');
    expect(checkRic('990105490101001', TODAY).reasons.map((x) => x.code)).toEqual(['division']);
    expect(checkRic('120107490101001', TODAY).parts['check']).toBeUndefined();
  });

  it('round-trips every generated ID born in the 1900s', () => {
    const births = fc.date({ min: new Date(1900, 0, 1), max: new Date(1999, 11, 31), noInvalidDate: true });
    fc.assert(fc.property(births, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (birth, seed) => {
      const ric = makeRic(mulberry32(seed), { birth });
      const old = downgrade(ric);
      const r = checkRic(old, TODAY);
      return r.valid && r.parts['upgraded'] === ric && upgradeRic15(old) === ric;
    }), { numRuns: 300 });
  });
});
