// What happens to a case, each in one transaction with its audit entry: a department's feedback
// (a dispute also raises or joins a steward item), escalation at the deadline, and a steward's
// decision on a dispute. Shared by the case workflow's activities (the usual writer) and the
// service's direct path for a case whose workflow is gone, so both write exactly the same.
import { appendAudit } from './audit.ts';
import type { Db } from './connect.ts';
import {
  disputedCasesOfTask, lockCase, markCaseOverdue, setCaseFeedback, setCaseResolution, upsertDisputeTask,
} from './queries/cases.ts';
import type { CaseRow } from './queries/cases.ts';
import { markTaskDecided } from './queries/steward-tasks.ts';
import { insertDecision } from './steward-decisions.ts';
import { statusAfter } from '../domain/cases.ts';
import type { CaseAnswer, CaseFeedback, DisputeDecision } from '../domain/cases.ts';
import { dataError, notFoundError } from '../domain/errors.ts';

export const unknownCase = (id: number) =>
  notFoundError('CDF_CASE_UNKNOWN', { zh: `联合奖惩案件 ${id} 不存在或不在可见范围内`, en: `measure case ${id} does not exist or is not visible to you` },
    { value: String(id) });

const answerOf = (c: Pick<CaseRow, 'id' | 'status' | 'outcome' | 'dispute_task_id'>): CaseAnswer =>
  ({ caseId: Number(c.id), status: c.status, outcome: c.outcome, disputeTaskId: c.dispute_task_id === null ? null : Number(c.dispute_task_id) });

// jsonb keeps its own key order: compared key by key.
const canonical = (x: unknown) => JSON.stringify(Object.entries((x ?? {}) as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
const sameDetail = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/**
 * The department's answer. Open and overdue cases take it; the same answer again (a retried
 * request or activity) returns the first; a different answer to an answered case is refused.
 */
export async function applyFeedback(db: Db, caseId: number, f: CaseFeedback & { by: string }): Promise<CaseAnswer> {
  return db.transaction(async (trx) => {
    const c = await lockCase(trx, caseId);
    if (!c) throw unknownCase(caseId);
    if (c.outcome) {
      if (c.outcome === f.outcome && sameDetail(c.detail, f.detail)) return answerOf(c);
      throw dataError('CDF_CASE_ANSWERED', {
        zh: `案件 ${caseId} 已于 ${c.feedback_at?.toISOString() ?? ''} 由 ${c.feedback_by ?? ''} 反馈为「${c.outcome}」，不能再改为「${f.outcome}」`,
        en: `case ${caseId} was answered "${c.outcome}" by ${c.feedback_by ?? ''} at ${c.feedback_at?.toISOString() ?? ''}; it cannot become "${f.outcome}"`,
      }, { value: String(caseId) });
    }
    let status = statusAfter(f.outcome);
    let disputeTaskId: number | null = null;
    let decided: { decision: DisputeDecision; by: string } | null = null;
    if (f.outcome === 'disputed') {
      const task = await upsertDisputeTask(trx, c, { caseId, department: c.department, measure: c.measure, by: f.by, ...f.detail });
      if (!task) throw unknownCase(caseId);
      disputeTaskId = Number(task.id);
      // The record's subject was disputed and decided before: that decision answers this dispute too.
      if (task.status === 'decided' && task.decision) decided = { decision: task.decision, by: task.decided_by ?? '' };
    }
    await setCaseFeedback(trx, caseId, { status, outcome: f.outcome, detail: f.detail, by: f.by, disputeTaskId });
    if (decided) {
      await setCaseResolution(trx, caseId, decided);
      status = 'closed';
    }
    await appendAudit(trx, {
      actor: f.by, kind: 'case_feedback', subject: `case:${caseId}`,
      payload: { caseId, goldenId: Number(c.golden_id), measure: c.measure, department: c.department, outcome: f.outcome, detail: f.detail, disputeTaskId },
    });
    return { caseId, status, outcome: f.outcome, disputeTaskId };
  });
}

/** At the deadline without feedback: overdue, escalated and audited (a case answered meanwhile stays as it is). */
export async function escalateCase(db: Db, caseId: number): Promise<boolean> {
  return db.transaction(async (trx) => {
    const changed = await markCaseOverdue(trx, caseId);
    if (changed) {
      const c = (await lockCase(trx, caseId))!;
      await appendAudit(trx, {
        actor: 'system', kind: 'case_overdue', subject: `case:${caseId}`,
        payload: { caseId, department: c.department, measure: c.measure, goldenId: Number(c.golden_id), dueAt: c.due_at.toISOString() },
      });
    }
    return changed;
  });
}

/**
 * A steward's decision on a dispute item: recorded on the item (decided, a steward_decisions row),
 * and every case the item carries is closed with it. Deciding it again the same way returns the
 * cases as they are. The record itself is not changed here: a corrected subject is recorded as the
 * decision (the record's correction goes through the usual steward or repair paths).
 */
export async function resolveDisputeTask(
  db: Db, taskId: number, d: DisputeDecision & { note?: string }, by: string,
): Promise<{ cases: number[]; goldenId: number | null }> {
  return db.transaction(async (trx) => {
    const t = (await trx('steward_tasks').where({ id: taskId, kind: 'case_dispute' }).forUpdate().first('id', 'status', 'golden_id', 'decision')) as
      { id: number; status: string; golden_id: number | null; decision: unknown } | undefined;
    if (!t) throw notFoundError('CDF_TASK_UNKNOWN', { zh: `事项 ${taskId} 不存在`, en: `item ${taskId} does not exist` }, { task: taskId });
    const open = await disputedCasesOfTask(trx, taskId);
    if (t.status !== 'decided') {
      const { note, ...decision } = d;
      await markTaskDecided(trx, taskId, { decidedBy: by, note: note ?? null, decision: JSON.stringify(decision) });
      const goldenId = t.golden_id === null ? null : Number(t.golden_id);
      await insertDecision(trx, {
        taskId, goldenId, subjectUscc: d.action === 'link' ? d.uscc : null, action: d.action, decision, note: note ?? null, decidedBy: by,
        outcome: { cases: open.map((c) => Number(c.id)) }, undo: null,
      });
    }
    for (const c of open) {
      await setCaseResolution(trx, Number(c.id), { decision: d, by });
      await appendAudit(trx, {
        actor: by, kind: 'case_dispute_decided', subject: `case:${c.id}`, payload: { caseId: Number(c.id), taskId, decision: d },
      });
    }
    return { cases: open.map((c) => Number(c.id)), goldenId: t.golden_id === null ? null : Number(t.golden_id) };
  });
}
