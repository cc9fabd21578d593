// Activities are built from their dependencies; the worker passes real ones, tests pass a real
// test database (and, when a test needs a particular day, a fixed clock).
import type { Db } from '../db/connect.ts';
import type { Clock } from '../domain/clock.ts';
import type { Config } from '../runtime/config.ts';

export interface ActivityDeps {
  db: Db;
  /** The whole typed configuration the worker read at start: a step reads the keys it needs. */
  config: Config;
  /** The time and China's calendar day for business decisions (the day a delivery is made on, the
   * end of publication); heartbeat throttling and durations may use the process clock. */
  clock: Clock;
}

export interface BatchRef {
  batchId: string;
}
