import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseFormula } from './csv-safe.ts';

describe('neutraliseFormula', () => {
  it.each([
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+86 22 1234', "'+86 22 1234"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'],
  ])('prefixes %j with a quote', (input, output) => {
    expect(neutraliseFormula(input)).toBe(output);
  });

  it.each(['天津市和平区海河食品有限公司', 'a=b', '1+1', 'x-y', 'me@example.com', ' =x', '', "'=already"])('leaves %j alone', (input) => {
    expect(neutraliseFormula(input)).toBe(input);
  });
});

describe('csvLine', () => {
  it('joins plain cells with commas and ends with CRLF', () => {
    expect(csvLine(['a', '天津', 'b'])).toBe('a,天津,b\r\n');
  });

  it('quotes cells with commas, quotes and newlines, doubling the quotes', () => {
    expect(csvLine(['a,b'])).toBe('"a,b"\r\n');
    expect(csvLine(['say "hi"'])).toBe('"say ""hi"""\r\n');
    expect(csvLine(['line1\nline2'])).toBe('"line1\nline2"\r\n');
    expect(csvLine(['line1\r\nline2'])).toBe('"line1\r\nline2"\r\n');
    expect(csvLine(['x', 'a,"b"', 'y'])).toBe('x,"a,""b""",y\r\n');
  });

  it('writes numbers as they are, null and undefined as empty cells', () => {
    expect(csvLine([1, 0.5, null, undefined, 'z'])).toBe('1,0.5,,,z\r\n');
    expect(csvLine([])).toBe('\r\n');
  });

  it('neutralises formulas, negative numbers included, and quotes what needs it after', () => {
    expect(csvLine(['=1+2', -3, '@a,b'])).toBe("'=1+2,'-3,\"'@a,b\"\r\n");
    // A cell starting with CR is neutralised and then quoted for the CR.
    expect(csvLine(['\r=x'])).toBe("\"'\r=x\"\r\n");
  });
});
