// The application role: the API and the workers log in as a role that may read and change rows
// and nothing else (no DDL, not the tables' owner, no superuser). Migrations run as the owner and
// grant this role its rights after every run, so tables a later migration adds are covered too.
import pg from 'pg';
import type { Db } from './connect.ts';

/** The role `cdf start` creates for the API and the workers. */
export const APP_ROLE = 'cdf_app';

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function identifier(role: string): string {
  if (!ROLE_NAME.test(role)) throw new Error(`"${role}" is not a plain role name (lower-case letters, digits and _)`);
  return `"${role}"`;
}

/** Whether the connected user may create and alter roles (a superuser, or CREATEROLE). */
export async function mayCreateRoles(db: Db): Promise<boolean> {
  const { rows } = await db.raw<{ rows: { may: boolean }[] }>(
    'select rolsuper or rolcreaterole as may from pg_roles where rolname = current_user',
  );
  return rows[0]?.may === true;
}

export async function roleExists(db: Db, role: string): Promise<boolean> {
  const { rows } = await db.raw<{ rows: unknown[] }>('select 1 from pg_roles where rolname = ?', [role]);
  return rows.length > 0;
}

/** Creates the role, or brings an existing one back to exactly these attributes and password.
 * A utility statement takes no bind parameters, so the password is quoted as a literal. */
export async function ensureAppRole(db: Db, role: string, password: string): Promise<void> {
  const verb = (await roleExists(db, role)) ? 'alter' : 'create';
  await db.raw(
    `${verb} role ${identifier(role)} with login nosuperuser nocreatedb nocreaterole noreplication nobypassrls noinherit ` +
      `password ${pg.escapeLiteral(password)}`,
  );
}

/** Rights of the application role in the connected database, as its owner grants them: connect and
 * temporary tables; creating tables in the exchange area (schema front); read and change rows of every table (the migration ledger: read only); use
 * sequences; MAINTAIN (PostgreSQL 17+) so the pipeline's ANALYZE refreshes the planner's figures
 * (older servers skip a non-owner's ANALYZE with a warning). Default privileges give tables the
 * owner creates later the same rights. Idempotent. */
export async function grantAppRole(db: Db, role: string): Promise<void> {
  const r = identifier(role);
  const { rows } = await db.raw<{ rows: { db: string; version: number }[] }>(
    `select current_database() as db, current_setting('server_version_num')::int as version`,
  );
  const { db: database, version } = rows[0]!;
  const dml = `select, insert, update, delete${version >= 170000 ? ', maintain' : ''}`;
  await db.transaction(async (trx) => {
    await trx.raw(`grant connect, temporary on database "${database.replace(/"/g, '""')}" to ${r}`);
    await trx.raw(`grant usage on schema public to ${r}`);
    await trx.raw(`grant ${dml} on all tables in schema public to ${r}`);
    await trx.raw(`grant usage on all sequences in schema public to ${r}`);
    await trx.raw(`alter default privileges in schema public grant ${dml} on tables to ${r}`);
    await trx.raw(`alter default privileges in schema public grant usage on sequences to ${r}`);
    // The exchange area (migration front_exchange): agencies' exchange tables are made and filled here.
    const { rows: front } = await trx.raw<{ rows: unknown[] }>(`select 1 from pg_namespace where nspname = 'front'`);
    if (front.length) await trx.raw(`grant usage, create on schema front to ${r}`);
    // The migration ledger says which schema the code may assume: the application only reads it.
    for (const ledger of ['knex_migrations', 'knex_migrations_lock']) {
      const { rows: found } = await trx.raw<{ rows: unknown[] }>(`select to_regclass(?) as t where to_regclass(?) is not null`, [ledger, ledger]);
      if (found.length) await trx.raw(`revoke insert, update, delete${version >= 170000 ? ', maintain' : ''} on ${ledger} from ${r}`);
    }
  });
}
