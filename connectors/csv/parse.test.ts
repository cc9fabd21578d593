import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvFault, CsvParser } from './parse.ts';
import type { CsvRecord } from './parse.ts';
import { firstBadUtf8 } from './decode.ts';
import { csvSource } from './index.ts';
import { CdfError } from '../../domain/errors.ts';

const LIMITS = { maxColumns: 10, maxCellBytes: 100 };

/** Parses text fed in pieces of `step` characters: where a chunk ends must not matter. */
function parse(text: string, step = text.length || 1, delimiter = ','): CsvRecord[] {
  const p = new CsvParser({ delimiter, ...LIMITS });
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += step) p.feed(text.slice(i, i + step), out);
  p.end(out);
  return out;
}

const fault = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof CsvFault) return e.problem;
    throw e;
  }
  throw new Error('no fault');
};

describe('CsvParser', () => {
  const text = 'a,b,c\r\n"x,1","say ""hi""","two\r\nlines"\r\n\r\n,,\n5"屏,e,f\rlast,g,h';
  const want = [
    { line: 1, cells: ['a', 'b', 'c'] },
    { line: 2, cells: ['x,1', 'say "hi"', 'two\r\nlines'] },
    { line: 4, cells: [''] },
    { line: 5, cells: ['', '', ''] },
    { line: 6, cells: ['5"屏', 'e', 'f'] },
    { line: 7, cells: ['last', 'g', 'h'] },
  ];

  it('reads quotes, doubled quotes, line breaks in cells, CRLF, LF and CR alike, whatever the chunking', () => {
    for (const step of [1, 2, 3, 7, 1000]) expect(parse(text, step), `step ${step}`).toEqual(want);
  });

  it('uses the delimiter it is given, and only it', () => {
    expect(parse('a\tb;c\r\n1\t2;3\r\n', 1000, '\t')).toEqual([{ line: 1, cells: ['a', 'b;c'] }, { line: 2, cells: ['1', '2;3'] }]);
    expect(parse('处罚类别,金额\n警告;罚款;没收违法所得,1\n')[1]!.cells).toEqual(['警告;罚款;没收违法所得', '1']);
  });

  it('names the line a quote that never closes opened on', () => {
    for (const step of [1, 5, 1000]) expect(fault(() => parse('a,b\n1,2\n3,"open\n4,5\n', step))).toEqual({ kind: 'unclosed-quote', line: 3 });
  });

  it('refuses text after a closing quote, naming both lines', () => {
    expect(fault(() => parse('a,b\n"x\ny"z,1\n'))).toEqual({ kind: 'text-after-quote', line: 3, openedOn: 2, text: 'z,1\n' });
  });

  it('refuses a stray quote that swallows whole records into one cell', () => {
    const rows = 'a,b,c,d\n1,"stray,3,4\n5,6,7,8\n9,10,11,end",12\n';
    expect(fault(() => parse(rows))).toMatchObject({ kind: 'swallowed-lines', line: 3, openedOn: 2 });
    // A multi-line note with no delimiters in it is a cell.
    expect(parse('a,b,c,d\n1,"一\n二\n三",3,4\n')[1]!.cells[1]).toBe('一\n二\n三');
  });

  it('refuses a line past the column limit and a cell past the byte limit while streaming', () => {
    expect(fault(() => parse('a,b\n' + 'x,'.repeat(10) + 'x\n'))).toEqual({ kind: 'too-many-columns', line: 2, columns: 11 });
    expect(parse('x,'.repeat(9) + 'x\n')[0]!.cells).toHaveLength(10);
    expect(fault(() => parse('a,b\n1,' + '汉'.repeat(34) + '\n', 3))).toMatchObject({ kind: 'cell-too-large', line: 2, column: 2 });
    expect(parse('a,b\n1,' + '汉'.repeat(33) + '\n')[1]!.cells[1]).toHaveLength(33);
    // An open quote growing past the limit is named as the likely cause.
    expect(fault(() => parse('a,b\n1,"open\n' + 'x,y\n'.repeat(40)))).toMatchObject({ kind: 'cell-too-large', line: 2, quoteOpenedOn: 2 });
  });
});

describe('firstBadUtf8', () => {
  it('finds the first byte that is no UTF-8 character: stray, overlong, surrogate, cut', () => {
    expect(firstBadUtf8(Buffer.from('a汉b'), true)).toBe(-1);
    expect(firstBadUtf8(Buffer.concat([Buffer.from('ab'), Buffer.from([0xff])]), true)).toBe(2);
    expect(firstBadUtf8(Buffer.from([0x61, 0xc0, 0x80]), true)).toBe(1);
    expect(firstBadUtf8(Buffer.from([0xed, 0xa0, 0x80]), true)).toBe(0);
    expect(firstBadUtf8(Buffer.from([0x61, 0xe6, 0xb1]), false)).toBe(-1);
    expect(firstBadUtf8(Buffer.from([0x61, 0xe6, 0xb1]), true)).toBe(1);
  });
});

describe('csvSource refusals with the line', () => {
  let dir: string;
  beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdf-csv-hostile-')); });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const read = async (name: string, bytes: Buffer | string): Promise<CdfError> => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const src = await csvSource.open(file);
    try {
      for await (const _l of src.lines()) { /* drain */ }
    } catch (e) {
      if (e instanceof CdfError) return e;
      throw e;
    } finally {
      await src.close();
    }
    throw new Error('not refused');
  };
  const body = (n: number) => Array.from({ length: n }, (_, i) => `天津市某某公司${i},法人及非法人组织,${i}`).join('\n') + '\n';

  it('refuses a bad UTF-8 byte far past the head, naming its line and byte', async () => {
    const good = Buffer.from('名称,类别,金额\n' + body(5000));
    const e = await read('bad.csv', Buffer.concat([good, Buffer.from('坏'), Buffer.from([0xff]), Buffer.from('\n')]));
    expect(e.code).toBe('CDF_FILE_ENCODING');
    expect(e.messages.zh).toContain(`第 5002 行（第 ${good.length + 4} 个字节）有不是 UTF-8 字符的字节`);
  });

  it('refuses GBK rows under a UTF-8 head, and GB18030 that does not decode', async () => {
    const mixed = Buffer.concat([Buffer.from('名称,类别,金额\n' + body(3000)), iconv.encode(body(3), 'gbk')]);
    expect((await read('mixed.csv', mixed)).messages.zh).toContain('第 3002 行');
    const gbk = Buffer.concat([iconv.encode('名称,类别,金额\n' + body(3000), 'gbk'), Buffer.from([0x81, 0x0a])]);
    const e = await read('gbk.csv', gbk);
    expect(e.messages.zh).toContain('第 3002 行有不是 GBK/GB18030 字符的字节');
  });

  it('refuses a NUL byte and control characters with the line, keeps tabs', async () => {
    const e = await read('nul.csv', '名称,类别\n' + body(3000) + '甲,\u0000乙\n');
    expect(e.code).toBe('CDF_FILE_CONTROL_CHAR');
    expect(e.messages.zh).toContain('第 3002 行含有空字节（NUL，0x00）');
    expect((await read('esc.csv', '名称,类别\n甲\t,\u001b乙\n')).messages.zh).toContain('第 2 行含有控制字符 U+001B');
  });
});
