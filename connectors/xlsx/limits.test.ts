// Each bound on a hostile workbook, refused as a data error in both languages that names the file,
// the part or sheet and the limit, and the workbook just inside each bound still read.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PENALTY_HEADERS, PENALTY_ROWS, rowXml, sheetEnd, sheetStart, workbookParts, writeXlsx } from '../../test/hostile/generate-xlsx.ts';
import type { Part } from '../../test/hostile/generate-xlsx.ts';
import type { SourceLimits } from '../types.ts';
import xlsxSource from './index.ts';
import { XLSX_DEFAULTS, xlsxLimits } from './limits.ts';
import { xmlText } from './shared-strings.ts';
import { WorkbookZip } from './zip.ts';

const MB = 1024 * 1024;
const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const BASE: SourceLimits = { maxColumns: 200, maxCellBytes: 32 * 1024 };

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-xlsx-limits-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

let n = 0;
const file = (parts: Part[]): Promise<string> => writeXlsx(path.join(dir, `w${n++}.xlsx`), parts);
const sheet = (...rows: string[][]): string => sheetStart + rows.map((r, i) => rowXml(i + 1, r)).join('') + sheetEnd;
const strings = (items: string[]): Part => ({
  name: 'xl/sharedStrings.xml', data: `<sst ${NS}>${items.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`,
});
/** A sheet of one cell, the first shared string. */
const sharedSheet = `${sheetStart}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${sheetEnd}`;

async function read(p: string, limits: SourceLimits = BASE): Promise<string[][]> {
  const src = await xlsxSource.open(p, { limits, fileName: '处罚.xlsx' });
  const out: string[][] = [];
  try {
    for await (const l of src.lines()) out.push(l.cells);
  } finally {
    await src.close();
  }
  return out;
}
const refusal = async (p: string, limits: SourceLimits = BASE) => read(p, limits).then(() => undefined, (e: unknown) => e);
const tmpLeftovers = (): string[] => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`tmp-${process.pid}-`));

describe('inflation bounds, checked while inflating', () => {
  it('refuses a part inflating beyond 100 times its size past 20 MB, whatever its directory declares', async () => {
    const before = tmpLeftovers();
    const p = await file(workbookParts(() => [sheetStart, rowXml(1, PENALTY_HEADERS), ' '.repeat(30 * MB), sheetEnd], { level: 9, declaredSize: 100 }));
    expect(fs.statSync(p).size).toBeLessThan(100 * 1024);
    const e = await refusal(p);
    expect(e).toMatchObject({ code: 'CDF_XLSX_TOO_LARGE', kind: 'data', context: { file: '处罚.xlsx', part: 'xl/worksheets/sheet1.xml' } });
    expect((e as Error).message).toContain('超过压缩大小的 100 倍');
    expect((e as Error).message).toContain('over 100 times its compressed size');
    expect((e as Error).message).toContain('CSV UTF-8');
    // Nothing parked in the temp folder, as exceljs's own reader did.
    expect(tmpLeftovers()).toEqual(before);
  });

  it('takes a small part however well it packs (below the floor), and honours a lower ratio', async () => {
    const p = await file(workbookParts(() => [sheetStart, rowXml(1, ['名称']), '</sheetData>', '<x/>'.repeat(500_000), '</worksheet>'], { level: 9 }));
    expect(await read(p)).toEqual([['名称']]);
    expect(xlsxLimits({ ...BASE, xlsxMaxRatio: 5 })).toMatchObject({ maxRatio: 5, ratioFloorBytes: XLSX_DEFAULTS.ratioFloorBytes });
  });

  it('refuses a workbook whose parts together inflate beyond the cap, the part that crossed it named', async () => {
    const filler = Array.from({ length: 20_000 }, (_, i) => `天津市和平区海河食品有限公司第${i}分公司`);
    // About 1.4 MB of shared strings and 0.9 MB of sheet: each part under 2 MB, together over.
    const p = await file(workbookParts(sheet(['名称'], ...filler.slice(0, 8000).map((s) => [s])), { level: 1 }, strings(filler)));
    const e = await refusal(p, { ...BASE, xlsxMaxInflatedBytes: 2 * MB });
    expect(e).toMatchObject({ code: 'CDF_XLSX_TOO_LARGE', context: { part: 'xl/worksheets/sheet1.xml', limit: 2 * MB } });
    expect((e as Error).message).toContain('解压后超过 2 MB（读到其中的 xl/worksheets/sheet1.xml 时超出）');
    // Within the cap, the same workbook is read.
    expect(await read(p, { ...BASE, xlsxMaxInflatedBytes: 8 * MB })).toHaveLength(8001);
  });

  it('refuses a part whose honest declared size is over the cap before inflating it', async () => {
    const p = await file(workbookParts(() => [sheetStart, ' '.repeat(3 * MB), sheetEnd], { level: 9 }));
    const e = await refusal(p, { ...BASE, xlsxMaxInflatedBytes: 1 * MB });
    expect(e).toMatchObject({ code: 'CDF_XLSX_TOO_LARGE', context: { part: 'xl/worksheets/sheet1.xml' } });
  });

  it('counts what comes out of the inflater, not what the directory says', async () => {
    const p = await file(workbookParts(() => [sheetStart, ' '.repeat(3 * MB), sheetEnd], { level: 9, declaredSize: 10 }));
    expect(await refusal(p, { ...BASE, xlsxMaxInflatedBytes: 1 * MB })).toMatchObject({ code: 'CDF_XLSX_TOO_LARGE' });
  });

  it('reports progress while it inflates, so a caller can heartbeat', async () => {
    const p = await file(workbookParts(() => [sheetStart, ' '.repeat(4 * MB), sheetEnd], { level: 9 }));
    let beats = 0;
    const budget = { limits: xlsxLimits(), where: { file: 'x.xlsx' }, inflated: 0, lastProgress: 0, onProgress: () => { beats++; } };
    const zip = await WorkbookZip.open(p, budget);
    try {
      for await (const _ of zip.inflate(zip.find('xl/worksheets/sheet1.xml')!, 8 * MB)) { /* read */ }
    } finally {
      await zip.close();
    }
    expect(beats).toBeGreaterThan(0);
    expect(budget.inflated).toBeGreaterThan(4 * MB);
  });

  it('refuses an encrypted part or an unknown compression method as unreadable', async () => {
    const p = await file(workbookParts(sheet(['名称'])));
    const bytes = fs.readFileSync(p);
    const dirAt = bytes.lastIndexOf(Buffer.from('PK\x01\x02', 'latin1'));
    for (const [offset, value] of [[8, 0x809], [10, 12]] as const) {
      const bad = Buffer.from(bytes);
      bad.writeUInt16LE(value, dirAt + offset);
      const q = path.join(dir, `bad${offset}.xlsx`);
      fs.writeFileSync(q, bad);
      expect(await refusal(q)).toMatchObject({ code: 'CDF_FILE_FORMAT', kind: 'data' });
    }
  });
});

describe('shared strings', () => {
  it('reads up to the cap, and refuses the table past it without holding it', async () => {
    const items = Array.from({ length: 1001 }, (_, i) => `名称${i}`);
    expect(await read(await file(workbookParts(sharedSheet, {}, strings(items.slice(0, 1000)))), { ...BASE, xlsxMaxSharedStrings: 1000 }))
      .toEqual([['名称0']]);
    const e = await refusal(await file(workbookParts(sharedSheet, {}, strings(items))), { ...BASE, xlsxMaxSharedStrings: 1000 });
    expect(e).toMatchObject({ code: 'CDF_XLSX_SHARED_STRINGS', kind: 'data', context: { part: 'xl/sharedStrings.xml', limit: 1000 } });
    expect((e as Error).message).toContain('超过 1000 条');
    expect((e as Error).message).toContain('CSV UTF-8');
  });

  it('refuses a table beyond its byte bound, and a string beyond the cell bound', async () => {
    const items = Array.from({ length: 40_000 }, (_, i) => `天津市和平区海河食品有限公司第${i}分公司`);
    const big = await file(workbookParts(sharedSheet, {}, strings(items)));
    expect(await refusal(big, { ...BASE, maxSharedStringBytes: MB } as SourceLimits)).toMatchObject({ code: 'CDF_XLSX_SHARED_STRINGS' });
    const long = await file(workbookParts(sharedSheet, {}, strings(['短', '长'.repeat(20_000)])));
    const e = await refusal(long);
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { part: 'xl/sharedStrings.xml' } });
    expect((e as Error).message).toContain('第 2 条文字超过 32 KB');
  });

  it('gives rich text its runs joined, leaves out phonetic guides, decodes entities and CDATA', async () => {
    const sst = `<sst ${NS}><si><r><rPr><b/></rPr><t>销售</t></r><r><t xml:space="preserve"> 过期&amp;食品&#x4E00;</t></r>` +
      '<rPh sb="0" eb="1"><t>ハン</t></rPh></si>\n  <si><t><![CDATA[a<b & c]]></t></si><si/></sst>';
    const p = await file(workbookParts(
      `${sheetStart}<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1"><v>1</v></c></row>${sheetEnd}`,
      {}, { name: 'xl/sharedStrings.xml', data: sst },
    ));
    expect(await read(p)).toEqual([['销售 过期&食品一', 'a<b & c', '', '1']]);
    expect(xmlText('a\r\nb&lt;&#10;')).toBe('a\nb<\n');
    expect(xmlText('&#1114112;')).toBeUndefined();
  });

  it('refuses an entity XML does not define', async () => {
    const p = await file(workbookParts(sharedSheet, {}, strings(['&lol9;'])));
    expect(await refusal(p)).toMatchObject({ code: 'CDF_FILE_FORMAT', context: { part: 'xl/sharedStrings.xml' } });
  });
});

describe('cells, columns and rows', () => {
  it('refuses a cell of megabytes while the sheet streams, naming sheet, row and column', async () => {
    const p = await file(workbookParts(sheet(PENALTY_HEADERS, PENALTY_ROWS[0]!.map((c, i) => (i === 3 ? '号'.repeat(2 * MB) : c)))));
    const e = await refusal(p);
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', kind: 'data', context: { file: '处罚.xlsx', sheet: '行政处罚', row: 2 } });
    expect((e as Error).message).toContain('第 2 行第 4 列（D 列）的内容超过 32 KB');
    expect((e as Error).message).toContain('row 2, column D (4) holds more than 32 KB');
  });

  it('refuses a cell just over the limit exactly, and reads one at it', async () => {
    const at = 'a'.repeat(1000);
    expect(await read(await file(workbookParts(sheet(['名称'], [at]))), { ...BASE, maxCellBytes: 1000 })).toEqual([['名称'], [at]]);
    const over = await refusal(await file(workbookParts(sheet(['名称'], ['', `${at}号`]))), { ...BASE, maxCellBytes: 1000 });
    expect(over).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 2 } });
    expect((over as Error).message).toContain('第 2 行第 2 列（B 列）');
  });

  it('refuses a row of more columns than the limit, counting them all', async () => {
    const wide = Array.from({ length: 201 }, (_, i) => `列${i + 1}`);
    expect(await read(await file(workbookParts(sheet(wide.slice(0, 200)))))).toEqual([wide.slice(0, 200)]);
    const e = await refusal(await file(workbookParts(sheet(['名称'], wide))));
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 2, limit: 200 } });
    expect((e as Error).message).toContain('第 2 行有 201 列（到 GS 列），最多 200 列');
  });

  it('refuses a row of ten thousand empty cells before exceljs builds them', async () => {
    const cells = Array.from({ length: 20_000 }, (_, i) => `<c r="A1" s="${i % 3}"/>`).join('');
    const e = await refusal(await file(workbookParts(`${sheetStart}<row r="1">${cells}</row>${sheetEnd}`)));
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 1 } });
  });

  it('refuses more rows than the limit, beyond the header and title lines that may head them', async () => {
    const rows = Array.from({ length: 36 }, (_, i) => [`行${i}`]);
    expect(await read(await file(workbookParts(sheet(...rows.slice(0, 35)))), { ...BASE, maxRows: 5 })).toHaveLength(35);
    const e = await refusal(await file(workbookParts(sheet(...rows))), { ...BASE, maxRows: 5 });
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { sheet: '行政处罚', limit: 5 } });
  });

  it('refuses a run of megabytes of text between tags, outside any cell', async () => {
    const p = await file(workbookParts(() => [sheetStart, rowXml(1, ['名称']), '\n'.repeat(3 * MB), sheetEnd], { level: 1 }));
    expect(await refusal(p)).toMatchObject({ code: 'CDF_FILE_FORMAT', context: { part: 'xl/worksheets/sheet1.xml' } });
  });

  it('stops at the end of the rows: what follows them is not read', async () => {
    const p = await file(workbookParts(`${sheetStart}${rowXml(1, ['名称'])}</sheetData><mergeCells>${'<x/>'.repeat(300_000)}</mergeCells></worksheet>`));
    expect(await read(p)).toEqual([['名称']]);
  });
});

describe('XML that no workbook has', () => {
  it.each([
    ['a sheet with an external entity (XXE)', 'xl/worksheets/sheet1.xml'],
    ['shared strings with nested entities (billion laughs)', 'xl/sharedStrings.xml'],
    ['a workbook part with a DOCTYPE', 'xl/workbook.xml'],
  ])('refuses %s for its DOCTYPE', async (_about, part) => {
    const dtd = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a SYSTEM "file:///etc/passwd"><!ENTITY b "&a;&a;&a;">]>';
    const parts = workbookParts(sheet(['名称']), {}, strings(['名称']));
    const target = parts.find((p) => p.name === part)!;
    target.data = dtd + String(target.data);
    const e = await refusal(await file(parts));
    expect(e).toMatchObject({ code: 'CDF_FILE_FORMAT', kind: 'data', context: { part } });
    expect((e as Error).message).toContain('DOCTYPE');
  });

  it('refuses a tag of megabytes', async () => {
    const p = await file(workbookParts(`${sheetStart}<row r="1" x="${'x'.repeat(2 * MB)}"></row>${sheetEnd}`));
    expect(await refusal(p)).toMatchObject({ code: 'CDF_FILE_FORMAT', context: { part: 'xl/worksheets/sheet1.xml' } });
  });
});
