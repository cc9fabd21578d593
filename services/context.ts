// What the API and the CLI need to act: configuration, the database, a Temporal client and the
// clock that says which day it is in China (a service deciding by the day takes it from here).
import { Client, Connection } from '@temporalio/client';
import { connectDb } from '../db/connect.ts';
import type { Db } from '../db/connect.ts';
import { systemClock } from '../domain/clock.ts';
import type { Clock } from '../domain/clock.ts';
import type { Config } from '../runtime/config.ts';
import type { Secret } from '../domain/secret.ts';

export interface ServiceContext {
  config: Config;
  db: Db;
  temporal: Client;
  clock: Clock;
  close(): Promise<void>;
}

export async function openContext(
  config: Config, databaseUrl: string | Secret, temporalAddress: string, clock: Clock = systemClock,
): Promise<ServiceContext> {
  const db = connectDb(databaseUrl);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  return {
    config, db, temporal, clock,
    async close() {
      await connection.close();
      await db.destroy();
    },
  };
}
