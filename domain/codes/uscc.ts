// Unified Social Credit Code, GB 32100-2015 (standards.md §1).
import { normalizeCode } from './normalize.ts';
import { orgcodeFindings } from './orgcode.ts';
import { charReason, checkReason, divisionReason, DIVISION_NAMES, finish, KIND_NAMES, lengthReason } from './reasons.ts';
import type { CodeCheck, CodeReason } from './types.ts';
import { USCC_AUTHORITIES } from './uscc-categories.ts';

/** The 31 symbols in value order: digits, then upper-case letters without I, O, Z, S, V. */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** What an individual business (个体工商户) without a USCC carries instead; its old
 *  registration number is then required. Not a code: reported as such, never as a typo. */
export const USCC_PLACEHOLDER = '00000000000000000X';

// 3^(i-1) mod 31 for positions 1–17, as printed in the standard.
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Check character for the first 17 characters; null if the length is not 17 or any character is
 *  outside the alphabet. */
export function usccCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) return null;
    sum += value * (WEIGHTS[i] ?? 0);
  }
  // 31 − (S mod 31), where 31 is written 0: the same as taking it mod 31.
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

// The 2015 Fujian pilot issued a few codes (bodies like M0001…) that fail the check yet are real.
// Narrowed to bodies starting "M0" rather than any "M": since 2015 the national new-issue series
// starts "MA", and a mistyped MA… code is an ordinary error, not a pilot relic.
const PILOT_BODY = /^M0/;

const NAME = KIND_NAMES.uscc;

function categoryReasons(s: string): CodeReason[] {
  const authority = s.charAt(0);
  const category = s.charAt(1);
  const a = USCC_AUTHORITIES[authority];
  if (a === undefined) {
    return [{
      code: 'category',
      zh: `第1位登记管理部门代码 '${authority}' 未定义`,
      en: `registration-authority code '${authority}' at position 1 is not defined`,
      position: 1,
    }];
  }
  if (Object.hasOwn(a.categories, category)) return [];
  const allowed = Object.keys(a.categories);
  return [{
    code: 'category',
    zh: `第2位机构类别代码 '${category}' 不属于登记管理部门 '${authority}'（${a.zh}），可用：${allowed.join('、')}`,
    en:
      `organisation-category code '${category}' at position 2 is not defined for registration authority '${authority}' (${a.en}); ` +
      `allowed: ${allowed.join(', ')}`,
    position: 2,
  }];
}

export function checkUscc(code: string): CodeCheck {
  const s = normalizeCode(code);
  if (s === USCC_PLACEHOLDER) {
    const reason: CodeReason = {
      code: 'placeholder',
      zh: `${USCC_PLACEHOLDER} 是无统一社会信用代码的个体工商户所填的占位符，不是代码；此时须填写工商注册号`,
      en: `${USCC_PLACEHOLDER} is the placeholder for an individual business without a USCC, not a code; the registration number is then required`,
    };
    return { ...finish(code, s, 'uscc', [reason], {}), placeholder: true };
  }

  const reasons: CodeReason[] = [];
  const chars = [...s];
  chars.forEach((ch, i) => {
    if (USCC_ALPHABET.includes(ch)) return;
    const excluded = 'IOZSV'.includes(ch);
    reasons.push(excluded
      ? charReason(ch, i + 1, '统一社会信用代码不使用 I、O、Z、S、V', 'the USCC does not use I, O, Z, S or V')
      : charReason(ch, i + 1, '统一社会信用代码只由数字和大写字母组成', 'the USCC uses only digits and upper-case letters'));
  });
  if (chars.length !== 18) {
    reasons.push(lengthReason(NAME, 18, chars.length));
    return finish(code, s, 'uscc', reasons, {});
  }

  const parts = {
    authority: s.charAt(0),
    category: s.charAt(1),
    division: s.slice(2, 8),
    orgcode: s.slice(8, 17),
    check: s.charAt(17),
  };
  reasons.push(...categoryReasons(s));
  const division = divisionReason(parts.division, 3, DIVISION_NAMES);
  if (division) reasons.push(division);

  const expected = usccCheckChar(s.slice(0, 17));
  if (expected !== null && expected !== parts.check) {
    // Pilot relics are only those where the check is the sole problem.
    const onlyCheckFails = reasons.length === 0;
    reasons.push(checkReason(18, expected, parts.check));
    if (onlyCheckFails && PILOT_BODY.test(parts.orgcode)) {
      reasons.push({
        code: 'pilot_nonconforming',
        zh: '主体标识码以 M0 开头，疑为 2015 年福建试点时发放的代码：未通过校验但可能真实存在，请人工复核，不要直接丢弃',
        en:
          'subject identifier starts with M0, like codes issued in the 2015 Fujian pilot: ' +
          'it fails the check but may be genuine; review it rather than discard the row',
        position: 9,
      });
      return finish(code, s, 'uscc', reasons, parts, true);
    }
  }
  if (reasons.length === 0) {
    const embedded = embeddedOrgcodeReason(parts.orgcode);
    if (embedded) return finish(code, s, 'uscc', [embedded], parts, true);
  }
  return finish(code, s, 'uscc', reasons, parts);
}

/** GB 32100 builds positions 9–17 from the subject's GB 11714 organisation code, check included.
 * A code whose own check holds while that one fails was issued that way (the 2015 Fujian pilot
 * and some early local issues) or mistyped twice so as to cancel out: either way a person must
 * look, and the row must not be discarded. Only asked when nothing else is wrong, so a typo in
 * positions 9–17 is still reported as the ordinary check-character error it is. */
function embeddedOrgcodeReason(orgcode: string): CodeReason | null {
  const findings = orgcodeFindings(orgcode, 8);
  if (findings.length === 0) return null;
  return {
    code: 'embedded_orgcode',
    zh: `第9–17位应为符合 GB 11714 的组织机构代码，但 ${orgcode} 不符合（${findings.map((f) => f.zh).join('；')}）；`
      + '全码校验位正确，代码可能确实已发放（如 2015 年福建试点），请人工复核，不要直接丢弃',
    en: `positions 9–17 should be an organisation code valid under GB 11714, but ${orgcode} is not `
      + `(${findings.map((f) => f.en).join('; ')}); the code's own check character is right, so it may really have been issued `
      + '(as in the 2015 Fujian pilot): review it rather than discard the row',
    position: 9,
  };
}
