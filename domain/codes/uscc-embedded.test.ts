// GB 32100 builds positions 9–17 from the subject's GB 11714 organisation code: a code whose own
// check holds while that embedded code fails is nonconforming (possibly genuinely issued), not a typo.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeUscc, mulberry32 } from './generate.ts';
import { orgcodeCheckChar } from './orgcode.ts';
import { checkUscc, usccCheckChar } from './uscc.ts';

/** The code with the embedded organisation code's check replaced by `ch`, and the USCC check redone. */
const withOrgCheck = (code: string, ch: string): string => {
  const first17 = code.slice(0, 16) + ch;
  return first17 + usccCheckChar(first17)!;
};

describe('the embedded organisation code', () => {
  it('accepts the standard\'s example, whose organisation code M000100Y4 is itself valid', () => {
    expect(orgcodeCheckChar('M000100Y')).toBe('4');
    expect(checkUscc('91350100M000100Y43')).toMatchObject({ valid: true, status: 'valid' });
  });

  it('reports a code whose own check holds but whose organisation code fails as nonconforming, in both languages', () => {
    const bad = withOrgCheck('91350100M000100Y43', '5');
    const r = checkUscc(bad);
    expect(r).toMatchObject({ valid: false, status: 'nonconforming', parts: { orgcode: 'M000100Y5' } });
    expect(r.reasons).toHaveLength(1);
    expect(r.reasons[0]).toMatchObject({ code: 'embedded_orgcode', position: 9 });
    expect(r.reasons[0]!.zh).toContain('第9–17位应为符合 GB 11714 的组织机构代码');
    expect(r.reasons[0]!.zh).toContain('第17位校验码应为 4，实为 5');
    expect(r.reasons[0]!.en).toContain('may really have been issued');
  });

  it('reads lower case and spaces the same way', () => {
    const bad = withOrgCheck('91350100M000100Y43', '5');
    expect(checkUscc(` ${bad.slice(0, 8).toLowerCase()} ${bad.slice(8).toLowerCase()} `).status).toBe('nonconforming');
  });

  it('reports a letter where the organisation code\'s check digit belongs', () => {
    const r = checkUscc(withOrgCheck('91350100M000100Y43', 'A'));
    expect(r.status).toBe('nonconforming');
    expect(r.reasons[0]!.zh).toContain('组织机构代码的校验码只能是数字或 X');
  });

  it('still reports an ordinary typo (the code\'s own check fails) as invalid, with only the check reason', () => {
    const typo = '91350100MA00100Y44';
    const r = checkUscc(typo);
    expect(r.status).toBe('invalid');
    expect(r.reasons.map((x) => x.code)).toEqual(['check']);
  });

  it('makes every generated code with a wrong embedded check nonconforming', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(...'0123456789X'), (seed, ch) => {
      const code = makeUscc(mulberry32(seed));
      fc.pre(code.charAt(16) !== ch);
      const r = checkUscc(withOrgCheck(code, ch));
      return r.status === 'nonconforming' && r.reasons.length === 1 && r.reasons[0]!.code === 'embedded_orgcode';
    }), { numRuns: 300 });
  });
});
