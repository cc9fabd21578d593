// Agencies' real templates (issue 12): a title, a unit and period line, notes and blank lines above
// the header, totals and signatures below the data, a merged title cell in a workbook. The rows
// are the hand-written extract's, accepted exactly as from the plain file; what was skipped and
// why, and what had to be cleaned, is in the batch's report and in the agency's variation report.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOG } from '../catalog/demo/load-demo.ts';
import { findBatch } from '../db/batches.ts';
import { buildApp } from '../server/app.ts';
import { parseIdentity } from '../services/identity.ts';
import { validationReport } from '../services/report.ts';
import { uploadFile, waitForBatch } from '../services/upload.ts';
import { runCdf } from './helpers/cli.ts';
import { signedAs } from './helpers/auth.ts';
import { createTestFactory } from './helpers/factory.ts';
import type { TestFactory } from './helpers/factory.ts';
import { HAND_WRITTEN_EXTRACT } from './helpers/fixtures.ts';

let f: TestFactory;
const admin = parseIdentity('admin@test');
const [HEADER, ...BODY] = readFileSync(HAND_WRITTEN_EXTRACT, 'utf8').split('\n').filter((l) => l !== '');
const WIDTH = HEADER!.split(',').length;
const pad = (cells: string[]): string => [...cells, ...new Array<string>(WIDTH - cells.length).fill('')].join(',');
/** The plain file's rejected rows and accepted fields, which every layout must reproduce. */
let plain: { rejected: number[]; fields: unknown[] };

const db = () => f.database.db;
const rejectedRows = async (batchId: string) => ((await db()('rejects').where({ batch_id: batchId }).distinct('row_no')
  .orderBy('row_no')) as Array<{ row_no: number }>).map((r) => r.row_no);
const acceptedFields = async (batchId: string) => ((await db()('clean_rows').where({ batch_id: batchId }).orderBy('row_no')
  .select('fields')) as Array<{ fields: unknown }>).map((r) => r.fields);

async function uploadCli(file: string, agency: string) {
  const r = await runCdf(['upload', file, '--agency', agency, '--dataset', 'admin_penalty', '--wait', '--json'], f.env);
  expect(r.code, r.stderr).toBe(0);
  const batch = (await findBatch(db(), (JSON.parse(r.stdout) as { batchId: string }).batchId))!;
  expect(batch.status).toBe('done');
  return batch;
}

beforeAll(async () => {
  f = await createTestFactory();
  expect((await runCdf(['catalog', 'import', DEMO_CATALOG], f.env)).code).toBe(0);
  const up = await uploadFile(f.ctx, admin, HAND_WRITTEN_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  await waitForBatch(f.ctx, up.batchId);
  plain = { rejected: await rejectedRows(up.batchId), fields: await acceptedFields(up.batchId) };
  expect(plain.rejected.length).toBeGreaterThan(0);
}, 120_000);
afterAll(async () => f?.close());

describe('a CSV with a title, unit, note and blank lines above the header and footers below', () => {
  let batchId: string;
  const lines = [
    pad(['天津市行政处罚信息汇总表（双公示）']),
    '',
    pad(['填报单位：天津市应急管理局    单位：万元', '', '统计时间：2024年1月—6月']),
    pad(['注：本表金额单位为万元']),
    HEADER!, // line 5
    ...BODY.slice(0, 5), // rows 1–5, lines 6–10
    pad([]), // a blank row in the data: counted, not stored
    ...BODY.slice(5), // rows 7–13, lines 12–18
    pad(['合计', '', '', '', '', '', '', '', '', '', '', '4.5']), // line 19
    pad(['总计：12条']),
    '',
    pad(['填报人：张三', '审核人：李四', '填报日期：2024年7月1日']), // line 22
    pad(['负责人：王五']),
  ];
  const shifted = (row: number) => (row > 5 ? row + 1 : row);

  beforeAll(async () => {
    const file = path.join(f.config.dataDir, '天津市应急管理局行政处罚.csv');
    writeFileSync(file, lines.join('\r\n') + '\r\n');
    batchId = (await uploadCli(file, 'city_emergency')).id;
  }, 120_000);

  it('accepts the rows as from the plain file, numbered from the header, blank rows counted', async () => {
    const batch = (await findBatch(db(), batchId))!;
    expect(batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(await acceptedFields(batchId)).toEqual(plain.fields);
    expect(await rejectedRows(batchId)).toEqual(plain.rejected.map(shifted));
    expect(batch.layout).toMatchObject({ header: { line: 5 } });
  });

  it('gives each rejected row its physical line and lists the skipped lines with why', async () => {
    const report = await validationReport(db(), parseIdentity('admin@test'), (await findBatch(db(), batchId))!);
    const lines = [...new Set(report.sample.map((s) => `${s.row}:${s.line}`))];
    expect(lines).toEqual(plain.rejected.map(shifted).map((r) => `${r}:${r + 5}`));
    expect(report.layout.headerLine).toBe(5);
    // The rejects download names the same lines, to find them in the file as it was sent.
    const exported = await runCdf(['rejects', batchId, '--format', 'ndjson'], f.env);
    expect(exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { row: number; line: number }).map((r) => `${r.row}:${r.line}`))
      .toEqual(plain.rejected.map(shifted).map((r) => `${r}:${r + 5}`));
    expect(report.layout.skipped.map((s) => [s.line, s.kind, s.zh])).toEqual([
      [1, 'title', '标题行'], [2, 'blank', '空行'], [3, 'unit', '填报单位、计量单位或统计时间行'], [4, 'note', '表头上方的注释或说明'],
      [19, 'total', '合计行'], [20, 'total', '合计行'], [22, 'signature', '填报人、审核人或日期行'], [23, 'signature', '填报人、审核人或日期行'],
    ]);
    expect(report.layout.skipped[0]).toMatchObject({ text: '天津市行政处罚信息汇总表（双公示）', en: 'title line' });
    expect(report.variation.layout).toEqual([
      { kind: 'blank', zh: '空行', en: 'blank line', lines: 1 }, { kind: 'title', zh: '标题行', en: 'title line', lines: 1 },
      { kind: 'unit', zh: '填报单位、计量单位或统计时间行', en: 'reporting unit, unit of measure or period line', lines: 1 },
      { kind: 'note', zh: '表头上方的注释或说明', en: 'note above the header', lines: 1 },
      { kind: 'total', zh: '合计行', en: 'total line', lines: 2 },
      { kind: 'signature', zh: '填报人、审核人或日期行', en: 'filled-by, checked-by or date line', lines: 2 },
    ]);
    // The same cleaning as the plain file needed, rule by rule, labelled and with field names.
    const changes = (await db()('clean_changes').where({ batch_id: batchId }).count({ n: '*' }))[0] as { n: string };
    expect(report.variation.rules.reduce((n, r) => n + r.cells, 0)).toBe(Number(changes.n));
    expect(report.variation.rules.length).toBeGreaterThan(0);
    for (const r of report.variation.rules) expect(r.fields.every((x) => x.zh !== x.field || x.en !== x.field)).toBe(true);
  });

  it('shows the skipped lines and the normalisations in cdf batch show, in both languages', async () => {
    const zh = await runCdf(['batch', 'show', batchId], f.env);
    expect(zh.stdout).toContain('表头所在行: 5');
    expect(zh.stdout).toContain('第 1 行 · 标题行 · 天津市行政处罚信息汇总表（双公示）');
    expect(zh.stdout).toContain('第 22 行 · 填报人、审核人或日期行 · 填报人：张三 | 审核人：李四 | 填报日期：2024年7月1日');
    expect(zh.stdout).toContain('版式（跳过的行）: 空行 1 行，标题行 1 行');
    const en = await runCdf(['batch', 'show', batchId, '--lang', 'en'], f.env);
    expect(en.stdout).toContain('header on line: 5');
    expect(en.stdout).toContain('line 19 · total line · 合计 | 4.5');
    expect(en.stdout).toMatch(/cells in \d+ rows/);
  });
});

describe('an XLSX with a merged title cell', () => {
  it('finds the header under it and drops the total row', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('行政处罚');
    ws.getCell('A1').value = '天津市交通运输委员会行政处罚信息公示表';
    ws.mergeCells(1, 1, 1, WIDTH);
    ws.getCell('A2').value = '填报单位：市交通运输委员会';
    ws.getCell('F2').value = '统计时间：2024年1月—6月';
    for (const line of [HEADER!, ...BODY]) ws.addRow(Papa.parse<string[]>(line).data[0]!.map((c) => (c === '' ? null : c)));
    ws.addRow(['合计', null, null, 12]);
    const file = path.join(f.config.dataDir, '交通行政处罚.xlsx');
    await wb.xlsx.writeFile(file);
    const batch = await uploadCli(file, 'city_transport');
    // exceljs's addRow after a row 2 writes the header on row 3.
    expect(batch.layout?.header.line).toBe(3);
    expect(batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(await acceptedFields(batch.id)).toEqual(plain.fields);
    const report = await validationReport(db(), parseIdentity('admin@test'), batch);
    expect(report.layout.skipped.map((s) => [s.line, s.kind])).toEqual([[1, 'title'], [2, 'unit'], [16, 'total']]);
    expect([...new Set(report.sample.map((s) => s.line - s.row))]).toEqual([3]);
  });
});

describe('an XLSX whose first sheet is the template\'s instructions', () => {
  it('reads the data from the first sheet with a header, and says which', async () => {
    const wb = new ExcelJS.Workbook();
    const help = wb.addWorksheet('填报说明');
    help.addRow(['填报说明']);
    help.addRow(['1. 每条行政处罚决定填写一行；']);
    help.addRow(['2. 罚款金额以万元为单位。']);
    const ws = wb.addWorksheet('数据');
    for (const line of [HEADER!, ...BODY]) ws.addRow(Papa.parse<string[]>(line).data[0]!.map((c) => (c === '' ? null : c)));
    const file = path.join(f.config.dataDir, '税务行政处罚（含说明页）.xlsx');
    await wb.xlsx.writeFile(file);
    const batch = await uploadCli(file, 'city_tax');
    expect(batch.layout).toMatchObject({ sheet: 1, header: { line: 1 } });
    expect(batch.counts).toMatchObject({ received: 12, accepted: 10, rejected: 2 });
    expect(await acceptedFields(batch.id)).toEqual(plain.fields);
  });
});

describe('per agency', () => {
  it('adds the variations up over an agency\'s batches, through the CLI and the API scope', async () => {
    const r = await runCdf(['quality', 'variation', '--agency', 'city_emergency', '--json'], f.env);
    expect(r.code, r.stderr).toBe(0);
    type Row = { agency: string; dataset: string; batches: number; layout: Array<{ kind: string; lines: number }> };
    const { agencies } = JSON.parse(r.stdout) as { agencies: Row[] };
    expect(agencies).toHaveLength(1);
    expect(agencies[0]).toMatchObject({ agency: 'city_emergency', dataset: 'admin_penalty', batches: 1, received: 12 });
    expect(agencies[0]!.layout.find((l) => l.kind === 'signature')?.lines).toBe(2);
    const text = await runCdf(['quality', 'variation', '--lang', 'en'], f.env);
    expect(text.stdout).toContain('city_transport · admin_penalty · 1 batches, 12 rows');
    // An agency reads only its own.
    const own = await runCdf(['quality', 'variation', '--json', '--as', 'agency:city_transport'], f.env);
    expect((JSON.parse(own.stdout) as { agencies: Array<{ agency: string }> }).agencies.map((a) => a.agency)).toEqual(['city_transport']);
  });
});

describe('over HTTP', () => {
  it('serves the report with its layout, and the variations within the caller\'s scope', async () => {
    const app = await buildApp(f.ctx);
    try {
      const get = async (url: string, who: string) => {
        const res = await app.inject({ method: 'GET', url, headers: await signedAs(f.database.db, who) });
        return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
      };
      const emergency = (await db()('batches').where({ agency: 'city_emergency' }).first('id')) as { id: string };
      const report = await get(`/api/batches/${emergency.id}/report`, 'agency:city_emergency@clerk');
      expect(report.status).toBe(200);
      const title = { kind: 'title', zh: '标题行', en: 'title line', lines: 1 };
      expect(report.body).toMatchObject({ layout: { headerLine: 5 }, variation: { layout: expect.arrayContaining([title]) } });
      expect((await get(`/api/batches/${emergency.id}/report`, 'agency:city_transport@clerk')).status).toBe(403);
      const steward = await get('/api/quality/variation?dataset=admin_penalty', 'steward@wang');
      const agencies = (steward.body.agencies as Array<{ agency: string }>).map((a) => a.agency);
      expect(agencies).toEqual(expect.arrayContaining(['city_emergency', 'city_transport']));
      // An agency asking for another's figures gets none: it reads only its own batches.
      const other = await get('/api/quality/variation?agency=city_emergency', 'agency:city_transport@clerk');
      expect(other).toEqual({ status: 200, body: { agencies: [] } });
    } finally {
      await app.close();
    }
  });
});

describe('a file with no header at all', () => {
  it('is refused, showing the first lines it looked at, and nothing is stored', async () => {
    const file = path.join(f.config.dataDir, 'no-header.csv');
    writeFileSync(file, [pad(['天津市行政处罚信息汇总表']), ...BODY.slice(0, 3)].join('\n'));
    const before = await db()('batches').count({ n: '*' });
    const landed = readdirSync(path.join(f.config.dataDir, 'landing'));
    const zh = await runCdf(['upload', file, '--agency', 'city_health', '--dataset', 'admin_penalty'], f.env);
    expect(zh.code).toBe(1);
    expect(zh.stderr).toContain('CDF_HEADERS_UNKNOWN');
    expect(zh.stderr).toContain('文件 no-header.csv 的前 4 个非空行中找不到表头：表头与数据集「行政处罚」的任何字段都不匹配，或只有一列匹配');
    expect(zh.stderr).toContain('读到的前几行是：第 1 行「天津市行政处罚信息汇总表」；第 2 行「天津市和平区海河食品有限公司 | 法人及非法人组织');
    const en = await runCdf(['upload', file, '--agency', 'city_health', '--dataset', 'admin_penalty', '--lang', 'en'], f.env);
    expect(en.stderr).toContain('no header found in the first 4 non-empty lines of no-header.csv');
    expect(en.stderr).toContain('The first lines read: line 1 "天津市行政处罚信息汇总表"; line 2 "');
    expect(await db()('batches').count({ n: '*' })).toEqual(before);
    expect(readdirSync(path.join(f.config.dataDir, 'landing'))).toEqual(landed);
  });
});
