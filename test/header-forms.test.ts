// Column names as templates write them, through the CLI: required marks, notes in brackets, column
// numbers, local names for the standard's fields, and a fine column headed in 元 rather than the
// standard's 万元 — whose bare figures would otherwise be read as ten thousand times too large.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CITY_MARKET = '111200000000100140';
const HEADER = [
  '序号', '*当事人名称', '行政相对人类别（必填）', '1.统一社会信用代码', '法定代表人（负责人）', '处罚决定文书号', '违法行为', '主要违法事实', '处罚依据',
  '处罚种类', '处罚结果', '罚款金额（元）', '决定日期', '处罚有效期', '作出处罚决定的机关', '处罚机关统一社会信用代码', '数据来源单位', '数据来源单位统一社会信用代码',
];
const row = (no: number, uscc: string, fine: string, date: string): string => [
  String(no), `天津市和平区海河${no}食品有限公司`, '法人及非法人组织', uscc, '张三', `津市场监管罚〔2025〕${300 + no}号`, '产品质量', '销售不合格产品',
  '《中华人民共和国产品质量法》第四十九条', '罚款', '罚款', fine, date, '2026-03-01', '天津市市场监督管理委员会', CITY_MARKET, '天津市市场监督管理委员会', CITY_MARKET,
].join(',');

let f: TestFactory;
let batchId: string;

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const file = path.join(f.config.dataDir, 'template.csv');
  writeFileSync(file, [
    HEADER.join(','),
    row(1, '91120101MA05T8PX20', '2000', '2025-03-01T00:00:00'),
    row(2, '91120101MA05T8PX20', '￥3000', '2025/3/1 0:00:00'),
    row(3, '91120101MA05T8PX20', '0.5万元', '2025-03-01'),
  ].join('\n') + '\n');
  const r = await runCdf(['upload', file, '--agency', 'city_market_regulation', '--dataset', 'admin_penalty', '--wait', '--json'], f.env);
  expect(r.code, r.stderr).toBe(0);
  batchId = (JSON.parse(r.stdout) as { batchId: string }).batchId;
}, 120_000);
afterAll(async () => f?.close());

describe('a template\'s own column names', () => {
  it('maps every column to its field and accepts the rows', async () => {
    const batch = await f.database.db('batches').where({ id: batchId }).first('column_map', 'counts');
    expect(batch.column_map).toEqual([
      null, 'subject_name', 'subject_category', 'subject_uscc', 'legal_rep', 'decision_no', 'violation_type', 'facts', 'legal_basis',
      'penalty_types', 'penalty_content', 'fine_amount', 'decision_date', 'valid_until', 'authority_name', 'authority_uscc',
      'source_agency_name', 'source_agency_uscc',
    ]);
    expect(batch.counts).toMatchObject({ received: 3, accepted: 3, rejected: 0 });
  });

  it('reads a fine column headed in 元 as yuan, and says so in lineage', async () => {
    const rows = await f.database.db('clean_rows').where({ batch_id: batchId }).orderBy('row_no').select('fields');
    expect(rows.map((r) => [r.fields.fine_amount, r.fields.decision_date])).toEqual([['0.2', '2025-03-01'], ['0.3', '2025-03-01'], ['0.5', '2025-03-01']]);
    const changes = await f.database.db('clean_changes').where({ batch_id: batchId, field: 'fine_amount' }).orderBy(['row_no', 'rule_id'])
      .select('row_no', 'rule_id', 'before', 'after');
    expect(changes).toEqual([
      { row_no: 1, rule_id: 'amount_form', before: '2000元', after: '0.2' },
      { row_no: 1, rule_id: 'amount_unit', before: '2000', after: '2000元' },
      { row_no: 2, rule_id: 'amount_form', before: '￥3000', after: '0.3' },
      { row_no: 3, rule_id: 'amount_form', before: '0.5万元', after: '0.5' },
    ]);
  });
});
