import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenedSource, SourceLine, SourceRow } from '../types.ts';
import { csvSource } from './index.ts';
import { sourceConformance } from '../conformance/source.suite.ts';

// One small Chinese CSV: CRLF line endings, a quoted cell holding a comma and a newline, a blank
// line in the middle, a row of empty cells, and a trailing newline.
const CSV_TEXT = [
  '行政相对人名称, 行政相对人类别 ,罚款金额（万元）,备注',
  '天津市和平区海河食品有限公司,法人及非法人组织,0.5,"含逗号,以及""引号""和\n换行"',
  '',
  '河东区老刘小吃店,个体工商户,1.5万元,',
  ',,,',
  '滨海新区远航物流有限公司,法人及非法人组织,3,最后一行',
].join('\r\n') + '\r\n';

const HEADERS = ['行政相对人名称', '行政相对人类别', '罚款金额（万元）', '备注'];
// Row numbers count data rows after the header, blank ones included; lines are the physical
// lines where each row starts (the first row's quoted cell spans two of them).
const ROWS: SourceRow[] = [
  { rowNo: 1, line: 2, cells: ['天津市和平区海河食品有限公司', '法人及非法人组织', '0.5', '含逗号,以及"引号"和\n换行'] },
  { rowNo: 3, line: 5, cells: ['河东区老刘小吃店', '个体工商户', '1.5万元', ''] },
  { rowNo: 5, line: 7, cells: ['滨海新区远航物流有限公司', '法人及非法人组织', '3', '最后一行'] },
];

let dir: string;
const file = (name: string, bytes: Buffer | string): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, bytes);
  return p;
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-csv-'));
});
afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The source's lines, the first one read as the header (the pipeline finds it; here it is first). */
async function readAll(filePath: string): Promise<{ headers: string[]; encoding: string; rows: SourceRow[] }> {
  const src = await csvSource.open(filePath);
  try {
    const lines: SourceLine[] = [];
    for await (const l of src.lines()) lines.push(l);
    const [head, ...rest] = lines;
    const rows = rest.map((l) => ({ rowNo: l.index - head!.index, line: l.line, cells: l.cells }));
    return { headers: head?.cells.map((h) => h.trim()) ?? [], encoding: src.encoding, rows };
  } finally {
    await src.close();
  }
}

describe('csvSource.open', () => {
  const fixtures: Array<[string, () => Buffer, string]> = [
    ['UTF-8', () => Buffer.from(CSV_TEXT, 'utf8'), 'utf-8'],
    ['UTF-8 with BOM', () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CSV_TEXT, 'utf8')]), 'utf-8'],
    ['GBK', () => iconv.encode(CSV_TEXT, 'gbk'), 'gb18030'],
    ['GB18030', () => iconv.encode(CSV_TEXT, 'gb18030'), 'gb18030'],
  ];

  it.each(fixtures)('reads %s to the same headers and rows', async (label, bytes, encoding) => {
    const got = await readAll(file(`${label.replace(/\W/g, '_')}.csv`, bytes()));
    expect(got.encoding).toBe(encoding);
    expect(got.headers).toEqual(HEADERS);
    expect(got.rows).toEqual(ROWS);
  });

  it('reads LF line endings the same way', async () => {
    const got = await readAll(file('lf.csv', CSV_TEXT.replace(/\r\n/g, '\n')));
    expect(got.headers).toEqual(HEADERS);
    expect(got.rows).toEqual(ROWS);
  });

  it('yields no phantom row without a trailing newline either', async () => {
    const got = await readAll(file('no-final-newline.csv', CSV_TEXT.replace(/\r\n$/, '')));
    expect(got.rows).toEqual(ROWS);
  });

  it('reads a character only GB18030 has (4 bytes)', async () => {
    const got = await readAll(file('gb18030-4byte.csv', iconv.encode('姓名,备注\r\n王𠮷,€\r\n', 'gb18030')));
    expect(got.encoding).toBe('gb18030');
    expect(got.headers).toEqual(['姓名', '备注']);
    expect(got.rows).toEqual([{ rowNo: 1, line: 2, cells: ['王𠮷', '€'] }]);
  });

  it('gives an empty file no headers and no rows', async () => {
    const got = await readAll(file('empty.csv', ''));
    expect(got.headers).toEqual([]);
    expect(got.rows).toEqual([]);
  });

  it('gives a header-only file no rows', async () => {
    const got = await readAll(file('header-only.csv', '名称,类别\r\n'));
    expect(got.headers).toEqual(['名称', '类别']);
    expect(got.rows).toEqual([]);
  });

  it('gives every non-blank record with its record number and the physical line it starts on', async () => {
    const text = '行政处罚信息汇总表,,\r\n\r\n"注：多行\r\n说明",,\r\n名称,类别,备注\r\n甲,乙,"一\r\n二\r\n三"\r\n丙,丁,\r\n';
    const src = await csvSource.open(file('preamble.csv', text));
    const lines: SourceLine[] = [];
    for await (const l of src.lines()) lines.push(l);
    await src.close();
    expect(lines.map((l) => [l.index, l.line, l.cells[0]])).toEqual([
      [1, 1, '行政处罚信息汇总表'], [3, 3, '注：多行\r\n说明'], [4, 5, '名称'], [5, 6, '甲'], [6, 9, '丙'],
    ]);
  });

  it('lets lines() be read only once', async () => {
    const src = await csvSource.open(file('once.csv', CSV_TEXT));
    try {
      for await (const _line of src.lines()) { /* drain */ }
      await expect(src.lines().next()).rejects.toThrow('lines() can be read once');
    } finally {
      await src.close();
    }
  });

  it('can be closed half-way through', async () => {
    const lines = ['a,b'];
    for (let i = 0; i < 50_000; i++) lines.push(`${i},值${i}`);
    const src: OpenedSource = await csvSource.open(file('half.csv', lines.join('\n')));
    const seen: number[] = [];
    for await (const l of src.lines()) {
      seen.push(l.line);
      if (seen.length === 3) break;
    }
    await src.close();
    expect(seen).toEqual([1, 2, 3]);
  });
});

describe('csvSource.accepts', () => {
  const csvHead = Buffer.from(CSV_TEXT, 'utf8');
  const zipHead = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.from([0x14, 0x00, 0x06, 0x00]), Buffer.from('[Content_Types].xml')]);

  it('accepts .csv and .txt files of text, whatever the case of the extension', () => {
    expect(csvSource.accepts('处罚.csv', csvHead)).toBe(true);
    expect(csvSource.accepts('PENALTY.CSV', csvHead)).toBe(true);
    expect(csvSource.accepts('penalty.txt', iconv.encode(CSV_TEXT, 'gbk'))).toBe(true);
  });

  it('refuses a ZIP named .csv', () => {
    expect(csvSource.accepts('penalty.csv', zipHead)).toBe(false);
    // Without any NUL byte in the sample: the signature alone is enough.
    expect(csvSource.accepts('penalty.csv', Buffer.from('PK\x03\x04abc,def\r\n', 'latin1'))).toBe(false);
  });

  it('refuses binary content with NUL bytes', () => {
    expect(csvSource.accepts('penalty.csv', Buffer.from([0x61, 0x2c, 0x00, 0x62]))).toBe(false);
  });

  it('refuses .xlsx and other names', () => {
    expect(csvSource.accepts('penalty.xlsx', csvHead)).toBe(false);
    expect(csvSource.accepts('penalty.xls', csvHead)).toBe(false);
    expect(csvSource.accepts('penalty.csv.zip', csvHead)).toBe(false);
    expect(csvSource.accepts('penalty', csvHead)).toBe(false);
  });
});

describe('csvSource on a large file', () => {
  it('streams ~30 MB and counts every row', { timeout: 120_000 }, async () => {
    const p = path.join(dir, 'large.csv');
    const fd = fs.openSync(p, 'w');
    const ROWS_PER_CHUNK = 1000;
    let written = 0;
    let rowsWritten = 0;
    try {
      fs.writeSync(fd, '行政相对人名称,行政相对人类别,行政处罚决定书文号,违法事实,罚款金额（万元）\r\n');
      while (written < 30 * 1024 * 1024) {
        let chunk = '';
        for (let i = 0; i < ROWS_PER_CHUNK; i++) {
          const n = rowsWritten + i + 1;
          chunk += `天津市某某商贸有限公司${n},法人及非法人组织,津市场监管罚〔2025〕${n}号,"销售超过保质期的食品,数量${n}件",0.${n % 10}\r\n`;
        }
        written += fs.writeSync(fd, chunk);
        rowsWritten += ROWS_PER_CHUNK;
      }
    } finally {
      fs.closeSync(fd);
    }
    expect(fs.statSync(p).size).toBeGreaterThan(30 * 1024 * 1024);

    const src = await csvSource.open(p);
    let count = 0;
    let last: SourceLine | undefined;
    try {
      for await (const l of src.lines()) {
        count++;
        last = l;
      }
    } finally {
      await src.close();
    }
    expect(count).toBe(rowsWritten + 1);
    expect(last?.index).toBe(rowsWritten + 1);
    expect(last?.line).toBe(rowsWritten + 1);
    expect(last?.cells).toEqual([
      `天津市某某商贸有限公司${rowsWritten}`, '法人及非法人组织', `津市场监管罚〔2025〕${rowsWritten}号`,
      `销售超过保质期的食品,数量${rowsWritten}件`, `0.${rowsWritten % 10}`,
    ]);
    fs.rmSync(p);
  });
});

// The shared source contract and the golden hostile fixtures (connectors/conformance/).
sourceConformance({
  connector: csvSource,
  extension: '.csv',
  largeRows: 200_000,
  async write(filePath, header, rows, row) {
    const out = fs.createWriteStream(filePath);
    const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
    await write(`${header.join(',')}\r\n`);
    for (let n = 1; n <= rows; n += 1000) {
      const chunk: string[] = [];
      for (let i = n; i < n + 1000 && i <= rows; i++) chunk.push(`${row(i).join(',')}\r\n`);
      await write(chunk.join(''));
    }
    await new Promise<void>((resolve) => out.end(resolve));
  },
});
