// The agency's views (issue 14): its batch history newest first by dataset, and a batch's
// validation report grouped by reason, paged through the offending cells of one reason.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- Batch history of one agency filtered by dataset (by agency alone: batches_agency_idx).
    create index if not exists batches_agency_dataset_created_idx on batches (agency, dataset, created_at desc);
    -- The report: rejects of a batch by reason, in row order, a page at a time.
    -- The field is included so the report's counts by reason and field read the index alone.
    create index if not exists rejects_batch_code_idx on rejects (batch_id, code, row_no, seq) include (field);
    -- Every batch of one status (an admin's filter), newest first.
    create index if not exists batches_status_created_idx on batches (status, created_at desc);
    -- Rows read and cleaned so far while a step runs, for the live progress stream; written outside
    -- the step's own transaction, so it is seen before the step commits.
    alter table batches add column if not exists progress jsonb;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop index if exists batches_agency_dataset_created_idx, rejects_batch_code_idx, batches_status_created_idx');
  await knex.raw('alter table batches drop column if exists progress');
}
