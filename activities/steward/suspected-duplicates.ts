// Near-duplicates that exact keys miss: a record this batch created that has the same subject and
// the same material values as a record already held, but a document number a typo away. Blocked
// by subject (an index), scored by the trigram similarity of the natural keys, and handed to a
// steward as a suspected duplicate with its score: never merged silently.
import type { Knex } from 'knex';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';

/** Natural keys at least this similar (pg_trgm) make a suspicion; a one-character typo in a document number scores about 0.7–0.9. */
export const SUSPECT_SIMILARITY = 0.6;

export async function raiseSuspectedDuplicates(trx: Knex.Transaction, batchId: string, dataset: string): Promise<number> {
  const def = datasetDefinition(dataset);
  // The material values besides the key: equal in both records, or it is not the same disclosure.
  const rest = def.material.filter((f) => f !== LINKED_SUBJECT && !def.naturalKey.includes(f));
  const r = await trx.raw<{ rowCount: number }>(`
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select distinct on (c.row_no) 'suspected_duplicate', c.batch_id, c.row_no, c.golden_id, jsonb_build_object(
             'rule', 'near_duplicate_key', 'score', round(cast(similarity(g.natural_key, o.natural_key) as numeric), 3),
             'suggested', 'merge', 'record', jsonb_build_object('goldenId', g.id, 'naturalKey', g.natural_key),
             'candidate', jsonb_build_object('goldenId', o.id, 'naturalKey', o.natural_key))
      from clean_rows c
      join golden_records g on g.id = c.golden_id
      join golden_records o on o.dataset = g.dataset and o.subject_uscc = g.subject_uscc and o.id <> g.id and o.status = 'active'
     where c.batch_id = :batchId and c.class = 'new' and g.subject_uscc is not null
       and similarity(g.natural_key, o.natural_key) >= :threshold
       and (select bool_and(g.fields->>k is not distinct from o.fields->>k) from unnest(cast(:rest as text[])) k)
     order by c.row_no, similarity(g.natural_key, o.natural_key) desc, o.id
    on conflict do nothing`, { batchId, threshold: SUSPECT_SIMILARITY, rest });
  return r.rowCount;
}
