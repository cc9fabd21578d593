// What the per-row tables' foreign keys promised before issue 15 dropped them (each was a lookup
// per row written): every row names a batch that exists, every version and source a record that
// exists, every source a clean row. The pipeline keeps these by construction; its tests ask.
import type { Knex } from 'knex';

export interface Orphans { table: string; rows: number }

const CHECKS: Array<{ table: string; where: string }> = [
  { table: 'raw_rows', where: 'not exists (select 1 from batches b where b.id = t.batch_id)' },
  { table: 'clean_rows', where: 'not exists (select 1 from batches b where b.id = t.batch_id)' },
  { table: 'rejects', where: 'not exists (select 1 from batches b where b.id = t.batch_id)' },
  { table: 'clean_changes', where: 'not exists (select 1 from batches b where b.id = t.batch_id)' },
  { table: 'golden_versions', where: 'not exists (select 1 from golden_records g where g.id = t.golden_id)' },
  { table: 'record_sources', where: 'not exists (select 1 from golden_records g where g.id = t.golden_id)' },
  { table: 'record_sources', where: 'not exists (select 1 from clean_rows c where c.batch_id = t.batch_id and c.row_no = t.row_no)' },
  { table: 'registry_subjects', where: 'not exists (select 1 from golden_records g where g.id = t.golden_id)' },
  { table: 'code_conflicts', where: 'not exists (select 1 from batches b where b.id = t.batch_id)' },
];

/** Rows whose batch, record or clean row is missing, per check that found any (none: []). */
export async function orphanCounts(db: Knex | Knex.Transaction): Promise<Orphans[]> {
  const found: Orphans[] = [];
  for (const c of CHECKS) {
    const { rows } = await db.raw<{ rows: Array<{ n: number }> }>(`select count(*)::int as n from ${c.table} t where ${c.where}`);
    if (rows[0]!.n) found.push({ table: c.table, rows: rows[0]!.n });
  }
  return found;
}
