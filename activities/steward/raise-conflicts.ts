// Conflicts to the steward queue: each row that disagrees with the golden record of its key becomes
// an item with both sides' differing values, both sources, the rule that raised it and a suggested
// resolution (survivorship: the catalogue's authoritative channel wins, then the most recent).
import type { Knex } from 'knex';
import { appendAudit } from '../../db/audit.ts';
import { appendVersion, chooseSource } from '../../db/golden.ts';
import type { GoldenState } from '../../db/golden.ts';
import { catalogVersion } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { datasetDefinition, LINKED_SUBJECT } from '../../catalog/dataset-definition.ts';
import { surviving } from '../../domain/steward/survivorship.ts';

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
             g.fields as held, g.subject_uscc as held_subject, g.version as held_version, s.batch_id as held_batch, s.row_no as held_row,
             hb.agency || '|' || hb.channel as held_source, b.agency || '|' || b.channel as incoming_source
        from clean_rows c
        join batches b on b.id = c.batch_id
        join golden_records g on g.id = c.golden_id
        left join record_sources s on s.golden_id = g.id and s.role = 'chosen'
        left join batches hb on hb.id = s.batch_id
       where c.batch_id = :batchId and c.class = 'conflict'
    ), judged as (
      -- Survivorship's suggestion: the authoritative side when only one side is, else the most recent.
      select *, case when incoming_source = any(cast(:auth as text[])) and not coalesce(held_source = any(cast(:auth as text[])), false)
                     then 'authoritative_incoming'
                     when held_source = any(cast(:auth as text[])) and not (incoming_source = any(cast(:auth as text[]))) then 'authoritative_held'
                     else 'most_recent' end as because
        from conflicts
    )
    insert into steward_tasks (kind, batch_id, row_no, golden_id, detail)
    select 'conflict', x.batch_id, x.row_no, x.golden_id, jsonb_build_object(
             'rule', 'material_differs',
             'differs', coalesce((select jsonb_agg(k order by k) from unnest(cast(:material as text[])) k
                                   where x.held->>k is distinct from x.incoming->>k), '[]')
                        || case when x.held_subject is distinct from x.incoming_subject then '["$subject"]'::jsonb else '[]'::jsonb end,
             'held', jsonb_build_object('values', (select jsonb_object_agg(k, x.held->k) from unnest(cast(:material as text[])) k
                                                    where x.held->>k is distinct from x.incoming->>k),
                                        'version', x.held_version, 'subjectUscc', x.held_subject, 'batchId', x.held_batch, 'rowNo', x.held_row,
                                        'source', x.held_source),
             'incoming', jsonb_build_object('values', (select jsonb_object_agg(k, x.incoming->k) from unnest(cast(:material as text[])) k
                                                        where x.held->>k is distinct from x.incoming->>k),
                                            'subjectUscc', x.incoming_subject, 'batchId', x.batch_id, 'rowNo', x.row_no, 'source', x.incoming_source),
             'suggested', case x.because when 'authoritative_held' then 'take_held' else 'take_incoming' end,
             'suggestedBecause', x.because)
      from judged x
    on conflict do nothing`, { batchId, material, auth: authoritative });
}

/** What an earlier decision makes of a row that repeats the disagreement it settled. */
const ROLE_BY_EARLIER_ACTION = { take_held: 'overruled', take_incoming: 'overruled', set_values: 'overruled', reject: 'rejected_by_steward' } as const;

/**
 * Decisions are durable knowledge. A conflict that repeats one already decided (the same record
 * offered content that decision overruled: a re-upload, the other channel's copy, next month's
 * extract) is settled by that decision, cited, with no new work for a steward. A conflict on a
 * record whose earlier decision saw other values reopens that decision: the earlier item is
 * marked reopened and the new item names it.
 */
export async function applyEarlierDecisions(trx: Knex.Transaction, batchId: string): Promise<number> {
  const settled = await trx.raw<{ rows: Array<{ id: number; row_no: number; golden_id: number; action: string; cites: number }> }>(`
    with earlier as (
      select distinct on (t.id) t.id, t.row_no, t.golden_id, e.id as cites, e.decision->'decision'->>'action' as action
        from steward_tasks t
        join clean_rows c on c.batch_id = t.batch_id and c.row_no = t.row_no
        join steward_tasks e on e.golden_id = t.golden_id and e.kind = 'conflict' and e.status = 'decided' and e.id <> t.id
                            and e.decision->'overruled' @> to_jsonb(c.content_hash)
       where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open'
       order by t.id, e.id desc
    )
    update steward_tasks t
       set status = 'decided', decided_at = now(), decided_by = 'earlier_decision',
           decision = jsonb_build_object('cites', x.cites, 'decision', jsonb_build_object('action', x.action))
      from earlier x where t.id = x.id
    returning t.id, t.row_no, t.golden_id, x.action, x.cites`, { batchId });
  await appendAudit(
    trx,
    ...settled.rows.map((r) => ({
      actor: 'rule:earlier_decision',
      kind: 'rule_decision',
      subject: `task:${r.id}`,
      payload: { batchId, rowNo: r.row_no, goldenId: r.golden_id, action: r.action, cites: r.cites },
    })),
  );
  if (settled.rows.length) {
    await trx('record_sources')
      .insert(
        settled.rows.map((r) => ({
          batch_id: batchId,
          row_no: r.row_no,
          golden_id: r.golden_id,
          role: ROLE_BY_EARLIER_ACTION[r.action as keyof typeof ROLE_BY_EARLIER_ACTION],
        })),
      )
      .onConflict(['batch_id', 'row_no'])
      .merge(['golden_id', 'role']);
  }
  await trx.raw(`
    with reopened as (
      update steward_tasks e set status = 'reopened'
        from steward_tasks t
       where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open'
         and e.golden_id = t.golden_id and e.kind = 'conflict' and e.status = 'decided' and e.id <> t.id
      returning e.id, t.id as by
    )
    update steward_tasks t set detail = t.detail || jsonb_build_object('reopens', (select jsonb_agg(r.id order by r.id) from reopened r where r.by = t.id))
     where t.id in (select by from reopened)`, { batchId });
  return settled.rows.length;
}

/**
 * Survivorship while a steward reviews: where the incoming row comes from the catalogue's
 * authoritative source and the record was built from a source that is not, the authoritative
 * values are the record's next version at once (the item stays open; it records that its
 * suggestion was applied, and a steward who decides otherwise reverts it).
 */
export async function applyAuthoritativeSurvivorship(trx: Knex.Transaction, batchId: string): Promise<number> {
  const { rows } = await trx.raw<{ rows: Array<{ id: number; row_no: number; golden_id: number }> }>(`
    update steward_tasks t set detail = t.detail || '{"applied": "take_incoming"}'
     where t.batch_id = :batchId and t.kind = 'conflict' and t.status = 'open' and t.detail->>'suggestedBecause' = 'authoritative_incoming'
       and t.detail->>'applied' is null
    returning t.id, t.row_no, t.golden_id`, { batchId });
  for (const r of rows) {
    const row = (await trx('clean_rows').where({ batch_id: batchId, row_no: r.row_no }).first('fields', 'subject_uscc')) as {
      fields: Record<string, string>;
      subject_uscc: string | null;
    };
    const g = (await trx('golden_records').where({ id: r.golden_id }).forUpdate().first('id', 'dataset', 'version', 'fields', 'subject_uscc')) as GoldenState;
    const version = await appendVersion(
      trx,
      g,
      { fields: surviving(g.fields, row.fields), subject: row.subject_uscc ?? g.subject_uscc },
      { batchId, rowNo: r.row_no },
    );
    await chooseSource(trx, r.golden_id, batchId, r.row_no);
    await appendAudit(trx, {
      actor: 'rule:authoritative_survivorship',
      kind: 'rule_decision',
      subject: `task:${r.id}`,
      payload: { batchId, rowNo: r.row_no, goldenId: r.golden_id, version, applied: 'take_incoming' },
    });
  }
  return rows.length;
}
