// A worker process killed (SIGKILL) in the middle of a batch: Temporal gives the step to a new
// worker after the heartbeat timeout, the step resumes from its last heartbeat, and the batch
// finishes with exactly the counts it would have had.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { repoRoot, runCdf } from './helpers/cli.ts';
import { deliveredBySubscription } from './helpers/deliveries.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { writePenaltyCsv } from '../bench/generate/uniform-penalty-csv.ts';

const ROWS = 60_000;
let f: TestFactory;
const workers: ChildProcess[] = [];

function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(repoRoot, 'worker', 'main.ts')], {
    env,
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  workers.push(child);
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout.on('data', (d: Buffer) => {
      seen += d.toString();
      if (seen.includes('worker ready')) resolve(child);
    });
    child.stderr.on('data', (d: Buffer) => { seen += d.toString(); });
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready:\n${seen}`)));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  f = await createTestFactory({ chunkRows: 500, inProcessWorker: false });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
});
afterAll(async () => {
  for (const w of workers) w.kill('SIGKILL');
  await f?.close();
});

it('finishes a batch with correct counts after its worker is killed mid-step', async () => {
  const file = path.join(f.config.dataDir, 'big.csv');
  await writePenaltyCsv(file, ROWS);
  const first = await startWorkerProcess(f.env);
  const { batchId } = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  const db = f.database.db;
  // Kill as soon as the clean step has committed some chunks but not all.
  let cleaned = 0;
  for (let i = 0; i < 1200; i++) {
    const [{ n }] = (await db('clean_rows').where({ batch_id: batchId }).count({ n: '*' })) as [{ n: number }];
    cleaned = n;
    if (cleaned > 0) break;
    await sleep(50);
  }
  first.kill('SIGKILL');
  expect(cleaned, 'the clean step should have started before the kill').toBeGreaterThan(0);
  expect(cleaned, 'the kill should land before the clean step ends (else this test proves nothing)').toBeLessThan(ROWS);
  expect(await db('batch_steps').where({ batch_id: batchId, step: 'clean' }).first()).toBeUndefined();

  await startWorkerProcess(f.env);
  const batch = await waitForBatch(f.ctx, batchId);
  expect(batch.status).toBe('done');
  expect(batch.counts).toMatchObject({ received: ROWS, accepted: ROWS, rejected: 0, new: ROWS, duplicates: 0, conflicts: 0, goldenCreated: ROWS });
  expect((await deliveredBySubscription(db, batchId)).city_credit_platform).toBe(ROWS);
  expect(await db('clean_rows').where({ batch_id: batchId }).count({ n: '*' })).toEqual([{ n: ROWS }]);
  expect(await db('golden_records').count({ n: '*' })).toEqual([{ n: ROWS }]);

  // The history shows the clean step's parts (60,000 rows: six parts of CDF_PART_ROWS) were
  // started again on the new worker.
  const history = await f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId)).fetchHistory();
  const scheduled = new Map<string, string>();
  const attempts: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) scheduled.set(String(e.eventId), s.activityType?.name ?? '');
    const st = e.activityTaskStartedEventAttributes;
    const name = st && (scheduled.get(String(st.scheduledEventId)) ?? '?');
    if (st && name) attempts[name] = Math.max(st.attempt ?? 1, attempts[name] ?? 0);
  }
  expect(attempts.cleanPart).toBeGreaterThan(1);
});
