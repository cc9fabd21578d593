// Identifier checks of the clean step beyond the USCC: a natural person's resident ID number. Pure,
// like clean-row.ts, which calls it from checkIdentifiers.
import type { DatasetDefinition } from '../dataset.ts';
import { checkRic, maskRic } from '../codes/index.ts';
import type { CodeReason } from '../codes/index.ts';
import type { RowReject, RuleChange } from './clean-row.ts';

/** Recorded in the row's changes (and so in lineage) when a 15-digit ID is rewritten. */
export const RIC_UPGRADE_RULE = { id: 'ric_upgrade', version: 1 } as const;

// 证件类型 as written in real files: 身份证, 居民身份证, 二代身份证, 公民身份号码, 中华人民共和国居民身份证 …
// An empty type is taken as an ID card, the usual case for a natural person in these datasets.
const ID_CARD = /身份证|公民身份号码/;
// …but not a Hong Kong, Macao or Taiwan identity card, whose numbers have other formats.
const NOT_MAINLAND = /香港|澳门|台湾|港澳|外国|护照/;

export function isResidentIdType(type: string | undefined): boolean {
  const t = (type ?? '').trim();
  return t === '' || (ID_CARD.test(t) && !NOT_MAINLAND.test(t));
}

/** The reason without the birth date: the value in a reject is masked to its first 6 and last 4
 *  characters, and a date reason would print the digits the mask hides. */
function safeReason(r: CodeReason): { zh: string; en: string } {
  if (r.code !== 'date') return r;
  return {
    zh: '第7位起的出生日期不是 1800 年至今天之间的真实日期',
    en: 'the birth date starting at position 7 is not a real date between 1800 and today',
  };
}

/**
 * A natural person's ID number, when the type says it is a resident ID (or is empty), must be a
 * valid one. A valid first-generation (15-digit) number is rewritten to its 18-digit form, so
 * that the person compares equal across files that carry either; the change goes to `changes`.
 * Returns the rejects (at most one).
 */
export function checkPersonId(
  def: DatasetDefinition,
  fields: Record<string, string>,
  changes: RuleChange[],
  today: Date = new Date(),
): RowReject[] {
  const s = def.subject;
  if (!s?.idNo || !s.category || !s.person || fields[s.category] !== s.person) return [];
  const value = fields[s.idNo];
  if (value === undefined || !isResidentIdType(s.idType ? fields[s.idType] : undefined)) return [];
  const check = checkRic(value, today);
  const f = def.fields.find((x) => x.name === s.idNo);
  const label = { zh: f?.zh ?? s.idNo, en: f?.en ?? s.idNo };
  if (!check.valid) {
    const masked = maskRic(value);
    const why = check.reasons.map(safeReason);
    return [{
      field: s.idNo, code: 'CDF_ID_INVALID', path: `/${s.idNo}`, value: masked,
      zh: `「${label.zh}」${masked} 不是有效的公民身份号码（应为 18 位，或第一代 15 位）：${why.map((r) => r.zh).join('；')}`,
      en: `"${label.en}" ${masked} is not a valid resident ID number (18 characters, or 15 digits for a first-generation ID): `
        + why.map((r) => r.en).join('; '),
    }];
  }
  const upgraded = check.parts['upgraded'];
  if (upgraded && upgraded !== value) {
    changes.push({ field: s.idNo, ruleId: RIC_UPGRADE_RULE.id, ruleVersion: RIC_UPGRADE_RULE.version, before: value, after: upgraded });
    fields[s.idNo] = upgraded;
  }
  return [];
}
