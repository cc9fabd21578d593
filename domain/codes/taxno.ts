// Tax registration number (税务登记号), standards.md §2–§3. Legitimate forms:
//   15: 6-digit division + 9-character organisation code (an organisation's old tax number);
//   18: the organisation's USCC, or an individual business holder's 18-digit resident ID;
//   20: resident ID + 2 digits (00, then 01, 02 … when one person registers several businesses).
import { normalizeCode } from './normalize.ts';
import { orgcodeFindings } from './orgcode.ts';
import { divisionReason, DIVISION_NAMES, finish, KIND_NAMES, lengthReason } from './reasons.ts';
import { checkRic, looksLikeRic } from './ric.ts';
import type { CodeCheck, CodeReason } from './types.ts';
import { checkUscc } from './uscc.ts';

function check15(s: string): { reasons: CodeReason[]; parts: Record<string, string> } {
  const parts: Record<string, string> = {};
  const reasons: CodeReason[] = [];
  const division = divisionReason(s.slice(0, 6), 1, DIVISION_NAMES);
  if (division) reasons.push(division);
  else parts['division'] = s.slice(0, 6);
  const org = orgcodeFindings(s.slice(6), 6);
  reasons.push(...org);
  if (org.length === 0) parts['orgcode'] = s.slice(6);
  return { reasons, parts };
}

export function checkTaxno(code: string, today: Date = new Date()): CodeCheck {
  const s = normalizeCode(code);
  const length = [...s].length;

  if (length === 15) {
    const { reasons, parts } = check15(s);
    return finish(code, s, 'taxno', reasons, parts);
  }

  if (length === 18) {
    const uscc = checkUscc(s);
    if (uscc.valid) return finish(code, s, 'taxno', [], { uscc: s, division: uscc.parts['division'] ?? '', orgcode: uscc.parts['orgcode'] ?? '' });
    const ric = checkRic(s, today);
    if (ric.valid) return finish(code, s, 'taxno', [], { ric: s });
    // Neither: explain it as whichever it resembles (see detect.ts for the same heuristic). A
    // pilot-era USCC stays non-conforming rather than invalid.
    const closest = looksLikeRic(s) ? ric : uscc;
    return finish(code, s, 'taxno', closest.reasons, {}, closest.status === 'nonconforming');
  }

  if (length === 20) {
    const ric = checkRic(s.slice(0, 18), today);
    const serial = s.slice(18);
    const reasons = [...ric.reasons];
    if (!/^\d\d$/.test(serial)) {
      reasons.push({
        code: 'character',
        zh: `第19–20位应为两位数字序号（00、01 …），实为 '${serial}'`,
        en: `positions 19–20 should be a two-digit serial (00, 01 …), found '${serial}'`,
        position: 19,
      });
    }
    const parts: Record<string, string> = reasons.length === 0 ? { ric: s.slice(0, 18), serial } : {};
    return finish(code, s, 'taxno', reasons, parts);
  }

  const expected = { zh: '15、18 或 20', en: '15, 18 or 20' };
  return finish(code, s, 'taxno', [lengthReason(KIND_NAMES.taxno, expected, length)], {});
}
