// Deciding and undoing queue items. A decision goes to its batch's workflow as a Temporal update
// while that run waits for its items (it then knows how many stay open and when to escalate);
// once the run has ended (every item of the batch was decided, and one was undone since), the
// decision runs as a stewardAction workflow instead. Both apply the decision with the same
// activity (activities/steward/decide.ts) and deliver what it changed. An undo is always a
// stewardAction run: one transaction putting back what the decision changed, then the deliveries.
import { WorkflowExecutionAlreadyStartedError, WorkflowNotFoundError } from '@temporalio/client';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { taskInScope } from '../../db/steward-queue.ts';
import type { TaskRow } from '../../db/steward-queue.ts';
import { dataError, usageError } from '../../domain/errors.ts';
import { checkDecision } from '../../domain/steward/decision.ts';
import type { DecisionOutcome, FieldChoice, StewardDecision } from '../../domain/steward/decision.ts';
import { chooseFields, valueProblem } from '../../domain/steward/fields.ts';
import { decideUpdate, stewardActionWorkflowId } from '../../workflows/contract.ts';
import type { ReopenOutcome, StewardActionInput } from '../../workflows/contract.ts';
import { stewardAction } from '../../workflows/index.ts';
import { decideCaseDispute } from '../cases/index.ts';
import type { ServiceContext } from '../context.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { queueScope, sidesOf, unknownTask } from './queue.ts';
import { workflowIdFor } from '../upload.ts';
import { fromTemporal } from '../temporal-errors.ts';

const DECIDERS = [Role.steward, Role.admin];

async function runAction(ctx: ServiceContext, input: StewardActionInput, id: string): Promise<DecisionOutcome | ReopenOutcome> {
  try {
    const run = await ctx.temporal.workflow.start(stewardAction, {
      taskQueue: ctx.config.taskQueue, workflowId: id, args: [input],
      workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY', workflowIdConflictPolicy: 'USE_EXISTING',
    });
    return await run.result();
  } catch (e) {
    if (e instanceof WorkflowExecutionAlreadyStartedError) {
      // The same attempt ran to its end before: its answer stands.
      return ctx.temporal.workflow.getHandle(id).result();
    }
    throw fromTemporal(e) ?? e;
  }
}

/** A field-by-field decision checked before it travels: every differing field chosen, entered values fitting the standard. */
async function checkFields(ctx: ServiceContext, t: TaskRow, fields: Record<string, FieldChoice>): Promise<void> {
  if (t.kind !== 'conflict') {
    throw dataError('CDF_DECISION_KIND', { zh: '只有数据冲突可以逐字段处理', en: 'only a conflict is decided field by field' }, { task: t.id });
  }
  const s = await sidesOf(ctx.db, t);
  const differs = Array.isArray(t.detail['differs']) ? (t.detail['differs'] as string[]) : [];
  const missing = differs.filter((k) => !(k in fields));
  if (missing.length) {
    const def = datasetDefinition(t.dataset);
    const label = (k: string, lang: 'zh' | 'en') => (k === '$subject' ? (lang === 'zh' ? '关联主体' : 'linked subject')
      : def.fields.find((f) => f.name === k)?.[lang] ?? k);
    throw usageError('CDF_DECISION_INVALID', {
      zh: `以下不一致的字段还没有选择：${missing.map((k) => `「${label(k, 'zh')}」`).join('、')}；每个字段选 a（保留）、b（采用新值）或录入`,
      en: `these differing fields have no choice yet: ${missing.map((k) => `"${label(k, 'en')}"`).join(', ')}; `
        + 'choose a (keep), b (take) or enter a value for each',
    }, { fields: missing });
  }
  const problem = valueProblem(datasetDefinition(t.dataset), chooseFields(s.a ?? {}, s.b ?? {}, fields), fields);
  if (problem) throw dataError('CDF_DECISION_VALUES', { zh: problem.zh, en: problem.en }, { field: problem.field, value: problem.value, task: t.id });
}

/** Sends a checked decision on an item the caller may decide; the answer is the applying activity's. */
export async function sendDecision(ctx: ServiceContext, t: TaskRow, d: StewardDecision['decision'], by: string, note?: string): Promise<DecisionOutcome> {
  const payload = { taskId: Number(t.id), decision: d, decidedBy: by, ...(note ? { note } : {}) };
  const handle = ctx.temporal.workflow.getHandle(workflowIdFor(t.batch_id));
  const running = await handle.describe().then((x) => x.status.name === 'RUNNING', (e: unknown) => {
    if (e instanceof WorkflowNotFoundError) return false;
    throw e;
  });
  if (running) {
    try {
      return await handle.executeUpdate(decideUpdate, { args: [payload] });
    } catch (e) {
      const ours = fromTemporal(e);
      if (ours) throw ours;
      // The run ended between the look and the update: the decision runs on its own.
      if (!(e instanceof WorkflowNotFoundError) && !/complet|closed/i.test(String((e as Error).message))) throw e;
    }
  }
  const id = stewardActionWorkflowId(t.batch_id, Number(t.id), 'decide', t.reopens);
  return (await runAction(ctx, { op: 'decide', batchId: t.batch_id, decision: payload }, id)) as DecisionOutcome;
}

export async function decideStewardTask(
  ctx: ServiceContext, who: Identity, taskId: number, decision: StewardDecision['decision'], note?: string,
): Promise<DecisionOutcome> {
  requireRole(who, DECIDERS, { zh: '处理待处理事项', en: 'decide queue items' });
  const why = checkDecision({ taskId, decision });
  if (why) throw usageError('CDF_DECISION_INVALID', why);
  // An item outside the steward's level is, for them, not there.
  const t = await taskInScope(ctx.db, taskId, await queueScope(ctx.db, who));
  if (!t) throw unknownTask(taskId);
  // A department's dispute over a measure's subject is decided outside any batch's run.
  if (t.kind === 'case_dispute') return decideCaseDispute(ctx, Number(t.id), decision, who.user, note);
  if (decision.action === 'fields' && t.status === 'open') await checkFields(ctx, t, decision.fields);
  return sendDecision(ctx, t, decision, who.user, note);
}

/** Undo (撤销): the item is open again and what its decision changed is put back as new versions. */
export async function reopenStewardTask(ctx: ServiceContext, who: Identity, taskId: number, note?: string): Promise<ReopenOutcome> {
  requireRole(who, DECIDERS, { zh: '撤销处理决定', en: 'undo decisions' });
  const t = await taskInScope(ctx.db, taskId, await queueScope(ctx.db, who));
  if (!t) throw unknownTask(taskId);
  if (t.kind === 'case_dispute') {
    throw dataError('CDF_DECISION_KIND', {
      zh: `事项 ${taskId} 是联合奖惩主体异议，其裁定已关闭相关案件，不能撤销`, en: `item ${taskId} is a measure dispute: its decision closed the cases and is not undone`,
    }, { task: taskId });
  }
  if (t.status !== 'decided') {
    throw dataError('CDF_TASK_NOT_DECIDED', { zh: `事项 ${taskId} 尚未处理，无需撤销`, en: `item ${taskId} has not been decided: there is nothing to undo` },
      { task: taskId });
  }
  const input: StewardActionInput = { op: 'reopen', batchId: t.batch_id, taskId, by: who.user, reopens: t.reopens, ...(note ? { note } : {}) };
  return (await runAction(ctx, input, stewardActionWorkflowId(t.batch_id, taskId, 'reopen', t.reopens))) as ReopenOutcome;
}
