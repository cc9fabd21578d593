import { describe, expect, it } from 'vitest';
import { makeOrgcode, makeRic, makeUscc, mulberry32 } from './generate.ts';
import { checkTaxno } from './taxno.ts';

const TODAY = new Date(2025, 5, 30);
const codes = (r: ReturnType<typeof checkTaxno>) => r.reasons.map((x) => x.code);

describe('checkTaxno', () => {
  it('accepts division + organisation code (15 characters)', () => {
    expect(checkTaxno('120101D2143569X', TODAY)).toMatchObject({
      kind: 'taxno',
      valid: true,
      parts: { division: '120101', orgcode: 'D2143569X' },
    });
    expect(checkTaxno('120101-D2143569-X', TODAY).valid).toBe(true);
  });

  it('reports positions within the whole number for the embedded organisation code', () => {
    expect(checkTaxno('120101D21435691', TODAY).reasons).toEqual([
      expect.objectContaining({ code: 'check', position: 15, zh: '第15位校验码应为 X，实为 1' }),
    ]);
    expect(codes(checkTaxno('12O101D2143569X', TODAY))).toEqual(['division']);
  });

  it('accepts a USCC (18 characters)', () => {
    expect(checkTaxno('91350100M000100Y43', TODAY)).toMatchObject({
      kind: 'taxno',
      valid: true,
      parts: { uscc: '91350100M000100Y43', division: '350100', orgcode: 'M000100Y4' },
    });
  });

  it("accepts an individual business holder's resident ID (18 characters)", () => {
    expect(checkTaxno('11010519491231002X', TODAY)).toMatchObject({ valid: true, parts: { ric: '11010519491231002X' } });
  });

  it('accepts resident ID + two-digit serial (20 characters)', () => {
    for (const serial of ['00', '01', '02']) {
      expect(checkTaxno(`11010519491231002X${serial}`, TODAY)).toMatchObject({
        valid: true,
        parts: { ric: '11010519491231002X', serial },
      });
    }
    expect(codes(checkTaxno('11010519491231002XA1', TODAY))).toEqual(['character']);
    expect(codes(checkTaxno('11010519491231002101', TODAY))).toEqual(['check']);
  });

  it('explains an 18-character failure as whichever code it resembles', () => {
    expect(checkTaxno('110105194912310021', TODAY).reasons[0]?.zh).toBe('第18位校验码应为 X，实为 1');
    expect(checkTaxno('91350100MA00100Y44', TODAY).reasons[0]?.zh).toBe('第18位校验码应为 P，实为 4');
    expect(checkTaxno('91350100M000100Y44', TODAY).status).toBe('nonconforming');
  });

  it('rejects other lengths', () => {
    const r = checkTaxno('1234567890', TODAY);
    expect(r.status).toBe('invalid');
    expect(r.reasons[0]?.zh).toBe('税务登记号应为 15、18 或 20 位，实为 10 位');
  });

  it('accepts generated forms', () => {
    const rand = mulberry32(7);
    for (let i = 0; i < 200; i++) {
      expect(checkTaxno('120116' + makeOrgcode(rand), TODAY).valid).toBe(true);
      expect(checkTaxno(makeUscc(rand), TODAY).valid).toBe(true);
      expect(checkTaxno(makeRic(rand) + '01', TODAY).valid).toBe(true);
    }
  });
});
