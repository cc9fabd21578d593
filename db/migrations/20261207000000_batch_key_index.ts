// Every statement that reads clean_rows by natural key does so within one batch (compare's
// classification, link's sibling copies, the rows held for their link), so the key's index leads
// with the batch. Over the key alone, a batch that is a large share of the table (a million-row
// registry load) was read through every batch's entries, each fetched from the heap and dropped
// by the batch filter: 1,983,595 rows fetched for its 1,000,000, 47 s; through the batch's own
// range 41-44 s, and 10.2 against 11.7-12.3 s for a 271,801-row batch (measured on a copy of a
// 1,000,000-row store). Its cost no longer grows with every batch the table holds, and it is the
// index a table partitioned by batch would have anyway. row_no last: the classification's order
// within a key (first row, then the others) comes from the index, with no sort.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create index clean_rows_batch_key_idx on clean_rows (batch_id, natural_key, row_no);
    drop index clean_rows_key_idx;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    create index clean_rows_key_idx on clean_rows (natural_key);
    drop index clean_rows_batch_key_idx;
  `);
}
