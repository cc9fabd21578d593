// Joint reward and punishment, the return half (联合奖惩反馈): each delivery of a listed record
// with measures to a department opens one case per (delivery, record, measure), which the
// department answers (applied, not applicable, not encountered, disputed, or a street's
// governance result) before its deadline, or it goes overdue and is escalated. A dispute is a
// steward item (steward_tasks kind case_dispute); the steward's decision closes it.
// measure_case_pending holds what a delivery shaped with measures while it streams (written in
// chunks, never all in memory); once the delivery is recorded it becomes cases and is removed.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table measure_case_pending (
      delivery_key text not null,
      golden_id bigint not null,
      version int not null,
      subject_uscc text,
      measures text[] not null,
      primary key (delivery_key, golden_id)
    );

    create table measure_cases (
      id bigserial primary key,
      delivery_key text not null,
      delivery_id bigint,
      batch_id text,
      subscription_id text not null,
      department text not null,
      golden_id bigint not null,
      version int not null,
      dataset text not null,
      measure text not null,
      subject_uscc text,
      opened_at timestamptz not null default now(),
      due_at timestamptz not null,
      status text not null default 'open' check (status in ('open', 'closed', 'overdue', 'disputed')),
      -- When its workflow (case-<id>) was started; null: still to start.
      workflow_started_at timestamptz,
      escalated_at timestamptz,
      outcome text check (outcome in ('applied', 'not_applicable', 'not_encountered', 'disputed', 'governance_result')),
      detail jsonb,
      feedback_by text,
      feedback_at timestamptz,
      -- A dispute's steward item and the steward's decision on it.
      dispute_task_id bigint,
      resolution jsonb,
      resolved_by text,
      resolved_at timestamptz,
      unique (delivery_key, golden_id, measure)
    );
    -- A department's own list (overdue first, then by deadline), the operator's filters, the
    -- record's lineage, the workflows still to start, and the figures' grouping.
    create index measure_cases_department_idx on measure_cases (department, status, due_at, id);
    create index measure_cases_status_idx on measure_cases (status, due_at, id);
    create index measure_cases_measure_idx on measure_cases (measure, status, id);
    create index measure_cases_dataset_idx on measure_cases (dataset, status, id);
    create index measure_cases_golden_idx on measure_cases (golden_id, id);
    create index measure_cases_unstarted_idx on measure_cases (batch_id, id) where workflow_started_at is null;
    create index measure_cases_dispute_idx on measure_cases (dispute_task_id) where dispute_task_id is not null;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists measure_cases; drop table if exists measure_case_pending');
}
