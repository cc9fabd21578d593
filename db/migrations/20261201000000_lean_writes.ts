// Issue 15: the per-row tables of the pipeline lose their foreign keys. Each key was checked row
// by row (a trigger and a lookup for every row written: about 70 % of what receiving a file cost
// over a bare COPY, measured in an earlier round; receive ran at 35,000 rows/s before this round
// and 68,000 after, at 100,000 rows, with the server's tuning), and guarded nothing the pipeline does not already hold: a batch row is written
// before any of its rows and never deleted, golden records are never deleted (they end by status),
// and every source row is written by the step that read its clean row. What the keys promised is
// now a query (db/queries/pipeline/integrity.ts, orphanCounts) that the pipeline's tests run.
// The small tables people change by hand (steward tasks, deliveries, subscriptions) keep theirs.
//
// The columns the steps plan on (db/queries/pipeline/steps.ts, analyze) get a statistics target of 10:
// ANALYZE then samples 3,000 rows instead of 30,000, and a sampled row costs a page read, so the
// analyses after each step read a tenth of the pages (5.5 s of a 100,000-row run's 44 s went to
// them). Plans only need a batch's size and the shape of its keys, which 3,000 rows give.
import type { Knex } from 'knex';

const PER_ROW = ['raw_rows', 'clean_rows', 'rejects', 'clean_changes', 'golden_versions', 'record_sources', 'registry_subjects', 'code_conflicts'];

const SAMPLED: Record<string, string[]> = {
  raw_rows: ['batch_id', 'row_no'],
  clean_rows: ['batch_id', 'row_no', 'natural_key', 'content_hash', 'subject_uscc', 'link_method', 'class', 'golden_id', 'name_key', 'rep_key'],
  record_sources: ['batch_id', 'row_no', 'golden_id', 'role'],
};

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    do $$
    declare c record;
    begin
      for c in select conrelid::regclass as t, conname from pg_constraint
                where contype = 'f' and conrelid = any(array[${PER_ROW.map((t) => `'${t}'::regclass`).join(', ')}])
      loop
        execute format('alter table %s drop constraint %I', c.t, c.conname);
      end loop;
    end $$`);
  for (const [table, columns] of Object.entries(SAMPLED)) {
    await knex.raw(`alter table ${table} ${columns.map((c) => `alter column ${c} set statistics 10`).join(', ')}`);
  }
}

// The keys come back unvalidated: rows written while they were away are not checked again.
export async function down(knex: Knex): Promise<void> {
  for (const [table, columns] of Object.entries(SAMPLED)) {
    await knex.raw(`alter table ${table} ${columns.map((c) => `alter column ${c} set statistics -1`).join(', ')}`);
  }
  await knex.raw(`
    alter table raw_rows add foreign key (batch_id) references batches(id) not valid;
    alter table clean_rows add foreign key (batch_id) references batches(id) not valid;
    alter table rejects add foreign key (batch_id) references batches(id) not valid;
    alter table clean_changes add foreign key (batch_id) references batches(id) not valid;
    alter table golden_versions add foreign key (golden_id) references golden_records(id) not valid;
    alter table golden_versions add foreign key (batch_id) references batches(id) not valid;
    alter table record_sources add foreign key (golden_id) references golden_records(id) not valid;
    alter table record_sources add foreign key (batch_id, row_no) references clean_rows(batch_id, row_no) not valid;
    alter table registry_subjects add foreign key (golden_id) references golden_records(id) not valid;
    alter table code_conflicts add foreign key (batch_id) references batches(id) not valid;`);
}
