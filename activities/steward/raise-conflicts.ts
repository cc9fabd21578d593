// Conflicts to the steward queue: each row that disagrees with the golden record of its key becomes
// an item with both sides' differing values, both sources, the rule that raised it and a suggested
// resolution (survivorship: the catalogue's authoritative channel wins, then the most recent).
import type { Knex } from 'knex';
import { catalogVersion } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';

/** "agency|channel" of every source the catalogue names authoritative for the dataset. */
export async function authoritativeSources(db: Db, version: number, dataset: string): Promise<string[]> {
  const { content } = await catalogVersion(db, version);
  return content.entries.filter((e) => e.dataset === dataset && e.authoritative).map((e) => `${e.agency}|${e.channel}`);
}

export async function raiseConflicts(trx: Knex.Transaction, batchId: string, dataset: string, authoritative: string[]): Promise<void> {
  const material = datasetDefinition(dataset).material.filter((f) => f !== LINKED_SUBJECT);
  await trx.raw(`
    with conflicts as (
      select c.batch_id, c.row_no, c.golden_id, c.fields as incoming, c.subject_uscc as incoming_subject,
             g.fields as held, g.subject_uscc as held_subject, s.batch_id as held_batch, s.row_no as held_row,
             hb.agency || '|' || hb.channel as held_source, b.agency || '|' || b.channel as incoming_source, b.agency, b.channel
        from clean_rows c
        join batches b on b.id = c.batch_id
        join golden_records g on g.id = c.golden_id
        left join record_sources s on s.golden_id = g.id and s.role = 'chosen'
        left join batches hb on hb.id = s.batch_id
       where c.batch_id = :batchId and c.class = 'conflict'
    )
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select 'conflict', x.batch_id, x.row_no, x.golden_id, jsonb_build_object(
             'rule', 'material_differs',
             'differs', coalesce((select jsonb_agg(k order by k) from unnest(cast(:material as text[])) k where x.held->>k is distinct from x.incoming->>k), '[]')
                        || case when x.held_subject is distinct from x.incoming_subject then '["$subject"]'::jsonb else '[]'::jsonb end,
             'held', jsonb_build_object('values', (select jsonb_object_agg(k, x.held->k) from unnest(cast(:material as text[])) k where x.held->>k is distinct from x.incoming->>k),
                                        'subjectUscc', x.held_subject, 'batchId', x.held_batch, 'rowNo', x.held_row, 'source', x.held_source),
             'incoming', jsonb_build_object('values', (select jsonb_object_agg(k, x.incoming->k) from unnest(cast(:material as text[])) k where x.held->>k is distinct from x.incoming->>k),
                                            'subjectUscc', x.incoming_subject, 'batchId', x.batch_id, 'rowNo', x.row_no, 'source', x.incoming_source),
             'suggested', case when x.incoming_source = any(cast(:auth as text[])) and not coalesce(x.held_source = any(cast(:auth as text[])), false) then 'take_incoming'
                               when x.held_source = any(cast(:auth as text[])) and not (x.incoming_source = any(cast(:auth as text[]))) then 'take_held'
                               else 'take_incoming' end,
             'suggestedBecause', case when x.incoming_source = any(cast(:auth as text[])) and not coalesce(x.held_source = any(cast(:auth as text[])), false) then 'authoritative_incoming'
                                      when x.held_source = any(cast(:auth as text[])) and not (x.incoming_source = any(cast(:auth as text[]))) then 'authoritative_held'
                                      else 'most_recent' end)
      from conflicts x
    on conflict do nothing`, { batchId, material, auth: authoritative });
}
