// golden_records carried two b-trees on the subject's USCC: (dataset, subject_uscc) from the steward
// round and (subject_uscc, id) include (dataset) from the search round. The second answers every
// query the first did (records of a subject in a dataset: an index-only scan, a subject having a
// handful of records), so each new record paid for one index it did not need: about 8 % of the
// cost of creating records, measured on a 100,000-row benchmark's 102,551 records (0.4 s of 4.7 s).
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists golden_records_subject_idx');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists golden_records_subject_idx on golden_records (dataset, subject_uscc) where subject_uscc is not null');
}
