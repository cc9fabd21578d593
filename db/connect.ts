// One knex instance per process. pg returns bigint and numeric as strings by default; counts in
// this project fit in a JS number, so bigint (int8) is parsed, while numeric stays a string to
// keep amounts exact.
import knexFactory from 'knex';
import type { Knex } from 'knex';
import pg from 'pg';

pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Db = Knex;

export function connectDb(databaseUrl: string, poolMax = 10): Db {
  return knexFactory({
    client: 'pg',
    connection: { connectionString: databaseUrl, application_name: 'credit-data-factory' },
    pool: { min: 0, max: poolMax },
  });
}
