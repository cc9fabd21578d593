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
    // A worker killed mid-statement leaves its backend running (PostgreSQL notices a lost client
    // only when it next talks to it) and holding the step's row and advisory locks, so the retry
    // waits; checking the socket every 2 s ends such an orphan and frees its locks (PostgreSQL 14+).
    connection: { connectionString, application_name: 'credit-data-factory', options: '-c client_connection_check_interval=2000' },
    pool: { min: 0, max: poolMax },
  });
}
