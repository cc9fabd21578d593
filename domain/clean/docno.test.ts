import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { docnoForm, docnoKey } from './docno.ts';

describe('docnoForm', () => {
  it.each([
    ['津应急罚[2024]125号', '津应急罚〔2024〕125号'],
    ['津应急罚【2024】125号', '津应急罚〔2024〕125号'],
    ['津应急罚（2024）125号', '津应急罚〔2024〕125号'],
    ['津应急罚(2024)125号', '津应急罚〔2024〕125号'],
    ['津应急罚［2024］125号', '津应急罚〔2024〕125号'],
    ['津应急罚〔2024年〕125号', '津应急罚〔2024〕125号'],
    ['津应急罚2024125号', '津应急罚〔2024〕125号'],
    ['津应急罚2024年第125号', '津应急罚〔2024〕第125号'],
    ['津应急罚〔２０２４〕１２５号', '津应急罚〔2024〕125号'],
    ['津应急罚 〔2024〕 125 号', '津应急罚〔2024〕125号'],
    ['津应急罚\u3000〔2024〕\u200b125号', '津应急罚〔2024〕125号'],
    ['津应急罚〔2024〕125', '津应急罚〔2024〕125号'],
    ['津应急罚〔2024〕第0125', '津应急罚〔2024〕第0125号'],
    // A sequence that starts like a year is not one: the shortest prefix wins.
    ['津滨市场监管罚2025第19080号', '津滨市场监管罚〔2025〕第19080号'],
    ['津滨市场监管罚202519177', '津滨市场监管罚〔2025〕19177号'],
    ['津滨市场监管罚 2023 第19365号', '津滨市场监管罚〔2023〕第19365号'],
    // Key version 2: the brackets of titles and quotations, typed for the year's.
    ['津应急罚《2024》125号', '津应急罚〔2024〕125号'],
    ['津应急罚〈2024〉125号', '津应急罚〔2024〕125号'],
    ['津应急罚「2024」125号', '津应急罚〔2024〕125号'],
    ['津应急罚『2024年』125号', '津应急罚〔2024〕125号'],
  ])('%s → %s', (raw, want) => {
    expect(docnoForm(raw)).toBe(want);
  });
  it('leaves what is not a year-numbered document alone', () => {
    expect(docnoForm('JY2019123456')).toBe('JY2019123456');
    expect(docnoForm('津市监罚字第125号')).toBe('津市监罚字第125号');
    expect(docnoForm('津应急罚〔2024〕125-1号')).toBe('津应急罚〔2024〕125-1号');
  });
});

describe('docnoKey', () => {
  it('folds 第, leading zeros and 字 before the year', () => {
    const k = docnoKey('津应急罚〔2024〕125号');
    for (const v of ['津应急罚〔2024〕第125号', '津应急罚〔2024〕0125号', '津应急罚〔2024〕第00125', '津应急罚字〔2024〕125号',
      '津应急罚（2024）第125号', '津应急罚2024第125号', 'ｊ'.replace('ｊ', '') + '津应急罚【２０２４】１２５']) {
      expect(docnoKey(v)).toBe(k);
    }
    expect(docnoKey('津市监罚字第125号')).toBe(docnoKey('津市监罚字125号'));
    expect(docnoKey('津市监罚字第0125号')).toBe(docnoKey('津市监罚字125号'));
  });
  it('keeps numbers that really differ apart', () => {
    expect(docnoKey('津应急罚〔2024〕125号')).not.toBe(docnoKey('津应急罚〔2024〕1250号'));
    expect(docnoKey('津应急罚〔2024〕125号')).not.toBe(docnoKey('津应急罚〔2023〕125号'));
    expect(docnoKey('津应急罚〔2024〕125号')).not.toBe(docnoKey('津应急罚〔2024〕12号'));
    expect(docnoKey('津应急罚〔2024〕10号')).not.toBe(docnoKey('津应急罚〔2024〕1号'));
    expect(docnoKey('津应急罚〔2024〕125号')).not.toBe(docnoKey('津安监罚〔2024〕125号'));
    expect(docnoKey('津应急罚〔2024〕125-1号')).not.toBe(docnoKey('津应急罚〔2024〕125-2号'));
  });

  // Clerks' forms of one number: any bracket or none, 第 or not, zeros, width, spaces, 号 or not.
  const prefix = fc.stringMatching(/^津[应急罚市场监管税务生态环境卫健委交通文旅]{1,5}$/);
  const year = fc.integer({ min: 1990, max: 2030 });
  // Sequences that start like a year (19080, 2024) are where a bare year is easy to misread.
  const seq = fc.oneof(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 1900, max: 20999 }));
  const typed = (p: string, y: number, n: number, style: number[]): string => {
    const brackets = [['〔', '〕'], ['[', ']'], ['【', '】'], ['(', ')'], ['（', '）'], ['［', '］'], ['', '']][style[0]! % 7]!;
    const digits = (s: string) => (style[1]! % 2 ? s.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))) : s);
    const zeros = '0'.repeat(style[2]! % 3);
    const di = style[3]! % 2 ? '第' : '';
    const space = style[4]! % 2 ? ' ' : '';
    const hao = style[5]! % 2 ? '号' : '';
    return `${p}${space}${brackets[0]}${digits(String(y))}${brackets[1]}${space}${di}${digits(zeros + String(n))}${hao}`;
  };
  const style = fc.array(fc.nat(), { minLength: 6, maxLength: 6 });

  it('every typing of one number folds to one key (property)', () => {
    fc.assert(fc.property(prefix, year, seq, style, style, (p, y, n, a, b) => docnoKey(typed(p, y, n, a)) === docnoKey(typed(p, y, n, b))),
      { numRuns: 2000 });
  });
  it('numbers that differ in prefix, year or sequence never fold together (property)', () => {
    fc.assert(fc.property(prefix, prefix, year, year, seq, seq, style, style, (p, q, y, z, n, m, a, b) => {
      fc.pre(p !== q || y !== z || n !== m);
      return docnoKey(typed(p, y, n, a)) !== docnoKey(typed(q, z, m, b));
    }));
  });
});
