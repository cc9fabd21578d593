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
  | { action: 'merge' }
  /** Field by field: each field takes the held value (a), the incoming one (b) or a value the
   * steward enters; every field that differs must be chosen ('$subject' for the linked subject). */
  | { action: 'fields'; fields: Record<string, FieldChoice> };

export interface FieldChoice { take: 'a' | 'b' | 'value'; value?: string }

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

const CONFLICT_ACTIONS = new Set(['take_held', 'take_incoming', 'set_values', 'keep_apart', 'reject', 'merge', 'fields']);
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
  if (action === 'fields') {
    const why = checkFieldChoices((x.decision as { fields?: unknown }).fields);
    if (why) return why;
  }
  if (action === 'link' && !/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(String((x.decision as { uscc?: unknown }).uscc ?? ''))) {
    return { zh: 'link 需要一个 18 位统一社会信用代码', en: 'link needs an 18-character USCC' };
  }
  return null;
}

export const isLinkDecision = (d: ConflictDecision | LinkDecision): d is LinkDecision => LINK_ACTIONS.has(d.action);

function checkFieldChoices(fields: unknown): { zh: string; en: string } | null {
  if (!fields || typeof fields !== 'object' || Array.isArray(fields) || !Object.keys(fields).length) {
    return { zh: '逐字段处理需要 fields，例如 {"fine_amount": {"take": "b"}}', en: 'a field-by-field decision needs fields, e.g. {"fine_amount": {"take": "b"}}' };
  }
  for (const [name, c] of Object.entries(fields as Record<string, unknown>)) {
    const choice = c as Partial<FieldChoice> | null;
    if (!choice || !['a', 'b', 'value'].includes(String(choice.take))) {
      return { zh: `字段 ${name} 的选择应为 a（保留现值）、b（采用新值）或 value（录入）`, en: `the choice for field ${name} must be a (keep), b (take the incoming) or value (enter)` };
    }
    if (choice.take === 'value' && typeof choice.value !== 'string') {
      return { zh: `字段 ${name} 选择录入时须给出 value`, en: `field ${name} is to be entered: give its value` };
    }
    if (name === '$subject' && choice.take === 'value') {
      return { zh: '关联主体只能选 a 或 b', en: 'the linked subject is chosen a or b, not entered' };
    }
  }
  return null;
}
