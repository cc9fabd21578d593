import { describe, expect, it } from 'vitest';
import { checkOrgcode, checkRegno, checkUscc, regnoKindHint } from '../../domain/codes/index.ts';
import { affine } from './random.ts';
import { makeRegistry, registrySize } from './registry.ts';
import { toSimplified, toTraditional, TRADITIONAL_FORMS } from './trad.ts';
import { BRAND_CHARS, DISTRICTS, GIVEN_CHARS, INDUSTRIES, SHOPS, SURNAMES } from './vocab-names.ts';

const DISTRICT_CODES = new Set<string>(DISTRICTS.map(([c]) => c));

describe('registry', () => {
  const reg = makeRegistry(42, 30_000);
  const subjects = Array.from({ length: reg.size }, (_, i) => reg.subject(i));

  it('gives every subject valid, mutually consistent codes', () => {
    // Problems are collected rather than asserted one by one: 30,000 subjects × a dozen expect()
    // calls would take seconds.
    const bad: string[] = [];
    const must = (ok: boolean, what: string, s: { index: number }): void => { if (!ok) bad.push(`${s.index}: ${what}`); };
    for (const s of subjects) {
      must(checkUscc(s.uscc).valid, 'uscc', s);
      must(checkOrgcode(s.orgcode).valid, 'orgcode', s);
      must(s.uscc.slice(8, 17) === s.orgcode, 'orgcode inside uscc', s);
      must(s.uscc.slice(2, 8) === s.district && DISTRICT_CODES.has(s.district), 'district', s);
      must(reg.districtOf(s.index) === s.district, 'districtOf', s);
      must(/^\p{Script=Han}{2,3}$/u.test(s.legalRep), 'legal rep', s);
      if (s.kind === 'social') {
        must(s.regno === '' && /^5[123]/.test(s.uscc), 'social', s);
      } else {
        must(checkRegno(s.regno).valid && s.regno.slice(0, 6) === s.district, 'regno', s);
        must(regnoKindHint(s.regno.charAt(6)) === (s.kind === 'individual' ? 'individual' : 'domestic'), 'regno kind', s);
        must(s.uscc.slice(0, 2) === (s.kind === 'individual' ? '92' : '91'), 'uscc category', s);
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('never repeats a USCC, organisation code, registration number or name', () => {
    for (const key of ['uscc', 'orgcode', 'name'] as const) {
      expect(new Set(subjects.map((s) => s[key])).size).toBe(subjects.length);
    }
    const regnos = subjects.map((s) => s.regno).filter(Boolean);
    expect(new Set(regnos).size).toBe(regnos.length);
  });

  it('names subjects plausibly, by kind', () => {
    const byKind = (k: string) => subjects.filter((s) => s.kind === k);
    expect(byKind('enterprise').every((s) => /(有限公司|有限责任公司)$/.test(s.name))).toBe(true);
    expect(byKind('social').every((s) => /(协会|商会|促进会)$/.test(s.name))).toBe(true);
    expect(byKind('individual').every((s) => /(店|部|铺|厂|院|馆|行|市|房|吧|站)$/.test(s.name))).toBe(true);
    expect(subjects.some((s) => s.name.includes('（天津）'))).toBe(true);
    const share = byKind('enterprise').length / subjects.length;
    expect(share).toBeGreaterThan(0.8);
  });

  it('is a pure function of (seed, index)', () => {
    const again = makeRegistry(42, 30_000);
    expect(again.subject(12_345)).toEqual(subjects[12_345]);
    expect(makeRegistry(43, 30_000).subject(12_345).uscc).not.toBe(subjects[12_345]!.uscc);
  });

  it('sizes itself from the row count, within bounds', () => {
    expect(registrySize(60)).toBe(200);
    expect(registrySize(3_000_000)).toBe(1_000_000);
    expect(registrySize(100_000_000)).toBe(10_000_000);
  });
});

describe('helpers', () => {
  it('affine maps are bijections and refuse non-coprime multipliers', () => {
    const f = affine(1000, 7, 13);
    expect(new Set(Array.from({ length: 1000 }, (_, i) => f(i))).size).toBe(1000);
    expect(() => affine(1000, 5, 0)).toThrow(RangeError);
  });
  it('traditional forms never collide with the simplified word lists', () => {
    const vocab = [...BRAND_CHARS, ...INDUSTRIES, ...SHOPS, ...SURNAMES, ...GIVEN_CHARS, ...DISTRICTS.map(([, n]) => n)].join('');
    expect([...vocab].filter((c) => TRADITIONAL_FORMS.has(c))).toEqual([]);
  });
  it('traditional characters fold back', () => {
    const name = '天津市滨海新区鸿运物流有限公司';
    expect(toTraditional(name)).toBe('天津市濱海新區鴻運物流有限公司');
    expect(toSimplified(toTraditional(name))).toBe(name);
  });
});
