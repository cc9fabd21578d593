// Builders for the bilingual reasons the checkers return, so that every checker words the same
// problem the same way. Internal to domain/codes (not re-exported from index.ts). These say why one
// code fails its check (length, character, check digit…), not why a row is refused: the reject's
// own code and title are the error table's (domain/errors/table/row.ts).
import type { CodeCheck, CodeKind, CodeReason } from './types.ts';

export interface Names {
  zh: string;
  en: string;
}

export const KIND_NAMES = {
  uscc: { zh: '统一社会信用代码', en: 'unified social credit code' },
  orgcode: { zh: '组织机构代码', en: 'organisation code' },
  regno: { zh: '工商注册号', en: 'business registration number' },
  taxno: { zh: '税务登记号', en: 'tax registration number' },
  ric: { zh: '公民身份号码', en: 'resident identity number' },
  unknown: { zh: '代码', en: 'code' },
} as const satisfies Record<CodeKind, Names>;

/** Show a character so that an invisible or control character is still visible in a report. */
export function showChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const hidden = cp < 0x21 || (cp >= 0x7f && cp <= 0xa0) || (cp >= 0xd800 && cp <= 0xdfff);
  return hidden ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
}

export function lengthReason(name: Names, expected: number | Names, actual: number): CodeReason {
  const exp = typeof expected === 'number' ? { zh: String(expected), en: String(expected) } : expected;
  return {
    code: 'length',
    zh: `${name.zh}应为 ${exp.zh} 位，实为 ${actual} 位`,
    en: `${name.en} should have ${exp.en} characters, found ${actual}`,
  };
}

export function charReason(ch: string, position: number, ruleZh: string, ruleEn: string): CodeReason {
  return {
    code: 'character',
    zh: `含非法字符 ${showChar(ch)}（第${position}位），${ruleZh}`,
    en: `invalid character ${showChar(ch)} at position ${position}: ${ruleEn}`,
    position,
  };
}

export function checkReason(position: number, expected: string, found: string): CodeReason {
  return {
    code: 'check',
    zh: `第${position}位校验码应为 ${expected}，实为 ${found}`,
    en: `check character at position ${position} should be ${expected}, found ${found}`,
    position,
  };
}

/** positions from..to (1-based, inclusive) must be digits; `what` names the field. */
export function divisionReason(value: string, from: number, what: Names): CodeReason | null {
  const bad = [...value].findIndex((c) => c < '0' || c > '9');
  if (bad < 0 && value.length === 6) return null;
  const to = from + 5;
  return {
    code: 'division',
    zh: `第${from}–${to}位${what.zh}应为 6 位数字，实为 '${value}'`,
    en: `${what.en} at positions ${from}–${to} should be 6 digits, found '${value}'`,
    position: from + Math.max(bad, 0),
  };
}

export const DIVISION_NAMES: Names = { zh: '行政区划代码', en: 'administrative division code' };

/** Assemble a result: valid when nothing was found; `soft` marks findings that only make the code
 *  non-conforming (known to occur in genuinely issued codes) rather than invalid. */
export function finish(
  input: string,
  normalized: string,
  kind: CodeKind,
  reasons: CodeReason[],
  parts: Record<string, string>,
  soft = false,
): CodeCheck {
  const status = reasons.length === 0 ? 'valid' : soft ? 'nonconforming' : 'invalid';
  return { input, normalized, kind, valid: status === 'valid', status, reasons, parts };
}
