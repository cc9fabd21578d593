// Writing a golden record's next state, shared by everything that changes a record outside the
// set-based sync (steward decisions, survivorship, credit repair): the record and its appended
// version change together, with the content hash recomputed as the pipeline computes it, and the
// source rows' roles say which one the record now stands on.
import type { Knex } from 'knex';
import { recordHash } from '../domain/clean/clean-row.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';

export interface GoldenState { id: number; dataset: string; version: number; fields: Record<string, string>; subject_uscc: string | null }

export type FieldSource = { batchId: string; rowNo: number } | { task: number } | { entered: true };

/**
 * Where each field of `next` came from, only where that is not the version's own source row
 * (lineage is stored per record, with per-field entries only where sources differ): a value the
 * previous version held keeps the previous version's source for it; a new value not on the row
 * was entered by the steward deciding `task`.
 */
async function fieldSources(
  trx: Knex.Transaction,
  g: GoldenState,
  next: Record<string, string>,
  from: { batchId: string; rowNo: number },
  task?: number,
): Promise<Record<string, FieldSource> | null> {
  const row = (await trx('clean_rows').where({ batch_id: from.batchId, row_no: from.rowNo }).first('fields')) as { fields: Record<string, string> } | undefined;
  const prev = (await trx('golden_versions').where({ golden_id: g.id, version: g.version }).first('batch_id', 'row_no', 'field_sources')) as
    { batch_id: string; row_no: number; field_sources: Record<string, FieldSource> | null } | undefined;
  const out: Record<string, FieldSource> = {};
  for (const [k, v] of Object.entries(next)) {
    if ((row?.fields[k] ?? '') === (v ?? '')) continue;
    if (prev && g.fields[k] === v) out[k] = prev.field_sources?.[k] ?? { batchId: prev.batch_id, rowNo: prev.row_no };
    else out[k] = task ? { task } : { entered: true };
  }
  return Object.keys(out).length ? out : null;
}

/** Writes `next` as the record's next version, made from the source row `from` (and, for values a
 * steward entered, the queue item `task`); returns it. */
export async function appendVersion(
  trx: Knex.Transaction,
  g: GoldenState,
  next: { fields: Record<string, string>; subject: string | null; status?: string },
  from: { batchId: string; rowNo: number },
  task?: number,
): Promise<number> {
  const version = g.version + 1;
  const hash = recordHash(datasetDefinition(g.dataset), next.fields, next.subject);
  const fields = JSON.stringify(next.fields);
  const sources = await fieldSources(trx, g, next.fields, from, task);
  await trx('golden_records')
    .where({ id: g.id })
    .update({
      fields,
      content_hash: hash,
      subject_uscc: next.subject,
      version,
      updated_at: trx.fn.now(),
      ...(next.status ? { status: next.status } : {}),
    });
  await trx('golden_versions').insert({
    golden_id: g.id,
    version,
    fields,
    content_hash: hash,
    batch_id: from.batchId,
    row_no: from.rowNo,
    field_sources: sources ? JSON.stringify(sources) : null,
  });
  return version;
}

export async function setRole(trx: Knex.Transaction, batchId: string, rowNo: number, goldenId: number, role: string): Promise<void> {
  await trx('record_sources')
    .insert({ batch_id: batchId, row_no: rowNo, golden_id: goldenId, role })
    .onConflict(['batch_id', 'row_no'])
    .merge(['golden_id', 'role']);
}

/** The record now stands on this row: the row it stood on before is superseded. */
export async function chooseSource(trx: Knex.Transaction, goldenId: number, batchId: string, rowNo: number): Promise<void> {
  await trx('record_sources').where({ golden_id: goldenId, role: 'chosen' }).update({ role: 'superseded' });
  await setRole(trx, batchId, rowNo, goldenId, 'chosen');
}
