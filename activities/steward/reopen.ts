// Undoing a steward's decision (issue 14: 撤销 / undo): the item is open again and what the
// decision changed is put back as each record's NEXT version (db/steward-decisions.ts), never by
// deleting or rewriting the decided version. An auditor then reads, in order, the version the
// decision made, the version the undo made, and both audit entries (who, when, why): nothing a
// subscriber once received disappears from the history it can be checked against. A link decision
// is not undone here (its row was compared again when it was decided; a new upload corrects it).
import { appendAudit } from '../../db/audit.ts';
import { lastUndoOutcome, lockTaskForReopen } from '../../db/queries/steward-tasks.ts';
import { decisionInForce, markUndone, reopenTask, restoreUndo } from '../../db/steward-decisions.ts';
import { dataError, notFoundError } from '../../domain/errors.ts';
import type { ActivityDeps, BatchRef } from '../deps.ts';

export interface ReopenInput extends BatchRef {
  taskId: number;
  by: string;
  note?: string;
  /** How many times the item had been reopened when the caller asked: a retried run finds its own undo done. */
  reopens: number;
}

export interface ReopenOutcome {
  taskId: number;
  /** The decision undone (steward_decisions id) and its action. */
  undone: number;
  action: string;
  /** Records put back, each with the version the undo made. */
  records: Array<{ id: number; version: number }>;
  reopens: number;
}

export async function reopenDecision(deps: ActivityDeps, input: ReopenInput): Promise<ReopenOutcome> {
  return deps.db.transaction(async (trx) => {
    const t = await lockTaskForReopen(trx, input.taskId);
    if (!t || t.batch_id !== input.batchId) {
      throw notFoundError('CDF_TASK_UNKNOWN', { zh: `待处理事项 ${input.taskId} 不存在`, en: `queue item ${input.taskId} does not exist` });
    }
    if (t.status === 'open' && t.reopens > input.reopens) {
      const done = await lastUndoOutcome<ReopenOutcome>(trx, t.id);
      if (done) return done.undo_outcome;
    }
    if (t.status !== 'decided') {
      throw dataError('CDF_TASK_NOT_DECIDED', { zh: `事项 ${t.id} 尚未处理，无需撤销`, en: `item ${t.id} has not been decided: there is nothing to undo` });
    }
    const d = await decisionInForce(trx, t.id);
    if (t.kind === 'uncertain_link' || !d?.undo) {
      throw dataError('CDF_TASK_NOT_REOPENABLE', t.kind === 'uncertain_link'
        ? { zh: `事项 ${t.id} 是主体关联决定，不能撤销；如关联有误，请由数源单位更正后重新上报`,
            en: `item ${t.id} is a link decision and cannot be undone; if the link is wrong, have the agency correct and upload the row again` }
        : { zh: `事项 ${t.id} 由规则或早先版本处理，没有可撤销的记录`, en: `item ${t.id} was settled by a rule or an earlier release: there is no record of it to undo` });
    }
    const records = await restoreUndo(trx, d.undo, t.id);
    const reopens = await reopenTask(trx, t.id);
    const outcome: ReopenOutcome = { taskId: t.id, undone: d.id, action: d.action, records, reopens };
    await markUndone(trx, d.id, input.by, input.note ?? null, outcome);
    await appendAudit(trx, {
      actor: input.by, kind: 'steward_reopen', subject: `task:${t.id}`,
      payload: { taskId: t.id, batchId: t.batch_id, undone: d.id, action: d.action, decidedBy: d.decided_by, note: input.note ?? null, records },
    });
    return outcome;
  });
}
