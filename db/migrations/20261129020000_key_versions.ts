// Which version of each matching key the stored keys and hashes were computed with. Keys are
// computed in TypeScript (document numbers, names, what a field means), so a change of their
// functions cannot be a SQL migration: db/maintenance/rekey.ts recomputes them after migrating,
// once per version, and records it here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    create table key_versions (
      name text primary key,
      version int not null,
      rekeyed_at timestamptz not null default now()
    );
    -- What every database migrated before this table existed was keyed with.
    insert into key_versions (name, version) values ('name_key', 1), ('docno_key', 0), ('meaning_fold', 0);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop table if exists key_versions');
}
