// Distribution (issue 7): who a subscription is for and what it may receive, deliveries that are
// not tied to a batch (the daily end of publication), and per-field sources where a version's
// value did not come from the row the version stands on.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table subscriptions
      add column subscriber text,
      add column regions jsonb not null default '[]',
      add column filter jsonb not null default '{}',
      add column public boolean not null default false;

    -- A delivery made by the publication-expiry sweep belongs to a day, not to a batch.
    alter table deliveries alter column batch_id drop not null;
    alter table deliveries add column withheld int not null default 0;
    -- A subscriber that is down: its delivery is 'failing', with the attempts made and the last error.
    alter table deliveries add column attempts int not null default 1, add column last_error text;

    -- Days the publication-expiry sweep has run; the next sweep starts after the last.
    create table publication_sweeps (
      day date primary key,
      expired int not null,
      swept_at timestamptz not null default now()
    );

    -- Only where a field's value came from somewhere other than the version's own source row
    -- (a copy's value kept by survivorship, a value a steward entered): {field: {batchId,rowNo}|{task}}.
    alter table golden_versions add column field_sources jsonb;

    -- Forward lineage: every version built from a batch (or one of its rows). Without it an
    -- auditor's question about one row scanned all versions (264 ms median at 1.7 M records).
    create index golden_versions_source_idx on golden_versions (batch_id, row_no);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists golden_versions_source_idx;
    alter table golden_versions drop column if exists field_sources;
    drop table if exists publication_sweeps;
    alter table deliveries drop column if exists withheld, drop column if exists attempts, drop column if exists last_error;
    alter table subscriptions drop column if exists subscriber, drop column if exists regions, drop column if exists filter, drop column if exists public;
  `);
}
