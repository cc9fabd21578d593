// checkCode on 15 digits: a registration number (GS15-2006, checked by ISO 7064 MOD 11,10) or a
// first-generation resident ID (division + YYMMDD + order, no check digit).
import { describe, expect, it } from 'vitest';
import { checkCode } from './detect.ts';
import { regnoCheckDigit } from './regno.ts';
import { verdictNotes } from './notes.ts';

const TODAY = new Date(2025, 5, 30);

describe('checkCode on 15 digits', () => {
  it('reads the standard\'s registration number as one', () => {
    expect(checkCode('110108000000016', TODAY)).toMatchObject({ kind: 'regno', valid: true });
  });

  it('reads a first-generation ID that fails the registration check as an ID', () => {
    const r = checkCode('120107490101001', TODAY);
    expect(r).toMatchObject({ kind: 'ric', valid: true, parts: { generation: '1', upgraded: '120107194901010018' } });
    expect(verdictNotes(r).map((n) => n.zh)).toEqual(['第一代（15 位）身份证号码，对应的 18 位号码为 120107194901010018']);
  });

  it('says so when a string is valid under both readings', () => {
    const first14 = '12010749010100';
    const both = first14 + regnoCheckDigit(first14)!;
    const r = checkCode(both, TODAY);
    expect(r).toMatchObject({ kind: 'regno', valid: true });
    expect(r.parts['ambiguousWith']?.split(',')).toContain('ric');
    const [note] = verdictNotes(r);
    expect(note?.zh).toContain('也是有效的公民身份号码');
    expect(note?.en).toContain('also valid as a resident identity number');
  });

  it('keeps an invalid registration number that is no plausible ID a registration number', () => {
    // Positions 7–12 "000000" are no date, and 110108 000000 017 fails the check.
    expect(checkCode('110108000000017', TODAY)).toMatchObject({ kind: 'regno', valid: false });
    // A plausible date but no such division: not an ID either.
    expect(checkCode('990105490101001', TODAY)).toMatchObject({ kind: 'regno', valid: false });
  });
});
