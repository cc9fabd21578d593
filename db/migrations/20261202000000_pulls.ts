// Pulls from agencies' own systems. A pull becomes a batch like an upload (its rows landed as an
// NDJSON file, so what was read is kept as read), and the batch says where it came from instead of
// a file: the source, query and cursor range (`origin`). `pull_sources` keeps, per catalogue entry
// with a pull, where the next pull starts and how the last ones went, for the schedules and for
// timeliness: a pull that found nothing new is still an agency's system answering on time.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table batches add column if not exists origin jsonb;

    create table pull_sources (
      agency text not null,
      dataset text not null,
      channel text not null,
      connector text not null,
      -- Where the next pull starts (the connector's own encoding); null: from the beginning.
      cursor text,
      last_attempt_at timestamptz,
      last_success_at timestamptz,
      last_rows int,
      last_batch_id text,
      -- Consecutive failed pulls and since when: a source that is down shows as failing.
      failures int not null default 0,
      failing_since timestamptz,
      last_error jsonb,
      updated_at timestamptz not null default now(),
      primary key (agency, dataset, channel)
    );

    -- The Temporal schedules the catalogue's pulls made, with a hash of what each was made from:
    -- a catalogue change updates the changed ones and deletes those whose entry is gone, without
    -- depending on Temporal's (eventually consistent) schedule list.
    create table pull_schedules (
      schedule_id text primary key,
      agency text not null,
      dataset text not null,
      channel text not null,
      spec_sha256 text not null,
      updated_at timestamptz not null default now()
    );
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists pull_schedules; drop table if exists pull_sources; alter table batches drop column if exists origin');
}
