// The link step's later methods read only the rows the earlier ones left: rows without a subject
// (open rows: db/queries/pipeline/link.ts) and rows whose USCC waits for a repair (held). Since the
// clean parts link every row that carries a valid USCC as they write it, those are a small part of a
// batch (about one row in seven in the benchmark), yet each of those statements scanned the whole
// batch's rows. Partial indexes hold just those rows.
//
// An update that changes subject_uscc is then no longer a HOT update (its column decides whether the
// row is in the index); only the few open rows the link step links take that cost. Compare and sync
// change neither column, so their updates of every row stay on their page.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create index if not exists clean_rows_open_idx on clean_rows (batch_id, row_no) where subject_uscc is null');
  await knex.raw('create index if not exists clean_rows_held_idx on clean_rows (batch_id, row_no) where held_reject is not null');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists clean_rows_open_idx, clean_rows_held_idx');
}
