// The worker process: runs ingestBatch workflows and their activities until SIGINT or SIGTERM,
// after making sure the daily publication-expiry schedule exists.
// `cdf start` launches it with DATABASE_URL and TEMPORAL_ADDRESS set; in production it is the
// `worker` service, scaled to as many replicas as the load needs.
import { Client, Connection } from '@temporalio/client';
import { connectDb, PIPELINE_SESSION } from '../db/connect.ts';
import { closeCleanThreads } from '../activities/clean/threads.ts';
import { systemClock } from '../domain/clock.ts';
import { partsTaskQueue } from '../domain/pipeline.ts';
import { loadConfig } from '../runtime/config.ts';
import { ensureExpirySchedule, ensureStrandedSchedule, expiryScheduleId, strandedScheduleId } from '../runtime/schedules.ts';
import { syncPullSchedules } from '../services/pulls/schedules.ts';
import { createWorker } from './create-worker.ts';

const config = loadConfig();
if (!config.databaseUrl || !config.temporalAddress) {
  console.error('worker: DATABASE_URL 和 TEMPORAL_ADDRESS 必须设置 / DATABASE_URL and TEMPORAL_ADDRESS must be set (cdf start sets them)');
  process.exit(2);
}
const db = connectDb(config.databaseUrl, 10, PIPELINE_SESSION);
const { worker, connection } = await createWorker({
  address: config.temporalAddress, namespace: config.temporalNamespace, taskQueue: config.taskQueue,
  deps: { db, config, clock: systemClock },
});
const client = new Client({ connection: await Connection.connect({ address: config.temporalAddress }), namespace: config.temporalNamespace });
console.log(`schedule ${expiryScheduleId(config.taskQueue)}: ${await ensureExpirySchedule(client, config.taskQueue)}`);
console.log(`schedule ${strandedScheduleId(config.taskQueue)}: ${await ensureStrandedSchedule(client, config.taskQueue)}`);
// The catalogue's pulls, as the active catalogue has them now (an import since the last start, or a
// Temporal server that lost its schedules, is caught up here).
// A failure here is logged, not fatal: the worker's own work does not depend on it, and the next
// catalogue import or worker start brings the schedules in line again.
await syncPullSchedules(client, db, config).then(
  (p) => console.log(`pull schedules: ${p.created.length} created, ${p.updated.length} updated, ${p.deleted.length} deleted, ${p.unchanged} unchanged`),
  (e: unknown) => console.error(`pull schedules: 未能同步 / not brought in line: ${e instanceof Error ? e.message : String(e)}`),
);
await client.connection.close();
console.log(`worker ready: task queues ${config.taskQueue}, ${partsTaskQueue(config.taskQueue)} on ${config.temporalAddress}`);
await worker.run();
await closeCleanThreads();
await connection.close();
await db.destroy();
