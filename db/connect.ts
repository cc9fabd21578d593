// One knex instance per process. pg returns bigint and numeric as strings by default; counts in
// this project fit in a JS number, so bigint (int8) is parsed, while numeric stays a string to
// keep amounts exact.
import knexFactory from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import type { Secret } from '../domain/secret.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Knex;

/** The URL as configured (a Secret, revealed here, where it is really used) or one a test or the
 * runtime built itself. */
export function connectDb(databaseUrl: string | Secret, poolMax = 10): Db {
  const connectionString = typeof databaseUrl === 'string' ? databaseUrl : databaseUrl.reveal();
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'credit-data-factory' },
    pool: { min: 0, max: poolMax },
  });
}
