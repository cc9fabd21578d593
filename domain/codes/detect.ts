// Guess which identifier a bare string is, for columns whose kind is not known (a free-text
// "证件号码", a legacy "代码" column). Callers that know the column's kind should call that
// checker directly: a guess can only go by shape and check characters.
//
// The heuristic, after normalizeCode (so a hyphenated organisation code XXXXXXXX-X has 9 chars):
//   18 chars  USCC placeholder → uscc (placeholder);
//             passes the USCC check → uscc, unless it also passes the resident-ID check → ric;
//             passes the resident-ID check → ric;
//             ID-shaped (17 digits + digit/X, plausible birth date) → ric (invalid);
//             otherwise → uscc (invalid or pilot non-conforming).
//    9 chars  → orgcode.
//   15 chars  all digits: passes regno → regno; else a first-generation resident ID (real
//             division, YYMMDD a real date in the 1900s; it has no check digit) → ric; else
//             passes taxno → taxno; else regno (invalid). A regno that is also a plausible
//             first-generation ID stays regno (its check digit passed, which a random ID does only
//             once in ten) with parts.ambiguousWith naming 'ric': a column of IDs should be checked
//             with checkRic, which reads 15 digits as an ID.
//             with letters: valid taxno (division + orgcode) → taxno; else regno, which reports
//             a letter in the sequence as non-conforming and anything else as invalid.
//   20 chars  → taxno (resident ID + 2-digit serial).
//   else      → unknown, reason 'shape'.
// Where a string is valid as two or more kinds, parts.ambiguousWith names the others (comma-separated).
//
// Why a string valid as both USCC and resident ID is taken as an ID: an ID passes the USCC check
// by chance once in 31 (its first two digits, a province code, are often a valid USCC
// authority/category pair), while a USCC passes as an ID only if the last two digits of its
// division look like a century (19/20), the next four like a month and day, and the mod-11 check
// agrees. On generated codes (Tianjin divisions): 3.2% of IDs pass as USCCs, 0.003% of USCCs pass
// as IDs. The ID reading is far more likely.
import { normalizeCode } from './normalize.ts';
import { finish } from './reasons.ts';
import { checkOrgcode } from './orgcode.ts';
import { checkRegno } from './regno.ts';
import { checkRic, looksLikeRic } from './ric.ts';
import { checkTaxno } from './taxno.ts';
import type { CodeCheck } from './types.ts';
import { checkUscc, USCC_PLACEHOLDER } from './uscc.ts';

export { CodeKind } from './types.ts';

const ambiguous = (result: CodeCheck, other: string): CodeCheck => ({ ...result, parts: { ...result.parts, ambiguousWith: other } });

function check18(raw: string, s: string, today: Date): CodeCheck {
  if (s === USCC_PLACEHOLDER) return checkUscc(raw);
  const uscc = checkUscc(raw);
  const ric = checkRic(raw, today);
  if (uscc.valid && ric.valid) return ambiguous(ric, 'uscc');
  if (uscc.valid) return uscc;
  if (ric.valid) return ric;
  return looksLikeRic(s) ? ric : uscc;
}

function check15(raw: string, s: string, today: Date): CodeCheck {
  const regno = checkRegno(raw);
  const taxno = checkTaxno(raw, today);
  if (/^\d{15}$/.test(s)) {
    const ric = checkRic(raw, today);
    const readings = [regno, ric, taxno].filter((r) => r.valid);
    const [first, ...others] = readings;
    if (!first) return regno;
    return others.length ? ambiguous(first, others.map((r) => r.kind).join(',')) : first;
  }
  return taxno.valid ? taxno : regno;
}

/** Normalise, guess the kind from the shape (see above) and check as that kind. */
export function checkCode(raw: string, today: Date = new Date()): CodeCheck {
  const s = normalizeCode(raw);
  const length = [...s].length;
  switch (length) {
    case 18:
      return check18(raw, s, today);
    case 9:
      return checkOrgcode(raw);
    case 15:
      return check15(raw, s, today);
    case 20:
      return checkTaxno(raw, today);
    default: {
      const reason = length === 0
        ? { code: 'shape' as const, zh: '代码为空', en: 'the code is empty' }
        : {
            code: 'shape' as const,
            zh: `无法识别的代码：长度 ${length} 不是任何已知代码的长度（9、15、18、20）`,
            en: `unrecognised code: length ${length} matches no known code (9, 15, 18, 20)`,
          };
      return finish(raw, s, 'unknown', [reason], {});
    }
  }
}
