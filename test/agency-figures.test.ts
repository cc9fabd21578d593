// A batch's figures count things as what they are: a near-duplicate handed to a steward is a
// suspected duplicate (not a conflict, and not "conflicts 0" with nothing else said), and a
// same-source correction is a new version of a record held, not a new golden record.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { batchHistory, figuresOf } from '../services/batches.ts';
import { parseIdentity } from '../services/identity.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';

const CITY_MARKET = '111200000000100140';
const HEADER = '行政相对人名称,行政相对人类别,行政相对人代码_1（统一社会信用代码）,法定代表人,行政处罚决定书文号,违法行为类型,违法事实,处罚依据,处罚类别,' +
  '处罚内容,罚款金额（万元）,处罚决定日期,处罚有效期,处罚机关,处罚机关统一社会信用代码,数据来源单位,数据来源单位统一社会信用代码';
const row = (docno: string, fine: string, subject = '91120104300010024R') =>
  `天津南开区鸿运商贸有限公司,法人及非法人组织,${subject},李明,${docno},价格违法,未明码标价,《中华人民共和国价格法》第四十二条,` +
  `罚款,罚款${Number(fine) * 10000}元,${fine},2025-03-15,2026-03-14,市市场监督管理委员会,${CITY_MARKET},市市场监督管理委员会,${CITY_MARKET}`;

let f: TestFactory;
const admin = parseIdentity('admin@figures');
const send = async (name: string, lines: string[], agency = 'city_market_regulation') => {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, [HEADER, ...lines].join('\n'));
  const up = await uploadFile(f.ctx, admin, file, { agency, dataset: 'admin_penalty' });
  return waitForBatch(f.ctx, up.batchId);
};

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
}, 60_000);
afterAll(async () => f?.close());

describe('batch figures', () => {
  it('count a same-source correction as a new version, apart from new records', async () => {
    const first = await send('first.csv', [row('津市场监管罚〔2025〕201号', '0.2'), row('津市场监管罚〔2025〕202号', '0.3')]);
    expect(figuresOf(first)).toMatchObject({ rows: 2, accepted: 2, newRecords: 2, newVersions: 0, conflicts: 0, suspectedDuplicates: 0 });
    // One corrected (a new version of its record), one new disclosure.
    const second = await send('second.csv', [row('津市场监管罚〔2025〕201号', '0.25'), row('津市场监管罚〔2025〕203号', '0.4')]);
    expect(second.counts).toMatchObject({ updates: 1, new: 1, goldenCreated: 1, goldenVersions: 1, conflicts: 0 });
    expect(figuresOf(second)).toMatchObject({ newRecords: 1, newVersions: 1, conflicts: 0, suspectedDuplicates: 0 });
    expect(await f.database.db('golden_records').count({ n: '*' })).toEqual([{ n: 3 }]);
  });

  it('count a near-duplicate handed to a steward as a suspected duplicate', async () => {
    // The vertical feed types the document number with a letter O for a zero: not the same key,
    // everything else equal, so a steward is asked.
    const typo = await send('typo.csv', [row('津市场监管罚〔2025〕2O2号', '0.3')], 'national_vertical');
    const tasks = await f.database.db('steward_tasks').where({ batch_id: typo.id }).select('kind');
    expect(tasks).toEqual([{ kind: 'suspected_duplicate' }]);
    expect(typo.counts).toMatchObject({ suspectedDuplicates: 1, conflicts: 0, goldenCreated: 1, goldenVersions: 0 });
    const page = await batchHistory(f.ctx.db, admin, { limit: 10, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.batches[0]).toMatchObject({ id: typo.id, figures: { suspectedDuplicates: 1, conflicts: 0, newRecords: 1, newVersions: 0 } });
    expect(page.batches[1]!.figures).toMatchObject({ newRecords: 1, newVersions: 1 });
  });

  it('read old batches (figures from before versions were counted apart) from the rows they classified', () => {
    expect(figuresOf({ agency: 'a', dataset: 'admin_penalty', counts: { new: 3, updates: 2, goldenCreated: 5 } }))
      .toMatchObject({ newRecords: 3, newVersions: 2 });
  });
});
