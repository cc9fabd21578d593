// The operator's API on a real database with the demo catalogue: the catalogue tree (inherited
// entries marked), the diff between two versions with before and after, the catalogue's lists a
// page at a time, deliveries paged with counts that agree with the withheld filter, and the link to
// the Temporal web UI.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import type { CatalogFile } from '../domain/catalog.ts';
import { buildApp } from '../server/app.ts';
import { importDemoCatalog } from '../services/demo.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { plantBatch, plantDelivery } from './helpers/operator.ts';

let f: TestFactory;
let app: FastifyInstance;

const get = async (url: string, who = 'admin@ops', lang = 'zh-CN') => {
  const r = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, who, { 'accept-language': lang }) });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> };
};

beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false, env: { CDF_TEMPORAL_UI_URL: 'http://temporal.example:8080/' } });
  await importDemoCatalog(f.database.db, 'admin@demo', f.config);
  app = await buildApp(f.ctx);
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('the catalogue', () => {
  it('is a tree of regions, agencies and entries, entries inherited from above marked with where they come from', async () => {
    const { status, body } = await get('/api/catalog/tree');
    expect(status).toBe(200);
    const nodes = body.nodes as Array<{ key: string; parent: string | null; kind: string; code: string; inherited: boolean; inheritedFrom?: string }>;
    expect(body.version).toBe(1);
    expect(nodes.filter((n) => n.parent === null).map((n) => n.key)).toEqual(['r:120000']);
    expect(nodes.find((n) => n.key === 'r:120101')?.parent).toBe('r:120000');
    expect(nodes.find((n) => n.key === 'r:120101001')?.parent).toBe('r:120101');
    // Heping's own market regulator, its own entry; the city's market regulator's entry inherited.
    const own = nodes.find((n) => n.key === 'r:120101/a:heping_market_regulation/e:heping_market_regulation/admin_penalty/120101/agency_upload');
    expect(own).toMatchObject({ kind: 'entry', inherited: false });
    const inherited = nodes.find((n) => n.key === 'r:120101/a:city_market_regulation/e:city_market_regulation/admin_penalty/120000/agency_upload');
    expect(inherited).toMatchObject({ kind: 'entry', inherited: true, inheritedFrom: '120000' });
    expect(nodes.find((n) => n.key === 'r:120101/a:city_market_regulation')).toMatchObject({ inherited: true, inheritedFrom: '120000' });
    // At the city the same entry is its own.
    expect(nodes.find((n) => n.key === 'r:120000/a:city_market_regulation/e:city_market_regulation/admin_penalty/120000/agency_upload'))
      .toMatchObject({ inherited: false });
    const unknown = await get('/api/catalog/tree?version=9', 'admin@ops', 'en');
    expect(unknown).toMatchObject({
      status: 404, body: { code: 'CDF_CATALOG_VERSION_UNKNOWN', message: 'parameter version: catalogue version 9 does not exist; the versions are 1–1' },
    });
  });

  it('diffs two versions: the changed entry with before and after, the added grant; unknown versions named by their parameter', async () => {
    const c = parse(readFileSync(DEMO_CATALOG, 'utf8')) as CatalogFile;
    c.entries.find((e) => e.agency === 'city_ecology')!.frequency = 'daily';
    c.grants = [...(c.grants ?? []), { subscriber: 'city_tax', dataset: 'admin_licence', basis: '演示', grantedBy: '市信用办', from: '2026-01-01' }];
    const imported = await app.inject({
      method: 'POST', url: '/api/catalog?name=v2.json', payload: c, headers: await signedAs(f.database.db, 'admin@ops', { 'content-type': 'application/json' }),
    });
    expect(imported.json()).toEqual({ version: 2, created: true });
    const { status, body } = await get('/api/catalog/diff?from=1&to=2');
    expect(status).toBe(200);
    expect(body.same).toBe(false);
    expect(body.counts).toEqual({ added: 1, removed: 0, changed: 1 });
    const sections = body.sections as Record<string, { added: unknown[]; removed: unknown[]; changed: Array<Record<string, unknown>> }>;
    expect(sections.entries!.changed).toEqual([{
      key: 'city_ecology/admin_penalty/120000/agency_upload',
      before: expect.objectContaining({ frequency: 'weekly' }), after: expect.objectContaining({ frequency: 'daily' }),
      fields: [{ field: 'frequency', from: 'weekly', to: 'daily' }],
    }]);
    expect(sections.grants!.added).toEqual([{ key: 'city_tax/admin_licence/*', after: expect.objectContaining({ subscriber: 'city_tax' }) }]);
    expect((await get('/api/catalog/diff?from=2&to=2')).body).toMatchObject({ same: true, counts: { added: 0, removed: 0, changed: 0 } });
    const missing = await get('/api/catalog/diff?from=1&to=7');
    expect(missing).toMatchObject({ status: 404, body: { code: 'CDF_CATALOG_VERSION_UNKNOWN', message: '参数 to 的目录版本 7 不存在；现有版本 1–2' } });
  });

  it('lists subscriptions, grants and measures of the version in force a page at a time; agencies may not', async () => {
    const subs = await get('/api/catalog/subscriptions?limit=2&offset=1');
    expect(subs.body).toMatchObject({ version: 2, total: 4 });
    expect((subs.body.subscriptions as Array<{ id: string }>).map((s) => s.id)).toEqual(['city_credit_platform', 'binhai_platform_penalties']);
    expect((await get('/api/catalog/grants')).body).toMatchObject({ total: 4 });
    expect((await get('/api/catalog/grants?version=1')).body).toMatchObject({ version: 1, total: 3 });
    const measures = await get('/api/catalog/measures?limit=1');
    expect([measures.body.total, (measures.body.measures as unknown[]).length]).toEqual([3, 1]);
    expect((await get('/api/catalog/measures', 'agency:city_tax@t')).status).toBe(403);
  });
});

describe('deliveries', () => {
  let ids: Record<string, number>;
  beforeAll(async () => {
    const db = f.database.db;
    await plantBatch(db, { id: 'b-heping', agency: 'heping_market_regulation', dataset: 'admin_penalty', createdAt: '2026-11-02T10:00:00+08:00' });
    await plantBatch(db, { id: 'b-nankai', agency: 'nankai_market_regulation', dataset: 'admin_penalty', createdAt: '2026-11-03T10:00:00+08:00' });
    await plantBatch(db, { id: 'b-tax', agency: 'city_tax', dataset: 'black_list', createdAt: '2026-11-04T10:00:00+08:00' });
    const at = (day: string, s = '00') => `2026-11-0${day}T11:00:${s}+08:00`;
    ids = {
      public: await plantDelivery(db, { subscription: 'public_disclosure_outbox', batchId: 'b-heping', status: 'delivered', records: 10, createdAt: at('2') }),
      partly: await plantDelivery(db, {
        subscription: 'city_credit_platform', batchId: 'b-heping', status: 'delivered', records: 7, withheld: 3, createdAt: at('2', '01'),
      }),
      whole: await plantDelivery(db, { subscription: 'binhai_platform_penalties', batchId: 'b-nankai', status: 'withheld:not_shared', createdAt: at('3') }),
      failing: await plantDelivery(db, { subscription: 'public_disclosure_outbox', batchId: 'b-nankai', status: 'failing', createdAt: at('3', '01') }),
      tax: await plantDelivery(db, { subscription: 'tax_black_list', batchId: 'b-tax', status: 'delivered', records: 2, createdAt: at('4') }),
    };
  });

  it('pages newest first, with the total and the counts per status', async () => {
    const { status, body } = await get('/api/deliveries?limit=2');
    expect(status).toBe(200);
    expect(body.total).toBe(5);
    expect(body.counts).toEqual({ all: 5, delivered: 3, withheld: 2, failing: 1 });
    expect((body.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.tax, ids.failing]);
    const next = await get('/api/deliveries?limit=2&offset=2');
    expect((next.body.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.whole, ids.partly]);
    expect((next.body.deliveries as Array<Record<string, unknown>>)[1]).toMatchObject({
      subscription: 'city_credit_platform', dataset: 'admin_penalty', subscriptionName: { zh: expect.any(String), en: expect.any(String) }, withheld: 3,
    });
  });

  it('the withheld filter returns what the count says: held back whole, and partly', async () => {
    const { body } = await get('/api/deliveries?status=withheld');
    expect((body.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.whole, ids.partly]);
    expect(body.total).toBe((body.counts as { withheld: number }).withheld);
    const failing = await get('/api/deliveries?status=failing');
    expect([failing.body.total, (failing.body.deliveries as Array<{ attempts: number }>)[0]?.attempts]).toEqual([1, 3]);
  });

  it('filters by subscription, dataset, batch and time; a district steward sees its own agencies\' only', async () => {
    const ofSub = (await get('/api/deliveries?subscription=public_disclosure_outbox')).body;
    expect((ofSub.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.failing, ids.public]);
    expect((await get('/api/deliveries?dataset=black_list')).body).toMatchObject({ total: 1, counts: { all: 1, delivered: 1, withheld: 0, failing: 0 } });
    expect((await get('/api/deliveries?batch=b-nankai')).body.total).toBe(2);
    const day = (await get('/api/deliveries?from=2026-11-03&to=2026-11-03')).body;
    expect((day.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.failing, ids.whole]);
    const heping = (await get('/api/deliveries', 'steward:120101@hp')).body;
    expect((heping.deliveries as Array<{ id: number }>).map((d) => d.id)).toEqual([ids.partly, ids.public]);
    expect(heping.counts).toEqual({ all: 2, delivered: 2, withheld: 1, failing: 0 });
  });

  it('refuses an unknown status and a malformed time in plain words', async () => {
    const bad = await get('/api/deliveries?status=lost', 'admin@ops', 'en');
    expect(bad).toMatchObject({ status: 400, body: { code: 'CDF_REQUEST_INVALID' } });
    const when = await get('/api/deliveries?from=yesterday', 'admin@ops', 'en');
    expect(when).toMatchObject({ status: 400, body: { code: 'CDF_DATE_INVALID', message: expect.stringContaining('query parameter from is a date') } });
  });
});

it('tells where a batch\'s run is in the Temporal web UI', async () => {
  const { status, body } = await get('/api/system/links', 'auditor@a');
  expect(status).toBe(200);
  expect(body).toEqual({ temporalUi: 'http://temporal.example:8080', namespace: 'default', workflowIdPrefix: 'ingest-' });
  expect((await get('/api/system/links', 'agency:city_tax@t')).status).toBe(403);
});
