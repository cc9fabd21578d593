// The pipeline contract on real Temporal and PostgreSQL: a batch's workflow runs the contract's
// steps in its order, and a credit repair's tombstones go out as a Temporal workflow run of their
// own (retried on the worker, in Temporal's history), reaching the subscribers as before, also
// when no worker is up at the moment of the repair.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { chinaToday } from '../domain/china-day.ts';
import { stepOfActivity } from '../domain/pipeline.ts';
import { repairRecord } from '../services/credit-repair.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { creditRepairWorkflowId, PIPELINE_STEPS } from '../workflows/contract.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CITY_MARKET = '111200000000100140';
const NANKAI = '91120104300010024R';
const day = (offset: number): string => chinaToday(new Date(Date.now() + offset * 86_400_000));
const HEADER =
  'subject_name,subject_category,subject_uscc,legal_rep,subject_id_type,subject_id_no,decision_no,violation_type,facts,legal_basis,' +
  'penalty_types,penalty_content,fine_amount,decision_date,valid_until,authority_name,authority_uscc,source_agency_name,source_agency_uscc';
// Decided four months ago: past the minimum publicity, so a repair is allowed. Two penalties of
// one subject, different enough not to be taken for one another (no steward item holds the batch).
const row = (no: number, wan: number) => ['天津南开区鸿运商贸有限公司', '法人及非法人组织', NANKAI, '李明', '', '', `津市场监管罚〔2025〕${no}号`, '价格违法', '未明码标价',
  '《价格法》第四十二条', '罚款', `罚款${wan}万元`, String(wan), day(-120), day(300), '市市场监督管理委员会', CITY_MARKET, '市市场监督管理委员会', CITY_MARKET].join(',');

let f: TestFactory;
let batchId: string;
const who = parseIdentity('steward@test');
const BASIS = '《信用修复管理办法》第十条';

const recordId = async (no: number): Promise<number> =>
  ((await f.database.db('golden_records').whereRaw(`fields->>'decision_no' = ?`, [`津市场监管罚〔2025〕${no}号`]).first('id')) as { id: number }).id;

/** The activity types a workflow run scheduled, in order, from its Temporal history. */
async function scheduledActivities(workflowId: string): Promise<string[]> {
  const history = await f.ctx.temporal.workflow.getHandle(workflowId).fetchHistory();
  return (history.events ?? []).flatMap((e) => e.activityTaskScheduledEventAttributes?.activityType?.name ?? []);
}

async function tombstones(goldenId: number) {
  return f.database.db('deliveries').whereLike('idempotency_key', `%:${batchId}:record${goldenId}:repair-v2`).orderBy('subscription_id')
    .select('subscription_id', 'tombstones', 'withheld', 'status');
}

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const file = path.join(f.config.dataDir, 'contract.csv');
  writeFileSync(file, [HEADER, row(11, 0.2), row(48, 3)].join('\n'));
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
  expect((await waitForBatch(f.ctx, batchId)).counts).toMatchObject({ accepted: 2, goldenCreated: 2 });
}, 60_000);
afterAll(async () => f?.close());

it('runs the contract\'s steps, in its order, in the batch\'s workflow', async () => {
  // The batch is done (waitForBatch), so its steps and finish are in the history. Clean, compare and
  // distribute run in parts (plan, parts at once, finish): each is one step of the contract.
  const ran = await scheduledActivities(workflowIdFor(batchId));
  expect(ran).toContain('cleanPart');
  expect(ran).toContain('comparePart');
  expect(ran).toContain('distributeTo');
  const steps = ran.map(stepOfActivity).filter((s, i, all) => s !== all[i - 1]);
  expect(steps.slice(0, PIPELINE_STEPS.length)).toEqual([...PIPELINE_STEPS]);
  expect(steps[PIPELINE_STEPS.length]).toBe('finish');
});

it('delivers a credit repair as a workflow run of its own, the tombstone reaching the subscribers as before', async () => {
  const id = await recordId(11);
  const out = await repairRecord(f.ctx, who, id, { basis: BASIS });
  expect(out).toMatchObject({ goldenId: id, status: 'repaired', version: 2, delivered: 2, deliveryPending: false });
  expect(out.deliveryWorkflowId).toBe(creditRepairWorkflowId(batchId, id, 2));
  const run = await f.ctx.temporal.workflow.getHandle(creditRepairWorkflowId(batchId, id, 2)).describe();
  expect(run).toMatchObject({ type: 'creditRepair', taskQueue: f.config.taskQueue });
  expect(run.status.name).toBe('COMPLETED');
  expect(await scheduledActivities(run.workflowId)).toEqual(['deliverRepair']);
  // The public site and the city platform receive the tombstone; Binhai's platform may not (the
  // subject is registered in Nankai).
  expect(await tombstones(id)).toEqual([
    { subscription_id: 'binhai_platform_penalties', tombstones: 0, withheld: 1, status: 'delivered' },
    { subscription_id: 'city_credit_platform', tombstones: 1, withheld: 0, status: 'delivered' },
    { subscription_id: 'public_disclosure_outbox', tombstones: 1, withheld: 0, status: 'delivered' },
  ]);
  const dir = path.join(f.config.dataDir, 'outbox', 'public_disclosure_outbox');
  const sent = readdirSync(dir).filter((n) => n.includes(`record${id}_repair-v2`))
    .flatMap((n) => readFileSync(path.join(dir, n), 'utf8').trim().split('\n'))
    .map((l) => JSON.parse(l) as { op: string; goldenId: number });
  expect(sent).toEqual([expect.objectContaining({ op: 'tombstone', goldenId: id })]);
  // A repeated repair is refused and sends nothing again.
  await expect(repairRecord(f.ctx, who, id, { basis: BASIS })).rejects.toMatchObject({ code: 'CDF_REPAIR_NOT_ACTIVE' });
  expect(await tombstones(id)).toHaveLength(3);
});

it('tells the caller a delivery is pending while no worker runs, and Temporal delivers it when one does', async () => {
  const id = await recordId(48);
  await f.stopWorker();
  try {
    const out = await repairRecord(f.ctx, who, id, { basis: BASIS, waitMs: 500 });
    expect(out).toMatchObject({ status: 'repaired', version: 2, delivered: 0, deliveryPending: true });
  } finally {
    await f.startWorker();
  }
  await expect(f.ctx.temporal.workflow.getHandle(creditRepairWorkflowId(batchId, id, 2)).result()).resolves.toEqual({ delivered: 2 });
  // Its own tombstones: the other record repaired to the same version in the same batch does not stand in for them.
  expect((await tombstones(id)).map((d) => d.tombstones)).toEqual([0, 1, 1]);
});
