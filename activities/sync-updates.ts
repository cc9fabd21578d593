// Updates (同源更新): a row that differs from a record its own source supplied earlier (same agency,
// same channel, an earlier batch) is that source's newer version, not a conflict. The record takes
// it as its next version; the earlier row is superseded. Per record, the batch's last such row
// counts (a file listing a record twice keeps its second word); any other differing row of the
// batch stays a conflict for a steward. Set-based, inside sync's transaction and lock.
import type { Knex } from 'knex';

export async function applySameSourceUpdates(trx: Knex.Transaction, batchId: string): Promise<number> {
  const p = { batchId };
  await trx.raw(`
    with candidates as (
      select c.row_no, c.golden_id, row_number() over (partition by c.golden_id order by c.row_no desc) as rn
        from clean_rows c
        join batches cb on cb.id = c.batch_id
        join record_sources s on s.golden_id = c.golden_id and s.role = 'chosen'
        join batches sb on sb.id = s.batch_id
       where c.batch_id = :batchId and c.class = 'conflict'
         and sb.id <> cb.id and sb.agency = cb.agency and sb.channel = cb.channel
    )
    update clean_rows c set class = 'update'
      from candidates x where c.batch_id = :batchId and c.row_no = x.row_no and x.rn = 1`, p);
  const updated = await trx.raw<{ rowCount: number }>(`
    update golden_records g
       set fields = c.fields, content_hash = c.content_hash, subject_uscc = coalesce(c.subject_uscc, g.subject_uscc),
           version = g.version + 1, updated_at = now()
      from clean_rows c
     where c.batch_id = :batchId and c.class = 'update' and g.id = c.golden_id`, p);
  if (!updated.rowCount) return 0;
  await trx.raw(`
    insert into golden_versions (golden_id, version, fields, content_hash, batch_id, row_no)
    select g.id, g.version, g.fields, g.content_hash, c.batch_id, c.row_no
      from clean_rows c join golden_records g on g.id = c.golden_id
     where c.batch_id = :batchId and c.class = 'update'`, p);
  await trx.raw(`
    update record_sources s set role = 'superseded'
      from clean_rows c
     where c.batch_id = :batchId and c.class = 'update' and s.golden_id = c.golden_id and s.role = 'chosen'`, p);
  await trx.raw(`
    insert into record_sources (batch_id, row_no, golden_id, role)
    select batch_id, row_no, golden_id, 'chosen' from clean_rows where batch_id = :batchId and class = 'update'
    on conflict (batch_id, row_no) do update set role = 'chosen', golden_id = excluded.golden_id`, p);
  return updated.rowCount;
}
