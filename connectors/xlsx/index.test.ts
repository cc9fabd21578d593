import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import csvSource from '../csv/index.ts';
import { dataRows, readHeadLines } from '../../domain/layout/layout-rows.ts';
import type { SourceConnector, SourceRow } from '../types.ts';
import xlsxSource from './index.ts';
import { sourceConformance } from '../conformance/source.suite.ts';

const HAND_WRITTEN_CSV = fileURLToPath(new URL('../../test/fixtures/admin_penalty_hand_written.csv', import.meta.url));

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-xlsx-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

/** The source's lines with the first as the header, read into rows as the pipeline reads them. */
async function readAll(source: SourceConnector, filePath: string): Promise<{ headers: string[]; encoding: string; rows: SourceRow[] }> {
  const src = await source.open(filePath);
  const lines = src.lines();
  const [head] = await readHeadLines(lines, 1);
  const rows: SourceRow[] = [];
  const data = head && dataRows(lines, { index: head.index, line: head.line, width: head.cells.length }, src.gridded);
  if (data) for await (const r of data.rows) rows.push(r);
  await src.close();
  return { headers: head?.cells.map((h) => h.trim()) ?? [], encoding: src.encoding, rows };
}

async function workbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('xlsxSource.open', () => {
  it('reads the XLSX of the hand-written extract exactly as the CSV source reads the CSV', async () => {
    const csv = await readAll(csvSource, HAND_WRITTEN_CSV);
    expect(csv.rows).toHaveLength(12);
    const file = await workbook('hand_written.xlsx', (wb) => {
      const ws = wb.addWorksheet('行政处罚');
      // Every cell typed as text, as an agency's template does; empty cells are left out.
      for (const cells of [csv.headers, ...csv.rows.map((r) => r.cells)]) ws.addRow(cells.map((c) => (c === '' ? null : c)));
    });
    const got = await readAll(xlsxSource, file);
    expect(got.encoding).toBe('xlsx');
    expect(got.headers).toEqual(csv.headers);
    expect(got.rows).toEqual(csv.rows);
  });

  it('gives each kind of cell the text Excel shows, in UTC, and numbers rows from the header', async () => {
    const file = await workbook('hostile.xlsx', (wb) => {
      const ws = wb.addWorksheet('处罚');
      ws.getRow(2).values = ['名称', '日期', '金额', '备注', '公式'];
      const date = ws.getCell('B3');
      date.value = new Date(Date.UTC(2023, 0, 5));
      date.numFmt = 'yyyy-mm-dd';
      ws.getCell('A3').value = '天津市和平区海河食品有限公司';
      ws.getCell('C3').value = 0.1 + 0.2;
      ws.getCell('D3').value = { richText: [{ text: '销售' }, { font: { bold: true }, text: '过期食品' }] };
      ws.getCell('E3').value = { formula: 'C3*2', result: 0.6000000000000001 };
      ws.getCell('A4').value = '合并单元格';
      ws.mergeCells('A4:B4');
      ws.getCell('C4').value = 50000;
      ws.getCell('D4').value = { text: '链接文字', hyperlink: 'https://example.org/' };
      ws.getCell('E4').value = { error: '#N/A' };
      ws.getRow(6).values = [null, '  ']; // whitespace only: blank; row 5 is missing altogether
      ws.getCell('A7').value = 44931; // a date serial without a date format stays a number
      const dateTime = ws.getCell('B7');
      dateTime.value = new Date(Date.UTC(2023, 0, 5, 8, 30));
      dateTime.numFmt = 'yyyy"年"m"月"d"日" hh:mm:ss';
      ws.getCell('C7').value = true;
      ws.getCell('D7').value = { formula: 'VLOOKUP(A7,代码!A:B,2,FALSE)', result: { error: '#N/A' } };
      const formulaDate = ws.getCell('E7');
      formulaDate.value = { formula: 'DATE(2023,1,5)', result: 44931 };
      formulaDate.numFmt = 'yyyy-mm-dd';
      ws.getCell('A8').value = '第一行_x000D_\n第二行'; // how Excel stores a CR typed into a cell
      // The master of a filled-down formula (exceljs's typings omit shareType and ref).
      ws.getCell('D8').value = { formula: 'C8*0', result: 0, shareType: 'shared', ref: 'D8:D9' } as ExcelJS.CellFormulaValue;
      ws.getCell('F8').value = '表头以外';
      ws.getCell('D9').value = { sharedFormula: 'D8', result: 7 }; // a filled-down formula
      wb.addWorksheet('代码').addRow(['另一个工作表', '不读']);
    });
    const got = await readAll(xlsxSource, file);
    expect(got.headers).toEqual(['名称', '日期', '金额', '备注', '公式']);
    expect(got.rows).toEqual([
      { rowNo: 1, line: 3, cells: ['天津市和平区海河食品有限公司', '2023-01-05', '0.3', '销售过期食品', '0.6'] },
      // A merge keeps its value in the top-left cell only: B4 comes out empty, and stays so.
      { rowNo: 2, line: 4, cells: ['合并单元格', '', '50000', '链接文字', '#N/A'] },
      { rowNo: 5, line: 7, cells: ['44931', '2023-01-05 08:30:00', 'TRUE', '#N/A', '2023-01-05'] },
      { rowNo: 6, line: 8, cells: ['第一行\r\n第二行', '', '', '0', '', '表头以外'] },
      { rowNo: 7, line: 9, cells: ['', '', '', '7', ''] },
    ]);
  });

  it('reads the first visible tab, wherever its part is in the zip', async () => {
    const file = await workbook('tabs.xlsx', (wb) => {
      // exceljs orders the tabs by orderNo (not in its typings); the parts keep their numbers.
      const tab = (name: string, orderNo: number, state: ExcelJS.WorksheetState = 'visible') =>
        Object.assign(wb.addWorksheet(name, { state }), { orderNo });
      tab('第二个标签', 3).addRow(['不读']);
      tab('隐藏', 1, 'hidden').addRow(['不读']);
      tab('第一个标签', 2).addRows([['名称'], ['读这个']]);
    });
    expect(await readAll(xlsxSource, file)).toMatchObject({ headers: ['名称'], rows: [{ rowNo: 1, line: 2, cells: ['读这个'] }] });
  });

  // Writing 20,000 rows with exceljs takes seconds on a busy machine: more than the default 5.
  it('keeps Chinese text whole across the chunks of a large shared-string table', { timeout: 30_000 }, async () => {
    const names = Array.from({ length: 20_000 }, (_, i) => `天津市和平区海河食品有限公司第${i}分公司`);
    const file = await workbook('chinese.xlsx', (wb) => {
      const ws = wb.addWorksheet('名单');
      ws.addRow(['名称']);
      for (const n of names) ws.addRow([n]);
    });
    const got = await readAll(xlsxSource, file);
    expect(got.rows.map((r) => r.cells[0])).toEqual(names);
  });

  it('gives an empty workbook no headers and no rows', async () => {
    for (const file of [await workbook('empty.xlsx', (wb) => { wb.addWorksheet('空'); }), await workbook('no-sheet.xlsx', () => {})]) {
      expect(await readAll(xlsxSource, file)).toEqual({ headers: [], encoding: 'xlsx', rows: [] });
    }
  });

  it('refuses a damaged workbook with a data error instead of waiting forever', async () => {
    const whole = fs.readFileSync(await workbook('whole.xlsx', (wb) => { wb.addWorksheet('表').addRow(['名称']); }));
    for (const bytes of [whole.subarray(0, whole.length >> 1), Buffer.concat([whole.subarray(0, 4), Buffer.alloc(4000, 7)])]) {
      const p = path.join(dir, 'damaged.xlsx');
      fs.writeFileSync(p, bytes);
      await expect(xlsxSource.open(p)).rejects.toMatchObject({ code: 'CDF_FILE_FORMAT', kind: 'data' });
    }
  });

  it('gives every non-blank row as a line with its sheet row number, a merged title cell included', async () => {
    const file = await workbook('title.xlsx', (wb) => {
      const ws = wb.addWorksheet('处罚');
      ws.getCell('A1').value = '行政处罚信息汇总表';
      ws.mergeCells('A1:C1');
      ws.getCell('C2').value = '单位：万元';
      ws.getRow(4).values = ['名称', '类别', '金额'];
      ws.getRow(5).values = ['天津市和平区海河食品有限公司', '法人及非法人组织'];
    });
    const src = await xlsxSource.open(file);
    const lines = [];
    for await (const l of src.lines()) lines.push(l);
    await src.close();
    expect(lines).toEqual([
      { index: 1, line: 1, cells: ['行政处罚信息汇总表'] },
      { index: 2, line: 2, cells: ['', '', '单位：万元'] },
      { index: 4, line: 4, cells: ['名称', '类别', '金额'] },
      { index: 5, line: 5, cells: ['天津市和平区海河食品有限公司', '法人及非法人组织'] },
    ]);
  });

  it('lets lines() be read once', async () => {
    const src = await xlsxSource.open(await workbook('once.xlsx', (wb) => { wb.addWorksheet('表').addRow(['名称']); }));
    for await (const _line of src.lines()) { /* drain */ }
    await expect(src.lines().next()).rejects.toThrow('lines() can be read once');
    await src.close();
  });
});

describe('xlsxSource.accepts', () => {
  const zip = Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1');
  it('accepts a zip named .xlsx, whatever the case', () => {
    expect(xlsxSource.accepts('处罚.xlsx', zip)).toBe(true);
    expect(xlsxSource.accepts('PENALTY.XLSX', zip)).toBe(true);
  });
  it('refuses anything else: an old .xls, an encrypted workbook, a CSV, a zip named otherwise', () => {
    const ole2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(xlsxSource.accepts('penalty.xls', ole2)).toBe(false);
    expect(xlsxSource.accepts('penalty.xls', zip)).toBe(false);
    expect(xlsxSource.accepts('penalty.xlsx', ole2)).toBe(false);
    expect(xlsxSource.accepts('penalty.xlsx', Buffer.from('名称,类别\r\n'))).toBe(false);
    expect(xlsxSource.accepts('penalty.csv', zip)).toBe(false);
    expect(xlsxSource.accepts('penalty.xlsx', Buffer.alloc(0))).toBe(false);
  });
});

// The shared source contract and the golden hostile fixtures (connectors/conformance/).
sourceConformance({
  connector: xlsxSource,
  extension: '.xlsx',
  largeRows: 50_000,
  async write(filePath, header, rows, row) {
    // Streamed as an agency's export is written: the whole workbook is never in memory.
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath });
    const ws = writer.addWorksheet('行政处罚');
    ws.addRow(header).commit();
    for (let n = 1; n <= rows; n++) ws.addRow(row(n)).commit();
    ws.commit();
    await writer.commit();
  },
});
