// What a steward reads beside an item: the rule that raised it and the suggestion, in plain words
// in both languages, and the name of each decision. Pure; the queue view (services/steward/) fills
// in the item's own facts (fields, sources, score).
import type { Bilingual } from '../errors.ts';

export const TASK_KINDS: Record<string, Bilingual> = {
  uncertain_link: { zh: '主体关联待确认', en: 'uncertain subject link' },
  conflict: { zh: '数据冲突', en: 'conflicting values' },
  suspected_duplicate: { zh: '疑似重复', en: 'suspected duplicate' },
  case_dispute: { zh: '联合奖惩主体异议', en: 'measure subject disputed' },
};

export const TASK_REASONS: Record<string, Bilingual> = {
  several_subjects: { zh: '多个登记主体同名', en: 'several registered subjects have this name' },
  legal_rep_differs: { zh: '名称一致但法定代表人不同', en: 'the name matches but the legal representative differs' },
  close_candidates: { zh: '近似名称候选难以区分', en: 'similar names too close to call' },
  material_differs: { zh: '同一决定书的实质字段不一致', en: 'material fields differ for one decision' },
  near_duplicate_key: { zh: '文号一字之差且其余内容一致', en: 'a document number one typo away with all else equal' },
  case_dispute: { zh: '部门反馈：被惩戒主体与名单所列不符', en: 'a department reports the subject is not who the list names' },
};

export const RULE_TEXT: Record<string, Bilingual> = {
  material_differs: {
    zh: '同一份决定（同一文号、同一主体）从两个来源收到，实质字段的值不一致。系统不替您决定：请逐字段选择保留现有值（A）、采用新收到的值（B），或录入正确的值。',
    en: 'The same decision (one document number, one subject) arrived from two sources with different values in material fields. '
      + 'The system does not guess: choose, field by field, the value held (A), the incoming one (B), or enter the right one.',
  },
  near_duplicate_key: {
    zh: '新收到的记录与已有记录主体相同、其余实质内容完全一致，文号只差一处（错一字、漏一字、多一字或相邻两字颠倒），'
      + '且发来新记录的文件并未同时列出已有记录，可能是同一份决定的录入错误。请判断是否合并。',
    en: 'A new record has the same subject and the same material content as one held, and a document number one typo away '
      + '(a character wrong, missing or extra, or two neighbours swapped); the file that brought it does not also list the held one. '
      + 'Perhaps one decision typed twice. Decide whether to merge them.',
  },
  several_subjects: {
    zh: '法人登记信息中有多个主体使用这个名称，无法自动确定是哪一个。请从候选主体中选择，或确认都不是。',
    en: 'Several registered subjects have this name, so the link cannot be made automatically. Choose one of the candidates, or none.',
  },
  legal_rep_differs: {
    zh: '名称与一个登记主体一致，但法定代表人不同，可能是同名的另一家单位。请确认是否为该主体。',
    en: 'The name matches a registered subject but the legal representative differs: it may be another body of the same name. Confirm or refuse the link.',
  },
  close_candidates: {
    zh: '名称与几个登记主体都很接近，分数相差太小，系统不猜。请从候选中选择，或确认都不是。',
    en: 'The name is close to several registered subjects with scores too near to call; the system does not guess. Choose one, or none.',
  },
  case_dispute: {
    zh: '接收联合惩戒措施的部门反馈：被惩戒的主体与名单所列不是同一主体。请核对名单记录与部门的说法：名单无误则维持列入（A），'
      + '否则选择“关联主体”填写正确的统一社会信用代码。裁定会关闭相关案件。',
    en: 'The department applying a joint measure reports that the subject before it is not who the list names. Check the listed record against '
      + 'the department\'s claim: uphold the listing (A) if it is right, or choose "link the subject" with the right USCC. The decision closes the cases.',
  },
};

export const SUGGESTION_TEXT: Record<string, Bilingual> = {
  authoritative_incoming: {
    zh: '建议采用 B：B 来自目录指定的权威来源，A 不是。B 的值已先行生效，您可以改回。',
    en: 'Suggested: B. It comes from the source the catalogue names authoritative and A does not. B\'s values are already in effect; you may revert them.',
  },
  authoritative_held: {
    zh: '建议保留 A：A 来自目录指定的权威来源，B 不是。',
    en: 'Suggested: keep A. It comes from the source the catalogue names authoritative and B does not.',
  },
  most_recent: {
    zh: '建议采用 B：两侧的权威性相同，B 是较新收到的。',
    en: 'Suggested: B. Both sides are equally authoritative and B arrived later.',
  },
  merge: {
    zh: '建议合并：除文号的细微差别外，两条记录完全一致。',
    en: 'Suggested: merge. Apart from a small difference in the document number, the two records are identical.',
  },
  link: {
    zh: '建议关联得分最高的候选主体，请核对名称、代码和法定代表人。',
    en: 'Suggested: the best-scoring candidate. Check its name, codes and legal representative.',
  },
};

export const ACTION_NAMES: Record<string, Bilingual> = {
  take_held: { zh: '保留现有值（A）', en: 'keep the held values (A)' },
  take_incoming: { zh: '采用新值（B）', en: 'take the incoming values (B)' },
  set_values: { zh: '录入值', en: 'enter values' },
  fields: { zh: '逐字段选择', en: 'field by field' },
  keep_apart: { zh: '分开保留', en: 'keep apart' },
  reject: { zh: '驳回新收到的行', en: 'reject the incoming row' },
  merge: { zh: '合并', en: 'merge' },
  link: { zh: '关联主体', en: 'link the subject' },
  no_subject: { zh: '不关联任何主体', en: 'link no subject' },
};

/** The decisions each kind of item takes. */
export const ACTIONS_BY_KIND: Record<string, string[]> = {
  conflict: ['fields', 'take_held', 'take_incoming', 'set_values', 'keep_apart', 'reject'],
  suspected_duplicate: ['merge', 'keep_apart'],
  uncertain_link: ['link', 'no_subject'],
  // Uphold the listing (keep what the record holds) or name the subject the department says it is.
  case_dispute: ['take_held', 'link'],
};

/** Decisions a steward may apply to every item of the same pattern at once: never an entered value
 * or a chosen subject, which belong to one record. */
export const BULK_ACTIONS = new Set(['take_held', 'take_incoming', 'fields', 'keep_apart', 'reject', 'merge', 'no_subject']);

/** The suggested side: a (keep the held) or b (take the incoming), for a conflict; null otherwise. */
export function suggestedSide(detail: Record<string, unknown>): 'a' | 'b' | null {
  if (detail['suggested'] === 'take_held') return 'a';
  if (detail['suggested'] === 'take_incoming') return 'b';
  return null;
}

export function suggestionText(kind: string, detail: Record<string, unknown>): Bilingual | null {
  if (kind === 'conflict') return SUGGESTION_TEXT[String(detail['suggestedBecause'] ?? 'most_recent')] ?? null;
  if (kind === 'suspected_duplicate') {
    const s = SUGGESTION_TEXT['merge']!;
    const score = typeof detail['score'] === 'number' ? detail['score'] : null;
    return score === null ? s : { zh: `${s.zh}（文号相似度 ${score}）`, en: `${s.en} (document-number similarity ${score})` };
  }
  if (kind === 'uncertain_link') return SUGGESTION_TEXT['link']!;
  return null;
}

export function ruleText(code: string): Bilingual {
  return RULE_TEXT[code] ?? { zh: `规则 ${code}`, en: `rule ${code}` };
}
