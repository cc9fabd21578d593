// Two batches of one dataset in flight together: both compare before either syncs, so both see
// their shared keys as new. The second sync must not merge its copies into the first's records
// unseen: equal copies become duplicates, differing ones conflicts for a steward.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createActivities } from '../activities/index.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
beforeAll(async () => {
  // No worker polls this factory's task queue: the test runs the activities itself, in the order
  // that a busy day could produce.
  f = await createTestFactory({ inProcessWorker: false });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
});
afterAll(async () => f?.close());

it('classifies again at sync what another batch created after compare', async () => {
  // Batch A: the city regulator's own upload. Batch B: the national vertical copy of the same
  // rows, where the fine of 津市场监管罚〔2025〕103号 differs.
  const original = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8');
  const copy = path.join(f.config.dataDir, 'vertical.csv');
  writeFileSync(copy, original.replace('罚款3万元，没收违法所得1.2万元,3,', '罚款3万元，没收违法所得1.2万元,4,'));
  const admin = parseIdentity('admin@test');
  const a = await uploadFile(f.ctx, admin, HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  const b = await uploadFile(f.ctx, admin, copy, { agency: 'national_vertical', dataset: 'admin_penalty' });

  const acts = createActivities({ db: f.database.db, config: f.config, clock: f.clock });
  const env = new MockActivityEnvironment();
  for (const id of [a.batchId, b.batchId]) {
    await env.run(acts.receive, { batchId: id });
    await env.run(acts.clean, { batchId: id });
    await env.run(acts.link, { batchId: id });
    await env.run(acts.compare, { batchId: id });
  }
  const db = f.database.db;
  const newInB = await db('clean_rows').where({ batch_id: b.batchId, class: 'new' }).count({ n: '*' });
  expect(newInB, 'both batches see the shared keys as new before either syncs').toEqual([{ n: 8 }]);

  await env.run(acts.sync, { batchId: a.batchId });
  await env.run(acts.sync, { batchId: b.batchId });

  expect(await db('golden_records').count({ n: '*' })).toEqual([{ n: 8 }]);
  const rows = (await db('clean_rows').where({ batch_id: b.batchId }).orderBy('row_no').select('row_no', 'class')) as Array<{ row_no: number; class: string }>;
  expect(rows.filter((r) => r.class === 'conflict').map((r) => r.row_no)).toEqual([3, 8]);
  expect(rows.filter((r) => r.class === 'duplicate').map((r) => r.row_no)).toEqual([1, 2, 4, 5, 6, 7, 10, 12]);
  const sourcesB = (await db('record_sources').where({ batch_id: b.batchId }).select('role')) as Array<{ role: string }>;
  expect(sourcesB.every((s) => s.role === 'duplicate')).toBe(true);
  expect(sourcesB).toHaveLength(8);
});
