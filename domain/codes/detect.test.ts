import { describe, expect, it } from 'vitest';
import { CodeKind, checkCode } from './detect.ts';
import { makeOrgcode, makeRegno, makeRic, makeUscc, mulberry32 } from './generate.ts';
import { orgcodeCheckChar } from './orgcode.ts';
import { checkRegno } from './regno.ts';
import { checkRic } from './ric.ts';
import { checkTaxno } from './taxno.ts';
import { checkUscc } from './uscc.ts';

const TODAY = new Date(2025, 5, 30);
const kindOf = (raw: string): string => checkCode(raw, TODAY).kind;

describe('checkCode', () => {
  it('exposes the kinds as a const object', () => {
    expect(Object.values(CodeKind)).toEqual(['uscc', 'orgcode', 'regno', 'taxno', 'ric', 'unknown']);
  });

  it('recognises each example after normalising', () => {
    expect(checkCode(' 91350100m000100y43 ', TODAY)).toMatchObject({ kind: 'uscc', valid: true, input: ' 91350100m000100y43 ' });
    expect(checkCode('D2143569-X', TODAY)).toMatchObject({ kind: 'orgcode', valid: true });
    expect(checkCode('D2143569X', TODAY)).toMatchObject({ kind: 'orgcode', valid: true });
    expect(checkCode('110108000000016', TODAY)).toMatchObject({ kind: 'regno', valid: true });
    expect(checkCode('11010519491231002x', TODAY)).toMatchObject({ kind: 'ric', valid: true });
    expect(checkCode('14010700A001338', TODAY)).toMatchObject({ kind: 'regno', status: 'nonconforming' });
    expect(checkCode('120101D2143569X', TODAY)).toMatchObject({ kind: 'taxno', valid: true });
    expect(checkCode('11010519491231002X00', TODAY)).toMatchObject({ kind: 'taxno', valid: true });
  });

  it('reports the placeholder as a USCC placeholder', () => {
    expect(checkCode('00000000000000000X', TODAY)).toMatchObject({ kind: 'uscc', placeholder: true, valid: false });
  });

  it('explains an invalid 18-character code as the kind it resembles', () => {
    expect(checkCode('110105194912310021', TODAY)).toMatchObject({ kind: 'ric', valid: false });
    expect(checkCode('91350100MA00100Y44', TODAY)).toMatchObject({ kind: 'uscc', valid: false });
    expect(checkCode('91350100M000100Y44', TODAY)).toMatchObject({ kind: 'uscc', status: 'nonconforming' });
    // All digits but no plausible birth date at 7–14: a mistyped USCC, not an ID.
    expect(kindOf('911201167000123456')).toBe('uscc');
  });

  it('prefers the resident ID when a string passes both checks, and says so', () => {
    // Find a generated resident ID that passes the USCC check by chance (about 1 in 31 here).
    const rand = mulberry32(1);
    const both = Array.from({ length: 2000 }, () => makeRic(rand)).find((c) => checkUscc(c).valid);
    expect(both).toBeDefined();
    const r = checkCode(both ?? '', TODAY);
    expect(r).toMatchObject({ kind: 'ric', valid: true });
    expect(r.parts['ambiguousWith']).toBe('uscc');
  });

  it('tells 15-digit registration numbers from 15-character tax numbers', () => {
    const taxOnly = '120101' + 'D2143569X';
    expect(kindOf(taxOnly)).toBe('taxno');
    // All digits and a valid tax number, but not a valid registration number.
    const body = '12345678';
    const digitsTax = '120101' + body + orgcodeCheckChar(body);
    expect(digitsTax).toBe('120101123456788');
    expect(checkRegno(digitsTax).valid).toBe(false);
    expect(checkCode(digitsTax, TODAY)).toMatchObject({ kind: 'taxno', valid: true, parts: { orgcode: '123456788' } });
    // Neither: reported as a registration number.
    expect(checkCode('110108000000017', TODAY)).toMatchObject({ kind: 'regno', valid: false });
    // Letters, not a tax number: a non-conforming registration number.
    expect(checkCode('1401070A0001338', TODAY)).toMatchObject({ kind: 'regno', status: 'nonconforming' });
  });

  it('marks a 15-digit string valid as both registration and tax number', () => {
    const rand = mulberry32(3);
    const both = Array.from({ length: 2000 }, () => makeRegno(rand)).find((c) => checkTaxno(c, TODAY).valid);
    expect(both).toBeDefined();
    expect(checkCode(both ?? '', TODAY)).toMatchObject({ kind: 'regno', valid: true, parts: { ambiguousWith: 'taxno' } });
  });

  it('classifies generated codes by their kind', () => {
    const rand = mulberry32(42);
    for (let i = 0; i < 300; i++) {
      const uscc = makeUscc(rand);
      expect(kindOf(uscc)).toBe(checkRic(uscc, TODAY).valid ? 'ric' : 'uscc');
      expect(kindOf(makeOrgcode(rand))).toBe('orgcode');
      const regno = makeRegno(rand);
      expect(kindOf(regno)).toBe('regno');
      expect(kindOf(makeRic(rand))).toBe('ric');
    }
  });

  it('gives up on other shapes with a reason', () => {
    expect(checkCode('', TODAY)).toMatchObject({ kind: 'unknown', valid: false, reasons: [{ code: 'shape', en: 'the code is empty' }] });
    const r = checkCode('ABC', TODAY);
    expect(r).toMatchObject({ kind: 'unknown', status: 'invalid' });
    expect(r.reasons[0]?.zh).toContain('长度 3');
  });
});
