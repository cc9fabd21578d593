// Importing a catalogue identical to an earlier version makes that content current again, as a new
// version that says which one it restores: the newest version stays the one in force, version
// numbers only grow, and batches keep pointing at the version they were received under. The same
// content may now stand in more than one version, so its hash is no longer unique.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table catalog_versions drop constraint if exists catalog_versions_sha256_key;
    alter table catalog_versions add column restores int references catalog_versions(id);
    create index catalog_versions_sha256 on catalog_versions (sha256);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    drop index if exists catalog_versions_sha256;
    alter table catalog_versions drop column if exists restores;
    delete from catalog_versions v where exists (select 1 from catalog_versions o where o.sha256 = v.sha256 and o.id < v.id);
    alter table catalog_versions add constraint catalog_versions_sha256_key unique (sha256);
  `);
}
