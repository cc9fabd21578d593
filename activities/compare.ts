// Step 2, compare: classify every accepted row against the golden records and the rest of its
// batch in one set-based statement. new: the first row of a key nobody holds; duplicate: same key
// and same material content as what is held (or as the batch's first row of that key); conflict:
// same key, different material content. Conflicts wait for a steward and are not synced.
import { findBatch } from '../db/batches.ts';
import type { ActivityDeps, BatchRef } from './deps.ts';
import { runStepOnce } from './step-once.ts';
import type { StepStats } from './step-once.ts';

export async function compare(deps: ActivityDeps, { batchId }: BatchRef): Promise<StepStats> {
  const batch = (await findBatch(deps.db, batchId))!;
  return runStepOnce(deps.db, batchId, 'compare', async (trx) => {
    await trx.raw(`
      with ranked as (
        select row_no, natural_key, content_hash,
               row_number() over w as rn,
               first_value(content_hash) over w as first_hash
        from clean_rows where batch_id = :batchId
        window w as (partition by natural_key order by row_no)
      )
      update clean_rows c
         set class = case
               when g.id is not null and g.content_hash = r.content_hash then 'duplicate'
               when g.id is not null then 'conflict'
               when r.rn = 1 then 'new'
               when r.content_hash = r.first_hash then 'duplicate'
               else 'conflict' end,
             golden_id = g.id
        from ranked r
        left join golden_records g on g.dataset = :dataset and g.natural_key = r.natural_key
       where c.batch_id = :batchId and c.row_no = r.row_no`, { batchId, dataset: batch.dataset });
    const { rows } = await trx.raw<{ rows: Array<{ class: string; n: number }> }>(
      'select class, count(*)::int as n from clean_rows where batch_id = ? group by class', [batchId]);
    const by = Object.fromEntries(rows.map((r) => [r.class, r.n]));
    return { new: by.new ?? 0, duplicates: by.duplicate ?? 0, conflicts: by.conflict ?? 0 };
  });
}
