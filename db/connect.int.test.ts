// The connections' session settings: every connection checks its client's socket (an orphaned
// backend ends), and the pipeline's connections run each statement without parallel workers.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase } from '../test/helpers/factory.ts';
import type { TestDatabase } from '../test/helpers/factory.ts';
import { connectDb, PIPELINE_SESSION } from './connect.ts';
import type { Db } from './connect.ts';

let database: TestDatabase;
let pipeline: Db;

beforeAll(async () => {
  database = await createTestDatabase();
  pipeline = connectDb(database.url, 1, PIPELINE_SESSION);
});
afterAll(async () => {
  await pipeline?.destroy();
  await database?.drop();
});

const setting = async (db: Db, name: string): Promise<string> =>
  ((await db.raw<{ rows: Array<{ v: string }> }>('select current_setting(?) as v', [name])).rows[0]!.v);

it('runs the pipeline\'s statements serially, and leaves other connections the server\'s parallelism', async () => {
  expect(await setting(pipeline, 'max_parallel_workers_per_gather')).toBe('0');
  expect(await setting(database.db, 'max_parallel_workers_per_gather')).not.toBe('0');
  for (const db of [pipeline, database.db]) expect(await setting(db, 'client_connection_check_interval')).toBe('2s');
});
