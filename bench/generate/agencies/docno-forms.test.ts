// A hostile-form property: however a clerk types a document number, it differs from the canonical
// text only in the ways DocnoForm lists, its tags name exactly those ways, and a typo is not one.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../domain/codes/index.ts';
import { chance, pick } from '../random.ts';
import { canonicalDocno, CANONICAL_FORM, docnoTags, docnoTypo, renderDocnoForm, YEAR_BRACKETS } from './docno-forms.ts';
import type { DocnoForm } from './docno-forms.ts';
import { AUTHORITIES } from '../vocab-penalty.ts';

describe('document number forms', () => {
  it('writes the examples from the field', () => {
    const f: DocnoForm = { ...CANONICAL_FORM, di: true };
    expect(renderDocnoForm('津应急罚', 2024, 125, f)).toBe('津应急罚〔2024〕第125号');
    expect(renderDocnoForm('津应急罚', 2024, 125, { ...CANONICAL_FORM, brackets: '（）', pad: 4 })).toBe('津应急罚（2024）0125号');
    expect(renderDocnoForm('津环罚字', 2025, 7, { ...CANONICAL_FORM, brackets: '', spaces: true, noHao: true })).toBe('津环罚字 2025 7');
    expect(renderDocnoForm('津税稽罚', 2024, 12, { ...CANONICAL_FORM, fullWidth: true })).toBe('津税稽罚〔２０２４〕１２号');
  });

  it('differs from the canonical number only in the listed ways, and tags each of them', () => {
    const r = mulberry32(99);
    for (let i = 0; i < 5000; i++) {
      const a = pick(r, AUTHORITIES);
      const seq = 1 + Math.floor(r() * 3000);
      const year = pick(r, [2023, 2024, 2025]);
      const f: DocnoForm = {
        brackets: pick(r, YEAR_BRACKETS), di: chance(r, 0.5), pad: pick(r, [0, 3, 4] as const),
        fullWidth: chance(r, 0.3), spaces: chance(r, 0.3), noHao: chance(r, 0.3),
      };
      const canonical = renderDocnoForm(a.docPrefix, year, seq, CANONICAL_FORM);
      const text = renderDocnoForm(a.docPrefix, year, seq, f);
      expect(canonicalDocno(text)).toBe(canonical);
      // No tag means the very canonical text (a zero pad on a 4-digit number changes nothing).
      if (docnoTags(f).length === 0) expect(text).toBe(canonical);
      if (text !== canonical) expect(docnoTags(f).length).toBeGreaterThan(0);
      const typo = renderDocnoForm(docnoTypo(a.docPrefix), year, seq, f);
      expect(canonicalDocno(typo)).not.toBe(canonical);
    }
  });

  it('never turns one authority\'s prefix into another\'s by a typo', () => {
    const prefixes = new Set(AUTHORITIES.map((a) => a.docPrefix));
    for (const a of AUTHORITIES) expect(prefixes.has(docnoTypo(a.docPrefix))).toBe(false);
  });
});
