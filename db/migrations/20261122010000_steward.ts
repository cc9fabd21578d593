// Steward decisions (issue 6): a queue item knows the golden record it concerns, when it was
// escalated for being left undecided, and the sources that decided rows played.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table steward_tasks
      add column golden_id bigint references golden_records(id),
      add column escalated_at timestamptz,
      add column note text;
    create index steward_tasks_batch_idx on steward_tasks (batch_id, status);
    -- Blocks for near-duplicate search: records of one subject.
    create index golden_records_subject_idx on golden_records (dataset, subject_uscc) where subject_uscc is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists steward_tasks_batch_idx, golden_records_subject_idx;
    alter table steward_tasks drop column if exists golden_id, drop column if exists escalated_at, drop column if exists note;
  `);
}
