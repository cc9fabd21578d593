// A steward item left undecided past the configured time is escalated by the batch's workflow
// (a durable timer, not a cron): it is marked and listed first, and the workflow keeps waiting.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
// 0.0005 hours: 1.8 seconds.
beforeAll(async () => {
  f = await createTestFactory({ env: { CDF_STEWARD_ESCALATE_HOURS: '0.0005' } });
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
}, 60_000);
afterAll(async () => f?.close());

it('escalates an item left undecided, lists it first, and goes on waiting', async () => {
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitForBatch(f.ctx, up.batchId);
  const db = f.database.db;
  let escalated: { escalated_at: Date | null } | undefined;
  for (let i = 0; i < 100 && !escalated?.escalated_at; i++) {
    escalated = await db('steward_tasks').where({ batch_id: up.batchId, kind: 'conflict' }).first('escalated_at');
    if (!escalated?.escalated_at) await new Promise((r) => setTimeout(r, 100));
  }
  expect(escalated?.escalated_at).toBeInstanceOf(Date);
  const list = await runCdf(['conflicts', 'list'], f.env);
  expect(list.stdout.split('\n')[0]).toContain('（已升级）');
  expect((await f.ctx.temporal.workflow.getHandle(workflowIdFor(up.batchId)).describe()).status.name).toBe('RUNNING');
}, 60_000);
