// Migrations are the only way the schema changes. The list is read from db/migrations/ (files
// named <timestamp>_<what>.ts, applied in name order), so it cannot drift from the folder.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Knex } from 'knex';
import type { Db } from './connect.ts';
import { rekeyIfNeeded } from './maintenance/rekey.ts';
import { APP_ROLE, grantAppRole, roleExists } from './app-role.ts';

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

/** Applies the migrations as the tables' owner, then recomputes keys and hashes made by functions
 * that changed since the data was keyed (db/maintenance/rekey.ts), then grants the application role
 * its rights (db/app-role.ts): the one named, else `cdf_app` when it exists (the production layout
 * creates it), else none — the factory then runs unseparated, as the migrating user. */
export async function migrate(db: Db, opts: { appRole?: string } = {}): Promise<string[]> {
  const [, applied] = (await db.migrate.latest({ migrationSource: source })) as [number, string[]];
  await rekeyIfNeeded(db);
  const role = opts.appRole ?? ((await roleExists(db, APP_ROLE)) ? APP_ROLE : undefined);
  if (role) await grantAppRole(db, role);
  return applied;
}
