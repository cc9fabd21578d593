// Migrations are the only way the schema changes. The list is read from db/migrations/ (files
// named <timestamp>_<what>.ts, applied in name order), so it cannot drift from the folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { Db } from './connect.ts';
import { rekeyIfNeeded } from './maintenance/rekey.ts';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

interface MigrationModule {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => readdirSync(dir).filter((f) => /^\d+_[\w-]+\.ts$/.test(f)).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => (await import(path.join(dir, name))) as MigrationModule,
};

/** Applies the migrations, then recomputes keys and hashes made by functions that changed since
 * the data was keyed (db/maintenance/rekey.ts). */
export async function migrate(db: Db): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  await rekeyIfNeeded(db);
  return applied;
}
