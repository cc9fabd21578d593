// What the API and the CLI need to act: configuration, the database and a Temporal client.
import { Client, Connection } from '@temporalio/client';
import { connectDb } from '../db/connect.ts';
import type { Db } from '../db/connect.ts';
import type { Config } from '../runtime/config.ts';

export interface ServiceContext {
  config: Config;
  db: Db;
  temporal: Client;
  close(): Promise<void>;
}

export async function openContext(config: Config, databaseUrl: string, temporalAddress: string): Promise<ServiceContext> {
  const db = connectDb(databaseUrl);
  const connection = await Connection.connect({ address: temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  return {
    config, db, temporal,
    async close() {
      await connection.close();
      await db.destroy();
    },
  };
}
