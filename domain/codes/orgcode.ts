// Organisation code, GB 11714-1997 (standards.md §2): 8 body characters + 1 check character,
// printed XXXXXXXX-X. normalizeCode drops the hyphen, so both spellings check the same.
import { normalizeCode } from './normalize.ts';
import { charReason, checkReason, finish, KIND_NAMES, lengthReason } from './reasons.ts';
import type { CodeCheck, CodeReason } from './types.ts';

// Body values: 0–9 then A=10 … Z=35 (the whole Latin alphabet, unlike the USCC).
const BODY_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
// PDY00001–PDY99999 are reserved for systems' internal use and never exchanged.
const RESERVED = /^PDY(?!00000)\d{5}$/;

/** Check character for an 8-character body; null if the length is not 8 or a character is not 0–9/A–Z. */
export function orgcodeCheckChar(body8: string): string | null {
  if (body8.length !== 8) return null;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = BODY_ALPHABET.indexOf(body8.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Findings for a 9-character organisation code found at 1-based `offset + 1` of a longer code
 *  (the 15-character tax number embeds one at positions 7–15): positions stay true to the whole. */
export function orgcodeFindings(s: string, offset = 0): CodeReason[] {
  const reasons: CodeReason[] = [];
  const chars = [...s];
  chars.forEach((ch, i) => {
    if (i < 8 && !BODY_ALPHABET.includes(ch)) {
      reasons.push(charReason(ch, offset + i + 1, '组织机构代码本体只由数字和大写字母组成', 'the organisation-code body uses only digits and upper-case letters'));
    } else if (i === 8 && !/^[0-9X]$/.test(ch)) {
      reasons.push(charReason(ch, offset + 9, '组织机构代码的校验码只能是数字或 X', 'the organisation-code check character is a digit or X'));
    }
  });
  if (chars.length !== 9) {
    const expected = { zh: '9（8 位本体 + 1 位校验码）', en: '9 (8 body + 1 check)' };
    reasons.push(lengthReason(KIND_NAMES.orgcode, expected, chars.length));
    return reasons;
  }
  const body = s.slice(0, 8);
  const expected = orgcodeCheckChar(body);
  if (expected !== null && expected !== s.charAt(8)) reasons.push(checkReason(offset + 9, expected, s.charAt(8)));
  if (RESERVED.test(body)) {
    reasons.push({
      code: 'reserved',
      zh: `本体 ${body} 属于系统内部保留段 PDY00001–PDY99999，不用于交换`,
      en: `body ${body} is in the range PDY00001–PDY99999 reserved for systems' internal use, never exchanged`,
      position: offset + 1,
    });
  }
  return reasons;
}

export function checkOrgcode(code: string): CodeCheck {
  const s = normalizeCode(code);
  const reasons = orgcodeFindings(s);
  const parts: Record<string, string> = s.length === 9 ? { body: s.slice(0, 8), check: s.charAt(8) } : {};
  return finish(code, s, 'orgcode', reasons, parts);
}
