// The steward queue end to end on real Temporal and PostgreSQL: a conflict waits for a steward
// while the rest of its batch is synced and delivered; a malformed or off-standard decision is
// refused to the caller and changes nothing; the steward's update releases the row through sync
// (a new version of the golden record) and distribute, and the batch's workflow then ends.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { decideUpdate } from '../workflows/ingest-batch.ts';
import { runCdf } from './helpers/cli.ts';
import { deliveredBySubscription } from './helpers/deliveries.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
let batchId: string;
let taskId: number;

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
}, 60_000);
afterAll(async () => f?.close());

describe('a conflict', () => {
  it('waits for a steward while the rest of the batch completes', async () => {
    const batch = await waitForBatch(f.ctx, batchId);
    // Row 8 repeats row 2's decision with another fine: the rest is synced and delivered.
    expect(batch.counts).toMatchObject({ conflicts: 1, goldenCreated: 8 });
    expect((await deliveredBySubscription(f.database.db, batchId)).city_credit_platform).toBe(8);
    expect(batch.status).toBe('done');
    const handle = f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId));
    expect((await handle.describe()).status.name).toBe('RUNNING');
    // The batch is marked done first; its workflow then counts the open items and waits.
    let step = '';
    for (let i = 0; i < 50 && step !== 'awaiting_stewards'; i++) {
      step = (await handle.query<{ step: string }>('progress')).step;
      if (step !== 'awaiting_stewards') await new Promise((r) => setTimeout(r, 100));
    }
    expect(step).toBe('awaiting_stewards');
  });

  it('is one queue item with both values side by side, their sources and a suggestion', async () => {
    const r = await runCdf(['conflicts', 'list', '--json'], f.env);
    const tasks = JSON.parse(r.stdout) as Array<{ id: number; kind: string; rowNo: number; detail: Record<string, unknown> }>;
    expect(tasks.map((t) => [t.kind, t.rowNo])).toEqual([['conflict', 8]]);
    taskId = tasks[0]!.id;
    expect(tasks[0]!.detail).toMatchObject({
      rule: 'material_differs', differs: ['fine_amount', 'penalty_content'], suggested: 'take_incoming', suggestedBecause: 'most_recent',
      held: { values: { fine_amount: '0.2' }, batchId, rowNo: 2, source: 'city_market_regulation|agency_upload' },
      incoming: { values: { fine_amount: '0.3' }, batchId, rowNo: 8, source: 'city_market_regulation|agency_upload' },
    });
    const text = await runCdf(['conflicts', 'list'], f.env);
    expect(text.stdout).toContain(`#${taskId}\t数据冲突\t${batchId}:8`);
    expect(text.stdout).toContain('fine_amount: A="0.2" (city_market_regulation|agency_upload)  B="0.3"');
  });

  it('is seen and decided only at the levels it concerns: the city, and the district its subject is registered in', async () => {
    const list = async (as: string) =>
      (JSON.parse((await runCdf(['conflicts', 'list', '--json', '--as', as], f.env)).stdout) as Array<{ id: number }>).map((t) => t.id);
    expect(await list('steward:120000')).toEqual([taskId]);
    expect(await list('steward:120104@nankai')).toEqual([taskId]); // the subject is registered in Nankai
    expect(await list('steward:120116@binhai')).toEqual([]);
    expect(await list('steward:120104001@changhong')).toEqual([]); // a city agency's upload, not the street's
    const elsewhere = await runCdf(['conflicts', 'resolve', String(taskId), '--take', 'A', '--as', 'steward:120116@binhai'], f.env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stderr).toContain(`待处理事项 ${taskId} 不存在`);
  });

  it('has the workflow\'s validator refuse a malformed update before anything enters its history', async () => {
    // Straight to the workflow, past the service's own check: the update validator is the last guard.
    const handle = f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId));
    const refused = await handle.executeUpdate(decideUpdate, { args: [{ taskId, decision: { action: 'flip_a_coin' } as never, decidedBy: 'test' }] })
      .then(() => null, (e: Error & { cause?: Error }) => e);
    expect(refused?.cause?.message).toMatch(/未知的处理方式：flip_a_coin/);
    const events = (await handle.fetchHistory()).events ?? [];
    expect(events.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes || e.workflowExecutionUpdateCompletedEventAttributes)).toEqual([]);
  });

  it('refuses a malformed decision or a value off the standard, and changes nothing', async () => {
    const bad = await runCdf(['conflicts', 'resolve', String(taskId), '--take', 'C'], f.env);
    expect(bad.code).toBe(2);
    const ambiguous = await runCdf(['conflicts', 'resolve', String(taskId), '--value', '0.25'], f.env);
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain('--field');
    const offStandard = await runCdf(['conflicts', 'resolve', String(taskId), '--value', '八千元', '--field', 'fine_amount'], f.env);
    expect(offStandard.code).toBe(1);
    expect(offStandard.stderr).toContain('输入的值不符合数据集标准');
    const agency = await runCdf(['conflicts', 'resolve', String(taskId), '--take', 'B', '--as', 'agency:city_market_regulation'], f.env);
    expect(agency.code).toBe(1);
    expect(await f.database.db('steward_tasks').where({ id: taskId }).first('status')).toEqual({ status: 'open' });
    expect(await f.database.db('golden_versions').count({ n: '*' })).toEqual([{ n: 8 }]);
  });

  it('is released by the steward\'s update through sync and distribute', async () => {
    const r = await runCdf(['conflicts', 'resolve', String(taskId), '--take', 'B', '--note', '以复核后的决定书为准', '--json'], f.env);
    expect(r.stderr).toBe('');
    const outcome = JSON.parse(r.stdout) as { goldenId: number; version: number; open: number };
    expect(outcome).toMatchObject({ taskId, action: 'take_incoming', version: 2, open: 0 });
    const db = f.database.db;
    const g = await db('golden_records').where({ id: outcome.goldenId }).first('version', 'fields');
    expect(g.version).toBe(2);
    expect(g.fields.fine_amount).toBe('0.3');
    expect(await db('golden_versions').where({ golden_id: outcome.goldenId }).orderBy('version').select('version', 'row_no')).toEqual([
      { version: 1, row_no: 2 },
      { version: 2, row_no: 8 },
    ]);
    expect(await db('record_sources').where({ golden_id: outcome.goldenId }).orderBy('row_no').select('row_no', 'role')).toEqual([
      { row_no: 2, role: 'superseded' },
      { row_no: 8, role: 'chosen' },
    ]);
    expect(await db('steward_tasks').where({ id: taskId }).first('status', 'decided_by', 'note')).toEqual({
      status: 'decided',
      decided_by: 'cli',
      note: '以复核后的决定书为准',
    });
    // The city platform receives the decided record (its publicity ended in March 2026: the public site does not).
    const file = path.join(f.config.dataDir, 'outbox', 'city_credit_platform', `city_credit_platform_${batchId}_task${taskId}.ndjson`);
    expect(existsSync(file)).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ op: 'upsert', goldenId: outcome.goldenId, version: 2, fields: { fine_amount: '0.3' } });
    // Nothing left to decide: the batch's workflow ends.
    await f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId)).result();
  });
});

describe('lineage', () => {
  it('traces a field of the decided record back to the cells received, the rules, the link and the decision', async () => {
    const db = f.database.db;
    const { golden_id: goldenId } = (await db('steward_tasks').where({ id: taskId }).first('golden_id')) as { golden_id: number };
    const r = await runCdf(['lineage', String(goldenId), '--field', 'fine_amount', '--json'], f.env);
    expect(r.stderr).toBe('');
    const l = JSON.parse(r.stdout) as {
      record: Record<string, unknown>;
      versions: Array<Record<string, unknown>>;
      sources: Array<{
        rowNo: number;
        role: string;
        received: string;
        value: string;
        agency: string;
        channel: string;
        fileSha256: string;
        cleanChanges: unknown[];
      }>;
      decisions: Array<Record<string, unknown>>;
    };
    expect(l.record).toMatchObject({ id: goldenId, version: 2, value: '0.3' });
    expect(l.versions.map((v) => [v.version, v.rowNo, v.value])).toEqual([
      [1, 2, '0.2'],
      [2, 8, '0.3'],
    ]);
    expect(l.sources.map((s) => [s.rowNo, s.role, s.received, s.value, s.agency, s.channel])).toEqual([
      [2, 'superseded', '0.2', '0.2', 'city_market_regulation', 'agency_upload'],
      [8, 'chosen', '0.3', '0.3', 'city_market_regulation', 'agency_upload'],
    ]);
    // A valid USCC, no registry here to confirm it.
    expect(l.sources[0]).toMatchObject({ fileName: 'admin_penalty_hand_written.csv', catalogVersion: 1, link: { method: 'uscc', confidence: 0.9 } });
    expect(l.sources[0]!.fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(l.decisions).toEqual([expect.objectContaining({ id: taskId, kind: 'conflict', status: 'decided', decidedBy: 'cli', note: '以复核后的决定书为准' })]);
    // A rule that changed a field shows before and after: row 2's date was written 2025/3/15.
    const date = JSON.parse((await runCdf(['lineage', String(goldenId), '--field', 'decision_date', '--json'], f.env)).stdout) as typeof l;
    expect(date.sources[0]!.cleanChanges).toEqual([{ field: 'decision_date', ruleId: 'iso_date', ruleVersion: 3, before: '2025/3/15', after: '2025-03-15' }]);
    const text = await runCdf(['lineage', String(goldenId), '--field', 'fine_amount'], f.env);
    expect(text.stdout).toContain(`来源 ${batchId}:8 (chosen)`);
  });

  it('traces a batch row forward to the record, its version and the deliveries', async () => {
    const r = await runCdf(['lineage', '--batch', batchId, '--row', '8', '--json'], f.env);
    const l = JSON.parse(r.stdout) as {
      rows: Array<{ rowNo: number; role: string }>;
      versions: Array<{ version: number }>;
      deliveries: Array<{ key: string }>;
    };
    expect(l.rows).toEqual([expect.objectContaining({ rowNo: 8, role: 'chosen' })]);
    expect(l.versions.map((v) => v.version)).toEqual([2]);
    expect(l.deliveries.map((d) => d.key)).toEqual(
      expect.arrayContaining([`public_disclosure_outbox:${batchId}`, `public_disclosure_outbox:${batchId}:task${taskId}`]),
    );
    expect((await runCdf(['lineage', '--batch', batchId, '--as', 'agency:city_market_regulation'], f.env)).code).toBe(1);
  });
});

describe('decisions are durable knowledge', () => {
  const copy = (name: string, row2: string) => {
    // The extract again from another channel, row 2 (the decision's other side) as given.
    const text = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8').replace('罚款,罚款2000元,0.2,2025/3/15', row2);
    const file = path.join(f.config.dataDir, name);
    writeFileSync(file, text);
    return file;
  };

  it('settles the same conflict arriving again by the earlier decision, and cites it', async () => {
    // The national vertical feed relays the file: its row 2 carries the value the steward overruled.
    const up = await uploadFile(f.ctx, parseIdentity('admin@test'), copy('vertical.csv', '罚款,罚款2000元,0.2,2025/3/15'), {
      agency: 'national_vertical',
      dataset: 'admin_penalty',
    });
    await waitForBatch(f.ctx, up.batchId);
    const db = f.database.db;
    const task = await db('steward_tasks').where({ batch_id: up.batchId, row_no: 2 }).first('status', 'decided_by', 'decision');
    expect(task).toMatchObject({ status: 'decided', decided_by: 'earlier_decision', decision: { cites: taskId, decision: { action: 'take_incoming' } } });
    expect(await db('record_sources').where({ batch_id: up.batchId, row_no: 2 }).first('role')).toEqual({ role: 'overruled' });
    expect(await db('record_sources').where({ batch_id: up.batchId, row_no: 8 }).first('role')).toEqual({ role: 'duplicate' });
    // Nothing was left for a steward: the workflow has ended.
    await f.ctx.temporal.workflow.getHandle(workflowIdFor(up.batchId)).result();
  });

  it('reopens a decision when a source behind it changes', async () => {
    const up = await uploadFile(f.ctx, parseIdentity('admin@test'), copy('platform.csv', '罚款,罚款4000元,0.4,2025/3/15'), {
      agency: 'binhai_platform',
      dataset: 'admin_penalty',
    });
    await waitForBatch(f.ctx, up.batchId);
    const db = f.database.db;
    const fresh = await db('steward_tasks').where({ batch_id: up.batchId, row_no: 2 }).first('status', 'detail');
    expect(fresh.status).toBe('open');
    // The steward's decision, and the one that cited it, are both reopened.
    expect(fresh.detail.reopens).toContain(taskId);
    expect(await db('steward_tasks').where({ id: taskId }).first('status')).toEqual({ status: 'reopened' });
  });
});

describe('cdf export golden', () => {
  it('writes every record with its subject, status, version and sources', async () => {
    const r = await runCdf(['export', 'golden', '--dataset', 'admin_penalty'], f.env);
    expect(r.code).toBe(0);
    const records = r.stdout
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as {
            version: number;
            fields: Record<string, string>;
            sources: Array<{ rowNo: number; role: string; agency: string; channel: string }>;
          },
      );
    expect(records).toHaveLength(8);
    const decided = records.find((x) => x.version === 2)!;
    expect(decided.sources).toEqual(expect.arrayContaining([
      { batchId, rowNo: 2, agency: 'city_market_regulation', channel: 'agency_upload', role: 'superseded' },
      { batchId, rowNo: 8, agency: 'city_market_regulation', channel: 'agency_upload', role: 'chosen' },
      expect.objectContaining({ rowNo: 2, agency: 'national_vertical', channel: 'national_vertical', role: 'overruled' }),
      expect.objectContaining({ rowNo: 8, agency: 'national_vertical', channel: 'national_vertical', role: 'duplicate' }),
    ]));
    // Visibility by level: a district sees the records of subjects registered in it, a street those
    // its own agencies supplied (none here), the city all.
    const nankai = await runCdf(['export', 'golden', '--dataset', 'admin_penalty', '--as', 'steward:120104'], f.env);
    const seen = nankai.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { subjectUscc: string | null });
    const expected = records.filter((x) => (x as unknown as { subjectUscc: string | null }).subjectUscc?.slice(2, 8) === '120104');
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(records.length);
    expect(seen).toHaveLength(expected.length);
    expect(seen.every((x) => x.subjectUscc?.slice(2, 8) === '120104')).toBe(true);
    const street = await runCdf(['export', 'golden', '--dataset', 'admin_penalty', '--as', 'steward:120104001'], f.env);
    expect(street.code).toBe(0);
    expect(street.stdout.trim()).toBe('');
    const csv = await runCdf(['export', 'golden', '--dataset', 'admin_penalty', '--format', 'csv'], f.env);
    const lines = csv.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^id,natural_key,subject_uscc,status,version,行政相对人名称 subject_name,/);
  });
});
