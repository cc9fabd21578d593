// The XLSX source streams: bounded memory over 100,000 rows, and nothing left behind (temp files,
// file handles) when a reader stops half-way, on both of exceljs's paths through the zip.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dataRows, readHeadLines } from '../../domain/layout/layout-rows.ts';
import type { OpenedSource, SourceRow } from '../types.ts';
import xlsxSource from './index.ts';

const ROWS = 100_000;

/** The rows after the first line, the header, as the pipeline reads them. */
async function rowsOf(src: OpenedSource): Promise<AsyncGenerator<SourceRow>> {
  const lines = src.lines();
  const [head] = await readHeadLines(lines, 1);
  return dataRows(lines, { index: head!.index, line: head!.line, width: head!.cells.length }, src.gridded).rows;
}
const row = (n: number): string[] => [`天津市某某商贸有限公司${n}`, '法人及非法人组织', `津市场监管罚〔2025〕${n}号`, `销售超过保质期的食品，数量${n}件`, String(n % 100 / 10)];

/** A zip of stored entries, in the order given (exceljs's writer always puts the sheets first). */
function zip(entries: Array<[string, string]>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of entries) {
    const [data, file] = [Buffer.from(text), Buffer.from(name)];
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); local.writeUInt16LE(20, 4); local.writeUInt32LE(zlib.crc32(data), 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(data.length, 22); local.writeUInt16LE(file.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0); entry.writeUInt16LE(20, 6); local.copy(entry, 16, 14, 28); entry.writeUInt32LE(offset, 42);
    parts.push(local, file, data);
    central.push(entry, file);
    offset += 30 + file.length + data.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(entries.length, 8); end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dir, end]);
}

/** Shared strings and relationships before the sheet: exceljs then parses the sheet as it unzips. */
function sheetAfterStrings(rows: number): Buffer {
  const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
  const sheetRows = Array.from({ length: rows }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}" t="s"><v>2</v></c><c r="B${i + 2}"><v>${i + 1}</v></c></row>`);
  return zip([
    [
      'xl/workbook.xml',
      `<workbook ${ns} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` +
        '<sheets><sheet name="表" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
        '</Relationships>',
    ],
    ['xl/sharedStrings.xml', `<sst ${ns}><si><t>名称</t></si><si><t>序号</t></si><si><t>天津市和平区海河食品有限公司</t></si></sst>`],
    [
      'xl/worksheets/sheet1.xml',
      `<worksheet ${ns}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>${sheetRows.join('')}</sheetData></worksheet>`,
    ],
  ]);
}

// exceljs's temp files are named tmp-<pid>-… in the system temp folder.
const leftovers = (): number => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`)).length;
const openFiles = (): number => (fs.existsSync('/proc/self/fd') ? fs.readdirSync('/proc/self/fd').length : 0);

let dir: string;
let large: string;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-xlsx-stream-'));
  large = path.join(dir, 'large.xlsx');
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: large });
  const ws = writer.addWorksheet('行政处罚');
  ws.addRow(['行政相对人名称', '行政相对人类别', '行政处罚决定书文号', '违法事实', '罚款金额（万元）']).commit();
  for (let n = 1; n <= ROWS; n++) ws.addRow(row(n)).commit();
  ws.commit();
  await writer.commit();
}, 60_000);
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

describe('xlsxSource streaming', () => {
  it(`reads ${ROWS} rows in bounded memory`, { timeout: 60_000 }, async () => {
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    gc();
    const baseline = process.memoryUsage().heapUsed;
    const samples: number[] = [];
    const src = await xlsxSource.open(large);
    let count = 0;
    let last: SourceRow | undefined;
    let wrong = 0;
    try {
      for await (const r of await rowsOf(src)) {
        count++;
        last = r;
        // Every cell checked: Chinese text cut between two chunks of XML must come out whole.
        if (r.cells.join('|') !== row(r.rowNo).join('|')) wrong++;
        if (count % 10_000 === 0) { gc(); samples.push(process.memoryUsage().heapUsed - baseline); }
      }
    } finally {
      await src.close();
    }
    expect({ count, wrong, last }).toEqual({ count: ROWS, wrong: 0, last: { rowNo: ROWS, line: ROWS + 1, cells: row(ROWS) } });
    expect(Math.max(...samples)).toBeLessThan(200 * 1024 * 1024);
    // Flat, not growing with the rows read.
    expect(samples.at(-1)! - samples[0]!).toBeLessThan(20 * 1024 * 1024);
  });

  it('reads a sheet that comes after the shared strings in the zip', async () => {
    const p = path.join(dir, 'strings-first.xlsx');
    fs.writeFileSync(p, sheetAfterStrings(3));
    const src = await xlsxSource.open(p);
    const lines = src.lines();
    const [head] = await readHeadLines(lines, 1);
    const rows: SourceRow[] = [];
    for await (const r of dataRows(lines, { ...head!, width: 2 }, true).rows) rows.push(r);
    await src.close();
    expect(head!.cells).toEqual(['名称', '序号']);
    expect(rows.at(-1)).toEqual({ rowNo: 3, line: 4, cells: ['天津市和平区海河食品有限公司', '3'] });
  });

  it('leaves no temp file and no open file when closed half-way or right after open', { timeout: 30_000 }, async () => {
    const streamed = path.join(dir, 'strings-first-large.xlsx');
    fs.writeFileSync(streamed, sheetAfterStrings(50_000));
    const [files, handles] = [leftovers(), openFiles()];
    for (const p of [large, streamed]) {
      for (const take of [0, 3]) {
        const src = await xlsxSource.open(p);
        const seen: number[] = [];
        if (take) {
          for await (const r of await rowsOf(src)) {
            seen.push(r.rowNo);
            if (seen.length === take) break;
          }
        }
        await src.close();
        expect(seen).toEqual([1, 2, 3].slice(0, take));
      }
    }
    // exceljs's temp files are closed and deleted asynchronously, just after close() returns.
    await vi.waitFor(() => expect([leftovers(), openFiles()]).toEqual([files, handles]), { timeout: 2000 });
  });

  it('refuses a zip that holds no workbook', async () => {
    const p = path.join(dir, 'document.xlsx');
    fs.writeFileSync(p, zip([['word/document.xml', '<document/>']]));
    await expect(xlsxSource.open(p)).rejects.toMatchObject({ code: 'CDF_FILE_FORMAT' });
  });
});
