// A joint measure's case (联合奖惩案件): a department was pushed a listed record with a measure and
// reports back what it did. Pure: the case workflow's update validator, the API's service and a
// pulled feedback table's importer all check feedback with checkFeedback, so one rule refuses a
// malformed answer wherever it arrives.
import type { Bilingual } from './errors.ts';

export const CASE_STATUSES = ['open', 'closed', 'overdue', 'disputed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** applied: the measure was applied; not_applicable: the department's rules do not reach this
 * subject; not_encountered: the subject has not come to it; disputed: the subject is not who the
 * list names (a steward decides); governance_result: a street's or community's outcome for the
 * subject (基层治理结果), a text in detail.text. */
export const CASE_OUTCOMES = ['applied', 'not_applicable', 'not_encountered', 'disputed', 'governance_result'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export interface FeedbackDetail {
  /** Where the measure was applied (a hall, a system, a project). */
  where?: string;
  /** When it was applied (a date or a time). */
  when?: string;
  /** Why it does not apply, or anything the department adds. */
  reason?: string;
  /** A dispute: who the department says the subject is, and why. */
  claim?: string;
  /** A governance result in words. */
  text?: string;
}

export interface CaseFeedback { outcome: CaseOutcome; detail: FeedbackDetail }

/** The answer a feedback gets: the case's status after it, and the steward item a dispute opened. */
export interface CaseAnswer { caseId: number; status: CaseStatus; outcome: CaseOutcome | null; disputeTaskId: number | null }

/** A steward's decision on a dispute: the listing stands (take_held), or the subject is another (link, its USCC). */
export type DisputeDecision = { action: 'take_held' } | { action: 'link'; uscc: string };

export const CASE_STATUS_NAMES: Record<CaseStatus, Bilingual> = {
  open: { zh: '待反馈', en: 'awaiting feedback' },
  closed: { zh: '已反馈', en: 'answered' },
  overdue: { zh: '逾期未反馈', en: 'overdue' },
  disputed: { zh: '异议待裁定', en: 'disputed, awaiting a steward' },
};

export const CASE_OUTCOME_NAMES: Record<CaseOutcome, Bilingual> = {
  applied: { zh: '已实施', en: 'applied' },
  not_applicable: { zh: '不适用', en: 'not applicable' },
  not_encountered: { zh: '未遇到该主体', en: 'subject not encountered' },
  disputed: { zh: '主体有异议', en: 'subject disputed' },
  governance_result: { zh: '基层治理结果', en: 'grassroots governance result' },
};

const DETAIL_KEYS = ['where', 'when', 'reason', 'claim', 'text'] as const;
const MAX_TEXT = 2000;

/** Why the feedback cannot be taken (in plain words, both languages), or null. */
export function checkFeedback(f: unknown): Bilingual | null {
  const x = f as Partial<CaseFeedback> | null;
  if (!x || typeof x !== 'object') return { zh: '反馈应包含 outcome 和 detail', en: 'feedback has an outcome and a detail' };
  if (!CASE_OUTCOMES.includes(x.outcome as CaseOutcome)) {
    return {
      zh: `反馈结果 outcome 应为 ${CASE_OUTCOMES.join('、')} 之一，实为「${String(x.outcome)}」`,
      en: `the outcome is one of ${CASE_OUTCOMES.join(', ')}, got "${String(x.outcome)}"`,
    };
  }
  const d = (x.detail ?? {}) as Record<string, unknown>;
  if (typeof d !== 'object' || Array.isArray(d)) return { zh: 'detail 应为对象', en: 'detail is an object' };
  for (const [k, v] of Object.entries(d)) {
    if (!(DETAIL_KEYS as readonly string[]).includes(k)) {
      return { zh: `detail 中不认识的项「${k}」，可用：${DETAIL_KEYS.join('、')}`, en: `detail has an unknown item "${k}"; use ${DETAIL_KEYS.join(', ')}` };
    }
    if (typeof v !== 'string' || v.length > MAX_TEXT) {
      return { zh: `detail.${k} 应为不超过 ${MAX_TEXT} 字的文字`, en: `detail.${k} is text of at most ${MAX_TEXT} characters` };
    }
  }
  const has = (k: string) => typeof d[k] === 'string' && (d[k] as string).trim() !== '';
  if (x.outcome === 'applied' && !(has('where') && has('when'))) {
    return { zh: '已实施的措施须写明实施地点（where）和时间（when）', en: 'an applied measure says where (where) and when (when) it was applied' };
  }
  if (x.outcome === 'not_applicable' && !has('reason')) return { zh: '不适用须写明原因（reason）', en: 'not applicable needs its reason (reason)' };
  if (x.outcome === 'disputed' && !has('claim')) {
    return { zh: '提出异议须写明主体实际是谁、依据是什么（claim）', en: 'a dispute says who the subject really is and on what grounds (claim)' };
  }
  if (x.outcome === 'governance_result' && !has('text')) return { zh: '基层治理结果须写明结果（text）', en: 'a governance result needs its text (text)' };
  return null;
}

/** The status a case takes on this outcome. */
export const statusAfter = (outcome: CaseOutcome): CaseStatus => (outcome === 'disputed' ? 'disputed' : 'closed');

/** The case's workflow. Its delivery's batch is in the id: case numbers restart in every database
 * (a reset data folder, each test's database) while batch ids are random, so two databases sharing
 * a Temporal server never take each other's run for their own. */
export const caseWorkflowId = (c: { id: number; batchId: string | null }): string => `case-${c.batchId ?? 'day'}-${c.id}`;
