// Apply to similar (批量应用): one decision taken on every open item of the same pattern, after the
// steward has seen how many and a sample. "The same pattern" (steward_tasks.pattern, kept by the
// queue migration's trigger) is: the same kind of item, the same dataset, the same rule, the same
// set of differing fields, and for each of them the same shape of difference (a value only on
// the held side, only on the incoming side, or on both). Items of one pattern differ only in their
// values, so a choice of side per field means the same on each of them; an entered value or a
// chosen subject belongs to one record and is never applied in bulk.
//
// The preview answers the ids and a token (a hash of the decision and the ids); apply recomputes
// the set and refuses when it is not exactly what was previewed (an item decided, a new one
// raised), so a steward never decides items they were not shown. Each item is then decided on its
// own, as if one by one: its own update, its own audit entry, its own answer.
import { createHash } from 'node:crypto';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { openWithPattern, taskInScope } from '../../db/steward-queue.ts';
import type { TaskRow } from '../../db/steward-queue.ts';
import { dataError, isCdfError, usageError } from '../../domain/errors.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { checkDecision } from '../../domain/steward/decision.ts';
import type { DecisionOutcome, StewardDecision } from '../../domain/steward/decision.ts';
import { ACTION_NAMES, ACTIONS_BY_KIND, BULK_ACTIONS, ruleText, TASK_KINDS, TASK_REASONS } from '../../domain/steward/explain.ts';
import type { ServiceContext } from '../context.ts';
import { Role, requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { sendDecision } from './decide.ts';
import { queueScope, sampleOf, unknownTask } from './queue.ts';
import type { QueueItem } from './queue.ts';

/** At most this many items are decided by one bulk request (each is a decision of its own). */
export const BULK_CAP = 500;
const SAMPLE = 5;

export interface BulkPreview {
  count: number;
  /** More items share the pattern than one request decides: apply, then preview again for the rest. */
  more: boolean;
  ids: number[];
  token: string;
  pattern: { kind: string; kindName: Bilingual; dataset: string; datasetName: Bilingual; rule: string; ruleName: Bilingual;
    differs: Array<{ field: string; label: Bilingual }> };
  decision: { action: string; actionName: Bilingual };
  sample: QueueItem[];
}

const tokenOf = (decision: unknown, ids: number[]) => createHash('sha256').update(`${JSON.stringify(decision)}|${ids.join(',')}`).digest('hex').slice(0, 32);

function checkBulk(t: TaskRow, d: StewardDecision['decision']): void {
  const why = checkDecision({ taskId: Number(t.id), decision: d });
  if (why) throw usageError('CDF_DECISION_INVALID', why);
  const entered = d.action === 'fields' && Object.values(d.fields).some((c) => c.take === 'value');
  // A measure dispute is one department's claim about one subject: decided one at a time.
  if (!BULK_ACTIONS.has(d.action) || entered || t.kind === 'case_dispute' || !(ACTIONS_BY_KIND[t.kind] ?? []).includes(d.action)) {
    const name = ACTION_NAMES[d.action] ?? { zh: d.action, en: d.action };
    throw dataError('CDF_BULK_DECISION', {
      zh: entered ? '录入的值只属于一条记录，不能批量应用；请逐条录入' : `「${name.zh}」不能批量应用于「${TASK_KINDS[t.kind]?.zh ?? t.kind}」`,
      en: entered ? 'an entered value belongs to one record and is not applied in bulk: enter it item by item'
        : `"${name.en}" cannot be applied in bulk to a ${TASK_KINDS[t.kind]?.en ?? t.kind}`,
    }, { action: d.action, task: Number(t.id) });
  }
}

async function openTask(ctx: ServiceContext, who: Identity, taskId: number): Promise<TaskRow> {
  requireRole(who, [Role.steward, Role.admin], { zh: '批量处理待处理事项', en: 'decide queue items in bulk' });
  const t = await taskInScope(ctx.db, taskId, await queueScope(ctx.db, who));
  if (!t) throw unknownTask(taskId);
  if (t.status !== 'open') {
    throw dataError('CDF_TASK_DECIDED', {
      zh: `事项 ${taskId} 已经处理过，请从一个待处理事项开始批量应用`, en: `item ${taskId} has been decided: start a bulk decision from an open item`,
    });
  }
  return t;
}

export async function previewBulk(ctx: ServiceContext, who: Identity, taskId: number, decision: StewardDecision['decision']): Promise<BulkPreview> {
  const t = await openTask(ctx, who, taskId);
  checkBulk(t, decision);
  const scope = await queueScope(ctx.db, who);
  const rows = await openWithPattern(ctx.db, scope, t.pattern ?? '', BULK_CAP + 1);
  const ids = rows.slice(0, BULK_CAP).map((r) => Number(r.id));
  // The sample comes from the queue itself, masked as the queue is.
  const sample = await sampleOf(ctx.db, who, scope, { pattern: t.pattern ?? '' }, SAMPLE);
  const def = datasetDefinition(t.dataset);
  const rule = String(t.detail['rule'] ?? t.detail['reason'] ?? '');
  const differs = Array.isArray(t.detail['differs']) ? (t.detail['differs'] as string[]) : [];
  return {
    count: ids.length, more: rows.length > BULK_CAP, ids, token: tokenOf(decision, ids),
    pattern: {
      kind: t.kind, kindName: TASK_KINDS[t.kind] ?? { zh: t.kind, en: t.kind }, dataset: t.dataset, datasetName: def.name, rule,
      ruleName: TASK_REASONS[rule] ?? ruleText(rule),
      differs: differs.map((k) => {
        const f = def.fields.find((x) => x.name === k);
        return { field: k, label: f ? { zh: f.zh, en: f.en } : k === '$subject' ? { zh: '关联主体', en: 'linked subject' } : { zh: k, en: k } };
      }),
    },
    decision: { action: decision.action, actionName: ACTION_NAMES[decision.action] ?? { zh: decision.action, en: decision.action } },
    sample,
  };
}

export interface BulkResult {
  applied: number;
  failed: number;
  results: Array<{ taskId: number; ok: boolean; outcome?: DecisionOutcome; error?: { code: string; message: Bilingual } }>;
}

export async function applyBulk(
  ctx: ServiceContext, who: Identity,
  req: { taskId: number; decision: StewardDecision['decision']; expectedIds?: number[]; token?: string; note?: string },
): Promise<BulkResult> {
  if (!req.token && !req.expectedIds) {
    throw usageError('CDF_DECISION_INVALID', { zh: '批量应用须带上预览的 token 或 expectedIds', en: 'a bulk decision carries the preview\'s token or expectedIds' });
  }
  const now = await previewBulk(ctx, who, req.taskId, req.decision);
  const expected = req.expectedIds ? [...req.expectedIds].map(Number).sort((a, b) => a - b) : null;
  const same = req.token ? req.token === now.token : JSON.stringify(expected) === JSON.stringify([...now.ids].sort((a, b) => a - b));
  if (!same) {
    throw dataError('CDF_BULK_CHANGED', {
      zh: `预览之后同类事项已变化（现有 ${now.count} 项），没有处理任何事项；请重新预览`,
      en: `the similar items changed since the preview (now ${now.count}); nothing was decided: preview again`,
    }, { count: now.count });
  }
  const scope = await queueScope(ctx.db, who);
  const results: BulkResult['results'] = [];
  for (const id of now.ids) {
    const t = await taskInScope(ctx.db, id, scope);
    try {
      if (!t) throw unknownTask(id);
      results.push({ taskId: id, ok: true, outcome: await sendDecision(ctx, t, req.decision, who.user, req.note) });
    } catch (e) {
      if (!isCdfError(e)) throw e;
      results.push({ taskId: id, ok: false, error: { code: e.code, message: e.messages } });
    }
  }
  return { applied: results.filter((r) => r.ok).length, failed: results.filter((r) => !r.ok).length, results };
}
