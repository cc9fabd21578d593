// Responses go through their schemas (fast-json-stringify drops what a schema does not declare):
// every JSON route must answer exactly what its service returns, field for field.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { effectiveEntries } from '../catalog/inheritance.ts';
import { activeCatalog, listCatalogVersions } from '../db/catalog.ts';
import { chinaToday } from '../domain/china-day.ts';
import { checkCode } from '../domain/codes/index.ts';
import { buildApp } from '../server/app.ts';
import { verifyAuditChain } from '../services/audit.ts';
import { batchHistory, getBatch } from '../services/batches.ts';
import { mapCodes } from '../services/codes.ts';
import { listDeliveries, pageDeliveries } from '../services/deliveries.ts';
import { catalogDiffView } from '../services/catalog-view/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { batchLineage, recordLineage } from '../services/lineage.ts';
import { linkQualityByAgency } from '../services/link-quality.ts';
import { publicRecords } from '../services/public-view.ts';
import { validationReport } from '../services/report.ts';
import { listStewardTasks } from '../services/steward.ts';
import { listQueue } from '../services/steward/queue.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { variationByAgency } from '../services/variation.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

// One penalty decided ten days ago, so that the public view (within its publicity period) has a record.
const HEADER = 'subject_name,subject_category,subject_uscc,legal_rep,subject_id_type,subject_id_no,decision_no,violation_type,facts,'
  + 'legal_basis,penalty_types,penalty_content,fine_amount,decision_date,valid_until,authority_name,authority_uscc,source_agency_name,'
  + 'source_agency_uscc';
const CITY_MARKET = '111200000000100140';
const day = (offset: number): string => chinaToday(new Date(Date.now() + offset * 86_400_000));
const RECENT = ['天津南开区鸿运商贸有限公司', '法人及非法人组织', '91120104300010024R', '李明', '', '', '津市场监管罚〔2025〕1号', '价格违法',
  '未明码标价', '《价格法》第四十二条', '罚款', '罚款2000元', '0.2', day(-10), day(300), '市市场监督管理委员会', CITY_MARKET,
  '市市场监督管理委员会', CITY_MARKET].join(',');

let f: TestFactory;
let app: FastifyInstance;
let batchId: string;
const admin = parseIdentity('admin@t');

beforeAll(async () => {
  f = await createTestFactory();
  app = await buildApp(f.ctx);
  const imported = await app.inject({
    method: 'POST', url: '/api/catalog?name=catalog.yaml', payload: readFileSync(DEMO_CATALOG, 'utf8'),
    headers: await signedAs(f.database.db, 'admin@t', { 'content-type': 'text/yaml' }),
  });
  expect(imported.json()).toEqual({ version: 1, created: true });
  const up = await uploadFile(f.ctx, admin, HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
  await waitForBatch(f.ctx, batchId);
  const recent = path.join(f.config.dataDir, 'recent.csv');
  writeFileSync(recent, `${HEADER}\n${RECENT}\n`);
  const second = await uploadFile(f.ctx, admin, recent, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitForBatch(f.ctx, second.batchId);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const served = async (url: string): Promise<unknown> => {
  const res = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, 'admin@t') });
  expect(res.statusCode, url).toBe(200);
  return res.json();
};
const plain = (x: unknown): unknown => JSON.parse(JSON.stringify(x));

it('answers every JSON route with all its service\'s fields', async () => {
  const db = f.ctx.db;
  const batch = await getBatch(db, admin, batchId);
  const golden = (await db('golden_records').orderBy('id').first('id')) as { id: number };
  const catalog = await activeCatalog(db);
  const codes = ['91350100M000100Y43', 'D2143569-X', '110108000000016'];
  const expected: Array<[string, unknown]> = [
    ['/api/batches', await batchHistory(db, admin, { limit: 20, offset: 0 })],
    [`/api/batches/${batchId}`, batch],
    [`/api/batches/${batchId}/report`, await validationReport(db, admin, batch)],
    ['/api/quality/variation', { agencies: await variationByAgency(db, admin, {}) }],
    [`/api/codes/check?${codes.map((c) => `code=${c}`).join('&')}`, { results: codes.map((c) => checkCode(c)) }],
    [`/api/codes/map?${codes.map((c) => `code=${c}`).join('&')}`, { results: await mapCodes(db, admin, codes) }],
    ['/api/quality/link', { agencies: await linkQualityByAgency(db, admin) }],
    ['/api/steward/tasks', await listQueue(db, admin, {}, 'age', undefined, { limit: 50, offset: 0 })],
    ['/api/catalog?region=120101', {
      version: catalog.id, importedBy: catalog.importedBy, importedAt: catalog.importedAt, catalog: catalog.content,
      entries: effectiveEntries(catalog.content, '120101'),
    }],
    ['/api/catalog/versions', { versions: await listCatalogVersions(db) }],
    ['/api/catalog/diff?from=1&to=1', await catalogDiffView(db, 1, 1)],
    [`/api/lineage/records/${golden.id}?field=fine_amount`, await recordLineage(db, admin, golden.id, 'fine_amount')],
    [`/api/lineage/batches/${batchId}`, await batchLineage(db, admin, batchId)],
    ['/api/deliveries', await pageDeliveries(db, admin, { limit: 50, offset: 0 })],
    ['/api/audit/verify', await verifyAuditChain(db, admin)],
    ['/api/public/admin_penalty', await publicRecords(db, 'admin_penalty', {})],
  ];
  for (const [url, value] of expected) expect.soft(await served(url), url).toEqual(plain(value));
  // The fixture fills what is compared: counts by code, the queue, deliveries, sources, the public view.
  expect((batch.counts.rejectedByCode ?? {})).not.toEqual({});
  expect((await listStewardTasks(db, admin, {})).length).toBeGreaterThan(0);
  expect((await listDeliveries(db, admin, {})).length).toBeGreaterThan(0);
  expect((await recordLineage(db, admin, golden.id, 'fine_amount')).sources.length).toBeGreaterThan(0);
  expect((await publicRecords(db, 'admin_penalty', {})).records.length).toBeGreaterThan(0);
});
