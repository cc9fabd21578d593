// A steward's decision on one queue item, as it travels to the waiting workflow (a Temporal
// update). Pure: the update's validator calls checkDecision, so a malformed decision is refused to
// the caller before anything is recorded in the workflow's history.

export type ConflictDecision =
  /** Keep what the golden record holds; the incoming row is overruled. */
  | { action: 'take_held' }
  /** The incoming row's values become the record's next version. */
  | { action: 'take_incoming' }
  /** The steward enters the value of one or more fields; the record's next version has them. */
  | { action: 'set_values'; values: Record<string, string> }
  /** Not the same disclosure after all: the incoming row becomes a record of its own. */
  | { action: 'keep_apart' }
  /** The incoming row is wrong and is rejected. */
  | { action: 'reject' }
  /** A suspected duplicate is one: the newer record is merged into the one held (its sources become duplicates). */
  | { action: 'merge' };

export type LinkDecision =
  /** The row's subject is this USCC (usually one of the candidates). */
  | { action: 'link'; uscc: string }
  /** None of the candidates: the row stays without a subject. */
  | { action: 'no_subject' };

export interface StewardDecision {
  taskId: number;
  decision: ConflictDecision | LinkDecision;
  /** Why, in the steward's words: kept with the decision. */
  note?: string;
}

export interface DecisionOutcome {
  taskId: number;
  action: string;
  goldenId: number | null;
  version: number | null;
  /** Items of this batch still open after this decision. */
  open: number;
}

const CONFLICT_ACTIONS = new Set(['take_held', 'take_incoming', 'set_values', 'keep_apart', 'reject', 'merge']);
const LINK_ACTIONS = new Set(['link', 'no_subject']);

/** The reason a decision is malformed (zh, en), or null. The task's kind is checked when applied. */
export function checkDecision(d: unknown): { zh: string; en: string } | null {
  const x = d as Partial<StewardDecision> | null;
  if (!x || !Number.isInteger(x.taskId) || (x.taskId as number) <= 0) return { zh: '缺少有效的事项编号 taskId', en: 'a valid taskId is required' };
  const action = (x.decision as { action?: unknown } | undefined)?.action;
  if (typeof action !== 'string' || !(CONFLICT_ACTIONS.has(action) || LINK_ACTIONS.has(action))) {
    return { zh: `未知的处理方式：${String(action)}`, en: `unknown decision: ${String(action)}` };
  }
  if (action === 'set_values') {
    const values = (x.decision as { values?: unknown }).values;
    if (!values || typeof values !== 'object' || !Object.keys(values).length || Object.values(values).some((v) => typeof v !== 'string')) {
      return { zh: 'set_values 需要至少一个字段值', en: 'set_values needs at least one field value' };
    }
  }
  if (action === 'link' && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(String((x.decision as { uscc?: unknown }).uscc ?? ''))) {
    return { zh: 'link 需要一个 18 位统一社会信用代码', en: 'link needs an 18-character USCC' };
  }
  return null;
}

export const isLinkDecision = (d: ConflictDecision | LinkDecision): d is LinkDecision => LINK_ACTIONS.has(d.action);
