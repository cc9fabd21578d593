// The steward queue as the web app uses it (issue 14), over HTTP on real Temporal and PostgreSQL
// with the demo loaded and an extract of conflicting pairs: a page with the total and badge
// counts, filters that narrow it, sort, a district steward's scope; one item side by side; a
// field-by-field decision changing the golden record field by field; an entered value off the
// standard answered in plain words; undo putting the record back as a new version; apply to
// similar after a preview, refused when the previewed set changed.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/app.ts';
import { loadDemo } from '../services/demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch, workflowIdFor } from '../services/upload.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { SUBJECTS, writeStewardExtract } from './helpers/steward-extract.ts';

let f: TestFactory;
let app: FastifyInstance;
let batchId: string;
const CITY = 'steward:120000@queue-city';
const HEPING = 'steward:120101@queue-heping';

interface Page {
  total: number; totalIsEstimate: boolean; tasks: Array<Record<string, unknown> & { id: number }>;
  counts: { byKind: Record<string, number>; byStatus: Record<string, number> };
}

async function call(method: 'GET' | 'POST', url: string, who = CITY, body?: unknown, lang = 'zh-CN') {
  const res = await app.inject({
    method, url, headers: { ...(await signedAs(f.database.db, who)), 'accept-language': lang, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.json() as Record<string, unknown> };
}
const page = async (query: string, who = CITY) => {
  const r = await call('GET', `/api/steward/tasks${query}`, who);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as unknown as Page;
};
const golden = async (id: number) => (await f.database.db('golden_records').where({ id }).first('fields', 'version', 'status')) as
  { fields: Record<string, string>; version: number; status: string };
/** My batch's conflicts in the order of their held rows (the subjects' order). */
async function myTasks(): Promise<Array<{ id: number; golden_id: number; subject: string; differs: string[] }>> {
  return (await f.database.db('steward_tasks as t').join('clean_rows as c', function () { this.on('c.batch_id', 't.batch_id').andOn('c.row_no', 't.row_no'); })
    .where({ 't.batch_id': batchId, 't.kind': 'conflict' }).orderBy('c.row_no')
    .select('t.id', 't.golden_id', 'c.subject_uscc as subject', f.database.db.raw(`t.detail->'differs' as differs`))) as never;
}

beforeAll(async () => {
  f = await createTestFactory();
  await loadDemo(f.ctx);
  app = await buildApp(f.ctx);
  await app.ready();
  const file = writeStewardExtract(f.config.dataDir);
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  batchId = up.batchId;
  await waitForBatch(f.ctx, batchId);
}, 240_000);
afterAll(async () => {
  await app?.close();
  await f?.close();
});

describe('the queue, a page at a time', () => {
  it('answers a page with the total, badge counts, and filters that narrow it', async () => {
    const mine = await myTasks();
    expect(mine.map((t) => t.differs)).toEqual([['fine_amount'], ['fine_amount'], ['fine_amount'], ['fine_amount'],
      ['fine_amount', 'penalty_content', 'penalty_types', 'valid_until']]);
    const all = await page('');
    const open = Number((await f.database.db('steward_tasks').where({ status: 'open' }).count({ n: '*' }))[0]!.n);
    expect(all).toMatchObject({ total: open, totalIsEstimate: false });
    expect(all.tasks.length).toBe(Math.min(open, 50));
    expect(Object.values(all.counts.byKind).reduce((a, b) => a + b, 0)).toBe(open);
    expect(all.counts.byStatus['open']).toBe(open);
    const two = await page('?limit=2&offset=1');
    expect(two.tasks.map((t) => t.id)).toEqual(all.tasks.slice(1, 3).map((t) => t.id));
    const conflicts = await page('?kind=conflict&limit=500');
    expect(conflicts.total).toBe(all.counts.byKind['conflict']);
    expect(conflicts.total).toBeLessThan(all.total + 1);
    expect(conflicts.tasks.every((t) => t['kind'] === 'conflict')).toBe(true);
    expect(conflicts.tasks[0]!['kindName']).toEqual({ zh: '数据冲突', en: 'conflicting values' });
    // Subjects registered in Dongli: exactly my Dongli pair (and any demo item about Dongli).
    const dongli = await page('?region=120110');
    expect(dongli.tasks.map((t) => t.id)).toContain(mine[3]!.id);
    expect(dongli.tasks.every((t) => t['subjectRegion'] === '120110')).toBe(true);
    expect((await page('?olderThanDays=1')).total).toBe(0);
    expect((await page('?escalated=true')).total).toBe(0);
    const byAgency = await page('?agency=city_market_regulation&dataset=admin_penalty&limit=500');
    expect(byAgency.tasks.map((t) => t.id)).toEqual(expect.arrayContaining(mine.map((t) => t.id)));
    expect(byAgency.tasks.every((t) => t['agency'] === 'city_market_regulation')).toBe(true);
    // Newest first, then the oldest first.
    const newest = await page('?sort=created&limit=1');
    const oldest = await page('?sort=age&limit=1');
    expect(newest.tasks[0]!.id).toBeGreaterThan(oldest.tasks[0]!.id);
    const bad = await call('GET', '/api/steward/tasks?sort=colour');
    expect(bad.status).toBe(400);
  });

  it('shows a district steward only its district, and any other item as unknown', async () => {
    const mine = await myTasks();
    const heping = await page('?limit=500', HEPING);
    const ids = heping.tasks.map((t) => t.id);
    expect(ids).toContain(mine[0]!.id); // Haihe Food is registered in Heping
    expect(ids).not.toContain(mine[1]!.id); // Hongyun is in Nankai, sent by a city agency
    const regions = await f.database.db('steward_tasks').whereIn('id', ids).select('subject_region', 'agency');
    for (const r of regions) expect(r.subject_region === '120101' || String(r.agency).startsWith('heping')).toBe(true);
    const other = await call('GET', `/api/steward/tasks/${mine[1]!.id}`, HEPING);
    expect(other).toMatchObject({ status: 404, body: { code: 'CDF_TASK_UNKNOWN' } });
    // The same answer as for an item that does not exist at all.
    const none = await call('GET', '/api/steward/tasks/99999999', HEPING);
    expect(none.body['message']).toBe(String(other.body['message']).replace(String(mine[1]!.id), '99999999'));
  });
});

describe('one item side by side', () => {
  it('gives every field on each side with sources, what differs, the rule and the suggestion in words', async () => {
    const t = (await myTasks())[4]!;
    const r = await call('GET', `/api/steward/tasks/${t.id}`);
    expect(r.status).toBe(200);
    const v = r.body as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    const fine = v.fields.find((x: { name: string }) => x.name === 'fine_amount');
    expect(fine).toEqual({ name: 'fine_amount', label: { zh: '罚款金额（万元）', en: 'Fine (10k yuan)' }, a: '0.2', b: '0.3', differs: true, material: true });
    expect(v.fields.filter((x: { differs: boolean }) => x.differs).map((x: { name: string }) => x.name).sort())
      .toEqual(['fine_amount', 'penalty_content', 'penalty_types', 'valid_until']);
    expect(v.fields.find((x: { name: string }) => x.name === 'subject_name')).toMatchObject({ a: SUBJECTS[4].name, b: SUBJECTS[4].name, differs: false });
    expect(v.sides.a).toMatchObject({ batchId, rowNo: 5, agency: 'city_market_regulation', channel: 'agency_upload', goldenId: t.golden_id, version: 1 });
    expect(v.sides.b).toMatchObject({ batchId, rowNo: 10, agency: 'city_market_regulation', fileName: 'steward-pairs-9.csv' });
    expect(v.sides.a.agencyName.zh).toBeTruthy();
    expect(v.rule.code).toBe('material_differs');
    expect(v.rule.zh).toContain('逐字段选择');
    expect(v.suggestion).toMatchObject({ side: 'b', action: 'take_incoming' });
    expect(v.suggestion.en).toContain('arrived later');
    expect(v.actions.map((a: { action: string }) => a.action)).toContain('fields');
    expect(v.history).toEqual([]);
  });
});

describe('a field-by-field decision', () => {
  it('refuses an entered value off the standard, naming the field, what was expected and an example', async () => {
    const t = (await myTasks())[4]!;
    const fields = { fine_amount: { take: 'value', value: '八千元' }, penalty_types: { take: 'b' }, penalty_content: { take: 'a' }, valid_until: { take: 'a' } };
    const zh = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'fields', fields } });
    expect(zh.status).toBe(422);
    expect(zh.body).toMatchObject({ code: 'CDF_DECISION_VALUES', context: { field: 'fine_amount', value: '八千元' } });
    expect(zh.body['message']).toBe('「罚款金额（万元）」的值「八千元」应为数字，最多 6 位小数，例如 1200.50');
    const en = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'fields', fields } }, 'en');
    expect(en.body['message']).toBe('"Fine (10k yuan)" value "八千元" must be a number with at most 6 decimals, e.g. 1200.50');
    const missing = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'fields', fields: { fine_amount: { take: 'a' } } } });
    expect(missing.status).toBe(400);
    expect(missing.body['message']).toContain('「处罚内容」');
    expect((await golden(t.golden_id)).version).toBe(1);
  });

  it('changes the golden record field by field: a, b and an entered value', async () => {
    const t = (await myTasks())[4]!;
    const fields = {
      fine_amount: { take: 'a' }, penalty_types: { take: 'b' }, penalty_content: { take: 'value', value: '警告并处罚款2000元' }, valid_until: { take: 'b' },
    };
    // valid_until: B is 2026-07-28 (series 9: month 07).
    const r = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'fields', fields }, note: '以复核后的决定书为准' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ taskId: t.id, action: 'fields', goldenId: t.golden_id, version: 2 });
    const g = await golden(t.golden_id);
    expect(g.fields).toMatchObject({ fine_amount: '0.2', penalty_types: '警告;罚款', penalty_content: '警告并处罚款2000元', valid_until: '2026-07-28' });
    const v = (await f.database.db('golden_versions').where({ golden_id: t.golden_id, version: 2 }).first('row_no', 'field_sources')) as
      { row_no: number; field_sources: Record<string, unknown> };
    expect(v.row_no).toBe(10);
    expect(v.field_sources).toEqual({ fine_amount: { batchId, rowNo: 5 }, penalty_content: { task: t.id } });
    const view = (await call('GET', `/api/steward/tasks/${t.id}`)).body as { status: string; note: string; history: Array<Record<string, unknown>> };
    expect(view).toMatchObject({ status: 'decided', note: '以复核后的决定书为准' });
    expect(view.history).toMatchObject([{ taskId: t.id, action: 'fields', decidedBy: 'queue-city', note: '以复核后的决定书为准', undoneAt: null }]);
    const audit = await f.database.db('audit_log').where({ kind: 'steward_decision', subject: `task:${t.id}` }).select('actor');
    expect(audit).toEqual([{ actor: 'queue-city' }]);
  });

  it('is undone: the item is open again and the record gets its held values back as a new version', async () => {
    const t = (await myTasks())[4]!;
    const r = await call('POST', `/api/steward/tasks/${t.id}/reopen`, CITY, { note: '误选' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ taskId: t.id, action: 'fields', records: [{ id: t.golden_id, version: 3 }], reopens: 1 });
    const g = await golden(t.golden_id);
    expect(g).toMatchObject({ version: 3, status: 'active' });
    expect(g.fields).toMatchObject({ fine_amount: '0.2', penalty_types: '罚款', penalty_content: '罚款2000元', valid_until: '2026-07-20' });
    expect(await f.database.db('steward_tasks').where({ id: t.id }).first('status', 'decision')).toEqual({ status: 'open', decision: null });
    expect(await f.database.db('record_sources').where({ batch_id: batchId }).whereIn('row_no', [5, 10]).orderBy('row_no').select('row_no', 'role'))
      .toEqual([{ row_no: 5, role: 'chosen' }]);
    expect(await f.database.db('audit_log').where({ kind: 'steward_reopen', subject: `task:${t.id}` }).select('actor')).toEqual([{ actor: 'queue-city' }]);
    const again = await call('POST', `/api/steward/tasks/${t.id}/reopen`, CITY, {});
    expect(again).toMatchObject({ status: 422, body: { code: 'CDF_TASK_NOT_DECIDED' } });
    // Decided again (the batch's run still waits): all B this time.
    const all = { fine_amount: { take: 'b' }, penalty_types: { take: 'b' }, penalty_content: { take: 'b' }, valid_until: { take: 'b' } };
    const d = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'fields', fields: all } });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect((await golden(t.golden_id)).fields).toMatchObject({ fine_amount: '0.3', penalty_types: '警告;罚款', valid_until: '2026-07-28' });
  });
});

describe('apply to similar', () => {
  it('previews the items of the same pattern, refuses a changed set, and applies to exactly the previewed ones', async () => {
    const mine = (await myTasks()).slice(0, 4);
    const decision = { action: 'fields', fields: { fine_amount: { take: 'a' } } };
    const p = await call('POST', '/api/steward/bulk/preview', CITY, { taskId: mine[0]!.id, decision });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    const ids = p.body['ids'] as number[];
    expect(ids).toEqual(expect.arrayContaining(mine.map((t) => t.id)));
    expect(ids).not.toContain((await myTasks())[4]!.id);
    expect(p.body).toMatchObject({
      count: ids.length, more: false, pattern: { kind: 'conflict', dataset: 'admin_penalty', differs: [{ field: 'fine_amount' }] },
    });
    expect((p.body['sample'] as unknown[]).length).toBe(Math.min(5, ids.length));
    const typed = { action: 'fields', fields: { fine_amount: { take: 'value', value: '1' } } };
    const entered = await call('POST', '/api/steward/bulk/preview', CITY, { taskId: mine[0]!.id, decision: typed });
    expect(entered).toMatchObject({ status: 422, body: { code: 'CDF_BULK_DECISION' } });
    // One of them decided on its own after the preview: the previewed set is gone.
    const single = await call('POST', `/api/steward/tasks/${mine[3]!.id}/decision`, CITY, { decision: { action: 'take_incoming' } });
    expect(single.status).toBe(200);
    const stale = await call('POST', '/api/steward/bulk/apply', CITY, { taskId: mine[0]!.id, decision, token: p.body['token'] });
    expect(stale).toMatchObject({ status: 422, body: { code: 'CDF_BULK_CHANGED' } });
    expect(await f.database.db('steward_tasks').whereIn('id', mine.slice(0, 3).map((t) => t.id)).where('status', 'open').count({ n: '*' })).toEqual([{ n: 3 }]);
    const fresh = await call('POST', '/api/steward/bulk/preview', CITY, { taskId: mine[0]!.id, decision });
    const applied = await call('POST', '/api/steward/bulk/apply', CITY, { taskId: mine[0]!.id, decision, expectedIds: fresh.body['ids'], note: '以首次报送为准' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(200);
    expect(applied.body).toMatchObject({ applied: (fresh.body['ids'] as number[]).length, failed: 0 });
    for (const [i, t] of mine.slice(0, 3).entries()) expect((await golden(t.golden_id)).fields['fine_amount']).toBe(`1.${i + 1}`);
    expect((await golden(mine[3]!.golden_id)).fields['fine_amount']).toBe('2.4');
    const audits = await f.database.db('audit_log').where({ kind: 'steward_decision' })
      .whereIn('subject', mine.slice(0, 3).map((t) => `task:${t.id}`)).count({ n: '*' });
    expect(audits).toEqual([{ n: 3 }]);
  });

  it('lets a decision be undone and taken again once its batch\'s run has ended', async () => {
    await f.ctx.temporal.workflow.getHandle(workflowIdFor(batchId)).result();
    const t = (await myTasks())[0]!;
    const r = await call('POST', `/api/steward/tasks/${t.id}/reopen`, CITY, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await golden(t.golden_id)).fields['fine_amount']).toBe('1.1');
    const d = await call('POST', `/api/steward/tasks/${t.id}/decision`, CITY, { decision: { action: 'take_incoming' } });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect((await golden(t.golden_id)).fields['fine_amount']).toBe('2.1');
    expect(await f.database.db('steward_tasks').where({ id: t.id }).first('status')).toEqual({ status: 'decided' });
  });
});
