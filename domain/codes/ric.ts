// Resident identity number (公民身份号码), GB 11643-1999 (standards.md §4): 6-digit address code +
// birth date YYYYMMDD + 3-digit order (odd male, even female) + check (digit or X). The first
// generation (居民身份证, 1984–2004) printed 15 digits: address + YYMMDD (1900s) + order, no check;
// such IDs are still in files and are valid until converted (upgradeRic15).
import { divisionStatus } from './divisions/index.ts';
import { normalizeCode } from './normalize.ts';
import { charReason, checkReason, finish, KIND_NAMES, lengthReason } from './reasons.ts';
import type { CodeCheck, CodeReason } from './types.ts';

// 2^(18-i) mod 11 for positions 1–17.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
// Indexed by S mod 11.
const CHECK = '10X98765432';

/** Check character for the first 17 digits; null unless given exactly 17 digits. */
export function ricCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (WEIGHTS[i] ?? 0);
  return CHECK.charAt(sum % 11);
}

/** Shape of a resident ID with a plausible-looking birth date (month 01–12, day 01–31, year
 *  18xx–20xx). Used to tell a mistyped ID from a mistyped all-digit USCC, which has the county
 *  part of a division and the start of an organisation code where the ID has its birth date. */
export function looksLikeRic(s: string): boolean {
  return /^\d{6}(18|19|20)\d\d(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/.test(s);
}

/** The 18-digit form of a 15-digit first-generation ID: "19" before the year, then the check
 *  character. Null unless given 15 digits; it does not judge the result (checkRic does). */
export function upgradeRic15(code: string): string | null {
  const s = normalizeCode(code);
  if (!/^\d{15}$/.test(s)) return null;
  const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
  return first17 + (ricCheckChar(first17) ?? '');
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
/** Today's calendar date where the code is checked (local time), as YYYY-MM-DD. */
const localDate = (d: Date): string => `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `ymd` is the full YYYYMMDD; `written` and `span` what the code holds and where (a first-generation
 *  ID writes YYMMDD at positions 7–12). */
function dateReason(ymd: string, today: Date, written = ymd, span = '7–14'): CodeReason | null {
  const y = Number(ymd.slice(0, 4));
  const m = Number(ymd.slice(4, 6));
  const d = Number(ymd.slice(6, 8));
  const probe = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC rolls 2月30日 over to March: a real date survives the round trip unchanged.
  const real = probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
  const iso = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  if (!real) {
    return {
      code: 'date', zh: `第${span}位出生日期 '${written}' 不是有效日期`, en: `birth date '${written}' at positions ${span} is not a real date`, position: 7,
    };
  }
  // The standard's own example (440524188001010014) was born in 1880.
  if (y < 1800) {
    return { code: 'date', zh: `出生日期 ${iso} 早于 1800 年`, en: `birth date ${iso} is before 1800`, position: 7 };
  }
  const now = localDate(today);
  if (iso > now) {
    return { code: 'date', zh: `出生日期 ${iso} 晚于今天（${now}）`, en: `birth date ${iso} is after today (${now})`, position: 7 };
  }
  return null;
}

const FIRST_GEN = { zh: '18（第一代身份证为 15 位数字）', en: '18 (15 digits for a first-generation ID)' };

function addressReason(address: string): CodeReason | null {
  if (divisionStatus(address)) return null;
  return {
    code: 'division',
    zh: `第1–6位地址码 ${address} 不是 GB/T 2260 中的行政区划代码（含已撤销的旧代码）`,
    en: `address code ${address} at positions 1–6 is no administrative division of GB/T 2260, past or present`,
    position: 1,
  };
}

/** Address, birth date and sex, shared by both generations; `ymd` is the full YYYYMMDD. */
function readBody(s: string, ymd: string, today: Date, reasons: CodeReason[], parts: Record<string, string>): void {
  // A non-digit address code was already reported character by character.
  const address = s.slice(0, 6);
  if (/^\d{6}$/.test(address)) {
    const bad = addressReason(address);
    if (bad) reasons.push(bad);
    else parts['division'] = address;
    const status = divisionStatus(address);
    if (status) parts['divisionStatus'] = status;
  }
  if (/^\d{8}$/.test(ymd)) {
    const bad = s.length === 15 ? dateReason(ymd, today, s.slice(6, 12), '7–12') : dateReason(ymd, today);
    if (bad) reasons.push(bad);
    else parts['birthDate'] = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  }
  const orderDigit = s.charAt(s.length === 15 ? 14 : 16);
  if (/\d/.test(orderDigit)) parts['sex'] = Number(orderDigit) % 2 === 1 ? 'M' : 'F';
}

function checkRic15(code: string, s: string, today: Date): CodeCheck {
  const reasons: CodeReason[] = [];
  [...s].forEach((ch, i) => {
    if (/\d/.test(ch)) return;
    reasons.push(charReason(ch, i + 1, '第一代（15 位）公民身份号码只由数字组成', 'a first-generation (15-digit) resident ID is all digits'));
  });
  const parts: Record<string, string> = { generation: '1', order: s.slice(12, 15) };
  readBody(s, `19${s.slice(6, 12)}`, today, reasons, parts);
  if (reasons.length === 0) parts['upgraded'] = upgradeRic15(s) ?? '';
  return finish(code, s, 'ric', reasons, parts);
}

export function checkRic(code: string, today: Date = new Date()): CodeCheck {
  const s = normalizeCode(code);
  const chars = [...s];
  if (chars.length === 15 && /^\d+$/.test(s)) return checkRic15(code, s, today);
  const reasons: CodeReason[] = [];
  chars.forEach((ch, i) => {
    if (/\d/.test(ch) || (i === 17 && ch === 'X')) return;
    reasons.push(i === 17
      ? charReason(ch, 18, '公民身份号码的校验码只能是数字或 X', 'the check character of a resident ID is a digit or X')
      : charReason(ch, i + 1, '公民身份号码前 17 位只能是数字', 'the first 17 characters of a resident ID are digits'));
  });
  if (chars.length !== 18) {
    reasons.push(lengthReason(KIND_NAMES.ric, FIRST_GEN, chars.length));
    return finish(code, s, 'ric', reasons, {});
  }

  const parts: Record<string, string> = { generation: '2', order: s.slice(14, 17), check: s.charAt(17) };
  readBody(s, s.slice(6, 14), today, reasons, parts);
  const expected = ricCheckChar(s.slice(0, 17));
  if (expected !== null && expected !== s.charAt(17)) reasons.push(checkReason(18, expected, s.charAt(17)));
  return finish(code, s, 'ric', reasons, parts);
}

/** For display to roles that may not see personal data: keep the first 6 (address) and last 4
 *  characters. Anything 10 characters or shorter is masked entirely, since keeping 6 + 4 of it
 *  would reveal all of it. */
export function maskRic(code: string): string {
  const s = [...normalizeCode(code)];
  if (s.length <= 10) return '*'.repeat(s.length);
  return s.slice(0, 6).join('') + '*'.repeat(s.length - 10) + s.slice(-4).join('');
}
