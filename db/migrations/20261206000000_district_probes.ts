// The triggers that keep batch_districts (migration 20261130150000) read a version's record, or an
// updated record's versions, by probing the key for each row of the statement's transition table.
// Joined plainly, every statement that wrote versions hashed the whole golden store: the planner
// counts the transition table's rows but not how few of the store's they meet, so sync's cost of
// noting districts grew with every record ever made (seen at 100,000 rows: a sequential read of
// all records for each batch's first versions).
import type { Knex } from 'knex';

/** The two trigger functions, with how each reaches the record (`g`) or the versions (`gv`). */
const functions = (record: string, versions: string): string => `
  create or replace function cdf_note_version_districts() returns trigger language plpgsql as $fn$
  begin
    insert into batch_districts (district, batch_id)
    select distinct substr(g.subject_uscc, 3, 6), nv.batch_id
      from new_versions nv ${record}
     where g.subject_uscc is not null and nv.batch_id is not null
    on conflict do nothing;
    return null;
  end $fn$;

  create or replace function cdf_note_subject_districts() returns trigger language plpgsql as $fn$
  begin
    insert into batch_districts (district, batch_id)
    select distinct substr(nr.subject_uscc, 3, 6), gv.batch_id
      from new_records nr
      join old_records o on o.id = nr.id and o.subject_uscc is distinct from nr.subject_uscc
      ${versions}
     where nr.subject_uscc is not null and gv.batch_id is not null
    on conflict do nothing;
    return null;
  end $fn$;`;

export async function up(knex: Knex): Promise<void> {
  await knex.raw(functions(
    'cross join lateral (select r.subject_uscc from golden_records r where r.id = nv.golden_id offset 0) g',
    'cross join lateral (select v.batch_id from golden_versions v where v.golden_id = nr.id offset 0) gv',
  ));
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(functions('join golden_records g on g.id = nv.golden_id', 'join golden_versions gv on gv.golden_id = nr.id'));
}
