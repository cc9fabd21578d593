// The public disclosure view over real PostgreSQL: only records in their publicity period (by the
// regime of their decision date), personal data masked, no identity needed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { parseIdentity } from '../services/identity.ts';
import { publicRecords } from '../services/public-view.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { buildApp } from '../server/app.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { chinaToday } from '../domain/china-day.ts';

const CITY_MARKET = '111200000000100140';
const day = (offset: number): string => chinaToday(new Date(Date.now() + offset * 86_400_000));
const HEADER =
  'subject_name,subject_category,subject_uscc,legal_rep,subject_id_type,subject_id_no,decision_no,violation_type,facts,legal_basis,' +
  'penalty_types,penalty_content,fine_amount,decision_date,valid_until,authority_name,authority_uscc,source_agency_name,source_agency_uscc';
const row = (name: string, category: string, uscc: string, rep: string, idNo: string, no: number, decided: string) =>
  [
    name,
    category,
    uscc,
    rep,
    idNo ? '身份证' : '',
    idNo,
    `津市场监管罚〔2025〕${no}号`,
    '价格违法',
    '未明码标价',
    '《价格法》第四十二条',
    '罚款',
    '罚款2000元',
    '0.2',
    decided,
    day(300),
    '市市场监督管理委员会',
    CITY_MARKET,
    '市市场监督管理委员会',
    CITY_MARKET,
  ].join(',');

let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const file = path.join(f.config.dataDir, 'public.csv');
  writeFileSync(file, [HEADER,
    row('天津南开区鸿运商贸有限公司', '法人及非法人组织', '91120104300010024R', '李明', '', 1, day(-10)),
    row('王立军', '自然人', '', '', '11010519491231002X', 2, day(-10)),
    row('天津南开区鸿运商贸有限公司', '法人及非法人组织', '91120104300010024R', '李明', '', 3, '2019-08-01'),
    row('天津南开区鸿运商贸有限公司', '法人及非法人组织', '91120104300010024R', '李明', '', 4, day(-120)),
  ].join('\n'));
  const up = await uploadFile(f.ctx, parseIdentity('admin@test'), file, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  expect((await waitForBatch(f.ctx, up.batchId)).counts).toMatchObject({ accepted: 4, goldenCreated: 4 });
}, 60_000);
afterAll(async () => f?.close());

it('shows records in their publicity period only, with personal data masked', async () => {
  const { records } = await publicRecords(f.database.db, 'admin_penalty');
  expect(records.map((r) => r.fields.decision_no)).toEqual(['津市场监管罚〔2025〕1号', '津市场监管罚〔2025〕2号', '津市场监管罚〔2025〕4号']);
  expect(records[1]!.fields).toMatchObject({ subject_name: '王**', subject_id_no: '110105********002X' });
  expect(records[0]!.fields.subject_name).toBe('天津南开区鸿运商贸有限公司');
  expect(records[0]!.publicity).toMatchObject({ regime: 'credit-repair-2026', rulesVersion: 1, published: true });
  // The 2019 penalty's year of publicity ended long ago.
  expect(records.some((r) => r.fields.decision_date === '2019-08-01')).toBe(false);
});

it('is served without an identity, and refuses a dataset that is not published', async () => {
  const app = await buildApp(f.ctx);
  try {
    const ok = await app.inject({ method: 'GET', url: '/api/public/admin_penalty?subject=91120104300010024R' });
    expect(ok.statusCode).toBe(200);
    expect((ok.json() as { records: unknown[] }).records).toHaveLength(2);
    const refused = await app.inject({ method: 'GET', url: '/api/public/legal_person_registry' });
    expect(refused.statusCode).toBe(400);
    expect((refused.json() as { code: string }).code).toBe('CDF_NOT_PUBLISHED');
  } finally {
    await app.close();
  }
});

it('refuses credit repair before the minimum period, and otherwise withdraws the record everywhere', async () => {
  const db = f.database.db;
  const id = async (no: number) =>
    (
      (await db('golden_records')
        .whereRaw(`fields->>'decision_no' = ?`, [`津市场监管罚〔2025〕${no}号`])
        .first('id')) as { id: number }
    ).id;
  const early = await runCdf(['repair', String(await id(1)), '--basis', '《信用修复管理办法》第十条'], f.env);
  expect(early.code).toBe(1);
  expect(early.stderr).toContain(`决定日期 ${day(-10)} 的处罚须公示至少至`);
  expect((await runCdf(['repair', String(await id(4))], f.env)).code).toBe(2);
  const ok = await runCdf(['repair', String(await id(4)), '--basis', '《信用修复管理办法》第十条', '--json'], f.env);
  expect(ok.stderr).toBe('');
  // The tombstone goes to the public site and the city platform (the subject is not in Binhai).
  expect(JSON.parse(ok.stdout)).toMatchObject({ status: 'repaired', version: 2, regime: 'credit-repair-2026', delivered: 2 });
  expect((await publicRecords(db, 'admin_penalty')).records.map((r) => r.fields.decision_no)).not.toContain('津市场监管罚〔2025〕4号');
  const tombstones = await db('deliveries')
    .whereLike('idempotency_key', '%:repair-v2')
    .orderBy('subscription_id')
    .select('subscription_id', 'tombstones', 'withheld');
  expect(tombstones).toEqual([
    { subscription_id: 'binhai_platform_penalties', tombstones: 0, withheld: 1 },
    { subscription_id: 'city_credit_platform', tombstones: 1, withheld: 0 },
    { subscription_id: 'public_disclosure_outbox', tombstones: 1, withheld: 0 },
  ]);
  expect(await db('audit_log').where({ kind: 'credit_repair' }).count({ n: '*' })).toEqual([{ n: 1 }]);
  expect((await runCdf(['audit', 'verify'], f.env)).code).toBe(0);
});
