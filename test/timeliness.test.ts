// Timeliness now through the real API, on the demo catalogue with a fixed clock (Friday 20 November
// 2026, 12:00 China time) and batches planted with known times:
//   city_tax (monthly admin_penalty): last on 15 September, so October's was due by 1 November: 19 d 12 h overdue;
//   heping_market_regulation (daily): last on the 17th, so the 18th's was due by the 19th: 1 d 12 h overdue;
//   nankai_market_regulation (daily): this morning, on time; city_ecology (weekly): Tuesday 10th, due by the 23rd;
//   city_market_regulation's registry pull (daily, scheduled_pull): no batch, but a pull succeeded this morning with nothing new: on time.
// Every other entry of the demo catalogue was never seen.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { buildApp } from '../server/app.ts';
import { importDemoCatalog } from '../services/demo.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { runCdf } from './helpers/cli.ts';
import { plantBatch } from './helpers/operator.ts';

let f: TestFactory;
let app: FastifyInstance;
type Row = Record<string, unknown> & { agency: string; dataset: string; status: string; lateSeconds: number };
type Page = { total: number; counts: Record<string, number>; rows: Row[] };

const get = async (url: string, who = 'admin@tl') => {
  const r = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, who) });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> };
};
const page = async (url: string, who?: string) => (await get(url, who)).body as unknown as Page;
const HOUR = 3600;

beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false, clock: fixedClock('2026-11-20T12:00:00+08:00') });
  const db = f.database.db;
  await importDemoCatalog(db, 'admin@demo', f.config);
  const penalty = { dataset: 'admin_penalty' };
  await plantBatch(db, { ...penalty, agency: 'city_tax', id: 't1', createdAt: '2026-09-15T10:00:00+08:00' });
  await plantBatch(db, { ...penalty, agency: 'heping_market_regulation', id: 'h1', createdAt: '2026-11-17T09:00:00+08:00' });
  await plantBatch(db, { ...penalty, agency: 'heping_market_regulation', id: 'h2', status: 'failed', createdAt: '2026-11-19T09:00:00+08:00' });
  await plantBatch(db, { ...penalty, agency: 'nankai_market_regulation', id: 'n1', createdAt: '2026-11-20T08:00:00+08:00' });
  await plantBatch(db, { ...penalty, agency: 'city_ecology', id: 'e1', createdAt: '2026-11-10T08:00:00+08:00' });
  await db('pull_sources').insert({
    agency: 'city_market_regulation', dataset: 'legal_person_registry', channel: 'scheduled_pull', connector: 'sql-pull',
    last_success_at: '2026-11-20T06:00:00+08:00', last_attempt_at: '2026-11-20T06:00:00+08:00', last_rows: 0, failures: 0,
  });
  app = await buildApp(f.ctx);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

it('lists the overdue first, most overdue first, then the never seen, then the on time, with how late in words', async () => {
  const { status, body } = await get('/api/quality/timeliness?limit=200');
  expect(status).toBe(200);
  const p = body as unknown as Page;
  expect(p.counts).toEqual({ all: 35, overdue: 2, neverSeen: 30, onTime: 3 });
  expect(p.total).toBe(35);
  expect(p.rows.map((r) => r.status)).toEqual([...Array(2).fill('overdue'), ...Array(30).fill('never_seen'), ...Array(3).fill('on_time')]);
  const [tax, heping] = p.rows;
  expect(tax).toMatchObject({
    agency: 'city_tax', agencyName: { zh: expect.stringContaining('税务'), en: expect.any(String) }, dataset: 'admin_penalty', frequency: 'monthly',
    frequencyName: { zh: '每月', en: 'monthly' }, lastBatchId: 't1', lastArrivalKind: 'batch', due: '2026-10-31T16:00:00.000Z',
    lateSeconds: (19 * 24 + 12) * HOUR, lateText: { zh: '逾期 19 天 12 小时', en: '19 d 12 h overdue' }, pull: null,
  });
  // The failed batch on the 19th is no arrival.
  expect(heping).toMatchObject({
    agency: 'heping_market_regulation', regionName: { zh: '和平区', en: 'Heping' }, lastBatchId: 'h1', lateSeconds: 36 * HOUR,
    lateText: { zh: '逾期 1 天 12 小时', en: '1 d 12 h overdue' },
    // Daily over the last 30 days: the 17th on time, the 16th late (sent on the 17th), the others missing.
    periods: { expected: 30, onTime: 1, late: 1, missing: 28 },
  });
  const onTime = p.rows.slice(-3);
  // Next due first: the pull and Nankai by Sunday's midnight (ties by agency), the weekly by Monday's.
  expect(onTime.map((r) => r.agency)).toEqual(['city_market_regulation', 'nankai_market_regulation', 'city_ecology']);
  expect(onTime[0]).toMatchObject({
    dataset: 'legal_person_registry', lastArrivalKind: 'pull', lastBatchId: null, due: '2026-11-21T16:00:00.000Z',
    pull: { failures: 0, failingSince: null }, lateText: { zh: '按时', en: 'on time' },
  });
  const never = p.rows.find((r) => r.agency === 'city_health')!;
  expect(never).toMatchObject({ lastArrival: null, expectedSince: expect.any(String), lateText: { zh: expect.stringContaining('从未报送') } });
});

it('pages and filters on the server', async () => {
  const second = await page('/api/quality/timeliness?limit=1&offset=1');
  expect(second.total).toBe(35);
  expect(second.rows.map((r) => r.agency)).toEqual(['heping_market_regulation']);
  const overdue = await page('/api/quality/timeliness?status=overdue');
  expect([overdue.total, overdue.rows.map((r) => r.agency)]).toEqual([2, ['city_tax', 'heping_market_regulation']]);
  // Nankai district: its agencies and the street office within it.
  const nankai = await page('/api/quality/timeliness?region=120104');
  expect(new Set(nankai.rows.map((r) => r.agency))).toEqual(new Set(['nankai_market_regulation', 'nankai_credit_office', 'changhong_office']));
  expect((await page('/api/quality/timeliness?dataset=red_list')).rows.map((r) => r.agency).sort()).toEqual(['city_credit_center', 'city_tax']);
  expect((await page('/api/quality/timeliness?agency=city_tax')).rows.map((r) => [r.dataset, r.status]))
    .toEqual([['admin_penalty', 'overdue'], ['red_list', 'never_seen']]);
  expect((await get('/api/quality/timeliness?status=late')).status).toBe(400);
  expect((await get('/api/quality/timeliness?region=999999')).body).toMatchObject({ code: 'CDF_REQUEST_INVALID' });
});

it('shows an agency only its own entries, and a district steward its region\'s', async () => {
  const mine = await page('/api/quality/timeliness', 'agency:heping_market_regulation@tl-heping');
  expect(mine.rows.map((r) => [r.agency, r.status])).toEqual([['heping_market_regulation', 'overdue']]);
  expect(mine.counts).toEqual({ all: 1, overdue: 1, neverSeen: 0, onTime: 0 });
  // Asking for another agency's entries gives nothing, not theirs.
  expect((await page('/api/quality/timeliness?agency=city_tax', 'agency:heping_market_regulation@tl-heping')).total).toBe(0);
  const district = await page('/api/quality/timeliness', 'steward:120104@tl-nankai');
  expect(new Set(district.rows.map((r) => r.agency))).toEqual(new Set(['nankai_market_regulation', 'nankai_credit_office', 'changhong_office']));
  expect((await get('/api/quality/timeliness')).status).toBe(200);
});

it('gives the dashboard the now-counts, and the agency its next due time', async () => {
  type Dash = { groups: Array<Record<string, unknown>>; totals: { timeliness: Record<string, number> } };
  const dash = (await get('/api/quality/dashboard?by=agency')).body as Dash;
  expect(dash.totals.timeliness).toMatchObject({ overdue: 2, neverSeen: 30 });
  expect(dash.groups.find((g) => g.key === 'city_tax')).toMatchObject({ timeliness: { overdue: 1, neverSeen: 1 } });
  const heping = (await get('/api/agency/datasets', 'agency:heping_market_regulation@tl-heping')).body as { datasets: Array<Record<string, unknown>> };
  expect(heping.datasets.find((d) => d.dataset === 'admin_penalty')!.overdue).toEqual({ overdue: true, dueAt: '2026-11-18T16:00:00.000Z', days: 2 });
  const nankai = (await get('/api/agency/datasets', 'agency:nankai_market_regulation@tl-nankai-agency')).body as { datasets: Array<Record<string, unknown>> };
  expect(nankai.datasets.find((d) => d.dataset === 'admin_penalty')!.overdue).toEqual({ overdue: false, dueAt: '2026-11-21T16:00:00.000Z', days: 0 });
});

it('answers on the command line too, overdue first, Chinese unless asked for English', async () => {
  // The CLI runs on the real clock (after the fixed one), so only the order of the two oldest is certain.
  const en = await runCdf(['quality', 'timeliness', '--status', 'overdue', '--lang', 'en'], f.env);
  expect(en.code).toBe(0);
  const lines = en.stdout.trim().split('\n');
  expect(lines[0]).toMatch(/^35 catalogue entries: \d+ overdue, \d+ never sent, \d+ on time/);
  expect(lines[1]).toMatch(/^ {2}\d+ d( \d+ h)? overdue · City Tax Service \(city_tax\) · .* · monthly · last arrived 2026-09-15 10:00 · due 2026-11-01 00:00$/);
  expect(lines[2]).toContain('(heping_market_regulation)');
  const zh = await runCdf(['quality', 'timeliness', '--agency', 'heping_market_regulation'], { ...f.env, CDF_LANG: 'zh-CN' });
  expect(zh.stdout).toMatch(/逾期 \d+ 天.* · 和平区市场监督管理局 \(heping_market_regulation\) · 行政处罚.* · 每日 · 最近到达 2026-11-17 09:00 · 截止 2026-11-19 00:00/);
  const json = JSON.parse((await runCdf(['quality', 'timeliness', '--dataset', 'red_list', '--json'], f.env)).stdout) as { rows: Array<{ agency: string }> };
  expect(json.rows.map((r) => r.agency).sort()).toEqual(['city_credit_center', 'city_tax']);
  expect((await runCdf(['quality', 'timeliness', '--status', 'late'], f.env)).code).not.toBe(0);
});
