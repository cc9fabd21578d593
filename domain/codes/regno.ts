// Old business registration number (工商注册号), GS15-2006 (standards.md §3): 6-digit division of
// the first registering authority + 8-digit sequence + 1 check digit (ISO 7064 MOD 11,10).
import { normalizeCode } from './normalize.ts';
import { charReason, checkReason, divisionReason, DIVISION_NAMES, finish, KIND_NAMES, lengthReason } from './reasons.ts';
import type { CodeCheck, CodeReason } from './types.ts';

/** ISO 7064 hybrid MOD 11,10 over 14 digits; null unless given exactly 14 digits. */
export function regnoCheckDigit(first14: string): string | null {
  if (!/^\d{14}$/.test(first14)) return null;
  let p = 10;
  for (const ch of first14) {
    const s = (p + Number(ch)) % 10 || 10;
    p = (2 * s) % 11;
  }
  return String((11 - p) % 10);
}

export const RegnoKindHint = { domestic: 'domestic', foreign: 'foreign', individual: 'individual' } as const;
export type RegnoKindHint = (typeof RegnoKindHint)[keyof typeof RegnoKindHint];

/** The 7th digit hints at the kind of subject (third-party sources): 0–3 domestic enterprise,
 *  4–5 foreign-invested, 6–9 individual business. */
export function regnoKindHint(digit: string): RegnoKindHint | null {
  if (!/^\d$/.test(digit)) return null;
  return digit <= '3' ? 'domestic' : digit <= '5' ? 'foreign' : 'individual';
}

const NAME = KIND_NAMES.regno;

export function checkRegno(code: string): CodeCheck {
  const s = normalizeCode(code);
  const chars = [...s];
  const reasons: CodeReason[] = [];
  // Real data holds numbers with a letter in the sequence (e.g. 14010700A001338): they break the
  // standard but were issued, so a letter in the sequence (positions 7–14) is "soft": flag for
  // review. Anything else that is not a digit, including a letter as the check digit, is an error.
  let hard = false;
  chars.forEach((ch, i) => {
    if (/\d/.test(ch)) return;
    const position = i + 1;
    if (/[A-Z]/.test(ch) && position > 6 && position < 15) {
      reasons.push({
        code: 'character',
        zh: `第${position}位含字母 '${ch}'：不符合 GS15-2006（应为 15 位数字），无法校验，但真实数据中存在此类注册号，请复核`,
        en:
          `letter '${ch}' at position ${position} does not conform to GS15-2006 (15 digits) and cannot be checked, ` +
          'but such numbers occur in real data; review it',
        position,
      });
    } else {
      hard = true;
      reasons.push(charReason(ch, position, '工商注册号应为 15 位数字', 'the registration number is 15 digits'));
    }
  });
  if (chars.length !== 15) {
    reasons.push(lengthReason(NAME, 15, chars.length));
    return finish(code, s, 'regno', reasons, {});
  }

  const parts: Record<string, string> = { sequence: s.slice(6, 14), check: s.charAt(14) };
  const division = divisionReason(s.slice(0, 6), 1, DIVISION_NAMES);
  if (division) {
    hard = true;
    reasons.push(division);
  } else {
    parts['division'] = s.slice(0, 6);
  }
  const hint = regnoKindHint(s.charAt(6));
  if (hint) parts['kindHint'] = hint;

  const expected = regnoCheckDigit(s.slice(0, 14));
  if (expected !== null && expected !== parts['check']) {
    hard = true;
    reasons.push(checkReason(15, expected, s.charAt(14)));
  }
  return finish(code, s, 'regno', reasons, parts, !hard);
}
