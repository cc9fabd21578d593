// The agency's journey through the API over a real socket: its datasets (and no other agency's),
// the templates (whose example row is accepted), live progress as server-sent events, the report
// grouped by reason in plain words with the offending cells paged on the server, the paged batch
// history, and the rejects CSV corrected and sent again.
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { readFileSync } from 'node:fs';
import { makeUscc, mulberry32 } from '../domain/codes/generate.ts';
import { buildApp } from '../server/app.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
let app: FastifyInstance;
let base: string;
const MARKET = 'agency:city_market_regulation@agency-api';
const as = (spec: string, extra: Record<string, string> = {}) => signedAs(f.database.db, spec, extra);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies read loosely
type Any = any;
const NOTATION = /\^|\\d|\[0-9|\{\d|must match|应当匹配/;

async function get(url: string, spec = MARKET, lang = 'zh-CN') {
  return fetch(`${base}${url}`, { headers: await as(spec, { 'accept-language': lang }) });
}

async function upload(name: string, content: Buffer | string, spec = MARKET): Promise<{ status: number; body: Record<string, unknown> }> {
  const form = new FormData();
  form.append('file', new Blob([content]), name);
  const url = `${base}/api/uploads?agency=city_market_regulation&dataset=admin_penalty&wait=true`;
  const res = await fetch(url, { method: 'POST', headers: await as(spec), body: form });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface Event { event: string; data: Record<string, unknown> }
/** Reads a server-sent event stream to its end. */
async function readEvents(url: string): Promise<Event[]> {
  const res = await get(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const text = await res.text();
  return text.split('\n\n').filter((b) => b.startsWith('event:')).map((b) => {
    const [ev, data] = b.split('\n');
    return { event: ev!.slice('event: '.length), data: JSON.parse(data!.slice('data: '.length)) as Record<string, unknown> };
  });
}

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/api/catalog?name=catalog.yaml`, {
    method: 'POST', headers: await as('admin@t', { 'content-type': 'text/yaml' }), body: readFileSync(DEMO_CATALOG, 'utf8'),
  });
  expect(res.status).toBe(200);
}, 60_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

let templateCsv = '';
const ROWS = 3000;
let badBatch = '';

describe('my datasets', () => {
  it('lists the datasets the catalogue assigns to the agency, and only those', async () => {
    const res = await get('/api/agency/datasets');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { agency: string; datasets: Array<Record<string, Any>> };
    expect(body.agency).toBe('city_market_regulation');
    expect(body.datasets.map((d) => d.dataset)).toEqual(['admin_licence', 'admin_penalty', 'legal_person_registry']);
    const penalty = body.datasets.find((d) => d.dataset === 'admin_penalty')!;
    expect(penalty.frequency).toEqual({ code: 'daily', zh: '每日', en: 'daily', days: 1 });
    expect(penalty.lastUpload).toBeNull();
    expect(penalty.overdue).toEqual({ overdue: true, dueAt: null, days: 0 });
    const fine = penalty.fields.find((x: { name: string }) => x.name === 'fine_amount');
    expect(fine).toMatchObject({ zh: '罚款金额（万元）', required: false, format: { example: '0.2' } });
    expect(JSON.stringify(penalty.fields)).not.toMatch(NOTATION);
    expect(penalty.templates.csv).toBe('/api/agency/datasets/admin_penalty/template?format=csv');
    // Another agency's list is its own; an admin names the agency.
    const tax = (await (await get('/api/agency/datasets', 'agency:city_tax@agency-api-tax')).json()) as { datasets: Array<{ dataset: string }> };
    expect(tax.datasets.map((d) => d.dataset)).toEqual(['admin_penalty', 'red_list']);
    const admin = await get('/api/agency/datasets?agency=city_tax', 'admin@agency-api');
    expect(((await admin.json()) as { agency: string }).agency).toBe('city_tax');
    expect((await get('/api/agency/datasets', 'admin@agency-api')).status).toBe(400);
    expect((await get('/api/agency/datasets', 'steward@agency-api')).status).toBe(403);
  });

  it('gives the templates with the standard\'s headers; another agency\'s dataset is not found', async () => {
    const csv = await get('/api/agency/datasets/admin_penalty/template?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="admin_penalty-template.csv"');
    const bytes = Buffer.from(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    templateCsv = bytes.toString('utf8');
    const [header, example] = templateCsv.replace('\uFEFF', '').trim().split('\r\n');
    expect(header!.split(',').slice(0, 3)).toEqual(['行政相对人名称', '行政相对人类别', '行政相对人代码_1（统一社会信用代码）']);
    expect(example).toContain('市市场监督管理委员会');
    const xlsx = await get('/api/agency/datasets/admin_penalty/template?format=xlsx');
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const sheet = book.worksheets[0]!;
    expect((sheet.getRow(1).values as string[]).slice(1)).toEqual(header!.split(','));
    expect(sheet.getRow(2).getCell(3).value).toBe('91120116MA05JXYA1J');
    const other = await get('/api/agency/datasets/red_list/template');
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ code: 'CDF_AGENCY_DATASET_UNKNOWN' });
  });

  it('accepts the template\'s example row as it stands', async () => {
    const r = await upload('template.csv', templateCsv);
    expect(r.status).toBe(202);
    expect((r.body.batch as { counts: Record<string, number> }).counts).toMatchObject({ received: 1, accepted: 1, rejected: 0 });
    const xlsx = Buffer.from(await (await get('/api/agency/datasets/admin_penalty/template?format=xlsx')).arrayBuffer());
    const again = await upload('template.xlsx', xlsx);
    expect((again.body.batch as { counts: Record<string, number> }).counts).toMatchObject({ received: 1, accepted: 1, rejected: 0 });
    const mine = (await (await get('/api/agency/datasets')).json()) as { datasets: Array<Record<string, Any>> };
    const penalty = mine.datasets.find((d) => d.dataset === 'admin_penalty')!;
    expect(penalty.lastUpload).toMatchObject({ batchId: again.body.batchId, status: 'done' });
    expect(penalty.overdue.overdue).toBe(false);
  });
});

describe('a file with bad rows', () => {
  it('is reported by reason in plain words, with the cells paged on the server', async () => {
    const [header, example] = templateCsv.replace('\uFEFF', '').trim().split('\r\n');
    const cols = header!.split(',');
    const row = (patch: Record<string, string>, docno: string) => {
      const cells = example!.split(',');
      cells[cols.indexOf('行政处罚决定书文号')] = docno;
      for (const [k, v] of Object.entries(patch)) cells[cols.indexOf(k)] = v;
      return cells.join(',');
    };
    const lines = [header!, row({}, '津示例罚〔2026〕11号'),
      row({ '罚款金额（万元）': '12.3456789' }, '津示例罚〔2026〕12号'), row({ '罚款金额（万元）': 'abc' }, '津示例罚〔2026〕13号'),
      row({ '处罚决定日期': '2025-02-30' }, '津示例罚〔2026〕14号'), row({ '行政相对人名称': '' }, '津示例罚〔2026〕15号')];
    const r = await upload('bad.csv', lines.join('\r\n'));
    badBatch = r.body.batchId as string;
    expect((r.body.batch as { counts: Record<string, number> }).counts).toMatchObject({ received: 5, accepted: 1, rejected: 4 });

    for (const lang of ['zh-CN', 'en']) {
      const res = await get(`/api/batches/${badBatch}/report/reasons`, MARKET, lang);
      expect(res.status).toBe(200);
      const body = (await res.json()) as { figures: Record<string, number>; reasons: Array<Record<string, Any>> };
      expect(body.figures).toMatchObject({ rows: 5, accepted: 1, rejected: 4 });
      expect(body.reasons.map((x) => [x.code, x.rows, x.cells])).toEqual([['CDF_ROW_SCHEMA', 3, 3], ['CDF_ROW_REQUIRED', 1, 1]]);
      const schema = body.reasons[0]!;
      expect(schema.title.zh).toBe('格式不符合标准（日期、金额、代码等）');
      expect(schema.fields).toEqual(expect.arrayContaining([expect.objectContaining({
        field: 'fine_amount', rows: 2, expected: { zh: '数字，最多 6 位小数，例如 0.2', en: 'A number with at most 6 decimals, e.g. 0.2', example: '0.2' },
      })]));
      expect(JSON.stringify(body)).not.toMatch(NOTATION);
    }
    const page1 = (await (await get(`/api/batches/${badBatch}/report/cells?reason=CDF_ROW_SCHEMA&limit=2&offset=0`)).json()) as {
      total: number; cells: Array<Record<string, unknown>>;
    };
    expect(page1.total).toBe(3);
    expect(page1.cells.map((c) => [c.row, c.line, c.field, c.value])).toEqual([[2, 3, 'fine_amount', '12.3456789'], [3, 4, 'fine_amount', 'abc']]);
    expect(page1.cells[0]).toMatchObject({ fieldZh: '罚款金额（万元）', zh: '「罚款金额（万元）」的值「12.3456789」应为数字，最多 6 位小数，例如 1200.50' });
    const page2 = (await (await get(`/api/batches/${badBatch}/report/cells?reason=CDF_ROW_SCHEMA&limit=2&offset=2`)).json()) as {
      cells: Array<Record<string, unknown>>;
    };
    expect(page2.cells.map((c) => [c.row, c.field, c.value])).toEqual([[4, 'decision_date', '2025-02-30']]);
    // The old report keeps its shape for the CLI and older clients, its messages in plain words too.
    const old = (await (await get(`/api/batches/${badBatch}/report`)).json()) as { sample: unknown[] };
    expect(old.sample).toHaveLength(4);
    expect(JSON.stringify(old.sample)).not.toMatch(NOTATION);
  });

  it('streams a finished batch\'s final state at once, and refuses another agency\'s batch', async () => {
    const events = await readEvents(`/api/batches/${badBatch}/events`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event: 'final',
      data: { batchId: badBatch, status: 'done', final: true, received: 5, accepted: 1, rejected: 4, stepName: { zh: '完成', en: 'done' } },
    });
    expect((await get(`/api/batches/${badBatch}/events`, 'agency:city_tax@agency-api-tax')).status).toBe(403);
    expect((await get('/api/batches/b-nope/events')).status).toBe(404);
  });

  it('lets the agency correct its rejects CSV and send it again', async () => {
    const res = await get(`/api/batches/${badBatch}/rejects?format=csv`);
    const text = (await res.text()).replace('\uFEFF', '');
    const fixed = text.replace('12.3456789', '12.34').replace(/,abc,/, ',1.5,').replace('2025-02-30', '2025-02-28')
      .replace(/\r\n(\d+),,法人及非法人组织/, '\r\n$1,天津示例商贸有限公司,法人及非法人组织');
    // The reasons columns come back too; they are not the standard's and are left aside.
    const r = await upload('rejects-fixed.csv', fixed);
    expect(r.status).toBe(202);
    expect((r.body.batch as { counts: Record<string, number> }).counts).toMatchObject({ received: 4, accepted: 4, rejected: 0 });
  });
});

describe('live progress', () => {
  it('pushes progress while a batch runs, then its final state', async () => {
    const [header, example] = templateCsv.replace('\uFEFF', '').trim().split('\r\n');
    const cols = header!.split(',');
    // Each row its own subject: rows of one subject with near document numbers would all be
    // suspected duplicates of each other, which is not what this test is about.
    const rand = mulberry32(7);
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const cells = example!.split(',');
      cells[cols.indexOf('行政处罚决定书文号')] = `津进度罚〔2026〕${i + 1}号`;
      cells[cols.indexOf('行政相对人代码_1（统一社会信用代码）')] = makeUscc(rand, { authority: '9', category: '1' });
      cells[cols.indexOf('行政相对人名称')] = `天津进度测试第${i + 1}商贸有限公司`;
      return cells.join(',');
    });
    const form = new FormData();
    form.append('file', new Blob([[header, ...rows].join('\r\n')]), 'progress.csv');
    const url = `${base}/api/uploads?agency=city_market_regulation&dataset=admin_penalty`;
    const res = await fetch(url, { method: 'POST', headers: await as(MARKET), body: form });
    expect(res.status).toBe(202);
    const { batchId } = (await res.json()) as { batchId: string };
    const events = await readEvents(`/api/batches/${batchId}/events`);
    expect(events.length).toBeGreaterThan(1);
    expect(events.slice(0, -1).every((e) => e.event === 'progress')).toBe(true);
    expect(events.at(-1)).toMatchObject({ event: 'final', data: { status: 'done', received: ROWS, accepted: ROWS, rejected: 0 } });
    // Every event says something new.
    expect(new Set(events.map((e) => JSON.stringify(e.data))).size).toBe(events.length);
  }, 120_000);
});

describe('batch history', () => {
  it('is paged on the server, newest first, filtered, with figures', async () => {
    const all = (await (await get('/api/batches?limit=2')).json()) as { total: number; batches: Array<Record<string, Any>> };
    expect(all.total).toBe(5);
    expect(all.batches).toHaveLength(2);
    expect(all.batches[0]!.createdAt >= all.batches[1]!.createdAt).toBe(true);
    expect(all.batches[0]!.figures).toMatchObject({ rows: ROWS, accepted: ROWS, newRecords: ROWS, newVersions: 0, suspectedDuplicates: 0 });
    expect(all.batches[0]!.figures.variation).toBe('/api/quality/variation?agency=city_market_regulation&dataset=admin_penalty');
    const rest = (await (await get('/api/batches?limit=10&offset=2')).json()) as { batches: Array<{ id: string }> };
    expect(rest.batches).toHaveLength(3);
    expect(rest.batches.map((b) => b.id)).toContain(badBatch);
    const none = (await (await get('/api/batches?dataset=red_list')).json()) as { total: number };
    expect(none.total).toBe(0);
    const tax = (await (await get('/api/batches', 'agency:city_tax@agency-api-tax')).json()) as { total: number };
    expect(tax.total).toBe(0);
  });
});
