// Activities are built from their dependencies; the worker passes real ones, tests pass a real
// test database.
import type { Db } from '../db/connect.ts';
import type { Config } from '../runtime/config.ts';

export interface ActivityDeps {
  db: Db;
  config: Pick<Config, 'dataDir' | 'chunkRows'>;
}

export interface BatchRef {
  batchId: string;
}
