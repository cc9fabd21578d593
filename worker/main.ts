// The worker process: runs ingestBatch workflows and their activities until SIGINT or SIGTERM,
// after making sure the daily publication-expiry schedule exists.
// `cdf start` launches it with DATABASE_URL and TEMPORAL_ADDRESS set; in production it is the
// `worker` service, scaled to as many replicas as the load needs.
import { Client, Connection } from '@temporalio/client';
import { connectDb } from '../db/connect.ts';
import { systemClock } from '../domain/clock.ts';
import { loadConfig } from '../runtime/config.ts';
import { ensureExpirySchedule, expiryScheduleId } from '../runtime/schedules.ts';
import { createWorker } from './create-worker.ts';

const config = loadConfig();
if (!config.databaseUrl || !config.temporalAddress) {
  console.error('worker: DATABASE_URL 和 TEMPORAL_ADDRESS 必须设置 / DATABASE_URL and TEMPORAL_ADDRESS must be set (cdf start sets them)');
  process.exit(2);
}
const db = connectDb(config.databaseUrl);
const { worker, connection } = await createWorker({
  address: config.temporalAddress, namespace: config.temporalNamespace, taskQueue: config.taskQueue,
  deps: { db, config, clock: systemClock },
});
const client = new Client({ connection: await Connection.connect({ address: config.temporalAddress }), namespace: config.temporalNamespace });
console.log(`schedule ${expiryScheduleId(config.taskQueue)}: ${await ensureExpirySchedule(client, config.taskQueue)}`);
await client.connection.close();
console.log(`worker ready: task queue ${config.taskQueue} on ${config.temporalAddress}`);
await worker.run();
await connection.close();
await db.destroy();
