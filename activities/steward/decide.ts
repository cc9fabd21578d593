// Applying a steward's decision: one transaction that records the decision on its queue item and
// makes what it says true of the golden record (a new version, a changed subject, a record of its
// own, or only the role the row played), then delivers the record the decision changed. Called by
// the batch's workflow when a `decide` update arrives; deciding the same item again the same way
// returns the first outcome, deciding it differently is refused.
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { appendAudit } from '../../db/audit.ts';
import { appendVersion, chooseSource, setRole } from '../../db/golden.ts';
import type { GoldenState } from '../../db/golden.ts';
import { dataError, notFoundError } from '../../domain/errors.ts';
import { isLinkDecision } from '../../domain/steward/decision.ts';
import { recordHash } from '../../domain/clean/clean-row.ts';
import { surviving } from '../../domain/steward/survivorship.ts';
import { chooseFields, SUBJECT_FIELD, valueProblem } from '../../domain/steward/fields.ts';
import type { FieldChoice } from '../../domain/steward/decision.ts';
import { decidedRow, linkRowBySteward, moveRowsToRecord, setRowGolden } from '../../db/queries/clean-rows.ts';
import { createGolden, goldenContentHash, lockGolden, lockGoldenByKey, markMerged, versionContentHash, versionFields } from '../../db/queries/golden.ts';
import { moveSourcesAsDuplicates, recordChosenFrom } from '../../db/queries/sources.ts';
import {
  escalateOpenTasks, lockTask, markTaskDecided, openTaskCount, setTaskSubjectRegion, taskReopens,
} from '../../db/queries/steward-tasks.ts';
import { captureUndo, insertDecision, versionsOf } from '../../db/steward-decisions.ts';
import type { DecisionOutcome, StewardDecision } from '../../domain/steward/decision.ts';
import type { ActivityDeps, BatchRef } from '../deps.ts';
import { deliverRecord } from '../deliver.ts';
import { releaseAwaitingRow } from './awaiting-link.ts';

export type DecisionInput = BatchRef & StewardDecision & { decidedBy: string };

interface Task {
  id: number;
  kind: string;
  batch_id: string;
  row_no: number;
  status: string;
  golden_id: number | null;
  decision: unknown;
  detail: ConflictDetail & { candidate: { goldenId: number } };
}
interface Row { fields: Record<string, string>; content_hash: string; subject_uscc: string | null; natural_key: string }
type Golden = GoldenState;


const newVersion = (
  trx: Knex.Transaction,
  g: Golden,
  fields: Record<string, string>,
  subject: string | null,
  batchId: string,
  rowNo: number,
  task?: number,
): Promise<number> => appendVersion(trx, g, { fields, subject }, { batchId, rowNo }, task);

interface ConflictDetail { applied?: string; held?: { version?: number; batchId?: string; rowNo?: number; subjectUscc?: string | null } }

/** Survivorship applied the incoming row already; a steward who decides otherwise gets the held
 * values back as the record's next version, and the held row is the chosen source again. */
async function revertSurvivorship(trx: Knex.Transaction, t: Task, g: Golden, detail: ConflictDetail): Promise<{ golden: Golden; version: number }> {
  const held = { fields: await versionFields(trx, g.id, detail.held!.version!) };
  // The reverted version stands on the held row again (its values are that row's).
  const on = detail.held?.batchId ? { batchId: detail.held.batchId, rowNo: detail.held.rowNo! } : { batchId: t.batch_id, rowNo: t.row_no };
  const version = await newVersion(trx, g, held.fields, g.subject_uscc, on.batchId, on.rowNo);
  if (detail.held?.batchId) await chooseSource(trx, g.id, detail.held.batchId, detail.held.rowNo!);
  return { golden: { ...g, fields: held.fields, version }, version };
}

async function decideConflict(
  trx: Knex.Transaction,
  t: Task,
  row: Row,
  d: StewardDecision['decision'],
  detail: ConflictDetail,
): Promise<{ goldenId: number; version: number | null }> {
  let g: Golden = await lockGolden(trx, t.golden_id!);
  const applied = detail.applied === 'take_incoming';
  let reverted: number | null = null;
  if (applied && d.action === 'take_incoming') return { goldenId: g.id, version: null }; // already the record's values
  if (applied && (d.action === 'take_held' || d.action === 'reject' || d.action === 'keep_apart')) {
    const r = await revertSurvivorship(trx, t, g, detail);
    g = r.golden;
    reverted = r.version;
  }
  switch (d.action) {
    case 'take_incoming': {
      await chooseSource(trx, g.id, t.batch_id, t.row_no);
      return { goldenId: g.id, version: await newVersion(trx, g, surviving(g.fields, row.fields), row.subject_uscc ?? g.subject_uscc, t.batch_id, t.row_no) };
    }
    case 'set_values': {
      const fields = { ...g.fields, ...d.values };
      const def = datasetDefinition(g.dataset);
      const unknown = Object.keys(d.values).filter((k) => !def.fields.some((f) => f.name === k));
      if (unknown.length || !def.validate(fields)) {
        throw dataError('CDF_DECISION_VALUES', {
          zh: `输入的值不符合数据集标准：${unknown.length ? `未知字段 ${unknown.join('、')}` : JSON.stringify(def.validate.errors?.[0]?.instancePath)}`,
          en:
            'the values entered do not fit the dataset standard: ' +
            `${unknown.length ? `unknown fields ${unknown.join(', ')}` : JSON.stringify(def.validate.errors?.[0]?.instancePath)}`,
        });
      }
      await setRole(trx, t.batch_id, t.row_no, g.id, 'decided');
      return { goldenId: g.id, version: await newVersion(trx, g, fields, g.subject_uscc, t.batch_id, t.row_no, t.id) };
    }
    case 'fields':
      return decideFields(trx, t, row, g, d.fields, detail);
    case 'take_held':
      await setRole(trx, t.batch_id, t.row_no, g.id, 'overruled');
      return { goldenId: g.id, version: reverted };
    case 'reject':
      await setRole(trx, t.batch_id, t.row_no, g.id, 'rejected_by_steward');
      return { goldenId: g.id, version: reverted };
    case 'keep_apart': {
      // Its own record, under its key made unique by its source row; after an undo (withdrawn) the same record comes back.
      const hash = recordHash(datasetDefinition(g.dataset), row.fields, row.subject_uscc);
      const again = await lockGoldenByKey(trx, g.dataset, `${row.natural_key}#${t.batch_id}:${t.row_no}`);
      if (again) {
        const from = { batchId: t.batch_id, rowNo: t.row_no };
        const version = await appendVersion(trx, again, { fields: row.fields, subject: row.subject_uscc, status: 'active' }, from);
        await setRowGolden(trx, t.batch_id, t.row_no, again.id);
        await setRole(trx, t.batch_id, t.row_no, again.id, 'chosen');
        return { goldenId: again.id, version };
      }
      const created = await createGolden(
        trx,
        { dataset: g.dataset, naturalKey: `${row.natural_key}#${t.batch_id}:${t.row_no}`, subject: row.subject_uscc, fields: row.fields, contentHash: hash },
        { batchId: t.batch_id, rowNo: t.row_no },
      );
      await setRowGolden(trx, t.batch_id, t.row_no, created);
      await setRole(trx, t.batch_id, t.row_no, created, 'chosen');
      return { goldenId: created, version: 1 };
    }
    default:
      throw dataError('CDF_DECISION_KIND', { zh: '冲突事项不能用主体关联的方式处理', en: 'a conflict cannot be decided with a link decision' });
  }
}

/**
 * Field by field (issue 14): each field keeps the held value (a), takes the incoming row's (b) or
 * the value the steward entered. All b is taking the incoming row; otherwise the record's next
 * version stands on the incoming row with per-field sources for the held and entered values
 * (db/golden.ts), and the incoming row's role is `decided`. Survivorship already applied is
 * reverted first, so the held values keep their own source.
 */
async function decideFields(
  trx: Knex.Transaction, t: Task, row: Row, current: Golden, choices: Record<string, FieldChoice>, detail: ConflictDetail,
): Promise<{ goldenId: number; version: number | null }> {
  const applied = detail.applied === 'take_incoming';
  const heldFields = applied ? await versionFields(trx, current.id, detail.held!.version!) : current.fields;
  const heldSubject = applied ? (detail.held?.subjectUscc ?? current.subject_uscc) : current.subject_uscc;
  const next = chooseFields(heldFields, row.fields, choices);
  const subject = choices[SUBJECT_FIELD]?.take === 'b' ? (row.subject_uscc ?? heldSubject) : heldSubject;
  const def = datasetDefinition(current.dataset);
  const problem = valueProblem(def, next, choices);
  if (problem) throw dataError('CDF_DECISION_VALUES', { zh: problem.zh, en: problem.en }, { field: problem.field, value: problem.value, task: t.id });
  const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  if (same(next, current.fields) && subject === current.subject_uscc) {
    if (!applied) await setRole(trx, t.batch_id, t.row_no, current.id, 'overruled');
    return { goldenId: current.id, version: null };
  }
  let g = current;
  let reverted: number | null = null;
  if (applied) {
    const r = await revertSurvivorship(trx, t, g, detail);
    g = r.golden;
    reverted = r.version;
    if (same(next, g.fields) && subject === heldSubject) {
      await setRole(trx, t.batch_id, t.row_no, g.id, 'overruled');
      return { goldenId: g.id, version: reverted };
    }
  }
  if (Object.values(choices).every((c) => c.take === 'b')) {
    await chooseSource(trx, g.id, t.batch_id, t.row_no);
    return { goldenId: g.id, version: await newVersion(trx, g, next, subject, t.batch_id, t.row_no, t.id) };
  }
  await setRole(trx, t.batch_id, t.row_no, g.id, 'decided');
  return { goldenId: g.id, version: await newVersion(trx, g, next, subject, t.batch_id, t.row_no, t.id) };
}

/** A suspected duplicate: merged into the record held (the newer record is withdrawn, its sources
 * become the held record's duplicates), or kept apart (nothing changes). */
async function decideSuspect(
  trx: Knex.Transaction,
  t: Task,
  detail: { candidate: { goldenId: number } },
  d: StewardDecision['decision'],
): Promise<{ goldenId: number | null; version: number | null }> {
  if (d.action === 'keep_apart') return { goldenId: null, version: null };
  if (d.action !== 'merge') throw dataError('CDF_DECISION_KIND', { zh: '疑似重复只能合并或分开保留', en: 'a suspected duplicate is merged or kept apart' });
  const into = detail.candidate.goldenId;
  await moveSourcesAsDuplicates(trx, t.golden_id!, into);
  await moveRowsToRecord(trx, t.golden_id!, into);
  await markMerged(trx, t.golden_id!);
  return { goldenId: t.golden_id, version: null };
}

async function decideLink(trx: Knex.Transaction, t: Task, d: StewardDecision['decision']): Promise<{ goldenId: number | null; version: number | null }> {
  if (!isLinkDecision(d)) throw dataError('CDF_DECISION_KIND', { zh: '主体关联事项只能选择主体或不关联', en: 'an uncertain link is decided by choosing a subject or none' });
  // A copy held while its link was undecided is compared now (awaiting-link.ts).
  if (d.action === 'no_subject') {
    await releaseAwaitingRow(trx, t.batch_id, t.row_no, null);
    return { goldenId: null, version: null };
  }
  await linkRowBySteward(trx, t.batch_id, t.row_no, d.uscc);
  // The queue's region filter follows the subject now known (steward_tasks.subject_region).
  await setTaskSubjectRegion(trx, t.id, d.uscc.slice(2, 8));
  await releaseAwaitingRow(trx, t.batch_id, t.row_no, d.uscc);
  // The record this row is the chosen source of takes the subject in a new version.
  const src = await recordChosenFrom(trx, t.batch_id, t.row_no);
  if (src === undefined) return { goldenId: null, version: null };
  const g: Golden = await lockGolden(trx, src);
  return { goldenId: g.id, version: await newVersion(trx, g, g.fields, d.uscc, t.batch_id, t.row_no) };
}

/** Content hashes a conflict decision overruled: the incoming row's, the held record's, or both. */
function overruledHashes(action: string, held: string | null, incoming: string): string[] {
  switch (action) {
    case 'take_held': case 'reject': return [incoming];
    case 'take_incoming': return held ? [held] : [];
    case 'set_values': return [...(held ? [held] : []), incoming];
    default: return [];
  }
}

/** Which content a field-by-field decision overruled: all a is taking the held, all b the incoming. */
function overruledByFields(fields: Record<string, FieldChoice>, held: string | null, incoming: string): string[] {
  const takes = Object.values(fields).map((c) => c.take);
  if (takes.every((x) => x === 'a')) return overruledHashes('take_held', held, incoming);
  if (takes.every((x) => x === 'b')) return overruledHashes('take_incoming', held, incoming);
  return overruledHashes('set_values', held, incoming);
}

export async function applyDecision(deps: ActivityDeps, input: DecisionInput): Promise<DecisionOutcome> {
  return deps.db.transaction(async (trx) => {
    const t = await lockTask<Task>(trx, input.taskId);
    if (!t || t.batch_id !== input.batchId) {
      throw notFoundError('CDF_TASK_UNKNOWN', {
        zh: `批次 ${input.batchId} 中没有待处理事项 ${input.taskId}`,
        en: `batch ${input.batchId} has no queue item ${input.taskId}`,
      });
    }
    const openNow = () => openTaskCount(trx, t.batch_id);
    if (t.status !== 'open') {
      const earlier = t.decision as { decision: unknown; outcome: DecisionOutcome } | null;
      if (earlier && JSON.stringify(earlier.decision) === JSON.stringify(input.decision)) return { ...earlier.outcome, open: await openNow() };
      throw dataError('CDF_TASK_DECIDED', { zh: `事项 ${t.id} 已经处理过`, en: `item ${t.id} has been decided already` });
    }
    const row: Row = await decidedRow(trx, t.batch_id, t.row_no);
    const detail = t.detail;
    // What the record held before the disagreement: after survivorship applied the incoming row,
    // that is the version the item names, not the record as it is now.
    const heldBefore = !t.golden_id
      ? null
      : detail.applied
        ? await versionContentHash(trx, t.golden_id, detail.held!.version!)
        : await goldenContentHash(trx, t.golden_id);
    // What undoing this decision needs (db/steward-decisions.ts); a link decision is not undone.
    const touched = [t.golden_id, t.kind === 'suspected_duplicate' ? detail.candidate?.goldenId : null]
      .filter((x): x is number => x !== null && x !== undefined)
      .map(Number);
    const undo = t.kind === 'uncertain_link' ? null : await captureUndo(trx, touched, t.batch_id, t.row_no);
    const r = t.kind === 'conflict' ? await decideConflict(trx, t, row, input.decision, detail)
      : t.kind === 'suspected_duplicate' ? await decideSuspect(trx, t, detail, input.decision)
        : await decideLink(trx, t, input.decision);
    const outcome: DecisionOutcome = { taskId: t.id, action: input.decision.action, goldenId: r.goldenId, version: r.version, open: 0 };
    const d = input.decision;
    const overruled = d.action === 'fields'
      ? overruledByFields(d.fields, heldBefore, row.content_hash) : overruledHashes(d.action, heldBefore, row.content_hash);
    await markTaskDecided(trx, t.id, {
      decidedBy: input.decidedBy, note: input.note ?? null,
      // The content the decision overruled: when it arrives again, this decision settles it.
      decision: JSON.stringify({ decision: input.decision, outcome, overruled }),
    });
    if (undo) undo.after = await versionsOf(trx, [...touched, ...(r.goldenId ? [r.goldenId] : [])]);
    await insertDecision(trx, {
      taskId: t.id, goldenId: r.goldenId ?? t.golden_id, subjectUscc: row.subject_uscc, action: d.action, decision: d, outcome,
      note: input.note ?? null, decidedBy: input.decidedBy, undo,
    });
    await appendAudit(trx, {
      actor: input.decidedBy,
      kind: 'steward_decision',
      subject: `task:${t.id}`,
      payload: { taskId: t.id, kind: t.kind, batchId: t.batch_id, rowNo: t.row_no, decision: input.decision, note: input.note ?? null, outcome },
    });
    return { ...outcome, open: await openNow() };
  });
}

/** Open items of a batch: its workflow waits while there are any. */
export async function openTasks(deps: ActivityDeps, { batchId }: BatchRef): Promise<number> {
  return openTaskCount(deps.db, batchId);
}

/** Items left undecided past the escalation time are marked, so the queue shows them first. */
export async function escalate(deps: ActivityDeps, { batchId }: BatchRef): Promise<number> {
  return escalateOpenTasks(deps.db, batchId);
}

/** Delivers the record a decision changed to every subscription, once (key subscription:batch:task). */
export async function distributeDecision(
  deps: ActivityDeps,
  { batchId, taskId, goldenId, key: given }: BatchRef & { taskId: number; goldenId: number | null; key?: string },
): Promise<number> {
  if (goldenId === null) return 0;
  // A decision taken again after an undo is a delivery of its own (task<id>r<n>); an undo names its own key.
  const t = given ? undefined : await taskReopens(deps.db, taskId);
  const key = given ?? (t?.reopens ? `task${taskId}r${t.reopens}` : `task${taskId}`);
  return deliverRecord(deps.db, deps.config, batchId, goldenId, key, deps.clock.today());
}
