// The foundation: catalogue versions, batches and their rows through each step, golden records
// with versions and sources, subscriptions and deliveries. Rows are keyed by (batch_id, row_no)
// everywhere so every step can work on a row range idempotently.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table catalog_versions (
      id serial primary key,
      sha256 text not null unique,
      content jsonb not null,
      imported_by text not null,
      imported_at timestamptz not null default now(),
      source_name text
    );

    create table batches (
      id text primary key,
      dataset text not null,
      agency text not null,
      channel text not null,
      file_name text not null,
      file_sha256 text not null,
      file_bytes bigint not null,
      format text not null,
      encoding text not null,
      headers jsonb not null,
      column_map jsonb not null,
      catalog_version int not null references catalog_versions(id),
      landing_path text not null,
      status text not null default 'received',
      step text,
      counts jsonb not null default '{}',
      error jsonb,
      created_by text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz,
      unique (agency, dataset, channel, file_sha256)
    );
    create index batches_agency_idx on batches (agency, created_at desc);

    -- A step that finished for a batch, with what it reported: running it again returns this.
    create table batch_steps (
      batch_id text not null references batches(id),
      step text not null,
      stats jsonb not null default '{}',
      done_at timestamptz not null default now(),
      primary key (batch_id, step)
    );

    -- Immutable: the file's cells as received, by 1-based data row number.
    create table raw_rows (
      batch_id text not null references batches(id),
      row_no int not null,
      cells text[] not null,
      primary key (batch_id, row_no)
    );

    create table clean_rows (
      batch_id text not null references batches(id),
      row_no int not null,
      fields jsonb not null,
      natural_key text not null,
      content_hash text not null,
      subject_uscc text,
      link_method text,
      link_confidence real,
      class text,
      golden_id bigint,
      primary key (batch_id, row_no)
    );
    create index clean_rows_key_idx on clean_rows (natural_key);

    create table rejects (
      batch_id text not null references batches(id),
      row_no int not null,
      seq smallint not null,
      field text,
      code text not null,
      path text,
      value text,
      message_zh text not null,
      message_en text not null,
      primary key (batch_id, row_no, seq)
    );

    -- What each clean rule changed: rule id and version, value before and after.
    create table clean_changes (
      batch_id text not null references batches(id),
      row_no int not null,
      field text not null,
      rule_id text not null,
      rule_version int not null,
      before text,
      after text,
      primary key (batch_id, row_no, field, rule_id)
    );

    create table golden_records (
      id bigserial primary key,
      dataset text not null,
      natural_key text not null,
      subject_uscc text,
      fields jsonb not null,
      content_hash text not null,
      status text not null default 'active',
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (dataset, natural_key)
    );

    create table golden_versions (
      golden_id bigint not null references golden_records(id),
      version int not null,
      fields jsonb not null,
      content_hash text not null,
      batch_id text not null references batches(id),
      row_no int not null,
      valid_from timestamptz not null default now(),
      primary key (golden_id, version)
    );

    -- Every source row that a golden record was built from, and the role it played.
    create table record_sources (
      batch_id text not null,
      row_no int not null,
      golden_id bigint not null references golden_records(id),
      role text not null,
      created_at timestamptz not null default now(),
      primary key (batch_id, row_no),
      foreign key (batch_id, row_no) references clean_rows(batch_id, row_no)
    );
    create index record_sources_golden_idx on record_sources (golden_id);

    create table subscriptions (
      id text primary key,
      name_zh text not null,
      name_en text not null,
      dataset text not null,
      sink text not null,
      config jsonb not null default '{}',
      active boolean not null default true,
      created_at timestamptz not null default now()
    );

    create table deliveries (
      id bigserial primary key,
      subscription_id text not null references subscriptions(id),
      batch_id text not null references batches(id),
      idempotency_key text not null unique,
      records int not null,
      tombstones int not null default 0,
      location text,
      status text not null,
      created_at timestamptz not null default now(),
      acknowledged_at timestamptz
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`drop table if exists deliveries, subscriptions, record_sources, golden_versions, golden_records,
    clean_changes, rejects, clean_rows, raw_rows, batch_steps, batches, catalog_versions cascade`);
}
