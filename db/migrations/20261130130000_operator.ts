// The operator's views (issue 14): deliveries paged newest first under their filters, and the
// quality dashboard's reads of batches by time.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    -- The deliveries list: newest first, by subscription, by batch, by status, by time.
    create index if not exists deliveries_subscription_idx on deliveries (subscription_id, id desc);
    create index if not exists deliveries_batch_idx on deliveries (batch_id);
    create index if not exists deliveries_created_idx on deliveries (created_at);
    create index if not exists deliveries_status_idx on deliveries (status, id desc);
    -- withheld: held back whole or in part (db/deliveries.ts STATUS_SQL).
    create index if not exists deliveries_withheld_idx on deliveries (id desc) where status like 'withheld:%' or withheld > 0;
    -- The dashboard reads batches by time (and by dataset); agency and time has batches_agency_idx.
    create index if not exists batches_created_idx on batches (created_at);
    create index if not exists batches_dataset_created_idx on batches (dataset, created_at);

    -- Whether a batch carried a record of a subject registered in a district: asked once per
    -- delivery a district's steward or auditor pages through. A function the planner cannot inline
    -- is probed row by row (and stops at the first match) instead of hashing every version of
    -- every record of the district first (1.4 s at 1 M records).
    create or replace function cdf_batch_has_district_subject(p_batch text, p_district text) returns boolean
      language plpgsql stable parallel safe as $fn$
    begin
      return exists (select 1 from golden_versions gv join golden_records g on g.id = gv.golden_id
                      where gv.batch_id = p_batch and substr(g.subject_uscc, 3, 6) = p_district);
    end $fn$;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists deliveries_subscription_idx, deliveries_batch_idx, deliveries_created_idx, deliveries_status_idx,
      deliveries_withheld_idx, batches_created_idx, batches_dataset_created_idx;
    drop function if exists cdf_batch_has_district_subject(text, text);
  `);
}
