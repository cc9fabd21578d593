// The auditor's journey (issue 14). record_sources keeps only the role a source row plays NOW, so
// lineage as of a moment could not tell a row merged in later from one that was always a
// duplicate, nor a row still current from one superseded since. Two statement-level triggers
// append every insert and every change of (golden_id, role) to record_source_history, whoever
// writes the table (sync, survivorship, steward decisions), with the writing transaction's time:
// the same clock golden_versions.valid_from and steward_tasks.decided_at are stamped with.
// Rows already held are backfilled from what survives of their story (versions, supersession).
//
// Search of golden records (GET /api/records/search): the document-number part of the natural key
// and the subject's USCC each get a covering b-tree (an index-only scan finds a page's ids), the
// subject's name a GIN trigram index (pg_trgm exists since the link migration).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table record_source_history (
      id bigserial primary key,
      batch_id text not null,
      row_no int not null,
      golden_id bigint not null,
      role text not null,
      at timestamptz not null default now()
    );
    create index record_source_history_golden_idx on record_source_history (golden_id, batch_id, row_no);
    create index record_source_history_row_idx on record_source_history (batch_id, row_no, at, id);

    create function cdf_record_sources_inserted() returns trigger language plpgsql as $fn$
    begin
      insert into record_source_history (batch_id, row_no, golden_id, role, at)
      select n.batch_id, n.row_no, n.golden_id, n.role, now() from new_rows n;
      return null;
    end
    $fn$;
    create function cdf_record_sources_updated() returns trigger language plpgsql as $fn$
    begin
      insert into record_source_history (batch_id, row_no, golden_id, role, at)
      select n.batch_id, n.row_no, n.golden_id, n.role, now()
        from new_rows n join old_rows o on o.batch_id = n.batch_id and o.row_no = n.row_no
       where o.golden_id is distinct from n.golden_id or o.role is distinct from n.role;
      return null;
    end
    $fn$;
    create trigger record_sources_history_ins after insert on record_sources
      referencing new table as new_rows for each statement execute function cdf_record_sources_inserted();
    create trigger record_sources_history_upd after update on record_sources
      referencing old table as old_rows new table as new_rows for each statement execute function cdf_record_sources_updated();

    -- Backfill: a superseded row was chosen from its creation until the next version of its record.
    insert into record_source_history (batch_id, row_no, golden_id, role, at)
    select s.batch_id, s.row_no, s.golden_id, case when s.role = 'superseded' then 'chosen' else s.role end, s.created_at
      from record_sources s;
    insert into record_source_history (batch_id, row_no, golden_id, role, at)
    select s.batch_id, s.row_no, s.golden_id, 'superseded', coalesce(
             (select min(n.valid_from) from golden_versions n
               where n.golden_id = s.golden_id
                 and n.version > (select max(v.version) from golden_versions v
                                   where v.golden_id = s.golden_id and v.batch_id = s.batch_id and v.row_no = s.row_no)),
             s.created_at)
      from record_sources s where s.role = 'superseded';

    -- The record a suspected duplicate names as the one held: merges are read from both ends.
    create index steward_tasks_candidate_idx on steward_tasks (((detail->'candidate'->>'goldenId')::bigint))
      where kind = 'suspected_duplicate';
    create index if not exists steward_tasks_golden_idx on steward_tasks (golden_id) where golden_id is not null;

    create index golden_records_docno_search_idx on golden_records (split_part(natural_key, '|', 1), id) include (natural_key, subject_uscc, dataset);
    create index golden_records_uscc_search_idx on golden_records (subject_uscc, id) include (dataset) where subject_uscc is not null;
    create index golden_records_name_trgm_idx on golden_records using gin ((coalesce(fields->>'subject_name', fields->>'name')) gin_trgm_ops);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists steward_tasks_golden_idx, golden_records_name_trgm_idx, golden_records_uscc_search_idx;
    drop index if exists golden_records_docno_search_idx, steward_tasks_candidate_idx;
    drop trigger if exists record_sources_history_upd on record_sources;
    drop trigger if exists record_sources_history_ins on record_sources;
    drop function if exists cdf_record_sources_updated();
    drop function if exists cdf_record_sources_inserted();
    drop table if exists record_source_history;
  `);
}
