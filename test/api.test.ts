// The HTTP API over a real socket: uploads as multipart, identities and their scopes, errors in
// the caller's language, the rejects download, the OpenAPI document.
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { HAND_WRITTEN_EXTRACT as DEMO_EXTRACT } from './helpers/fixtures.ts';
import { buildApp } from '../server/app.ts';
import { ERROR_CODES } from '../domain/errors.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

let f: TestFactory;
let app: FastifyInstance;
let base: string;

const as = (spec: string, extra: Record<string, string> = {}) => signedAs(f.database.db, spec, extra);

function extractForm(name = 'extract.csv', content = readFileSync(DEMO_EXTRACT)): FormData {
  const form = new FormData();
  form.append('file', new Blob([content], { type: 'text/csv' }), name);
  return form;
}

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const res = await fetch(`${base}/api/catalog?name=catalog.yaml`, {
    method: 'POST',
    headers: await as('admin@t', { 'content-type': 'text/yaml' }),
    body: readFileSync(DEMO_CATALOG, 'utf8'),
  });
  expect(res.status).toBe(200);
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('HTTP API', () => {
  it('refuses a request without credentials, and one that only claims an identity in a header', async () => {
    for (const headers of [{}, { 'x-remote-user': 'admin' }] as Array<Record<string, string>>) {
      const res = await fetch(`${base}/api/batches`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ code: 'CDF_UNAUTHENTICATED', message: '未登录：请先登录，或带上 API 令牌（Authorization: Bearer）' });
    }
  });

  it('lets an agency upload its own dataset and waits for the batch', async () => {
    const res = await fetch(`${base}/api/uploads?agency=city_market_regulation&dataset=admin_penalty&wait=true`, {
      method: 'POST',
      headers: await as('agency:city_market_regulation@li'),
      body: extractForm(),
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { batchId: string; batch: { status: string; counts: Record<string, number>; createdBy: string } };
    expect(body.batch.status).toBe('done');
    expect(body.batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(body.batch.createdBy).toBe('li');

    const report = (await (
      await fetch(`${base}/api/batches/${body.batchId}/report`, { headers: await as('agency:city_market_regulation', { 'accept-language': 'en' }) })
    ).json()) as {
      figures: { received: number; accepted: number; rejected: number };
      byReason: Array<{ code: string; rows: number; zh: string }>;
      byField: Array<{ field: string; zh: string; rows: number }>;
      sample: Array<{ row: number; fieldZh: string; value: string | null }>;
    };
    expect(report.figures).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(report.byReason).toEqual([
      { code: 'CDF_CODE_INVALID', rows: 2, zh: '统一社会信用代码校验不通过', en: 'USCC fails its check', next: ERROR_CODES.CDF_CODE_INVALID.next },
      { code: 'CDF_ROW_REQUIRED', rows: 1, zh: '缺少必填字段', en: 'required field missing', next: ERROR_CODES.CDF_ROW_REQUIRED.next },
    ]);
    expect(report.byField.find((x) => x.field === 'subject_uscc')).toMatchObject({ zh: '行政相对人代码_1（统一社会信用代码）', rows: 2 });
    expect(report.sample[0]).toMatchObject({ row: 9, fieldZh: '行政相对人代码_1（统一社会信用代码）', value: '91120113300010067Z' });

    const rejects = await fetch(`${base}/api/batches/${body.batchId}/rejects?format=ndjson`, { headers: await as('agency:city_market_regulation') });
    expect(rejects.status).toBe(200);
    const lines = (await rejects.text()).trim().split('\n').map((l) => JSON.parse(l) as { row: number; code: string; original: Record<string, string> });
    expect(lines.map((l) => l.row)).toEqual([9, 11]);
    expect(lines[0]!.original['行政相对人名称']).toBe('北辰区兴业建材有限公司');

    const other = await fetch(`${base}/api/batches/${body.batchId}`, { headers: await as('agency:city_tax') });
    expect(other.status).toBe(403);
    expect(((await other.json()) as { code: string }).code).toBe('CDF_FORBIDDEN_AGENCY');
    const mine = (await (await fetch(`${base}/api/batches`, { headers: await as('agency:city_tax') })).json()) as { batches: unknown[] };
    expect(mine.batches).toEqual([]);
  });

  it('refuses an agency uploading for another, in the caller language', async () => {
    const res = await fetch(`${base}/api/uploads?agency=city_tax&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_ecology', { 'accept-language': 'en' }),
      body: extractForm(),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({
      code: 'CDF_FORBIDDEN_AGENCY',
      message: 'identity agency:city_ecology belongs to city_ecology and cannot act for city_tax',
    });
  });

  it('refuses an empty file and a file that is not a CSV, before storing anything', async () => {
    const empty = await fetch(`${base}/api/uploads?agency=city_ecology&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_ecology'),
      body: extractForm('empty.csv', Buffer.alloc(0)),
    });
    expect(empty.status).toBe(422);
    expect(await empty.json()).toMatchObject({ code: 'CDF_FILE_EMPTY', message: '文件 empty.csv 是空的' });
    const zip = await fetch(`${base}/api/uploads?agency=city_ecology&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_ecology'),
      body: extractForm('fake.csv', Buffer.from('PK\u0003\u0004 not really a csv')),
    });
    expect(zip.status).toBe(422);
    expect(((await zip.json()) as { code: string }).code).toBe('CDF_FILE_FORMAT');
    const xls = await fetch(`${base}/api/uploads?agency=city_ecology&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_ecology'),
      body: extractForm('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])),
    });
    expect(await xls.json()).toMatchObject({ code: 'CDF_FILE_OLD_EXCEL', message: expect.stringContaining('请在 Excel 或 WPS 中去掉密码并“另存为”Excel 工作簿（.xlsx）') });
    const unrelated = await fetch(`${base}/api/uploads?agency=city_ecology&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_ecology'),
      body: extractForm('other.csv', Buffer.from('姓名,年龄\n张三,30\n')),
    });
    expect(unrelated.status).toBe(422);
    expect(((await unrelated.json()) as { code: string; message: string }).message).toContain('表头与数据集「行政处罚」的任何字段都不匹配');
    expect(await f.database.db('batches').where({ agency: 'city_ecology' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('only lets an admin import the catalogue', async () => {
    const res = await fetch(`${base}/api/catalog`, { method: 'POST', headers: await as('steward', { 'content-type': 'text/yaml' }), body: 'version: 1' });
    expect(res.status).toBe(403);
  });

  it('reports catalogue errors with their path', async () => {
    const res = await fetch(`${base}/api/catalog?name=bad.yaml`, {
      method: 'POST',
      headers: await as('admin', { 'content-type': 'text/yaml' }),
      body: 'version: 1\nregions: []\nagencies: []\ndatasets: [admin_penalty]\nentries: []\n',
    });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('CDF_CATALOG_INVALID');
    expect(body.message).toContain('/regions');
  });

  it('publishes the OpenAPI document and the UI', async () => {
    expect((await fetch(`${base}/api/openapi.json`)).status).toBe(401);
    const signed = await fetch(`${base}/api/openapi.json`, { headers: await as('auditor@li') });
    const doc = (await signed.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/uploads', '/api/batches', '/api/batches/{id}', '/api/catalog']));
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('信用数据工厂');
  });
});

describe('refusals that name what was expected', () => {
  it('tells an agency that its file fits another dataset', async () => {
    const def = (await import('../catalog/dataset-definition.ts')).datasetDefinition('admin_licence');
    const required = def.fields.filter((x) => def.requiredFields.includes(x.name));
    const licence = `${required.map((x) => x.zh).join(',')}\n${required.map(() => 'x').join(',')}\n`;
    const res = await fetch(`${base}/api/uploads?agency=city_health&dataset=admin_penalty`, {
      method: 'POST',
      headers: await as('agency:city_health'),
      body: extractForm('licences.csv', Buffer.from(licence)),
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({
      code: 'CDF_WRONG_DATASET',
      message: '文件 licences.csv 的表头符合数据集「行政许可」（admin_licence），而不是所选的「行政处罚」（admin_penalty）。请确认选择的数据集',
    });
  });

  it('lets a steward read the queue and decide an item, and no one else', async () => {
    const list = await fetch(`${base}/api/steward/tasks`, { headers: await as('steward@wang') });
    expect(list.status).toBe(200);
    const { tasks } = (await list.json()) as { tasks: Array<{ id: number; kind: string; rowNo: number }> };
    const conflict = tasks.find((t) => t.kind === 'conflict')!;
    expect(conflict.rowNo).toBe(8);
    expect((await fetch(`${base}/api/steward/tasks`, { headers: await as('agency:city_market_regulation') })).status).toBe(403);
    const post = async (who: string, decision: unknown) => fetch(`${base}/api/steward/tasks/${conflict.id}/decision`, {
      method: 'POST', headers: await as(who, { 'content-type': 'application/json' }), body: JSON.stringify({ decision }),
    });
    expect((await post('auditor@li', { action: 'take_held' })).status).toBe(403);
    const bad = await post('steward@wang', { action: 'flip_a_coin' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'CDF_DECISION_INVALID', message: '未知的处理方式：flip_a_coin' });
    const ok = await post('steward@wang', { action: 'take_held' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ taskId: conflict.id, action: 'take_held', version: null, open: 0 });
  });
});
