// The steward queue under new keys: the rows its items name get their natural keys and hashes
// recomputed (an open item is decided against them), and each decision's list of the hashes it
// overruled is mapped from the old hashes to the new, so the same disagreement arriving again is
// still settled by it rather than asked again.
import type { Knex } from 'knex';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { naturalKey, recordHash } from '../../domain/clean/clean-row.ts';

type Fields = Record<string, string>;

async function rowHashes(trx: Knex.Transaction, renamed: Map<string, string>): Promise<void> {
  const rows = (
    await trx.raw<{
      rows: Array<{
        batch_id: string;
        row_no: number;
        fields: Fields;
        subject_uscc: string | null;
        content_hash: string;
        natural_key: string;
        dataset: string;
      }>;
    }>(`
    select distinct c.batch_id, c.row_no, c.fields, c.subject_uscc, c.content_hash, c.natural_key, b.dataset
      from steward_tasks t
      join clean_rows c on c.batch_id = t.batch_id and c.row_no = t.row_no
      join batches b on b.id = c.batch_id`)
  ).rows;
  const next = rows
    .map((r) => ({ r, key: naturalKey(datasetDefinition(r.dataset), r.fields), hash: recordHash(datasetDefinition(r.dataset), r.fields, r.subject_uscc) }))
    .filter((n) => n.key !== n.r.natural_key || n.hash !== n.r.content_hash);
  for (const n of next) renamed.set(n.r.content_hash, n.hash);
  if (!next.length) return;
  await trx.raw(`
    update clean_rows c set natural_key = v.k, content_hash = v.h
      from unnest(cast(? as text[]), cast(? as int[]), cast(? as text[]), cast(? as text[])) v(b, r, k, h)
     where c.batch_id = v.b and c.row_no = v.r`,
  [next.map((n) => n.r.batch_id), next.map((n) => n.r.row_no), next.map((n) => n.key), next.map((n) => n.hash)]);
}

async function versionHashes(trx: Knex.Transaction, renamed: Map<string, string>): Promise<void> {
  const rows = (await trx.raw<{ rows: Array<{ fields: Fields; content_hash: string; dataset: string; subject_uscc: string | null }> }>(`
    select v.fields, v.content_hash, g.dataset, g.subject_uscc
      from golden_version_values v join golden_records g on g.id = v.golden_id
     where v.golden_id in (select golden_id from steward_tasks where kind = 'conflict' and jsonb_exists(decision, 'overruled'))`)).rows;
  for (const r of rows) renamed.set(r.content_hash, recordHash(datasetDefinition(r.dataset), r.fields, r.subject_uscc));
}

export async function rekeyDecisions(trx: Knex.Transaction): Promise<number> {
  const renamed = new Map<string, string>();
  await rowHashes(trx, renamed);
  await versionHashes(trx, renamed);
  const tasks = (await trx('steward_tasks').whereRaw("jsonb_exists(decision, 'overruled')").select('id', 'decision')) as
    Array<{ id: number; decision: { overruled: string[] } & Record<string, unknown> }>;
  let changed = 0;
  for (const t of tasks) {
    const overruled = t.decision.overruled.map((h) => renamed.get(h) ?? h);
    if (overruled.every((h, i) => h === t.decision.overruled[i])) continue;
    changed++;
    await trx('steward_tasks').where({ id: t.id }).update({ decision: JSON.stringify({ ...t.decision, overruled }) });
  }
  return changed;
}
