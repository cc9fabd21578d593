// Lineage as an auditor would trust it, on real Temporal and PostgreSQL, through the HTTP API: as of
// a moment every source row plays the role it played THEN (a row merged in later is not yet a
// duplicate; the first row is current until the moment it was superseded); a merged-away record
// keeps its sources and points to the record it was merged into, which lists the merge decision
// and where it came from; a record id that is not a number is a plain 400 in the caller's language.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { buildApp } from '../server/app.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { signedAs } from './helpers/auth.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CITY_MARKET = '111200000000100140';
const SUBJECT = '91120104300010024R';
const HEADER =
  '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,' +
  '罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';
const row = (docno: string, amount: string) =>
  `天津南开区鸿运商贸有限公司,法人及非法人组织,${SUBJECT},李明,${docno},价格违法,未明码标价,《中华人民共和国价格法》第四十二条,` +
  `警告;罚款,罚款${Number(amount) * 10000}元,${amount},2025-03-15,2026-03-14,市市场监督管理委员会,${CITY_MARKET},市市场监督管理委员会,${CITY_MARKET}`;

let f: TestFactory;
let app: FastifyInstance;
const admin = parseIdentity('admin@test');
const write = (name: string, text: string): string => {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, text);
  return file;
};
const get = async (url: string, spec = 'auditor@city-auditor', lang = 'zh-CN') => {
  const res = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, spec, { 'accept-language': lang }) });
  return { status: res.statusCode, body: res.json() as Body };
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field below
type Body = any;
interface Source { batchId: string; rowNo: number; role: string; movedTo?: { goldenId: number; role: string } }

let goldenId = 0;
let firstBatch = '';
let secondBatch = '';
let typoBatch = '';
let mergedAway = 0;
let beforeCorrection = '';
let beforeMerge = '';
let taskId = 0;

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const up1 = await uploadFile(f.ctx, admin, write('a1.csv', `${HEADER}\n${row('津市场监管罚〔2025〕102号', '0.2')}`), {
    agency: 'city_market_regulation', dataset: 'admin_penalty',
  });
  await waitForBatch(f.ctx, up1.batchId);
  firstBatch = up1.batchId;
  goldenId = Number((await f.database.db('golden_records').first('id')).id);
  beforeCorrection = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  const up2 = await uploadFile(f.ctx, admin, write('a2.csv', `${HEADER}\n${row('津市场监管罚〔2025〕102号', '0.25')}`), {
    agency: 'city_market_regulation', dataset: 'admin_penalty',
  });
  expect((await waitForBatch(f.ctx, up2.batchId)).counts).toMatchObject({ updates: 1 });
  secondBatch = up2.batchId;
  // A typo in the document number from the vertical feed: a suspected duplicate, merged by a steward.
  const up3 = await uploadFile(f.ctx, admin, write('v.csv', `${HEADER}\n${row('津市场监管罚〔2025〕1O2号', '0.25')}`), {
    agency: 'national_vertical', dataset: 'admin_penalty',
  });
  await waitForBatch(f.ctx, up3.batchId);
  typoBatch = up3.batchId;
  const task = await f.database.db('steward_tasks').where({ batch_id: typoBatch, kind: 'suspected_duplicate' }).first('id', 'golden_id');
  taskId = Number(task.id);
  mergedAway = Number(task.golden_id);
  await new Promise((r) => setTimeout(r, 20));
  beforeMerge = new Date().toISOString();
  await new Promise((r) => setTimeout(r, 20));
  const res = await app.inject({
    method: 'POST', url: `/api/steward/tasks/${taskId}/decision`,
    headers: await signedAs(f.database.db, 'steward@city-steward'),
    payload: { decision: { action: 'merge' }, note: '文号笔误' },
  });
  expect(res.statusCode, res.body).toBe(200);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('lineage as of a moment', () => {
  it('shows the first row as current until it was superseded', async () => {
    const then = await get(`/api/lineage/records/${goldenId}?asOf=${encodeURIComponent(beforeCorrection)}`);
    expect(then.status).toBe(200);
    expect(then.body.sources.map((s: Source) => [s.batchId, s.role])).toEqual([[firstBatch, 'chosen']]);
    const now = await get(`/api/lineage/records/${goldenId}`);
    expect(now.body.sources.map((s: Source) => [s.batchId, s.role])).toEqual([[firstBatch, 'superseded'], [secondBatch, 'chosen'], [typoBatch, 'duplicate']]);
  });

  it('does not list a row merged after the moment as a duplicate', async () => {
    const then = await get(`/api/lineage/records/${goldenId}?asOf=${encodeURIComponent(beforeMerge)}`);
    expect(then.body.sources.map((s: Source) => [s.batchId, s.role])).toEqual([[firstBatch, 'superseded'], [secondBatch, 'chosen']]);
    expect(then.body.mergedFrom ?? []).toEqual([]);
    expect(then.body.decisions).toEqual([]);
  });

  it('shows the merged-away record as it was before the merge: active, with its own source', async () => {
    const then = await get(`/api/lineage/records/${mergedAway}?asOf=${encodeURIComponent(beforeMerge)}`);
    expect(then.status).toBe(200);
    expect(then.body.record.status).toBe('active');
    expect(then.body.sources.map((s: Source) => [s.batchId, s.role])).toEqual([[typoBatch, 'chosen']]);
    expect(then.body.mergedInto ?? null).toBeNull();
  });
});

describe('a merge, both ways', () => {
  it('keeps the merged-away record\'s sources and points to the record it was merged into', async () => {
    const now = await get(`/api/lineage/records/${mergedAway}`);
    expect(now.status).toBe(200);
    expect(now.body.record.status).toBe('merged');
    expect(now.body.sources.map((s: Source) => [s.batchId, s.rowNo, s.role, s.movedTo])).toEqual([
      [typoBatch, 1, 'chosen', { goldenId, role: 'duplicate' }],
    ]);
    expect(now.body.mergedInto).toMatchObject({ goldenId, taskId, decidedBy: 'city-steward', note: '文号笔误' });
    expect(Date.parse(now.body.mergedInto.at)).toBeGreaterThan(Date.parse(beforeMerge));
  });

  it('lists the merge decision on the surviving record, and where it came from', async () => {
    const now = await get(`/api/lineage/records/${goldenId}`);
    expect(now.body.mergedFrom).toEqual([expect.objectContaining({ goldenId: mergedAway, taskId, decidedBy: 'city-steward' })]);
    expect(now.body.decisions).toEqual([expect.objectContaining({ id: taskId, kind: 'suspected_duplicate', status: 'decided', action: 'merge' })]);
  });
});

describe('a record id that is not a number', () => {
  it('is a 400 in the caller\'s language for a document number, never a 500', async () => {
    const url = `/api/lineage/records/${encodeURIComponent('津市监罚〔2026〕12号')}`;
    const en = await get(url, 'auditor@city-auditor', 'en');
    expect(en.status).toBe(400);
    expect(en.body).toMatchObject({ code: 'CDF_REQUEST_INVALID', message: 'path parameter id must be an integer; got "津市监罚〔2026〕12号"' });
    expect(en.body.context.hint.en).toContain('search');
    const zh = await get(url);
    expect(zh.status).toBe(400);
    expect(zh.body.message).toBe('路径参数 id 应为整数，收到「津市监罚〔2026〕12号」');
  });

  it('does not read a USCC as a number: it is told to search', async () => {
    const res = await get('/api/lineage/records/911201040000013799', 'auditor@city-auditor', 'en');
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('CDF_RECORD_ID_INVALID');
    expect(res.body.message).toMatch(/^"911201040000013799" is not a record id/);
    expect(res.body.message).toContain('search');
  });
});

describe('the lineage graph', () => {
  it('draws source rows → clean → link → decisions → versions → deliveries, each node with its evidence and a labelled code', async () => {
    const g = await get(`/api/lineage/records/${goldenId}/graph?field=fine_amount`, 'auditor@city-auditor', 'en');
    expect(g.status).toBe(200);
    expect(g.body.columns.map((c: { id: string }) => c.id)).toEqual(['source', 'clean', 'link', 'decision', 'version', 'delivery']);
    expect(g.body.record).toMatchObject({ id: goldenId, status: 'active', statusName: { zh: '有效', en: 'in force' } });
    type N = { id: string; column: string; code?: string; codeName?: { zh: string; en: string }; evidence: Body };
    const nodes = g.body.nodes as N[];
    const first = nodes.find((n) => n.id === `source:${firstBatch}:1`)!;
    expect(first).toMatchObject({ column: 'source', code: 'superseded', codeName: { zh: '已被新版本取代' } });
    // The raw row as received, cell by cell with its header.
    expect(first.evidence.cells).toContainEqual({ column: '罚款金额（万元）', field: 'fine_amount', value: '0.2' });
    expect(nodes.filter((n) => n.column === 'version').map((n) => n.id)).toEqual(['version:1', 'version:2']);
    const merge = nodes.find((n) => n.id === `decision:${taskId}`)!;
    expect(merge).toMatchObject({ code: 'merge', codeName: { zh: '合并', en: 'merged' } });
    expect(merge.evidence).toMatchObject({ decidedBy: 'city-steward', note: '文号笔误' });
    const deliveries = nodes.filter((n) => n.column === 'delivery');
    expect(deliveries.length).toBeGreaterThan(0);
    expect(deliveries.every((n) => n.codeName && n.codeName.zh !== n.code)).toBe(true);
    const edges = g.body.edges as Array<{ from: string; to: string; kind: string }>;
    expect(edges).toContainEqual({ from: `link:${secondBatch}:1`, to: 'version:2', kind: 'made' });
    expect(edges).toContainEqual({ from: 'version:1', to: 'version:2', kind: 'next' });
    // The fine's path: the second row (as received → linked) → version 2 → its deliveries.
    expect(g.body.trace).toMatchObject({ field: 'fine_amount', value: '0.25' });
    expect(g.body.trace.nodes).toEqual(expect.arrayContaining([`source:${secondBatch}:1`, `link:${secondBatch}:1`, 'version:2']));
    expect(g.body.trace.nodes).not.toContain(`source:${firstBatch}:1`);
    expect(g.body.mergedFrom).toEqual([expect.objectContaining({ goldenId: mergedAway })]);
  });

  it('shows the graph as of a moment before the correction', async () => {
    const g = await get(`/api/lineage/records/${goldenId}/graph?asOf=${encodeURIComponent(beforeCorrection)}`);
    const nodes = g.body.nodes as Array<{ id: string; code?: string }>;
    expect(nodes.filter((n) => n.id.startsWith('source:')).map((n) => [n.id, n.code])).toEqual([[`source:${firstBatch}:1`, 'chosen']]);
    expect(nodes.filter((n) => n.id.startsWith('version:')).map((n) => n.id)).toEqual(['version:1']);
  });
});

describe('forward lineage', () => {
  it('pages a batch\'s rows to records, versions and deliveries', async () => {
    const fwd = await get(`/api/lineage/batches/${secondBatch}?row=1&limit=10`);
    expect(fwd.status).toBe(200);
    expect(fwd.body).toMatchObject({
      total: 1, totalIsEstimate: false, rows: [{ rowNo: 1, goldenId, role: 'chosen' }], roleNames: { chosen: { zh: '当前来源' } },
      records: [{ goldenId, status: 'active', statusName: { zh: '有效', en: 'in force' } }],
    });
    expect(fwd.body.versions.map((v: { version: number }) => v.version)).toEqual([2]);
    expect(fwd.body.deliveries.length).toBeGreaterThan(0);
    const none = await get(`/api/lineage/batches/${secondBatch}?limit=10&offset=5`);
    expect(none.body).toMatchObject({ total: 1, rows: [], versions: [] });
  });
});

describe('the audit chain', () => {
  it('answers with a result a page can show as it is', async () => {
    const v = await get('/api/audit/verify');
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ result: 'intact', resultName: { zh: '审计链完整' }, broken: null });
    expect(v.body.entries).toBeGreaterThan(3);
    expect(Date.parse(v.body.lastAt)).toBeGreaterThanOrEqual(Date.parse(v.body.firstAt));
  });
});
