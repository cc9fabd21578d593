import { describe, expect, it } from 'vitest';
import { isCodePlaceholder, isValuePlaceholder } from './placeholders.ts';

describe('placeholders for an absent code', () => {
  it.each(['undefined', 'UNDEFINED', '#N/A',
    '无', ' 无 ', '暂无', '/', '／', '\\', '-', '--', '——', '—', '－', '*', '不适用', 'N/A', 'n/a', 'NA', 'null', 'NULL', 'None',
    '000000000000000000', '00000000000000000X', '00000000000000000x', '0', '000000000000000', '00000000-0', '０００００００００００００００００X'])(
    '%s is a placeholder', (v) => expect(isCodePlaceholder(v)).toBe(true));
  it.each(['', '91120101MA05L8XK7A', '120102600123450', 'D2143569-X', '无锡', 'NAN实业', '0001', '10000000000000000X', '/1'])(
    '%s is not', (v) => expect(isCodePlaceholder(v)).toBe(false));
  it('reads zeros as a value in amounts and dates, the words and marks as empty', () => {
    expect(isValuePlaceholder('0')).toBe(false);
    expect(isValuePlaceholder('0.00')).toBe(false);
    expect(isValuePlaceholder('无')).toBe(true);
    expect(isValuePlaceholder('/')).toBe(true);
    expect(isValuePlaceholder('——')).toBe(true);
    expect(isValuePlaceholder('2099-12-31')).toBe(false);
  });
});
