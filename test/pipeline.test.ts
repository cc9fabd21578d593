// One real batch end to end, through the `cdf` command, on the real Temporal dev server and
// PostgreSQL: counts printed are the database's, the same file twice is one batch, a file missing
// a required column is refused with the column named and leaves nothing behind.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { HAND_WRITTEN_EXTRACT as DEMO_EXTRACT } from './helpers/fixtures.ts';
import { deliveredBySubscription, publishedToday } from './helpers/deliveries.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { runCdf } from './helpers/cli.ts';

let f: TestFactory;

beforeAll(async () => {
  f = await createTestFactory();
  const imported = await runCdf(['catalog', 'import', DEMO_CATALOG, '--json'], f.env);
  expect(imported.stderr).toBe('');
  expect(JSON.parse(imported.stdout)).toMatchObject({ version: 1, created: true });
});
afterAll(async () => f?.close());

describe('one batch end to end', () => {
  let batchId: string;

  it('uploads, runs all five steps and prints the counts the database holds', async () => {
    const r = await runCdf(['upload', DEMO_EXTRACT, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'], f.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { batchId: string; duplicate: boolean; status: string; counts: Record<string, unknown> };
    batchId = out.batchId;
    expect(out.duplicate).toBe(false);
    expect(out.status).toBe('done');
    // The demo extract: 12 rows; rows 9 and 11 are invalid; row 6 repeats row 1 with other
    // brackets; row 8 has row 2's key with another fine (a conflict); row 4 is an individual
    // business with the placeholder code and row 10 an organisation named only by its name: both
    // accepted, and not linked, as no registry has been loaded here.
    expect(out.counts).toEqual({
      received: 12,
      accepted: 10,
      rejected: 2,
      rejectedByCode: { CDF_CODE_INVALID: 2, CDF_ROW_REQUIRED: 1 },
      new: 8,
      duplicates: 1,
      conflicts: 1,
      updates: 0,
      outOfResponsibility: 0,
      awaitingLink: 0,
      linked: 8,
      unlinked: 2,
      linkPending: 0,
      suspectedDuplicates: 0,
      goldenCreated: 8,
      goldenVersions: 0,
      delivered: out.counts.delivered,
      link: { organisations: 10, withoutUscc: 2, converted: 0, codeConflictRows: 0, conversionRate: 0, wrongCodePerMille: 0 },
    });
    const db = f.database.db;
    // The city platform receives all 8 records; the Binhai platform the one whose subject is
    // registered in Binhai; the public site those still in their publicity period today.
    const bySub = await deliveredBySubscription(db, batchId);
    expect(bySub).toEqual({ city_credit_platform: 8, binhai_platform_penalties: 1, public_disclosure_outbox: await publishedToday(db, batchId) });
    expect(out.counts.delivered).toBe(Object.values(bySub).reduce((a, b) => a + b, 0));
    expect(await db('raw_rows').where({ batch_id: batchId }).count({ n: '*' })).toEqual([{ n: 12 }]);
    expect(await db('golden_records').count({ n: '*' })).toEqual([{ n: 8 }]);
    const sources = await db('record_sources').where({ batch_id: batchId }).orderBy('row_no').select('row_no', 'role');
    expect(sources.filter((s) => s.role === 'chosen').map((s) => s.row_no)).toEqual([1, 2, 3, 4, 5, 7, 10, 12]);
    expect(sources.filter((s) => s.role === 'duplicate').map((s) => s.row_no)).toEqual([6]);
    const rejects = await db('rejects').where({ batch_id: batchId }).orderBy(['row_no', 'seq']).select('row_no', 'field', 'code');
    expect(rejects).toEqual([
      // Held by clean for the link step, which found no registered subject of that name.
      { row_no: 9, field: 'subject_uscc', code: 'CDF_CODE_INVALID' },
      { row_no: 11, field: 'decision_no', code: 'CDF_ROW_REQUIRED' },
      { row_no: 11, field: 'subject_uscc', code: 'CDF_CODE_INVALID' },
    ]);
    // Each rule that changed the value is recorded in order: width first, then the brackets.
    const changes = await db('clean_changes')
      .where({ batch_id: batchId, row_no: 6, field: 'decision_no' })
      .orderBy('rule_id', 'desc')
      .select('rule_id', 'before', 'after');
    expect(changes).toEqual([
      { rule_id: 'half_width', before: '津市场监管罚（2025）101号', after: '津市场监管罚(2025)101号' },
      { rule_id: 'docno_form', before: '津市场监管罚(2025)101号', after: '津市场监管罚〔2025〕101号' },
    ]);
    const outbox = path.join(f.config.dataDir, 'outbox', 'city_credit_platform');
    const files = readdirSync(outbox);
    expect(files).toEqual([`city_credit_platform_${batchId}.ndjson`]);
    const delivered = readFileSync(path.join(outbox, files[0]!), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { op: string; subjectUscc: string | null });
    expect(delivered).toHaveLength(8);
    expect(delivered.every((d) => d.op === 'upsert')).toBe(true);
  });

  it('reports the batch with cdf batch show', async () => {
    const r = await runCdf(['batch', 'show', batchId, '--json'], f.env);
    expect(r.code).toBe(0);
    const b = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(b).toMatchObject({
      id: batchId,
      status: 'done',
      agency: 'city_market_regulation',
      dataset: 'admin_penalty',
      channel: 'agency_upload',
      catalogVersion: 1,
      encoding: 'utf-8',
    });
    const text = await runCdf(['batch', 'show', batchId], f.env);
    expect(text.stdout).toContain('拒收: 2');
    expect(text.stdout).toContain('统一社会信用代码校验不通过 (CDF_CODE_INVALID): 2');
    const en = await runCdf(['batch', 'show', batchId, '--lang', 'en'], f.env);
    expect(en.stdout).toContain('rejected: 2');
    expect(en.stdout).toContain('required field missing (CDF_ROW_REQUIRED): 1');
  });

  it('exports the rejects as CSV with the original columns and reasons in both languages', async () => {
    const r = await runCdf(['rejects', batchId, '--format', 'csv'], f.env);
    expect(r.code).toBe(0);
    const lines = r.stdout.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^行号 row,行政相对人名称,/);
    expect(lines[1]).toMatch(/^9,北辰区兴业建材有限公司,/);
    expect(lines[1]).toContain('第18位校验码应为 8，实为 Z');
    expect(lines[1]).toContain('check character at position 18 should be 8, found Z');
  });

  it('processes the same file only once', async () => {
    const r = await runCdf(['upload', DEMO_EXTRACT, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'], f.env);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { batchId: string; duplicate: boolean };
    expect(out).toMatchObject({ batchId, duplicate: true });
    const db = f.database.db;
    expect(await db('batches').count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await db('raw_rows').count({ n: '*' })).toEqual([{ n: 12 }]);
    expect(await db('deliveries').count({ n: '*' })).toEqual([{ n: 3 }]); // one per subscription
    const runs = f.ctx.temporal.workflow.list({ query: `WorkflowId = 'ingest-${batchId}'` });
    let count = 0;
    for await (const _ of runs) count++;
    expect(count).toBe(1);
  });
});

describe('refusals', () => {
  it('refuses a CSV missing a required column, naming it, and stores nothing', async () => {
    const lines = readFileSync(DEMO_EXTRACT, 'utf8').split('\n');
    const header = lines[0]!.split(',');
    const drop = header.indexOf('行政处罚决定书文号');
    const cut = lines.filter((l) => l).map((l) => l.split(',').filter((_, i) => i !== drop).join(','));
    const file = path.join(f.config.dataDir, 'missing-column.csv');
    writeFileSync(file, cut.join('\n'));
    const before = readdirSync(path.join(f.config.dataDir, 'landing'));
    const batchesBefore = await f.database.db('batches').count({ n: '*' });
    const r = await runCdf(['upload', file, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait'], f.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CDF_COLUMN_MISSING');
    expect(r.stderr).toContain('缺少必填列：「行政处罚决定书文号」(CF_WSH)');
    const en = await runCdf(['upload', file, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--lang', 'en'], f.env);
    expect(en.stderr).toContain('lacks required column(s): "Decision document number" (行政处罚决定书文号, CF_WSH)');
    expect(await f.database.db('batches').count({ n: '*' })).toEqual(batchesBefore);
    expect(readdirSync(path.join(f.config.dataDir, 'landing'))).toEqual(before);
  });

  it('refuses an agency the catalogue does not assign the dataset to', async () => {
    const r = await runCdf(['upload', DEMO_EXTRACT, '--agency', 'city_water_group', '--dataset', 'admin_penalty'], f.env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('CDF_NOT_ASSIGNED');
    expect(r.stderr).toContain('未分配数据集 admin_penalty 给 市水务集团有限公司');
  });

  it('answers a usage error with exit code 2', async () => {
    const r = await runCdf(['upload', DEMO_EXTRACT], f.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('用法：cdf upload FILE');
  });
});

describe('two factories on one Temporal server', () => {
  it('processes the same file in each: workflow ids never collide across databases', async () => {
    const other = await createTestFactory();
    try {
      expect((await runCdf(['catalog', 'import', DEMO_CATALOG], other.env)).code).toBe(0);
      const here = JSON.parse(
        (await runCdf(['upload', DEMO_EXTRACT, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'], f.env)).stdout,
      ) as { batchId: string };
      const there = await runCdf(['upload', DEMO_EXTRACT, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'], other.env);
      const out = JSON.parse(there.stdout) as { batchId: string; duplicate: boolean; status: string; counts: { received: number } };
      expect(out).toMatchObject({ duplicate: false, status: 'done', counts: { received: 12 } });
      expect(out.batchId).not.toBe(here.batchId);
    } finally {
      await other.close();
    }
  });
});
