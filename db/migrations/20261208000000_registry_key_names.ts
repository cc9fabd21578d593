// Clean links each chunk's rows by USCC against the registry (db/queries/pipeline/clean.ts,
// registeredUsccs), asking of each held code only its name key. Through a key of the code alone,
// each of a chunk's thousands of codes also fetched its subject's row from the heap: one random
// page each, since the registry is stored in the order it was loaded, not by code. The key now
// carries the name key too, so the lookup is answered from the index alone once the registry's
// pages are all-visible (autovacuum marks them after a load). On a copy of a 1,000,000-row store,
// 4,000-code lookups against a cold cache took 105-374 ms through the code alone and 41-199 ms
// through the code with its name. Same name, same key: ON CONFLICT (uscc) and the plan tests
// that name registry_subjects_pkey hold as before.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table registry_subjects
      drop constraint registry_subjects_pkey,
      add constraint registry_subjects_pkey primary key (uscc) include (name_key);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    alter table registry_subjects
      drop constraint registry_subjects_pkey,
      add constraint registry_subjects_pkey primary key (uscc);
  `);
}
