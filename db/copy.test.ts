import { describe, expect, it } from 'vitest';
import { CsvPieces, encodeCsvRow } from './copy.ts';

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

  it('gives out every line once, in order, in pieces of about 64 KB', () => {
    const pieces = new CsvPieces();
    const out: string[] = [];
    for (const r of rows) {
      const piece = pieces.add(r);
      if (piece !== undefined) out.push(piece);
    }
    out.push(pieces.take());
    expect(out.join('')).toBe(rows.map((r) => encodeCsvRow(r)).join(''));
    expect(out.length).toBeGreaterThan(1);
    // Every piece but the last is full (at least 64 KB of characters, less than one more line).
    for (const p of out.slice(0, -1)) expect(p.length).toBeGreaterThanOrEqual(65_536);
    for (const p of out.slice(0, -1)) expect(p.length).toBeLessThan(65_536 + 100);
    expect(out.every((p) => p.endsWith('\n'))).toBe(true);
  });

  it('has nothing to give once taken', () => {
    const pieces = new CsvPieces();
    expect(pieces.add(['x'])).toBeUndefined();
    expect(pieces.take()).toBe('"x"\n');
    expect(pieces.take()).toBe('');
  });
});
