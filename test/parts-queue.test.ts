// Two worker processes share one batch's clean parts. Each process takes from the parts queue only
// as many parts as it runs at once (its clean slots), so the rest wait on the queue for whichever
// process frees a slot first; on the batch's own queue, with eight activity slots, the first
// process took the parts it could not yet start and the second stayed idle.
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cleanSlots } from '../activities/part-slots.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { writePenaltyCsv } from '../bench/generate/uniform-penalty-csv.ts';
import { runCdf } from './helpers/cli.ts';
import { superviseWorker } from './helpers/faults-worker.ts';
import type { SupervisedWorker } from './helpers/faults-worker.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

/** temporal.api.enums.v1.PendingActivityState.PENDING_ACTIVITY_STATE_STARTED: a worker holds the task. */
const STARTED = 2;
const ROWS = 60_000; // six clean parts of CDF_PART_ROWS (10,000)
let f: TestFactory;
const workers: SupervisedWorker[] = [];

beforeAll(async () => {
  f = await createTestFactory({ chunkRows: 500, inProcessWorker: false });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  for (const n of [1, 2]) workers.push(superviseWorker(f.env, path.join(f.config.dataDir, `worker-${n}.log`)));
  await Promise.all(workers.map((w) => w.ready()));
}, 120_000);
afterAll(async () => {
  for (const w of workers) await w.stop();
  await f?.close();
});

it('spreads one batch\'s clean parts over both worker processes, neither holding more than it runs', async () => {
  const file = path.join(f.config.dataDir, 'parts.csv');
  await writePenaltyCsv(file, ROWS);
  const { batchId } = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  const handle = f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId));
  // While the batch runs: the parts each process has started and not finished.
  const most = new Map<string, number>();
  let sampling = true;
  const sample = (async () => {
    while (sampling) {
      const pending = (await handle.describe()).raw.pendingActivities ?? [];
      const held = new Map<string, number>();
      for (const a of pending) {
        const part = a.activityType?.name === 'cleanPart';
        if (part && a.state === STARTED) held.set(a.lastWorkerIdentity!, (held.get(a.lastWorkerIdentity!) ?? 0) + 1);
      }
      for (const [who, n] of held) most.set(who, Math.max(most.get(who) ?? 0, n));
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const batch = await waitForBatch(f.ctx, batchId);
  sampling = false;
  await sample;
  expect(batch.counts).toMatchObject({ accepted: ROWS, new: ROWS, goldenCreated: ROWS });
  // Both processes ran parts of the one batch; neither held more parts than it has slots.
  const history = await handle.fetchHistory();
  const byWorker = new Set<string>();
  const partsQueue = new Set<string>();
  const scheduled = new Map<string, string>();
  for (const e of history.events ?? []) {
    const s = e.activityTaskScheduledEventAttributes;
    if (s) {
      scheduled.set(String(e.eventId), s.activityType?.name ?? '');
      if (s.activityType?.name === 'cleanPart') partsQueue.add(s.taskQueue?.name ?? '');
    }
    const st = e.activityTaskStartedEventAttributes;
    if (st && scheduled.get(String(st.scheduledEventId)) === 'cleanPart') byWorker.add(st.identity ?? '');
  }
  expect([...partsQueue]).toEqual([`${f.config.taskQueue}-parts`]);
  expect(byWorker.size).toBe(2);
  expect(most.size).toBeGreaterThan(0);
  for (const [who, n] of most) expect(n, `parts held at once by ${who}`).toBeLessThanOrEqual(cleanSlots.size);
}, 240_000);
