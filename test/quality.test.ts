// The quality dashboard on a small known input: batches planted with the figures their steps would
// have left, in a fixed week, so every number the dashboard shows can be checked by hand.
//
// Heping's market regulator (daily admin_penalty, 120101) sent, between 2 and 5 November 2026:
//   h1 (2 Nov): 100 received, 90 accepted, 10 rejected (6 CDF_A, 4 CDF_B); 80 organisation rows,
//               20 without a USCC, 15 converted, 2 with a code conflict; 5 duplicates, 1 out of responsibility
//   h2 (3 Nov): 50 received and accepted; 40 organisation rows, 10 without a USCC, all converted; 4 duplicates
//   h3 (4 Nov): failed (neither counted nor an upload); h4 (6 Nov): after the window, so 5 Nov was late.
// Nankai's (120104) sent n1 (3 Nov): 20 received, 18 accepted, 2 rejected (CDF_A); 10 organisation
// rows, 10 without a USCC, 5 converted, 1 conflict.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fixedClock } from '../domain/clock.ts';
import { buildApp } from '../server/app.ts';
import { importDemoCatalog } from '../services/demo.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { plantBatch } from './helpers/operator.ts';

let f: TestFactory;
let app: FastifyInstance;

const get = async (url: string, who = 'admin@q') => {
  const r = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, who) });
  return { status: r.statusCode, body: r.json() as Record<string, unknown> };
};
const link = (organisations: number, withoutUscc: number, converted: number, codeConflictRows: number) =>
  ({ organisations, withoutUscc, converted, codeConflictRows, conversionRate: 0, wrongCodePerMille: 0 });

beforeAll(async () => {
  f = await createTestFactory({ inProcessWorker: false, clock: fixedClock('2026-11-20T12:00:00+08:00') });
  const db = f.database.db;
  await importDemoCatalog(db, 'admin@demo', f.config);
  const heping = { agency: 'heping_market_regulation', dataset: 'admin_penalty' };
  await plantBatch(db, { ...heping, id: 'h1', createdAt: '2026-11-02T10:00:00+08:00', counts: {
    received: 100, accepted: 90, rejected: 10, rejectedByCode: { CDF_A: 6, CDF_B: 4 }, link: link(80, 20, 15, 2),
    duplicates: 5, outOfResponsibility: 1, conflicts: 3,
  } });
  await plantBatch(db, { ...heping, id: 'h2', createdAt: '2026-11-03T09:00:00+08:00', counts: {
    received: 50, accepted: 50, rejected: 0, link: link(40, 10, 10, 0), duplicates: 4,
  } });
  await plantBatch(db, { ...heping, id: 'h3', status: 'failed', createdAt: '2026-11-04T09:00:00+08:00', counts: { received: 999 } });
  await plantBatch(db, { ...heping, id: 'h4', createdAt: '2026-11-06T08:00:00+08:00', counts: { received: 7, accepted: 7 } });
  await plantBatch(db, { agency: 'nankai_market_regulation', dataset: 'admin_penalty', id: 'n1', createdAt: '2026-11-03T15:00:00+08:00', counts: {
    received: 20, accepted: 18, rejected: 2, rejectedByCode: { CDF_A: 2 }, link: link(10, 10, 5, 1),
  } });
  app = await buildApp(f.ctx);
});
afterAll(async () => {
  await app?.close();
  await f?.close();
});

const WINDOW = 'from=2026-11-02&to=2026-11-05';

it('adds up each agency\'s batches and takes the rates from the sums', async () => {
  const { status, body } = await get(`/api/quality/dashboard?by=agency&${WINDOW}`);
  expect(status).toBe(200);
  const groups = body.groups as Array<Record<string, unknown>>;
  const heping = groups.find((g) => g.key === 'heping_market_regulation');
  expect(heping).toMatchObject({
    name: { zh: '和平区市场监督管理局', en: expect.any(String) },
    batches: 2, received: 150, accepted: 140, rejected: 10, organisations: 120, withoutUscc: 30, converted: 25, codeConflictRows: 2,
    conversionRate: 0.8333, wrongCodePerMille: 16.67, duplicates: 9, outOfResponsibility: 1, doubleReported: 10, doubleReportingRate: 0.0714,
    // Daily, 2–5 Nov: the 2nd and 3rd on time, the 4th missing (h3 failed), the 5th late (h4 came on the 6th).
    timeliness: { expected: 4, onTime: 2, late: 1, missing: 1, onTimeRate: 0.5 },
    rejectsByReason: [{ code: 'CDF_A', rows: 6 }, { code: 'CDF_B', rows: 4 }],
  });
  expect(groups.find((g) => g.key === 'nankai_market_regulation')).toMatchObject({
    batches: 1, received: 20, conversionRate: 0.5, wrongCodePerMille: 100,
    // Two daily entries (penalties, licences): the 3rd on time, the 2nd late (sent on the 3rd), six days missing.
    timeliness: { expected: 8, onTime: 1, late: 1, missing: 6 },
  });
  // A city agency that sent nothing: every day it owed is missing.
  expect(groups.find((g) => g.key === 'city_health')).toMatchObject({ batches: 0, timeliness: { expected: 8, onTime: 0, missing: 8 } });
  expect(body.totals).toMatchObject({
    batches: 3, received: 170, rejected: 12, withoutUscc: 40, converted: 30, conversionRate: 0.75,
    rejectsByReason: [{ code: 'CDF_A', rows: 8 }, { code: 'CDF_B', rows: 4 }],
  });
});

it('groups by region and by dataset, and gives a trend per day', async () => {
  const byRegion = (await get(`/api/quality/dashboard?by=region&${WINDOW}`)).body;
  const regions = byRegion.groups as Array<Record<string, unknown>>;
  expect(regions.find((g) => g.key === '120101')).toMatchObject({ name: { zh: '和平区', en: 'Heping' }, received: 150 });
  expect(regions.find((g) => g.key === '120104')).toMatchObject({ received: 20 });
  const byDataset = (await get(`/api/quality/dashboard?by=dataset&${WINDOW}`)).body;
  expect((byDataset.groups as Array<Record<string, unknown>>).find((g) => g.key === 'admin_penalty')).toMatchObject({ batches: 3, received: 170 });
  expect((byDataset.trend as Array<Record<string, unknown>>).map((t) => [t.period, t.received, t.batches])).toEqual([
    ['2026-11-02', 100, 1], ['2026-11-03', 70, 2],
  ]);
  const weekly = (await get(`/api/quality/dashboard?bucket=week&${WINDOW}`)).body;
  expect((weekly.trend as Array<Record<string, unknown>>).map((t) => [t.period, t.received])).toEqual([['2026-11-02', 170]]);
});

it('counts only the batches a district steward may see', async () => {
  const { body } = await get(`/api/quality/dashboard?by=agency&${WINDOW}`, 'steward:120101@hs');
  expect((body.groups as Array<{ key: string }>).map((g) => g.key)).toEqual(['heping_market_regulation', 'quanyechang_office', 'xiaobailou_office']);
  expect(body.totals).toMatchObject({ received: 150 });
});

it('refuses a grouping it does not know and a window longer than a year, in plain words', async () => {
  expect((await get('/api/quality/dashboard?by=street')).body).toMatchObject({ code: 'CDF_REQUEST_INVALID' });
  expect((await get('/api/quality/dashboard?from=2025-01-01&to=2026-11-01')).body).toMatchObject({ code: 'CDF_DATE_INVALID' });
});

it('counts the entries overdue or never seen now, and a realtime entry\'s periods by the hour', async () => {
  const { body } = await get(`/api/quality/dashboard?by=agency&${WINDOW}`);
  const groups = body.groups as Array<{ key: string; timeliness: Record<string, number> }>;
  // Now is 20 Nov: Heping last sent on the 6th (h4), Nankai on the 3rd and never its licences, the city's health bureau never.
  expect(groups.find((g) => g.key === 'heping_market_regulation')!.timeliness).toMatchObject({ overdue: 1, neverSeen: 0 });
  expect(groups.find((g) => g.key === 'nankai_market_regulation')!.timeliness).toMatchObject({ overdue: 1, neverSeen: 1 });
  expect(groups.find((g) => g.key === 'city_health')!.timeliness).toMatchObject({ overdue: 0, neverSeen: 2 });
  expect((body.totals as { timeliness: Record<string, number> }).timeliness).toMatchObject({ overdue: 2 });
  // Xiaobailou's office supplies in real time: four days are 96 hours, none of which had an upload.
  const district = (await get(`/api/quality/dashboard?by=agency&${WINDOW}`, 'steward:120101@hs')).body.groups as typeof groups;
  expect(district.find((g) => g.key === 'xiaobailou_office')!.timeliness).toMatchObject({ expected: 96, onTime: 0, missing: 96, neverSeen: 1 });
});
