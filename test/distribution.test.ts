// Distribution by the catalogue's rules, on real PostgreSQL and Temporal: a conditional share
// reaches a subscriber only under a grant in force; a district platform receives its own region's
// records; the public site masked records in their publicity period only, and their tombstones
// from the daily end-of-publication sweep; a department its black-list records with the joint
// punishment measures that apply to it.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCatalogFile } from '../catalog/catalog-file.ts';
import { datasetDefinition } from '../catalog/dataset-definition.ts';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { publicationFor } from '../catalog/publication/rules.ts';
import { ensureExpirySchedule, expiryScheduleId } from '../runtime/schedules.ts';
import { parseIdentity } from '../services/identity.ts';
import { publicRecords } from '../services/public-view.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { importDemoCatalogWith } from './helpers/catalog.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { chinaToday } from '../domain/china-day.ts';

const day = (offset: number): string => chinaToday(new Date(Date.now() + offset * 86_400_000));
const CITY_TAX = '11120000000010030M';
const COURT = '11120000000010102E';
const BINHAI = '911201163000100321';
const NANKAI = '91120104300010024R';
const PENALTY =
  'subject_name,subject_category,subject_uscc,legal_rep,subject_id_type,subject_id_no,decision_no,violation_type,facts,legal_basis,' +
  'penalty_types,penalty_content,fine_amount,decision_date,valid_until,authority_name,authority_uscc,source_agency_name,source_agency_uscc';
const penalty = (name: string, category: string, uscc: string, idNo: string, no: string, decided: string) =>
  [
    name,
    category,
    uscc,
    category === '自然人' ? '' : '张建国',
    idNo ? '身份证' : '',
    idNo,
    `津税罚〔2026〕${no}号`,
    '税收违法',
    '未按期申报',
    '《税收征收管理法》第六十二条',
    '罚款',
    '罚款2000元',
    '0.2',
    decided,
    day(300),
    '市税务局',
    CITY_TAX,
    '市税务局',
    CITY_TAX,
  ].join(',');
const LIST =
  'subject_name,subject_category,subject_uscc,legal_rep,list_name,list_type,decision_no,decision_date,dishonesty_type,' +
  'authority_name,authority_uscc,list_date,valid_until,removal_date';
const listed = (name: string, uscc: string, no: number, conduct: string, removal = '') =>
  [name, '法人及非法人组织', uscc, '张建国', '失信被执行人名单', '严重失信主体名单', `（2026）津执${no}号`, day(-30), conduct, '市高级人民法院', COURT, day(-30), day(300), removal].join(',');

let f: TestFactory;
const who = parseIdentity('admin@test');
const outbox = (sub: string) => path.join(f.config.dataDir, 'outbox', sub);
const lines = <T>(file: string): T[] => readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
const CENTRE_GRANT = { subscriber: 'city_credit_center', dataset: 'admin_penalty', basis: '《天津市社会信用条例》', grantedBy: '市信用办', from: '2020-01-01' };

async function upload(name: string, text: string, agency: string, dataset: string): Promise<string> {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, text);
  const up = await uploadFile(f.ctx, who, file, { agency, dataset });
  expect((await waitForBatch(f.ctx, up.batchId)).status).toBe('done');
  return up.batchId;
}
const delivery = async (sub: string, batchId: string) =>
  f.database.db('deliveries').where({ idempotency_key: `${sub}:${batchId}` }).first('records', 'tombstones', 'withheld', 'status');

beforeAll(async () => {
  f = await createTestFactory();
  // The demo catalogue, but the Binhai platform holds no grant for the tax service's penalties yet.
  expect((await importDemoCatalogWith(f, null, {}, { grants: [CENTRE_GRANT] })).code).toBe(0);
}, 60_000);
afterAll(async () => f?.close());

describe('sharing', () => {
  let first = '';
  it('withholds a conditional share from a subscriber without a grant, and gives the granted and the public their part', async () => {
    first = await upload('tax-1.csv', [PENALTY,
      penalty('滨海新区远航物流有限公司', '法人及非法人组织', BINHAI, '', '1', day(-10)),
      penalty('天津南开区鸿运商贸有限公司', '法人及非法人组织', NANKAI, '', '2', day(-10)),
      penalty('王立军', '自然人', '', '11010519491231002X', '3', day(-10)),
      penalty('天津南开区鸿运商贸有限公司', '法人及非法人组织', NANKAI, '', '4', '2019-08-01'),
    ].join('\n'), 'city_tax', 'admin_penalty');
    expect(await delivery('binhai_platform_penalties', first)).toEqual({ records: 0, tombstones: 0, withheld: 0, status: 'withheld:no_grant' });
    expect(await delivery('city_credit_platform', first)).toMatchObject({ records: 4, withheld: 0, status: 'delivered' });
    // The 2019 penalty's publicity ended long ago: the public site never receives it.
    expect(await delivery('public_disclosure_outbox', first)).toMatchObject({ records: 3, withheld: 1, status: 'delivered' });
    const published = lines<{ fields: Record<string, string>; publishUntil: string }>(
      path.join(outbox('public_disclosure_outbox'), `public_disclosure_outbox_${first}.ndjson`),
    );
    const person = published.find((r) => r.fields.subject_category === '自然人')!;
    expect(person.fields).toMatchObject({ subject_name: '王**', subject_id_no: '110105********002X' });
    expect(published.every((r) => r.publishUntil > day(0))).toBe(true);
    // The city platform shares, it does not publish: nothing is masked there.
    const shared = lines<{ fields: Record<string, string> }>(path.join(outbox('city_credit_platform'), `city_credit_platform_${first}.ndjson`));
    expect(shared.find((r) => r.fields.subject_category === '自然人')!.fields.subject_name).toBe('王立军');
  });

  it('delivers to the district platform once a grant is recorded, only the records of its region', async () => {
    const grant = {
      subscriber: 'binhai_platform',
      dataset: 'admin_penalty',
      provider: 'city_tax',
      basis: '津信用办〔2026〕12号',
      grantedBy: '市信用办',
      from: day(-1),
      until: day(30),
    };
    expect((await importDemoCatalogWith(f, null, {}, { grants: [CENTRE_GRANT, grant] })).code).toBe(0);
    const second = await upload('tax-2.csv', [PENALTY,
      penalty('滨海新区远航物流有限公司', '法人及非法人组织', BINHAI, '', '5', day(-3)),
      penalty('天津南开区鸿运商贸有限公司', '法人及非法人组织', NANKAI, '', '6', day(-3)),
    ].join('\n'), 'city_tax', 'admin_penalty');
    expect(await delivery('binhai_platform_penalties', second)).toMatchObject({ records: 1, withheld: 1, status: 'delivered' });
    const got = lines<{ subjectUscc: string }>(path.join(outbox('binhai_platform_penalties'), `binhai_platform_penalties_${second}.ndjson`));
    expect(got.map((r) => r.subjectUscc)).toEqual([BINHAI]);
    // A grant does not reach back: the first batch stays withheld from Binhai.
    expect(await delivery('binhai_platform_penalties', first)).toMatchObject({ status: 'withheld:no_grant' });
  });
});

describe('joint punishment', () => {
  // The court's document numbers arrive in round brackets; clean makes them 〔〕.
  it('delivers black-list records to a department with the measures that apply to it, none once removed', async () => {
    const batchId = await upload('list.csv', [LIST,
      listed('滨海新区远航物流有限公司', BINHAI, 1, '虚开增值税专用发票（税收违法）'),
      listed('天津南开区鸿运商贸有限公司', NANKAI, 2, '有履行能力而拒不履行生效法律文书'),
      listed('天津南开区鸿运商贸有限公司', NANKAI, 3, '虚开增值税专用发票', day(-1)),
    ].join('\n'), 'city_high_court', 'black_list');
    const got = lines<{ fields: Record<string, string>; measures: Array<{ code: string; action: string; name: { zh: string } }> }>(
      path.join(outbox('tax_black_list'), `tax_black_list_${batchId}.ndjson`),
    );
    const byNo = Object.fromEntries(got.map((r) => [r.fields.decision_no, r.measures.map((m) => `${m.code}:${m.action}`)]));
    expect(byNo).toEqual({
      '〔2026〕津执1号': ['tax_invoice_limit:block', 'tax_incentive_review:prompt'],
      '〔2026〕津执2号': ['tax_incentive_review:prompt'],
      '〔2026〕津执3号': [],
    });
    expect(got[0]!.measures[0]!.name.zh).toBe('限制增值税专用发票领用');
    // The list is public while in force (the removed listing is not), and ends by its own dates, not by credit repair.
    const db = f.database.db;
    expect((await publicRecords(db, 'black_list')).records.map((r) => r.fields.decision_no).sort()).toEqual(['〔2026〕津执1号', '〔2026〕津执2号']);
    const listedId = ((await db('golden_records').whereRaw(`fields->>'decision_no' = ?`, ['〔2026〕津执1号']).first('id')) as { id: number }).id;
    const repair = await runCdf(['repair', String(listedId), '--basis', '《信用修复管理办法》第十条'], f.env);
    expect(repair.code).toBe(1);
    expect(repair.stderr).toContain('「严重失信主体名单」按移出日期或有效期停止公示');
  });

  it('stops delivering to a subscription the catalogue no longer lists', async () => {
    const demo = readCatalogFile(DEMO_CATALOG).catalog;
    expect(
      (await importDemoCatalogWith(f, null, {}, { grants: [CENTRE_GRANT], subscriptions: demo.subscriptions!.filter((s) => s.id !== 'tax_black_list') })).code,
    ).toBe(0);
    const batchId = await upload('list-2.csv', [LIST, listed('滨海新区远航物流有限公司', BINHAI, 4, '虚开增值税专用发票')].join('\n'), 'city_high_court', 'black_list');
    expect(await f.database.db('subscriptions').where({ id: 'tax_black_list' }).first('active')).toEqual({ active: false });
    expect(await f.database.db('deliveries').where({ batch_id: batchId }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });
});

describe('the end of publication', () => {
  it('sends the public site a tombstone for each record whose publication ended since the last sweep, once a day', async () => {
    const db = f.database.db;
    const sweepDay = day(400);
    // Which penalties have stopped being published by then, by the same rules the public view uses.
    const published = publicationFor(datasetDefinition('admin_penalty').publication.period);
    const active = (await db('golden_records').where({ dataset: 'admin_penalty', status: 'active' }).select('id', 'fields')) as Array<{
      id: number;
      fields: Record<string, string>;
    }>;
    const ended = active.filter((g) => published(g.fields, sweepDay)?.published === false).map((g) => g.id).sort((a, b) => a - b);
    expect(ended.length).toBe(6); // all six: a year's publicity at most for these (and the 2019 one)
    const r = await runCdf(['publication', 'expire', '--today', sweepDay, '--json'], f.env);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({ day: sweepDay, since: null, expired: 6, delivered: 6 });
    const file = path.join(outbox('public_disclosure_outbox'), `public_disclosure_outbox_day_expiry-${sweepDay}.ndjson`);
    const tombstones = lines<{ op: string; goldenId: number; publishUntil: string }>(file);
    expect(tombstones.map((t) => t.goldenId).sort((a, b) => a - b)).toEqual(ended);
    expect(tombstones.every((t) => t.op === 'tombstone' && t.publishUntil < sweepDay)).toBe(true);
    // Only public subscriptions: the city platform still shares these records.
    expect(readdirSync(outbox('city_credit_platform')).some((n) => n.includes('expiry'))).toBe(false);
    // The same day again: nothing sent twice. The next day: only what ended since.
    expect(JSON.parse((await runCdf(['publication', 'expire', '--today', sweepDay, '--json'], f.env)).stdout)).toMatchObject({ expired: 6, delivered: 0 });
    expect(JSON.parse((await runCdf(['publication', 'expire', '--today', day(401), '--json'], f.env)).stdout)).toEqual({
      day: day(401),
      since: sweepDay,
      expired: 0,
      delivered: 0,
    });
    expect(await db('deliveries').whereLike('idempotency_key', '%expiry%').count({ n: '*' })).toEqual([{ n: 2 }]);
    // A record whose named end is day 401 (decided recently, its period runs to then): the public
    // view shows it on that day and not the next, and the sweep after it ends sends its tombstone,
    // though the sweeps leave out, unread, what ended before their previous day.
    const late = ended[0]!;
    const fields = { ...active.find((g) => g.id === late)!.fields, decision_date: day(350), publicity_until: day(401) };
    await db('golden_records').where({ id: late }).update({ fields: JSON.stringify(fields) });
    const shown = async (on: string) => (await publicRecords(db, 'admin_penalty', { today: on, limit: 1000 })).records.map((x) => x.id);
    expect(await shown(day(401))).toContain(late);
    expect(await shown(day(402))).not.toContain(late);
    expect(JSON.parse((await runCdf(['publication', 'expire', '--today', day(403), '--json'], f.env)).stdout)).toEqual({
      day: day(403),
      since: day(401),
      expired: 1,
      delivered: 1,
    });
    const bad = await runCdf(['publication', 'expire', '--today', '2026-13-40'], f.env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('日期应为 YYYY-MM-DD，实为 "2026-13-40"');
  });

  it('runs every day on a Temporal schedule in China\'s time zone, created once', async () => {
    expect(await ensureExpirySchedule(f.ctx.temporal, f.config.taskQueue)).toBe('created');
    expect(await ensureExpirySchedule(f.ctx.temporal, f.config.taskQueue)).toBe('exists');
    const handle = f.ctx.temporal.schedule.getHandle(expiryScheduleId(f.config.taskQueue));
    try {
      const d = await handle.describe();
      expect(d.spec.timezone).toBe('Asia/Shanghai');
      expect(d.spec.calendars?.[0]).toMatchObject({ hour: [{ start: 0, end: 0, step: 1 }], minute: [{ start: 10, end: 10, step: 1 }] });
      expect(d.action).toMatchObject({ type: 'startWorkflow', workflowType: 'publicationExpiry', taskQueue: f.config.taskQueue });
    } finally {
      await handle.delete();
    }
  });
});
