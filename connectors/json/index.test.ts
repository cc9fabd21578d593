import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataRows, readHeadLines } from '../../domain/layout/layout-rows.ts';
import { sourceConformance } from '../conformance/source.suite.ts';
import type { SourceLine, SourceRow } from '../types.ts';
import { jsonSource } from './index.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-json-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const file = (name: string, content: string | Buffer): string => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};

async function linesOf(name: string, content: string | Buffer): Promise<SourceLine[]> {
  const src = await jsonSource.open(file(name, content), { fileName: name });
  const out: SourceLine[] = [];
  try {
    for await (const l of src.lines()) out.push(l);
  } finally {
    await src.close();
  }
  return out;
}

const A = { '行政相对人名称': '天津市和平区海河食品有限公司', '罚款金额（万元）': '0.5' };
const B = { '行政相对人名称': '河东区老刘小吃店', '罚款金额（万元）': '1.5', '备注': '个体' };
const HEADER = ['行政相对人名称', '罚款金额（万元）', '备注'];
const CELLS = [['天津市和平区海河食品有限公司', '0.5', ''], ['河东区老刘小吃店', '1.5', '个体']];

describe('jsonSource: the shapes a file holds its records in', () => {
  it('reads JSON Lines: a header of every key, then each line\'s object, blank lines skipped', async () => {
    const got = await linesOf('a.ndjson', `${JSON.stringify(A)}\r\n\r\n\n${JSON.stringify(B)}\r\n`);
    expect(got).toEqual([
      { index: 1, line: 1, cells: HEADER },
      { index: 2, line: 1, cells: CELLS[0] },
      { index: 3, line: 4, cells: CELLS[1] },
    ]);
  });

  it('reads a list of objects, each at the line where it starts, however it is laid out', async () => {
    const got = await linesOf('a.json', `\n${JSON.stringify([A, B], null, 2)}`);
    // [ on line 2, A's { on line 3 (4 lines with its two keys), B's on line 7.
    expect(got).toEqual([
      { index: 1, line: 2, cells: HEADER },
      { index: 2, line: 3, cells: CELLS[0] },
      { index: 3, line: 7, cells: CELLS[1] },
    ]);
  });

  const wrappers: Array<[string, (list: unknown[]) => unknown]> = [
    ['{"code":0,"data":[…]}', (list) => ({ code: 0, msg: '成功', data: list })],
    ['{"records":[…]}', (list) => ({ records: list, total: 2 })],
    ['{"rows":[…]}', (list) => ({ rows: list })],
    ['{"list":[…]}', (list) => ({ list })],
    ['{"data":{"list":[…]}} beside lists of texts and empty lists', (list) => ({ code: '0', tags: ['a'], data: { total: 2, empty: [], list } })],
  ];
  it.each(wrappers)('finds the one list of objects inside an API answer: %s', async (_, wrap) => {
    const got = await linesOf('answer.json', JSON.stringify(wrap([A, B])));
    expect(got.map((l) => l.cells)).toEqual([HEADER, ...CELLS]);
    expect(got.map((l) => l.index)).toEqual([1, 2, 3]);
  });

  it('refuses an answer holding several lists of objects, naming them', async () => {
    const text = JSON.stringify({ data: { list: [A] }, errors: [{ code: 1 }] });
    await expect(linesOf('two.json', text)).rejects.toMatchObject({
      code: 'CDF_FILE_JSON', kind: 'data',
      messages: { zh: expect.stringContaining('「data.list」、「errors」'), en: expect.stringContaining('"data.list", "errors"') },
    });
  });

  it('reads a .json file of one object holding no list as one record, and a .ndjson line as a record even when it holds a list', async () => {
    expect(await linesOf('one.json', JSON.stringify(B))).toEqual([{ index: 1, line: 1, cells: HEADER }, { index: 2, line: 1, cells: CELLS[1] }]);
    await expect(linesOf('one.ndjson', JSON.stringify({ ...A, items: [B] }))).rejects.toMatchObject({ code: 'CDF_FILE_JSON', context: { value: 'items' } });
  });

  it('refuses a file with no records: an empty list, whitespace, records without keys', async () => {
    for (const [name, text] of [['e.json', '[]'], ['w.ndjson', ' \n\n'], ['k.json', '[{}, {}]'], ['d.json', '{"data":{"list":[]}}']]) {
      await expect(linesOf(name!, text!), name).rejects.toMatchObject({ code: 'CDF_FILE_EMPTY', kind: 'data' });
    }
  });
});

describe('jsonSource: values as cells', () => {
  it('keeps numbers as written, not as a double reads them', async () => {
    const text = '[{"a": 1.10, "b": 12345678901234567890123, "c": -0.50, "d": 1e5, "e": 2.5E-3, "f": 0, "g": "007"}]';
    expect((await linesOf('n.json', text))[1]!.cells).toEqual(['1.10', '12345678901234567890123', '-0.50', '1e5', '2.5E-3', '0', '007']);
  });

  it('gives true/false as words, null and a missing key as empty cells, texts as they are (escapes read)', async () => {
    const text = '{"a": true, "b": false, "c": null, "d": "含\\"引号\\"\\n和\\u4e2d"}\n{"e": "x"}\n';
    expect((await linesOf('v.ndjson', text)).map((l) => l.cells)).toEqual([
      ['a', 'b', 'c', 'd', 'e'], ['true', 'false', '', '含"引号"\n和中', ''], ['', '', '', '', 'x'],
    ]);
  });

  it('joins a list of texts or numbers with "；" (nulls and empty texts are no items)', async () => {
    const text = '{"处罚类别": ["警告", "罚款", null, ""], "n": [1.50, 2], "none": []}';
    expect((await linesOf('l.ndjson', text))[1]!.cells).toEqual(['警告；罚款', '1.50；2', '']);
  });

  it('refuses a nested object, naming the record, its line and the key', async () => {
    const text = `${JSON.stringify(A)}\n${JSON.stringify(B)}\n{"行政相对人名称": "x", "地址": {"省": "天津"}}\n`;
    const e = await linesOf('nested.ndjson', text).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'CDF_FILE_JSON', kind: 'data', context: { row: 3, value: '地址' } });
    expect(e).toMatchObject({ messages: { zh: expect.stringContaining('第 3 条记录（从第 3 行开始）的「地址」是一个对象') } });
    expect(e).toMatchObject({ messages: { en: expect.stringContaining('record 3 (starting on line 3) the key "地址" holds an object') } });
    expect((e as Error).message).toContain('应为文字或数字');
  });

  it('refuses a list of objects or of lists as a value', async () => {
    for (const value of ['[{"a": 1}]', '[[1, 2]]']) {
      await expect(linesOf('l.json', `[{"k": ${value}}]`)).rejects.toMatchObject({ code: 'CDF_FILE_JSON', context: { value: 'k' } });
    }
  });

  it('refuses a key twice in one record rather than keep one value silently', async () => {
    await expect(linesOf('dup.json', '[{"a": 1},\n{"a": 1, "a": 2}]')).rejects.toMatchObject({
      code: 'CDF_FILE_JSON', context: { row: 2, value: 'a' }, messages: { en: expect.stringContaining('record 2 (starting on line 2) has the key "a" twice') },
    });
  });

  it('counts a record of empty values but yields no line for it, as a blank CSV line', async () => {
    const got = await linesOf('blank.ndjson', '{"a": "1"}\n{"a": null}\n{"a": " "}\n{"a": "4"}\n');
    expect(got.map((l) => [l.index, l.line, l.cells])).toEqual([[1, 1, ['a']], [2, 1, ['1']], [5, 4, ['4']]]);
  });
});

describe('jsonSource: record numbers are the pipeline\'s row numbers', () => {
  it('gives data row k for record k, at the line where it starts', async () => {
    const text = `[\n  ${JSON.stringify(A)},\n\n  ${JSON.stringify(B, null, 1)},\n  ${JSON.stringify(A)}\n]\n`;
    const src = await jsonSource.open(file('rows.json', text));
    const lines = src.lines();
    const [head] = await readHeadLines(lines, 1);
    const rows: SourceRow[] = [];
    for await (const r of dataRows(lines, { index: head!.index, line: head!.line, width: head!.cells.length }, src.gridded).rows) rows.push(r);
    await src.close();
    expect(rows.map((r) => [r.rowNo, r.line])).toEqual([[1, 2], [2, 4], [3, 9]]);
  });
});

describe('jsonSource.accepts', () => {
  const head = (s: string) => Buffer.from(s);
  it('takes .json, .ndjson and .jsonl in any case, whatever they hold', () => {
    for (const name of ['a.json', 'A.JSON', 'b.ndjson', 'c.JsonL']) expect(jsonSource.accepts(name, head('x')), name).toBe(true);
  });
  it('takes a file with another name by its content: [ or { after a byte order mark and whitespace', () => {
    expect(jsonSource.accepts('pull-2025-06-01', head('\ufeff \r\n [{"a":1}]'))).toBe(true);
    expect(jsonSource.accepts('export.dat', head('{"a":1}\n'))).toBe(true);
    expect(jsonSource.accepts('export.dat', head('a,b\n1,2\n'))).toBe(false);
  });
  it('never claims a CSV, a workbook, or a zip named .json', () => {
    expect(jsonSource.accepts('a.csv', head('[{"a":1}]'))).toBe(false);
    expect(jsonSource.accepts('a.txt', head('{"a":1}'))).toBe(false);
    expect(jsonSource.accepts('a.xlsx', head('{"a":1}'))).toBe(false);
    expect(jsonSource.accepts('a.json', Buffer.from([0x50, 0x4b, 0x03, 0x04]))).toBe(false);
  });
});

// The shared contract, on a list of objects one a line: record k on line k + 1 below the [.
sourceConformance({
  connector: jsonSource,
  extension: '.json',
  largeRows: 200_000,
  async write(filePath, header, rows, row) {
    const out = fs.createWriteStream(filePath);
    const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
    const record = (n: number) => JSON.stringify(Object.fromEntries(row(n).map((v, i) => [header[i]!, v])));
    await write('[\n');
    for (let n = 1; n <= rows; n += 1000) {
      const chunk: string[] = [];
      for (let i = n; i < n + 1000 && i <= rows; i++) chunk.push(`${record(i)}${i < rows ? ',' : ''}\n`);
      await write(chunk.join(''));
    }
    await write(']\n');
    await new Promise<void>((resolve) => out.end(resolve));
  },
});
