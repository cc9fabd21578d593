// Compare and sync on real Temporal and PostgreSQL: one disclosure reaching the factory through
// three channels, each formatted its own way, is one golden record with three sources; the same
// source sending a corrected row is a new version, not a conflict; a batch run twice changes nothing.
import { writeFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import path from 'node:path';
import { MockActivityEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivities } from '../activities/index.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CITY_MARKET = '111200000000100140';
const SUBJECT = '91120104300010024R';
// The same penalty as the deciding authority, the national vertical feed (traditional characters,
// column codes, other brackets, 元, slashes in dates) and the district platform (GB18030, ASCII
// parentheses, 万元, Chinese dates) write it.
const AGENCY = [
  '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码',
  `天津南开区鸿运商贸有限公司,法人及非法人组织,${SUBJECT},李明,津市场监管罚〔2025〕102号,价格违法,未明码标价,《中华人民共和国价格法》第四十二条,` +
    `警告;罚款,罚款2000元,0.2,2025-03-15,2026-03-14,市市场监督管理委员会,${CITY_MARKET},市市场监督管理委员会,${CITY_MARKET}`,
].join('\n');
const VERTICAL = [
  'CF_XDR_MC,CF_XDR_LB,CF_XDR_SHXYM,CF_FRDB,CF_WSH,CF_WFXW,CF_SY,CF_YJ,CF_CFLB,CF_NR,CF_NR_FK,CF_JDRQ,CF_YXQ,CF_CFJG,CF_CFJGDM,CF_SJLY,CF_SJLYDM',
  `天津南開區鴻運商貿有限公司,法人及非法人组织,${SUBJECT.toLowerCase()},李明,津市场监管罚[2025]102号,价格违法,未明码标价,《中华人民共和国价格法》第四十二条,` +
    `警告、罚款,罚款2000元,2000元,2025/3/15,2026/3/14,市市场监督管理委员会,${CITY_MARKET},国家市场监督管理总局,${CITY_MARKET}`,
].join('\n');
const PLATFORM_TEXT = [
  '行政相对人名称,行政相对人类别,行政相对人代码_1(统一社会信用代码),法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,处罚内容,罚款金额(万元),处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码',
  `天津南开区鸿运商贸有限公司 ,法人及非法人组织,${SUBJECT},李明,津市场监管罚（2025）102号,价格违法,未明码标价,《中华人民共和国价格法》第四十二条,` +
    `警告，罚款,罚款2000元,0.2万元,2025年3月15日,2026年3月14日,市市场监督管理委员会,${CITY_MARKET},滨海新区信用平台,${CITY_MARKET}`,
].join('\r\n');

let f: TestFactory;
const admin = parseIdentity('admin@test');
const write = (name: string, text: string, encoding: 'utf8' | 'gb18030' = 'utf8'): string => {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, encoding === 'utf8' ? text : iconv.encode(text, 'gb18030'));
  return file;
};

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
}, 60_000);
afterAll(async () => f?.close());

describe('one disclosure through three channels', () => {
  const batches: string[] = [];

  it('is one golden record with three sources', async () => {
    for (const [file, agency, text, enc] of [
      ['agency.csv', 'city_market_regulation', AGENCY, 'utf8'],
      ['vertical.csv', 'national_vertical', VERTICAL, 'utf8'],
      ['platform.csv', 'binhai_platform', PLATFORM_TEXT, 'gb18030'],
    ] as const) {
      const up = await uploadFile(f.ctx, admin, write(file, text, enc), { agency, dataset: 'admin_penalty' });
      const b = await waitForBatch(f.ctx, up.batchId);
      expect(b.counts, file).toMatchObject({ received: 1, accepted: 1, rejected: 0 });
      batches.push(up.batchId);
    }
    const db = f.database.db;
    const records = await db('golden_records').select('id', 'version', 'subject_uscc');
    expect(records).toEqual([{ id: records[0]!.id, version: 1, subject_uscc: SUBJECT }]);
    const sources = await db('record_sources as s').join('batches as b', 'b.id', 's.batch_id').orderBy('s.created_at').select('b.channel', 's.role');
    expect(sources).toEqual([
      { channel: 'agency_upload', role: 'chosen' }, { channel: 'national_vertical', role: 'duplicate' }, { channel: 'district_platform', role: 'duplicate' },
    ]);
    expect(await db('steward_tasks').count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('takes a corrected row from the same source as the record\'s next version, not a conflict', async () => {
    const corrected = AGENCY.replace('罚款2000元,0.2,', '罚款2500元,0.25,');
    const up = await uploadFile(f.ctx, admin, write('agency-corrected.csv', corrected), { agency: 'city_market_regulation', dataset: 'admin_penalty' });
    const b = await waitForBatch(f.ctx, up.batchId);
    expect(b.counts).toMatchObject({ updates: 1, conflicts: 0 });
    const db = f.database.db;
    const g = await db('golden_records').first('id', 'version', 'fields');
    expect(g.version).toBe(2);
    expect(g.fields.fine_amount).toBe('0.25');
    expect(await db('golden_versions').where({ golden_id: g.id }).orderBy('version').select('version')).toEqual([{ version: 1 }, { version: 2 }]);
    expect(await db('record_sources').where({ golden_id: g.id, role: 'superseded' }).count({ n: '*' })).toEqual([{ n: 1 }]);
    expect(await db('steward_tasks').count({ n: '*' })).toEqual([{ n: 0 }]);
    batches.push(up.batchId);
  });

  it('answers as of a moment: the record as it stood before the correction, with the sources it had then', async () => {
    const db = f.database.db;
    const v2 = (await db('golden_versions').where({ version: 2 }).first('valid_from')) as { valid_from: Date };
    const before = new Date(v2.valid_from.getTime() - 1).toISOString();
    const then = await runCdf(['export', 'golden', '--dataset', 'admin_penalty', '--as-of', before], f.env);
    expect(then.stderr).toBe('');
    const [old] = then.stdout.trim().split('\n').map((l) => JSON.parse(l) as { version: number; fields: Record<string, string>; sources: unknown[] });
    expect(old).toMatchObject({ version: 1, fields: { fine_amount: '0.2' } });
    expect(old!.sources).toHaveLength(3);
    const now = await runCdf(['export', 'golden', '--dataset', 'admin_penalty'], f.env);
    expect(JSON.parse(now.stdout.trim().split('\n')[0]!)).toMatchObject({ version: 2, fields: { fine_amount: '0.25' } });
    expect((await runCdf(['export', 'golden', '--dataset', 'admin_penalty', '--as-of', 'yesterday-ish'], f.env)).code).toBe(2);
  });

  it('hands a near-duplicate (a typo in the document number) to a steward with a score, and merges it when told', async () => {
    const typo = AGENCY.replace('罚款2000元,0.2,', '罚款2500元,0.25,').replace('〔2025〕102号', '〔2025〕1O2号');
    const up = await uploadFile(f.ctx, admin, write('vertical-typo.csv', typo), { agency: 'national_vertical', dataset: 'admin_penalty' });
    const b = await waitForBatch(f.ctx, up.batchId);
    expect(b.counts).toMatchObject({ new: 1, goldenCreated: 1 });
    const db = f.database.db;
    const task = await db('steward_tasks').where({ batch_id: up.batchId, kind: 'suspected_duplicate' }).first('id', 'golden_id', 'detail');
    expect(task.detail).toMatchObject({ rule: 'near_duplicate_key', suggested: 'merge' });
    expect(task.detail.score).toBeGreaterThanOrEqual(0.6);
    const held = task.detail.candidate.goldenId as number;
    const r = await runCdf(['conflicts', 'resolve', String(task.id), '--merge', '--json'], f.env);
    expect(r.stderr).toBe('');
    expect(await db('golden_records').where({ id: task.golden_id }).first('status')).toEqual({ status: 'merged' });
    expect(await db('record_sources').where({ batch_id: up.batchId }).first('golden_id', 'role')).toEqual({ golden_id: held, role: 'duplicate' });
    const delivered = await db('deliveries').where({ idempotency_key: `public_disclosure_outbox:${up.batchId}:task${task.id}` }).first('tombstones');
    expect(delivered).toEqual({ tombstones: 1 });
    batches.push(up.batchId);
  });

  it('traces the fine back through three channels, their clean rules and a steward\'s decision, forward to deliveries, and as of a moment', async () => {
    const db = f.database.db;
    // The vertical feed now says 3000元 where the authority corrected to 0.25 万元: a steward enters
    // 0.28. The record still stands on the authority's row; the entered value is the decision's.
    const up = await uploadFile(f.ctx, admin, write('vertical-3000.csv', VERTICAL.replace(',2000元,', ',3000元,')), {
      agency: 'national_vertical',
      dataset: 'admin_penalty',
    });
    expect((await waitForBatch(f.ctx, up.batchId)).counts).toMatchObject({ conflicts: 1 });
    const task = (await db('steward_tasks').where({ batch_id: up.batchId, kind: 'conflict' }).first('id', 'golden_id')) as { id: number; golden_id: number };
    const beforeDecision = new Date();
    const decided = await runCdf(['conflicts', 'resolve', String(task.id), '--value', '0.28', '--field', 'fine_amount', '--note', '以复核结果为准', '--json'], f.env);
    expect(decided.stderr).toBe('');
    type Lineage = {
      record: { version: number; value: string; status: string };
      asOf?: string;
      versions: Array<{ version: number; value: string; fieldSource?: { task?: number; batchId?: string } }>;
      sources: Array<{
        channel: string;
        role: string;
        received: string | null;
        value: string;
        cleanChanges: Array<{ ruleId: string; ruleVersion: number; before: string; after: string }>;
        link: { method: string };
      }>;
      decisions: Array<{ id: number; status: string; decidedBy: string | null }>;
    };
    const now = JSON.parse((await runCdf(['lineage', String(task.golden_id), '--field', 'fine_amount', '--json'], f.env)).stdout) as Lineage;
    expect(now.record).toMatchObject({ version: 3, value: '0.28', status: 'active' });
    // The entered value is recorded as the decision's, not as the row's the version stands on.
    expect(now.versions.map((v) => [v.version, v.value, v.fieldSource ?? null])).toEqual([[1, '0.2', null], [2, '0.25', null], [3, '0.28', { task: task.id }]]);
    expect(now.sources.map((s) => [s.channel, s.role, s.received, s.value])).toEqual([
      ['agency_upload', 'superseded', '0.2', '0.2'], ['national_vertical', 'duplicate', '2000元', '0.2'], ['district_platform', 'duplicate', '0.2万元', '0.2'],
      ['agency_upload', 'chosen', '0.25', '0.25'], ['national_vertical', 'duplicate', '0.25', '0.25'], // the merged near-duplicate
      ['national_vertical', 'decided', '3000元', '0.3'],
    ]);
    // Clean rules turned the channels' amounts into 万元; over the whole record, dates and document numbers too.
    expect(now.sources.map((s) => s.cleanChanges.map((c) => `${c.ruleId}@${c.ruleVersion}: ${c.before} → ${c.after}`))).toEqual([
      [], ['amount_form@4: 2000元 → 0.2'], ['amount_form@4: 0.2万元 → 0.2'], [], [], ['amount_form@4: 3000元 → 0.3'],
    ]);
    const whole = JSON.parse((await runCdf(['lineage', String(task.golden_id), '--json'], f.env)).stdout) as Lineage;
    const rules = new Set(whole.sources.flatMap((s) => s.cleanChanges.map((c) => c.ruleId)));
    expect([...rules]).toEqual(expect.arrayContaining(['amount_form', 'iso_date', 'docno_form', 'half_width', 'penalty_types_form']));
    expect(now.sources.every((s) => s.link.method === 'uscc')).toBe(true);
    // The near-duplicate merged into this record earlier is listed too: the record shows what joined it.
    const merged = expect.objectContaining({ kind: 'suspected_duplicate', action: 'merge', status: 'decided' });
    expect(now.decisions).toEqual([merged, expect.objectContaining({ id: task.id, status: 'decided', decidedBy: 'cli' })]);
    // As it stood before the decision: version 2, the item still open, the decided version unknown.
    const then = JSON.parse(
      (await runCdf(['lineage', String(task.golden_id), '--field', 'fine_amount', '--as-of', beforeDecision.toISOString(), '--json'], f.env)).stdout,
    ) as Lineage;
    expect(then.record).toMatchObject({ version: 2, value: '0.25' });
    expect(then.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(then.decisions).toEqual([merged, expect.objectContaining({ id: task.id, status: 'open', decidedBy: null })]);
    // The conflicting row became a source of the record only when it was decided.
    expect(then.sources.map((s) => s.received)).toEqual(['0.2', '2000元', '0.2万元', '0.25', '0.25']);
    const early = await runCdf(['lineage', String(task.golden_id), '--as-of', '2020-01-01'], f.env);
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(`标准记录 ${task.golden_id} 在 2020-01-01T00:00:00.000Z 时尚不存在`);
    // Forward: the vertical's row → the record's third version and the decision's deliveries.
    const fwd = JSON.parse((await runCdf(['lineage', '--batch', up.batchId, '--row', '1', '--json'], f.env)).stdout) as {
      rows: Array<{ goldenId: number; role: string }>;
      versions: Array<{ version: number }>;
      deliveries: Array<{ key: string }>;
    };
    expect(fwd.rows).toEqual([{ rowNo: 1, goldenId: task.golden_id, role: 'decided' }]);
    expect(fwd.versions.map((v) => v.version)).toEqual([3]);
    expect(fwd.deliveries.map((d) => d.key)).toContain(`city_credit_platform:${up.batchId}:task${task.id}`);
    batches.push(up.batchId);
  });

  it('reports a record another authority is the source of as outside the uploader\'s responsibility, and does not sync it', async () => {
    // The ecology bureau re-sends the market regulator's penalty through its own upload channel.
    const other = AGENCY.replace('〔2025〕102号', '〔2025〕777号');
    const up = await uploadFile(f.ctx, admin, write('ecology.csv', other), { agency: 'city_ecology', dataset: 'admin_penalty' });
    const b = await waitForBatch(f.ctx, up.batchId);
    expect(b.counts).toMatchObject({ accepted: 1, outOfResponsibility: 1, new: 0, goldenCreated: 0 });
    const db = f.database.db;
    expect(await db('record_sources').where({ batch_id: up.batchId }).count({ n: '*' })).toEqual([{ n: 0 }]);
    const text = await runCdf(['batch', 'show', up.batchId], f.env);
    expect(text.stdout).toContain('非本单位职责（重复上报）: 1');
    batches.push(up.batchId);
  });

  it('changes nothing when a batch runs again', async () => {
    const db = f.database.db;
    const snapshot = async () => ({
      golden: await db('golden_records').orderBy('id').select('id', 'version', 'content_hash'),
      versions: await db('golden_versions').count({ n: '*' }),
      sources: await db('record_sources').orderBy(['batch_id', 'row_no']).select('batch_id', 'row_no', 'role'),
      deliveries: await db('deliveries').count({ n: '*' }),
    });
    const before = await snapshot();
    const acts = createActivities({ db, config: f.config, clock: f.clock });
    const env = new MockActivityEnvironment();
    for (const id of batches) {
      for (const step of ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'] as const) await env.run(acts[step], { batchId: id });
    }
    expect(await snapshot()).toEqual(before);
  });
});

describe('survivorship', () => {
  it('makes the authoritative source\'s values the record at once when it arrives after a copy, and keeps the item open for a steward', async () => {
    // The national vertical feed relays 〔2025〕300号 before the deciding authority's own upload, with another fine.
    // The relay also carries a remark the authority's own row leaves empty: per field, it survives.
    const [head, line] = VERTICAL.replace('[2025]102号', '[2025]300号').replace(',2000元,', ',5000元,').split('\n');
    const relay = `${head},BZ\n${line},经总对总转报`;
    const own = AGENCY.replace('〔2025〕102号', '〔2025〕300号');
    const first = await uploadFile(f.ctx, admin, write('relay-300.csv', relay), { agency: 'national_vertical', dataset: 'admin_penalty' });
    await waitForBatch(f.ctx, first.batchId);
    const second = await uploadFile(f.ctx, admin, write('own-300.csv', own), { agency: 'city_market_regulation', dataset: 'admin_penalty' });
    await waitForBatch(f.ctx, second.batchId);
    const db = f.database.db;
    const task = await db('steward_tasks').where({ batch_id: second.batchId, kind: 'conflict' }).first('id', 'golden_id', 'status', 'detail');
    expect(task).toMatchObject({
      status: 'open',
      detail: {
        suggested: 'take_incoming',
        suggestedBecause: 'authoritative_incoming',
        applied: 'take_incoming',
        held: { version: 1, values: { fine_amount: '0.5' } },
      },
    });
    const g = await db('golden_records').where({ id: task.golden_id }).first('version', 'fields');
    expect(g).toMatchObject({ version: 2, fields: { fine_amount: '0.2', remarks: '经总对总转报' } });
    // A steward who finds the relay right gets its values back as the next version.
    const r = await runCdf(['conflicts', 'resolve', String(task.id), '--take', 'A', '--json'], f.env);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject({ action: 'take_held', version: 3 });
    expect(await db('golden_records').where({ id: task.golden_id }).first('version', 'fields')).toMatchObject({ version: 3, fields: { fine_amount: '0.5' } });
    expect(await db('record_sources').where({ golden_id: task.golden_id }).orderBy('batch_id').select('batch_id', 'role'))
      .toEqual(expect.arrayContaining([{ batch_id: first.batchId, role: 'chosen' }, { batch_id: second.batchId, role: 'overruled' }]));
  });
});
