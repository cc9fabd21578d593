// An upload that meets Temporal unreachable: the file is received and recorded (its batch, its
// landed copy, the audit entry), the sender is told so in plain words with the batch's id, and the
// stranded-batch sweep starts the batch once Temporal answers; a wait for the batch rides out the
// outage instead of failing. The unreachable Temporal is a real client on a port nobody listens on.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { connectDb } from '../db/connect.ts';
import { isCdfError } from '../domain/errors.ts';
import type { CdfError } from '../domain/errors.ts';
import { ensureStrandedSchedule, strandedScheduleId } from '../runtime/schedules.ts';
import { importDemoCatalog } from '../services/demo.ts';
import type { ServiceContext } from '../services/context.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { createWorker } from '../worker/create-worker.ts';
import { buildApp } from '../server/app.ts';
import { startStrandedBatches } from '../workflows/index.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

const who = parseIdentity('admin@outage');
let f: TestFactory;
let down: ServiceContext;
let downConnection: Connection;

/** A port that was free a moment ago: nothing answers there. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  f = await createTestFactory();
  await importDemoCatalog(f.ctx.db, 'admin@test', f.ctx.config);
  downConnection = Connection.lazy({ address: `127.0.0.1:${await closedPort()}`, connectTimeout: 1000 });
  down = { ...f.ctx, temporal: new Client({ connection: downConnection, namespace: f.config.temporalNamespace }) };
});
afterAll(async () => {
  await downConnection?.close().catch(() => undefined);
  await f?.close();
});

const sweep = () => f.ctx.temporal.workflow.execute(startStrandedBatches, {
  taskQueue: f.config.taskQueue, workflowId: `sweep-${Date.now()}-${Math.random()}`, args: [{ olderThanSeconds: 0 }],
});

it('keeps a file received while Temporal is down, says so, and starts it once Temporal is back', async () => {
  const thrown = await uploadFile(down, who, HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' })
    .then(() => undefined, (e: unknown) => e);
  expect(isCdfError(thrown), String(thrown)).toBe(true);
  const e = thrown as CdfError;
  expect(e.code).toBe('CDF_ORCHESTRATOR_UNAVAILABLE');
  expect(e.kind).toBe('transient');
  const batch = (await f.ctx.db('batches').first('id', 'status', 'landing_path')) as { id: string; status: string; landing_path: string };
  expect(e.message).toContain(`已收到并保存为批次 ${batch.id}`);
  expect(e.message).toContain('admin_penalty_hand_written.csv');
  expect(batch.status).toBe('received');
  expect(existsSync(batch.landing_path)).toBe(true);
  expect(await f.ctx.db('audit_log').where({ kind: 'upload', subject: `batch:${batch.id}` }).count({ n: '*' })).toEqual([{ n: 1 }]);

  // A wait through the unreachable client polls the database and rides out Temporal's silence (it
  // asks Temporal after its twentieth look, about five seconds in), then sees the batch through.
  const waiting = waitForBatch(down, batch.id);
  await new Promise((r) => setTimeout(r, 6000));
  expect((await sweep()).started).toEqual([batch.id]);
  expect((await waiting).status).toBe('done');
  expect((await sweep())).toEqual({ found: 0, started: [] });
});

it('answers such an upload over HTTP with 503, the batch named in the caller\'s language, and when to try again', async () => {
  const app = await buildApp(down);
  let batchId = '';
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const send = async (extra: Record<string, string> = {}) => {
      const form = new FormData();
      form.append('file', new Blob([readFileSync(HAND_WRITTEN_EXTRACT)], { type: 'text/csv' }), 'ecology.csv');
      const res = await fetch(`${base}/api/uploads?agency=city_ecology&dataset=admin_penalty`, {
        method: 'POST', headers: await signedAs(f.database.db, 'agency:city_ecology', extra), body: form,
      });
      const body = (await res.json()) as { code: string; message: string; context: { batchId: string } };
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body };
    };
    const zh = await send();
    expect(zh.status).toBe(503);
    expect(zh.retryAfter).toBe('30');
    expect(zh.body.code).toBe('CDF_ORCHESTRATOR_UNAVAILABLE');
    batchId = zh.body.context.batchId;
    expect(zh.body.message).toBe(`文件 ecology.csv 已收到并保存为批次 ${batchId}，但编排服务（Temporal）暂时无法连接，处理尚未开始；恢复后会自动开始，无需重新上传`);
    // The same file again, asked in English: the same batch, not a second one.
    const en = await send({ 'accept-language': 'en' });
    expect(en.status).toBe(503);
    expect(en.body.context.batchId).toBe(batchId);
    expect(en.body.message).toContain(`file ecology.csv was received and recorded as batch ${batchId}`);
  } finally {
    await app.close();
  }
  expect(await f.ctx.db('batches').where({ agency: 'city_ecology' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  // The sweep starts it, and nothing is left stranded for the tests below.
  expect((await sweep()).started).toEqual([batchId]);
  expect((await waitForBatch(f.ctx, batchId)).status).toBe('done');
});

it('skips a batch whose workflow is already running', async () => {
  // The factory's worker stopped: the upload starts the batch's workflow, which waits, received.
  await f.stopWorker();
  const up = await uploadFile(f.ctx, who, HAND_WRITTEN_EXTRACT, { agency: 'city_tax', dataset: 'admin_penalty' });
  expect(up.batch.status).toBe('received');
  // The sweep on a queue of its own: it finds the batch and leaves its running workflow alone.
  const queue = `${f.config.taskQueue}-sweep`;
  const db = connectDb(f.database.appUrl, 2);
  const { worker, connection } = await createWorker({
    address: inject('temporalAddress'), namespace: f.config.temporalNamespace, taskQueue: queue,
    deps: { db, config: f.config, clock: f.clock }, workflowBundle: { codePath: inject('workflowBundlePath') },
  });
  try {
    const outcome = await worker.runUntil(f.ctx.temporal.workflow.execute(startStrandedBatches, {
      taskQueue: queue, workflowId: `sweep-running-${Date.now()}`, args: [{ olderThanSeconds: 0 }],
    }));
    expect(outcome).toEqual({ found: 1, started: [] });
  } finally {
    await connection.close();
    await db.destroy();
    await f.startWorker();
  }
  expect((await waitForBatch(f.ctx, up.batchId)).status).toBe('done');
});

it('sweeps on a Temporal schedule every five minutes, created once', async () => {
  expect(await ensureStrandedSchedule(f.ctx.temporal, f.config.taskQueue)).toBe('created');
  expect(await ensureStrandedSchedule(f.ctx.temporal, f.config.taskQueue)).toBe('exists');
  const handle = f.ctx.temporal.schedule.getHandle(strandedScheduleId(f.config.taskQueue));
  try {
    const d = await handle.describe();
    expect(d.spec.intervals?.[0]?.every).toBe(300_000);
    expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'startStrandedBatches', taskQueue: f.config.taskQueue });
  } finally {
    await handle.delete();
  }
});
