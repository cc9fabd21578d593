// Identifier rules end to end (issue 12, point 6): a penalty extract uploaded through the `cdf`
// command with natural persons whose resident IDs are valid (18 digits, 15 digits, an old
// division), wrong (check character, unknown division), and an organisation whose USCC is
// nonconforming (its own check holds, its embedded organisation code does not).
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { orgcodeCheckChar, ricCheckChar, usccCheckChar } from '../domain/codes/index.ts';
import { parseIdentity } from '../services/identity.ts';
import { recordLineage } from '../services/lineage.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const withCheck = (first17: string): string => first17 + ricCheckChar(first17)!;
const BODY = 'MA05T8PX';
const WRONG_ORG_CHECK = orgcodeCheckChar(BODY) === '1' ? '2' : '1';
const NONCONFORMING = ((first17: string) => first17 + usccCheckChar(first17)!)(`91120101${BODY}${WRONG_ORG_CHECK}`);

const CITY_MARKET = '111200000000100140';
const HEADER = ['subject_name,subject_category,subject_uscc,legal_rep,subject_id_type,subject_id_no,decision_no,violation_type,facts',
  'legal_basis,penalty_types,penalty_content,fine_amount,decision_date,valid_until',
  'authority_name,authority_uscc,source_agency_name,source_agency_uscc'].join(',');
const line = (name: string, category: string, uscc: string, rep: string, idType: string, idNo: string, no: number): string => [
  name, category, uscc, rep, idType, idNo, `津市场监管罚〔2025〕${no}号`, '产品质量', '销售不合格产品', '《中华人民共和国产品质量法》第四十九条',
  '罚款', '罚款', '1.5', '2025-03-01', '2026-03-01', '天津市市场监督管理委员会', CITY_MARKET, '天津市市场监督管理委员会', CITY_MARKET,
].join(',');
const person = (name: string, idNo: string, no: number, idType = '身份证'): string => line(name, '自然人', '', '', idType, idNo, no);

// Row number = index + 1.
const ROWS = [
  person('王立军', '11010519491231002X', 301), //                   1 valid 18-digit ID
  person('李卫东', '120107490101001', 302, '居民身份证'), //         2 valid 15-digit ID (塘沽区, retired 2009)
  person('赵建华', '110105194912310021', 303), //                   3 wrong check character
  person('孙永红', withCheck('99010519491231002'), 304), //         4 no such division
  line('天津市和平区福闽科技有限公司', '法人及非法人组织', NONCONFORMING, '陈明', '', '', 305), // 5 nonconforming USCC
  person('钱守仁', '440524188001010014', 306), //                   6 GB 11643's example born in 1880 (潮阳县, retired)
];

let f: TestFactory;
let batchId: string;
let counts: Record<string, unknown>;

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const extract = path.join(f.config.dataDir, 'identifiers.csv');
  writeFileSync(extract, [HEADER, ...ROWS].join('\n') + '\n');
  const args = ['upload', extract, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'];
  const r = await runCdf(args, f.env);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const out = JSON.parse(r.stdout) as { batchId: string; status: string; counts: Record<string, unknown> };
  expect(out.status).toBe('done');
  batchId = out.batchId;
  counts = out.counts;
}, 180_000);
afterAll(async () => f?.close());

describe('natural persons\' resident IDs', () => {
  it('accepts the valid ones and refuses the two that fail', () => {
    expect(counts).toMatchObject({ received: 6, accepted: 4, rejected: 2, rejectedByCode: { CDF_ID_INVALID: 2 } });
  });

  it('converts the 15-digit ID to 18 digits and records the change for lineage', async () => {
    const db = f.database.db;
    const row = await db('clean_rows').where({ batch_id: batchId, row_no: 2 }).first('fields');
    expect(row.fields.subject_id_no).toBe('120107194901010018');
    const changes = await db('clean_changes').where({ batch_id: batchId, row_no: 2, field: 'subject_id_no' })
      .select('rule_id', 'rule_version', 'before', 'after');
    expect(changes).toEqual([{ rule_id: 'ric_upgrade', rule_version: 1, before: '120107490101001', after: '120107194901010018' }]);
    // Backward lineage of the record, through the command.
    const forward = await runCdf(['lineage', '--batch', batchId, '--row', '2', '--json'], f.env);
    expect(forward.code).toBe(0);
    const goldenId = (JSON.parse(forward.stdout) as { rows: Array<{ goldenId: number }> }).rows[0]!.goldenId;
    const back = await runCdf(['lineage', String(goldenId), '--field', 'subject_id_no', '--json'], f.env);
    expect(back.code).toBe(0);
    expect(back.stdout).toContain('"ric_upgrade"');
    // The CLI's admin holds no unmask right: the number is masked; an account that holds it sees it.
    expect(back.stdout).toContain('120107********0018');
    expect(back.stdout).not.toContain('120107194901010018');
    const plain = await recordLineage(db, { ...parseIdentity('auditor@test'), unmask: true }, goldenId, 'subject_id_no');
    expect(plain.record.value).toBe('120107194901010018');
    expect(plain.sources[0]!.cleanChanges)
      .toEqual([expect.objectContaining({ ruleId: 'ric_upgrade', before: '120107490101001', after: '120107194901010018' })]);
  });

  it('refuses the failing IDs with the field, the masked value and why', async () => {
    const rejects = await f.database.db('rejects').where({ batch_id: batchId }).orderBy('row_no')
      .select('row_no', 'field', 'code', 'value', 'message_zh as zh', 'message_en as en');
    expect(rejects.map((r) => [r.row_no, r.field, r.code, r.value])).toEqual([
      [3, 'subject_id_no', 'CDF_ID_INVALID', '110105********0021'],
      [4, 'subject_id_no', 'CDF_ID_INVALID', `990105********${withCheck('99010519491231002').slice(-4)}`],
    ]);
    expect(rejects[0]!.zh).toContain('证件号码');
    expect(rejects[0]!.zh).toContain('第18位校验码应为 X');
    expect(rejects[0]!.en).toContain('check character at position 18 should be X');
    expect(rejects[1]!.zh).toContain('不是 GB/T 2260 中的行政区划代码');
    expect(rejects[1]!.en).toContain('no administrative division');
    // The personal number appears nowhere in full.
    expect(JSON.stringify(rejects)).not.toContain('110105194912310021');
    const csv = await runCdf(['rejects', batchId, '--format', 'ndjson'], f.env);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toContain('CDF_ID_INVALID');
  });
});

describe('a nonconforming USCC', () => {
  it('keeps the row and lists the code as a conflict for review', async () => {
    const db = f.database.db;
    expect(await db('clean_rows').where({ batch_id: batchId, row_no: 5 }).first('row_no')).toEqual({ row_no: 5 });
    const conflicts = await db('code_conflicts').where({ batch_id: batchId }).select('row_no', 'kind', 'code', 'detail');
    expect(conflicts.map((c) => [c.row_no, c.kind, c.code])).toEqual([[5, 'uscc_nonconforming', NONCONFORMING]]);
    expect(conflicts[0]!.detail).toMatchObject({ field: 'subject_uscc', reasons: [{ code: 'embedded_orgcode' }] });
    expect(counts).toMatchObject({ link: { codeConflictRows: 1 } });
  });
});

describe('cdf codes check', () => {
  it('gives the verdicts with reasons, in Chinese by default and in English on request', async () => {
    const codes = [NONCONFORMING, '120107490101001', '110105194912310021', '440524188001010014'];
    const zh = await runCdf(['codes', 'check', ...codes], f.env);
    expect(zh.code).toBe(0);
    const lines = zh.stdout.trim().split('\n');
    expect(lines[0]).toContain('不合规，需复核');
    expect(lines[0]).toContain('组织机构代码');
    expect(lines[1]).toContain('120107194901010018');
    expect(lines[2]).toContain('无效');
    expect(lines[3]).toContain('有效');
    const en = await runCdf(['codes', 'check', ...codes, '--json', '--lang', 'en'], f.env);
    const verdicts = JSON.parse(en.stdout) as Array<{ kind: string; status: string; parts: Record<string, string> }>;
    expect(verdicts.map((v) => [v.kind, v.status]))
      .toEqual([['uscc', 'nonconforming'], ['ric', 'valid'], ['ric', 'invalid'], ['ric', 'valid']]);
    expect(verdicts[1]!.parts['upgraded']).toBe('120107194901010018');
  });

  it('maps a nonconforming USCC as the code it may be, flagged for review', async () => {
    const r = await runCdf(['codes', 'map', NONCONFORMING, '--json'], f.env);
    expect(r.code).toBe(0);
    const [m] = JSON.parse(r.stdout) as Array<{ uscc: string; method: string; zh: string }>;
    expect(m).toMatchObject({ uscc: NONCONFORMING, method: 'uscc' });
    expect(m!.zh).toContain('不合规');
  });
});
