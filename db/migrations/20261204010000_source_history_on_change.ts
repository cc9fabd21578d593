// Issue 15: record_source_history no longer repeats every source row as it is written. A source row
// that never changes (nearly all of them: a batch's new and duplicate rows) is its own story: the
// role it has in record_sources, since its created_at (stamped with the writing transaction's
// time, the clock the history uses). The history is written when a row's record or role first
// changes, or the row is removed: its state until then (at created_at), then each state after,
// and a row written again after its removal.
// Sync wrote every row twice, with three more index entries (a million-row run inserts 1.3 million).
//
// Readers take a row's story from the history when it has one, else from record_sources
// (db/lineage-history.ts). Rows written before this migration keep the history they have, which
// already starts with their insert: nothing is migrated.
import type { Knex } from 'knex';

// A row's state until its first change, when the history has none of it yet.
const STORY_SO_FAR = `
      insert into record_source_history (batch_id, row_no, golden_id, role, at)
      select o.batch_id, o.row_no, o.golden_id, o.role, o.created_at
        from old_rows o
       where not exists (select 1 from record_source_history h where h.batch_id = o.batch_id and h.row_no = o.row_no)`;

// Each changed row's new record or role, now (the update trigger before this migration and after).
const CHANGED_STATES = `
      insert into record_source_history (batch_id, row_no, golden_id, role, at)
      select n.batch_id, n.row_no, n.golden_id, n.role, now()
        from new_rows n join old_rows o on o.batch_id = n.batch_id and o.row_no = n.row_no
       where o.golden_id is distinct from n.golden_id or o.role is distinct from n.role`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists record_sources_history_ins on record_sources;
    create or replace function cdf_record_sources_updated() returns trigger language plpgsql as $fn$
    begin
      ${STORY_SO_FAR}
         and exists (select 1 from new_rows n where n.batch_id = o.batch_id and n.row_no = o.row_no
                        and (o.golden_id is distinct from n.golden_id or o.role is distinct from n.role));
      ${CHANGED_STATES};
      return null;
    end
    $fn$;
    create function cdf_record_sources_deleted() returns trigger language plpgsql as $fn$
    begin
      ${STORY_SO_FAR};
      return null;
    end
    $fn$;
    create trigger record_sources_history_del after delete on record_sources
      referencing old table as old_rows for each statement execute function cdf_record_sources_deleted();
    -- A row written again after its removal (a decision undone, then taken again) continues the
    -- story it has. A new batch's rows have none: one probe per batch written, not per row.
    create or replace function cdf_record_sources_inserted() returns trigger language plpgsql as $fn$
    begin
      if exists (select 1 from (select distinct batch_id from new_rows) b
                  where exists (select 1 from record_source_history h where h.batch_id = b.batch_id)) then
        insert into record_source_history (batch_id, row_no, golden_id, role, at)
        select n.batch_id, n.row_no, n.golden_id, n.role, now() from new_rows n
         where exists (select 1 from record_source_history h where h.batch_id = n.batch_id and h.row_no = n.row_no);
      end if;
      return null;
    end
    $fn$;
    create trigger record_sources_history_ins after insert on record_sources
      referencing new table as new_rows for each statement execute function cdf_record_sources_inserted();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists record_sources_history_del on record_sources;
    drop trigger if exists record_sources_history_ins on record_sources;
    drop function if exists cdf_record_sources_deleted();
    create or replace function cdf_record_sources_updated() returns trigger language plpgsql as $fn$
    begin
      ${CHANGED_STATES};
      return null;
    end
    $fn$;
    create or replace function cdf_record_sources_inserted() returns trigger language plpgsql as $fn$
    begin
      insert into record_source_history (batch_id, row_no, golden_id, role, at)
      select n.batch_id, n.row_no, n.golden_id, n.role, now() from new_rows n;
      return null;
    end
    $fn$;
    -- Rows written meanwhile get their first state back.
    insert into record_source_history (batch_id, row_no, golden_id, role, at)
    select s.batch_id, s.row_no, s.golden_id, s.role, s.created_at from record_sources s
     where not exists (select 1 from record_source_history h where h.batch_id = s.batch_id and h.row_no = s.row_no);
    create trigger record_sources_history_ins after insert on record_sources
      referencing new table as new_rows for each statement execute function cdf_record_sources_inserted();
  `);
}
