// Which districts' subjects each batch carried, kept as versions are written: a district's steward
// or auditor sees the deliveries of those batches. Asking it of golden_versions per delivery read
// every version of every batch without such a subject (2.8–3.1 s a page at 1,000,000 records); a
// lookup by (district, batch) answers a page in milliseconds. Statement-level triggers with
// transition tables fill it from every path that writes a version or changes a record's subject,
// once per statement, set-based (a record's subject only when it changed).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table batch_districts (
      district text not null,
      batch_id text not null,
      primary key (district, batch_id)
    );
    insert into batch_districts (district, batch_id)
    select distinct substr(g.subject_uscc, 3, 6), gv.batch_id
      from golden_versions gv join golden_records g on g.id = gv.golden_id
     where g.subject_uscc is not null and gv.batch_id is not null
    on conflict do nothing;

    create function cdf_note_version_districts() returns trigger language plpgsql as $fn$
    begin
      insert into batch_districts (district, batch_id)
      select distinct substr(g.subject_uscc, 3, 6), nv.batch_id
        from new_versions nv join golden_records g on g.id = nv.golden_id
       where g.subject_uscc is not null and nv.batch_id is not null
      on conflict do nothing;
      return null;
    end $fn$;
    create trigger golden_versions_note_districts after insert on golden_versions
      referencing new table as new_versions for each statement execute function cdf_note_version_districts();

    create function cdf_note_subject_districts() returns trigger language plpgsql as $fn$
    begin
      insert into batch_districts (district, batch_id)
      select distinct substr(nr.subject_uscc, 3, 6), gv.batch_id
        from new_records nr
        join old_records o on o.id = nr.id and o.subject_uscc is distinct from nr.subject_uscc
        join golden_versions gv on gv.golden_id = nr.id
       where nr.subject_uscc is not null and gv.batch_id is not null
      on conflict do nothing;
      return null;
    end $fn$;
    create trigger golden_records_note_districts after update on golden_records
      referencing old table as old_records new table as new_records for each statement execute function cdf_note_subject_districts();

    drop function if exists cdf_batch_has_district_subject(text, text);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop trigger if exists golden_versions_note_districts on golden_versions;
    drop trigger if exists golden_records_note_districts on golden_records;
    drop function if exists cdf_note_version_districts();
    drop function if exists cdf_note_subject_districts();
    drop table if exists batch_districts;
  `);
}
