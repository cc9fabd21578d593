import { describe, expect, it } from 'vitest';
import { encodeCsvRow } from './copy.ts';

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
