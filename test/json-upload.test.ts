// JSON uploads through the real factory: the hand-written penalty extract as JSON Lines and as an
// exported API answer ({"code":0,"data":{"list":[…]}}) gives the same clean rows as its CSV; a
// record the pipeline refuses is reported at its record number and the line it starts on; a file
// that is no valid JSON is refused at upload, naming the file, the record and the line.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import type { CdfError } from '../domain/errors.ts';
import { getBatch } from '../services/batches.ts';
import { parseIdentity } from '../services/identity.ts';
import { validationReport } from '../services/report.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

const ADMIN = parseIdentity('admin@test');
let f: TestFactory;
beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
}, 120_000);
afterAll(async () => f?.close());

// The extract's records keyed by the standard's Chinese headers, as an agency's system exports
// them: empty cells left out, plain figures as JSON numbers, several penalty types as a list.
const [HEADER, ...ROWS] = Papa.parse<string[]>(readFileSync(HAND_WRITTEN_EXTRACT, 'utf8'), { skipEmptyLines: true }).data as [string[], ...string[][]];
const RECORDS = ROWS.map((cells) => Object.fromEntries(cells.flatMap((c, i): Array<[string, unknown]> => {
  const key = HEADER[i]!;
  if (c === '') return [];
  if (key === '罚款金额（万元）' && /^[0-9]+(\.[0-9]+)?$/.test(c)) return [[key, Number(c)]];
  if (key === '处罚类别' && c.includes(';')) return [[key, c.split(';')]];
  return [[key, c]];
})));

async function send(name: string, content: string, agency: string) {
  const file = path.join(f.config.dataDir, name);
  writeFileSync(file, content);
  return uploadFile(f.ctx, ADMIN, file, { agency, dataset: 'admin_penalty' });
}

async function accepted(batchId: string) {
  return f.database.db('clean_rows').where({ batch_id: batchId }).orderBy('row_no').select('row_no', 'fields', 'natural_key');
}

/** The rows refused, with the line each starts on, as the agency's validation report gives them. */
async function refused(batchId: string) {
  const report = await validationReport(f.ctx.db, ADMIN, await getBatch(f.ctx.db, ADMIN, batchId));
  return [...new Set(report.sample.map((s) => `${s.row}@${s.line}`))];
}

describe('JSON uploads', () => {
  let reference: unknown[];
  beforeAll(async () => {
    const r = await uploadFile(f.ctx, ADMIN, HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
    await waitForBatch(f.ctx, r.batchId);
    reference = await accepted(r.batchId);
    expect(reference).toHaveLength(10);
    expect(await refused(r.batchId)).toEqual(['9@10', '11@12']);
  }, 120_000);

  it('takes JSON Lines: every record received and cleaned as the CSV\'s row, refusals at their record and line', async () => {
    // A blank line after record 4: records 5 to 12 are on lines 6 to 13.
    const lines = RECORDS.map((r) => JSON.stringify(r));
    const text = [...lines.slice(0, 4), '', ...lines.slice(4)].join('\n') + '\n';
    const r = await send('penalties.ndjson', text, 'city_ecology');
    const batch = await waitForBatch(f.ctx, r.batchId);
    expect(batch).toMatchObject({ status: 'done', format: 'json', encoding: 'utf-8' });
    expect(batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(await accepted(r.batchId)).toEqual(reference);
    expect(await refused(r.batchId)).toEqual(['9@10', '11@12']);
  }, 120_000);

  it('takes an exported API answer wrapping the list, one record a line below its opening', async () => {
    const list = RECORDS.map((r) => `      ${JSON.stringify(r)}`).join(',\n');
    // "list": [ is on line 5, so record k starts on line k + 5.
    const text = `{\n  "code": 0,\n  "msg": "成功",\n  "data": {\n    "total": ${RECORDS.length}, "list": [\n${list}\n    ]\n  }\n}\n`;
    const r = await send('answer.json', text, 'city_tax');
    const batch = await waitForBatch(f.ctx, r.batchId);
    expect(batch).toMatchObject({ status: 'done', format: 'json' });
    expect(batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(await accepted(r.batchId)).toEqual(reference);
    expect(await refused(r.batchId)).toEqual(['9@14', '11@16']);
  }, 120_000);

  it('refuses a file with a nested value at upload, naming the file, the record, its line and the key', async () => {
    const records = RECORDS.slice(0, 3).map((r) => JSON.stringify(r));
    records[2] = JSON.stringify({ ...RECORDS[2], 处罚机关: { 名称: '市市场监督管理委员会' } });
    const e = await send('nested.ndjson', `${records.join('\n')}\n`, 'city_health').then(() => undefined, (x: unknown) => x as CdfError);
    expect(e).toMatchObject({ code: 'CDF_FILE_JSON', kind: 'data', context: { file: 'nested.ndjson', row: 3, value: '处罚机关' } });
    expect(e!.messages.zh).toContain('文件 nested.ndjson 第 3 条记录（从第 3 行开始）的「处罚机关」是一个对象');
    expect(await f.database.db('batches').where({ agency: 'city_health' }).count({ n: '*' })).toEqual([{ n: 0 }]);
  });

  it('refuses a truncated list at upload, naming where it is cut', async () => {
    const text = `[\n${RECORDS.slice(0, 3).map((r) => JSON.stringify(r)).join(',\n')},\n${JSON.stringify(RECORDS[3]).slice(0, 40)}`;
    const e = await send('cut.json', text, 'city_health').then(() => undefined, (x: unknown) => x as CdfError);
    expect(e).toMatchObject({ code: 'CDF_FILE_JSON', kind: 'data', context: { file: 'cut.json', row: 5 } });
    expect(e!.messages.en).toContain('cut.json: the file ends inside the object { opened at line 5, column 1, which has no matching }');
  });
});
