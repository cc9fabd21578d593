// The exchange area (前置库): a schema of the factory's own database where an agency without an API
// or a reachable database writes its rows, and from which the factory pulls them like any other
// source (connectors/sql-pull). The application role may create tables here and nowhere else
// (db/app-role.ts grants it), so setting up an agency's exchange table needs no owner's hand; the
// demo keeps its stand-in for the registration authority's database here.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.raw('create schema if not exists front');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('drop schema if exists front cascade');
}
