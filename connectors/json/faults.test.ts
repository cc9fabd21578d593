// A JSON file that cannot be read as it is: refused where it goes wrong (line and column, or the
// record and its line), with what was expected, in both languages; never a stack trace or a pattern.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CdfError } from '../../domain/errors.ts';
import type { SourceLimits } from '../types.ts';
import { jsonSource } from './index.ts';

let dir: string;
beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-json-faults-')); });
afterAll(() => { fs.rmSync(dir, { recursive: true, force: true }); });

const LIMITS: SourceLimits = { maxColumns: 200, maxCellBytes: 32 * 1024, maxRows: 5_000_000 };

/** The refusal of a file, whether opening it or reading its lines throws. */
async function refusal(name: string, content: string | Buffer, limits = LIMITS): Promise<CdfError> {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  try {
    const src = await jsonSource.open(p, { limits, fileName: name });
    try {
      for await (const _ of src.lines()) { /* read to the end */ }
    } finally {
      await src.close();
    }
  } catch (e) {
    const err = e as CdfError;
    expect(err.kind, err.message).toBe('data');
    // Plain words: no stack, no pattern, Chinese in the Chinese message.
    for (const m of [err.messages.zh, err.messages.en]) expect(m).not.toMatch(/\bat .*\.ts:\d+|\\[dsw][+*]|\[\^|\(\?:/);
    expect(err.messages.zh).toMatch(/[\u4e00-\u9fff]/);
    return err;
  }
  throw new Error(`${name} was read without a refusal`);
}

describe('malformed JSON: the line and column, what was expected and what was found', () => {
  const cases: Array<[string, string, string, string]> = [
    ['a truncated list', '[{"a":1},\n{"a":2}', 'the file ends inside the list [ opened at line 1, column 1',
      '文件在第 1 行第 1 列开始的列表 [ 中结束'],
    ['a list cut inside a record', '[{"a":1},\n{"a":2',
      'inside the object { opened at line 2, column 1, which has no matching } (nor has the [ at line 1, column 1)',
      '缺少与之配对的 }（第 1 行第 1 列的 [ 也未闭合）'],
    ['a trailing comma in a list', '[{"a":1},\n]', 'line 2, column 1: a comma stands before the closing ]', '第 2 行第 1 列的 ] 前多了一个逗号'],
    ['a trailing comma in an object', '[{"a":1,}]', 'line 1, column 9: a comma stands before the closing }', '最后一项的后面不能有逗号'],
    ['an unterminated string', '[{"a":1},\n{"a":"abc}]', 'the double quote at line 2, column 6 opens a text that never closes', '第 2 行第 6 列的双引号开始了一段文字'],
    ['a line break inside a text', '[{"a":"ab\ncd"}]', 'the text at line 1, column 10 holds a line break as it is', '须写成转义形式（\\n）'],
    ['single quotes', "[{'a':1}]", 'line 1, column 3: expected a key in double quotes or a closing }, found "\'"', '不能用单引号'],
    ['a text without quotes', '[{"a":天津}]', 'line 1, column 7: expected a value (text in double quotes', '却是「天」。文字须用双引号 " 括起'],
    ['a missing colon', '[{"a" 1}]', 'line 1, column 7: expected a colon (:) after the key, found "1"', '应为键名后的冒号'],
    ['a missing comma', '[{"a":1 "b":2}]', 'line 1, column 9: expected a comma (,) or a closing }, found """', '应为逗号 , 或右花括号 }'],
    ['a number with a leading zero', '[{"a":01}]', '"01" at line 1, column 7 is no JSON number', '「01」不是 JSON 数字'],
    ['NaN', '[{"a":NaN}]', '"NaN" at line 1, column 7 is no JSON value', '没有引号的词只能是 true、false 或 null'],
    ['a bad escape', '[{"a":"C:\\dir"}]', '"\\d" at line 1, column 11 is no JSON escape', '反斜杠本身须写成 \\\\'],
    ['text after the list', '[{"a":1}]\nx', 'line 2, column 1: expected the end of the file (a JSON file holds one outermost value), found "x"', '应为文件结束'],
    ['a single text', '\n"abc"', 'the file holds only a text at line 2, column 1: expected a list of records', '文件在第 2 行第 1 列只是一个文字'],
    ['a single number', '42', 'the file holds only a number at line 1, column 1', '只是一个数字'],
    ['an item that is not an object', '[{"a":1},\n 2]', 'record 2 (starting on line 2) is a number, not an object', '第 2 条记录（从第 2 行开始）是数字而不是对象'],
    ['a comment', '// 导出\n[{"a":1}]', 'line 1, column 1: expected a value', 'JSON 中不能写注释'],
    ['a NUL byte', '[{"a":1}\u0000]', 'found a NUL byte (0x00)', '空字节（NUL，0x00）'],
  ];
  it.each(cases)('%s', async (_, text, en, zh) => {
    const e = await refusal('bad.json', text);
    expect(e.code).toBe('CDF_FILE_JSON');
    expect(e.messages.en).toContain(en);
    expect(e.messages.zh).toContain(zh);
  });

  it('refuses JSON Lines with two objects on one line, or objects separated by commas', async () => {
    for (const name of ['two.ndjson', 'two.json']) {
      const e = await refusal(name, '{"a":1}\n{"a":2} {"a":3}\n');
      expect(e.messages.en, name).toContain('line 2, column 9: another object starts on the line of the one before');
    }
    const e = await refusal('commas.ndjson', '{"a":1},\n{"a":2}\n');
    expect(e.messages.en).toContain('line 1, column 8: expected the next object {…} on a new line (a JSON Lines file holds one object a line), found ","');
  });
});

describe('encodings: JSON is UTF-8 (RFC 8259)', () => {
  const ROWS = ['{"行政相对人名称":"天津市和平区海河食品有限公司"}', '{"行政相对人名称":"河东区老刘小吃店"}', '{"行政相对人名称":"滨海新区远航物流有限公司"}'];

  it('refuses a GBK line at its line, telling the clerk to save as UTF-8', async () => {
    const bytes = Buffer.concat([Buffer.from(`${ROWS[0]}\n${ROWS[1]}\n`), iconv.encode(`${ROWS[2]}\n`, 'gbk')]);
    const e = await refusal('gbk.ndjson', bytes);
    expect(e).toMatchObject({ code: 'CDF_FILE_ENCODING', context: { row: 3 } });
    expect(e.messages.zh).toContain('第 3 行');
    expect(e.messages.zh).toContain('另存为”UTF-8');
    expect(e.messages.en).toContain('GBK/GB18030');
  });

  it('finds the line of a bad byte beyond the first chunk read', async () => {
    const long = `{"备注":"${'长'.repeat(40_000)}"}`;
    const bytes = Buffer.concat([Buffer.from(`${long}\n${long}\n`), iconv.encode(`${ROWS[2]}\n`, 'gbk')]);
    const e = await refusal('far.ndjson', bytes, { ...LIMITS, maxCellBytes: 1 << 20 });
    expect(e).toMatchObject({ code: 'CDF_FILE_ENCODING', context: { row: 3 } });
  });

  it('refuses UTF-16 with or without a byte order mark when opened', async () => {
    const text = `${ROWS.join('\n')}\n`;
    for (const [name, bytes] of [
      ['le-bom.json', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')])],
      ['be-bom.json', Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf-16be')])],
      ['le.ndjson', iconv.encode(text, 'utf-16le')],
    ] as const) {
      const e = await refusal(name, bytes);
      expect(e.code, name).toBe('CDF_FILE_ENCODING');
      expect(e.messages.en, name).toContain('UTF-16');
      expect(e.messages.zh, name).toContain('须为 UTF-8');
    }
  });
});

describe('limits', () => {
  it('refuses a 50 MB line at its cell, naming the record and the key, without holding it', { timeout: 60_000 }, async () => {
    const big = Buffer.alloc(50 * 1024 * 1024, 'a');
    const bytes = Buffer.concat([Buffer.from('{"行政相对人名称":"天津"}\n{"违法事实":"'), big, Buffer.from('"}\n')]);
    const before = process.memoryUsage().rss;
    const e = await refusal('huge.ndjson', bytes);
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 2, value: String(32 * 1024) } });
    expect(e.messages.en).toContain('in record 2 (starting on line 2) the value of "违法事实" is over the limit of 32768 bytes a cell');
    // Read, not held: the process grew by far less than the line (the file's own buffer aside).
    expect(process.memoryUsage().rss - before).toBeLessThan(40 * 1024 * 1024);
  });

  it('refuses a 50 MB line of keys at the key past the column limit', { timeout: 60_000 }, async () => {
    const keys = Array.from({ length: 2_500_000 }, (_, i) => `"k${i}":1`).join(',');
    const e = await refusal('wide.ndjson', `{"a":1}\n{${keys}}\n`);
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 2, value: '200' } });
    expect(e.messages.en).toContain('in record 2 (starting on line 2) the key "k199" takes the records\' different keys over the limit of 200 columns');
  });

  it('refuses a record padded past the record limit, and the record past the row limit', async () => {
    const padded = `[{"a":1},\n{"a":1${' '.repeat(2 * 1024 * 1024)}}]`;
    const e = await refusal('padded.json', padded, { maxColumns: 2, maxCellBytes: 1024 });
    expect(e).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 2 } });
    expect(e.messages.en).toContain('record 2 (starting on line 2) is over the limit of 1048576 bytes a record');
    const rows = await refusal('rows.ndjson', '{"a":1}\n{"a":2}\n{"a":3}\n', { ...LIMITS, maxRows: 2 });
    expect(rows).toMatchObject({ code: 'CDF_FILE_LIMIT', context: { row: 3, value: '2' } });
    expect(rows.messages.zh).toContain('第 3 条记录（从第 3 行开始）超过了每个文件最多 2 条记录的上限');
  });
});
