import { describe, expect, it } from 'vitest';
import { CsvPieces, encodeCsvRow } from './copy.ts';
import type { CopyValue } from './copy.ts';

describe('encodeCsvRow', () => {
  it('quotes every string, writes numbers bare and ends with a newline', () => {
    expect(encodeCsvRow(['天津', 42, 0.5, ''])).toBe('"天津",42,0.5,""\n');
  });

  it('writes null as an unquoted empty field (NULL), unlike the empty string', () => {
    expect(encodeCsvRow([null, '', null])).toBe(',"",\n');
  });

  it('doubles quotes and keeps commas and newlines inside the quotes', () => {
    expect(encodeCsvRow(['say "hi", then\r\nleave'])).toBe('"say ""hi"", then\r\nleave"\n');
  });

  it('keeps a backslash in a plain string as it is', () => {
    expect(encodeCsvRow(['C:\\data\\x.csv'])).toBe('"C:\\data\\x.csv"\n');
  });

  it('writes text[] as an array literal inside one field', () => {
    expect(encodeCsvRow([['警告', '罚款']])).toBe('"{""警告"",""罚款""}"\n');
    expect(encodeCsvRow([[]])).toBe('"{}"\n');
  });

  it('escapes quotes and backslashes inside array elements', () => {
    // Element a"b → "a\"b" in the array literal; element c\d → "c\\d"; then CSV doubles the quotes.
    expect(encodeCsvRow([['a"b', 'c\\d']])).toBe('"{""a\\""b"",""c\\\\d""}"\n');
  });

  it('keeps commas, braces and NULL-like words inside array elements as text', () => {
    expect(encodeCsvRow([['a,b', '{x}', 'NULL']])).toBe('"{""a,b"",""{x}"",""NULL""}"\n');
  });

  it('mixes kinds in one row', () => {
    expect(encodeCsvRow([1, 'x', null, ['y']])).toBe('1,"x",,"{""y""}"\n');
  });
});

describe('CsvPieces', () => {
  const rows = Array.from({ length: 3_000 }, (_, i) => ['b1', i, `天津市第${i}号「"引号"」`, i % 7 ? null : ['警告', '罚款']] as const);

  function piecesOf(all: ReadonlyArray<readonly CopyValue[]>): Buffer[] {
    const pieces = new CsvPieces();
    const out: Buffer[] = [];
    for (const r of all) {
      const piece = pieces.add(r);
      if (piece !== undefined) out.push(piece);
    }
    out.push(pieces.take());
    return out;
  }

  it('gives out every line once, in order, as UTF-8 in pieces of about 64 KB', () => {
    const out = piecesOf(rows);
    expect(Buffer.concat(out).toString('utf8')).toBe(rows.map((r) => encodeCsvRow(r)).join(''));
    expect(out.length).toBeGreaterThan(1);
    // Every piece but the last is full (at least 64 KB, less than one more line), and ends a line.
    for (const p of out.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(65_536);
    for (const p of out.slice(0, -1)) expect(p.length).toBeLessThan(65_536 + 200);
    expect(out.every((p) => p.toString('utf8').endsWith('\n'))).toBe(true);
  });

  it('keeps a line longer than a piece whole, and the pieces around it', () => {
    const long = ['b1', 1, '违法事实'.repeat(40_000), null] as const;
    const all = [...rows.slice(0, 10), long, ...rows.slice(10, 20)];
    const out = piecesOf(all);
    expect(Buffer.concat(out).toString('utf8')).toBe(all.map((r) => encodeCsvRow(r)).join(''));
    expect(out.map((p) => p.toString('utf8')).some((p) => p === encodeCsvRow(long))).toBe(true);
  });

  it('has nothing to give once taken, and never writes into a piece it gave out', () => {
    const pieces = new CsvPieces();
    expect(pieces.add(['x'])).toBeUndefined();
    const first = pieces.take();
    expect(first.toString('utf8')).toBe('"x"\n');
    expect(pieces.take().length).toBe(0);
    pieces.add(['y']);
    expect(first.toString('utf8')).toBe('"x"\n');
  });
});
