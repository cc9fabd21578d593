// Steward decisions as rows (steward_decisions), and undoing one. Before a decision is applied, the
// state it may change is captured (the records it touches: version, status, subject; their source
// rows' roles; which record each row belongs to); undoing it appends the captured state as each
// record's next version and puts the roles and rows back. History is only appended to: the
// decided version and the undo version both stay, so an auditor reads both in lineage and audit.
import type { Knex } from 'knex';
import { dataError } from '../domain/errors.ts';

export interface UndoState {
  records: Array<{ id: number; version: number; status: string; subject: string | null }>;
  sources: Array<{ batch_id: string; row_no: number; golden_id: number; role: string }>;
  rows: Array<{ batch_id: string; row_no: number; golden_id: number | null }>;
  taskRow: { batchId: string; rowNo: number };
  /** Each record's version right after the decision: an undo is refused once a record moved on. */
  after?: Record<string, number>;
}

/** The state a decision on (batchId, rowNo) touching these records may change. */
export async function captureUndo(trx: Knex.Transaction, goldenIds: number[], batchId: string, rowNo: number): Promise<UndoState> {
  const ids = [...new Set(goldenIds)];
  const records = (await trx('golden_records').whereIn('id', ids).orderBy('id')
    .select('id', 'version', 'status', 'subject_uscc as subject')) as UndoState['records'];
  const inScope = function (this: Knex.QueryBuilder) {
    void this.whereIn('golden_id', ids).orWhere(function () { void this.where({ batch_id: batchId, row_no: rowNo }); });
  };
  const sources = (await trx('record_sources').where(inScope).select('batch_id', 'row_no', 'golden_id', 'role')) as UndoState['sources'];
  const rows = (await trx('clean_rows').where(inScope).select('batch_id', 'row_no', 'golden_id')) as UndoState['rows'];
  return { records, sources, rows: rows.map((r) => ({ ...r, golden_id: r.golden_id === null ? null : Number(r.golden_id) })), taskRow: { batchId, rowNo } };
}

/** Versions of these records as they stand (after a decision). */
export async function versionsOf(trx: Knex.Transaction, ids: number[]): Promise<Record<string, number>> {
  const rows = (await trx('golden_records').whereIn('id', [...new Set(ids)]).select('id', 'version')) as Array<{ id: number; version: number }>;
  return Object.fromEntries(rows.map((r) => [String(r.id), r.version]));
}

export interface DecisionRow {
  taskId: number; goldenId: number | null; subjectUscc: string | null; action: string; decision: unknown; outcome: unknown;
  note: string | null; decidedBy: string; undo: UndoState | null;
}

export async function insertDecision(trx: Knex.Transaction, d: DecisionRow): Promise<number> {
  const [row] = (await trx('steward_decisions').insert({
    task_id: d.taskId, golden_id: d.goldenId, subject_uscc: d.subjectUscc, action: d.action, decision: JSON.stringify(d.decision),
    outcome: JSON.stringify(d.outcome), note: d.note, decided_by: d.decidedBy, undo: d.undo ? JSON.stringify(d.undo) : null,
  }).returning('id')) as Array<{ id: number }>;
  return row!.id;
}

export interface StoredDecision { id: number; task_id: number; action: string; undo: UndoState | null; decided_by: string }

/** The decision in force on a task (the newest not undone), locked. */
export async function decisionInForce(trx: Knex.Transaction, taskId: number): Promise<StoredDecision | undefined> {
  return (await trx('steward_decisions').where({ task_id: taskId }).whereNull('undone_at').orderBy('id', 'desc').forUpdate()
    .first('id', 'task_id', 'action', 'undo', 'decided_by')) as StoredDecision | undefined;
}

export async function markUndone(trx: Knex.Transaction, id: number, by: string, note: string | null, outcome: unknown): Promise<void> {
  await trx('steward_decisions').where({ id }).update({ undone_at: trx.fn.now(), undone_by: by, undo_note: note, undo_outcome: JSON.stringify(outcome) });
}

/**
 * Puts back what a decision changed: each record it touched gets the captured version's values,
 * subject and status as its next version (a record the decision created is withdrawn the same
 * way); roles and row assignments return. Refused when a record has moved on since the decision
 * (a later batch or decision changed it): undoing then would overwrite work done after it.
 * Returns the records whose state changed (to be delivered again).
 */
export async function restoreUndo(trx: Knex.Transaction, undo: UndoState, taskId: number): Promise<Array<{ id: number; version: number }>> {
  const after = undo.after ?? {};
  const ids = [...new Set([...undo.records.map((r) => r.id), ...Object.keys(after).map(Number)])];
  const current = (await trx('golden_records').whereIn('id', ids).forUpdate().select('id', 'version', 'status', 'fields', 'subject_uscc', 'content_hash')) as
    Array<{ id: number; version: number; status: string; fields: Record<string, string>; subject_uscc: string | null; content_hash: string }>;
  for (const c of current) {
    const expected = after[String(c.id)];
    if (expected !== undefined && expected !== c.version) {
      throw dataError('CDF_TASK_REOPEN_STALE', {
        zh: `标准记录 ${c.id} 在该决定之后又有了新版本（现为第 ${c.version} 版，决定后为第 ${expected} 版），不能撤销事项 ${taskId} 的决定`,
        en: `golden record ${c.id} has changed since the decision (now version ${c.version}, version ${expected} after it): `
          + `item ${taskId}'s decision cannot be undone`,
      }, { record: c.id, version: c.version });
    }
  }
  const changed: Array<{ id: number; version: number }> = [];
  for (const c of current) {
    const before = undo.records.find((r) => r.id === c.id);
    const target = (await trx('golden_version_values').where({ golden_id: c.id, version: before ? before.version : c.version })
      .first('fields', 'content_hash', 'batch_id', 'row_no', 'field_sources')) as
      { fields: unknown; content_hash: string; batch_id: string; row_no: number; field_sources: unknown };
    const status = before ? before.status : 'withdrawn';
    const subject = before ? before.subject : c.subject_uscc;
    if (before && before.version === c.version && before.status === c.status) continue;
    if (before && before.version === c.version) {
      // Only the status changed (a merge): it returns; the values never changed.
      await trx('golden_records').where({ id: c.id }).update({ status, updated_at: trx.fn.now() });
      changed.push({ id: c.id, version: c.version });
      continue;
    }
    const version = c.version + 1;
    await trx('golden_records').where({ id: c.id }).update({
      fields: JSON.stringify(target.fields), content_hash: target.content_hash, subject_uscc: subject, status, version, updated_at: trx.fn.now(),
    });
    await trx('golden_versions').insert({
      golden_id: c.id, version, fields: JSON.stringify(target.fields), content_hash: target.content_hash, batch_id: target.batch_id, row_no: target.row_no,
      field_sources: target.field_sources === null ? null : JSON.stringify(target.field_sources),
    });
    changed.push({ id: c.id, version });
  }
  for (const r of undo.rows) await trx('clean_rows').where({ batch_id: r.batch_id, row_no: r.row_no }).update({ golden_id: r.golden_id });
  const { batchId, rowNo } = undo.taskRow;
  if (!undo.sources.some((s) => s.batch_id === batchId && s.row_no === rowNo)) await trx('record_sources').where({ batch_id: batchId, row_no: rowNo }).delete();
  if (undo.sources.length) await trx('record_sources').insert(undo.sources).onConflict(['batch_id', 'row_no']).merge(['golden_id', 'role']);
  return changed;
}

/** The task open again, its decision cleared (it stays in steward_decisions and the audit log). */
export async function reopenTask(trx: Knex.Transaction, taskId: number): Promise<number> {
  const [row] = (await trx('steward_tasks').where({ id: taskId }).update({
    status: 'open', decided_at: null, decided_by: null, decision: null, note: null, reopens: trx.raw('reopens + 1'),
  }).returning('reopens')) as Array<{ reopens: number }>;
  return row!.reopens;
}
