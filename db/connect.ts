// One knex instance per process. pg returns bigint and numeric as strings by default; counts in
// this project fit in a JS number, so bigint (int8) is parsed, while numeric stays a string to
// keep amounts exact.
import knexFactory from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';
import type { Secret } from '../domain/secret.ts';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Knex;

/** Session settings of the pipeline's connections (the worker's and its clean threads'). A step's
 * statement runs beside other parts' statements and the worker's own JavaScript, which already
 * keep the cores busy: a statement's parallel workers only take turns on the same cores. On two
 * cores, distribute's page of 10,000 records took 100-120 ms with two parallel workers and 61-76 ms
 * without (warm, on the 1,000,000-row store), in three processes' CPU against one's. */
export const PIPELINE_SESSION = ['-c max_parallel_workers_per_gather=0'];

/** The URL as configured (a Secret, revealed here, where it is really used) or one a test or the
 * runtime built itself; `session` adds settings to every connection (PIPELINE_SESSION). */
export function connectDb(databaseUrl: string | Secret, poolMax = 10, session: readonly string[] = []): Db {
  const connectionString = typeof databaseUrl === 'string' ? databaseUrl : databaseUrl.reveal();
  // A worker killed mid-statement leaves its backend running (PostgreSQL notices a lost client
  // only when it next talks to it) and holding the step's row and advisory locks, so the retry
  // waits; checking the socket every 2 s ends such an orphan and frees its locks (PostgreSQL 14+).
  const options = ['-c client_connection_check_interval=2000', ...session].join(' ');
  return knexFactory({
    client: 'pg',
    connection: { connectionString, application_name: 'credit-data-factory', options },
    pool: { min: 0, max: poolMax },
  });
}
