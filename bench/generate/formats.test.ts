import { describe, expect, it } from 'vitest';
import { docnoBrackets, halfWidth } from '../../domain/clean/rules.ts';
import { addMonthsMinusDay, chineseAmount, dayOf, isoDay, renderAmount, renderDate, renderDocno, wanText } from './formats.ts';
import type { AmountForm, Brackets, DateForm } from './formats.ts';
import { readAmountYuan, readDate } from './read-back.ts';

describe('dates', () => {
  it('writes one day in every form, each read back to the same day', () => {
    const forms: [DateForm, string][] = [['iso', '2023-01-05'], ['slash', '2023/1/5'], ['cn', '2023年1月5日'],
      ['compact', '20230105'], ['dot', '2023.01.05'], ['excel', '44931']];
    for (const [form, text] of forms) {
      expect(renderDate(2023, 1, 5, form)).toBe(text);
      expect(readDate(text)).toEqual({ y: 2023, m: 1, d: 5, real: true });
    }
  });
  it('knows impossible dates', () => {
    expect(readDate('2023-02-30')?.real).toBe(false);
    expect(readDate('2023年2月29日')?.real).toBe(false);
    expect(readDate('2024/2/29')?.real).toBe(true);
    expect(readDate('2023.13.01')?.real).toBe(false);
  });
  it('ends a period the day before the same date', () => {
    expect(isoDay(addMonthsMinusDay(dayOf(2025, 3, 12), 12))).toBe('2026-03-11');
    expect(isoDay(addMonthsMinusDay(dayOf(2024, 2, 29), 12))).toBe('2025-02-28');
  });
});

describe('amounts in 万元', () => {
  it('is exact', () => {
    expect(wanText(15_000)).toBe('1.5');
    expect(wanText(50)).toBe('0.005');
    expect(wanText(20_000_000)).toBe('2000');
  });
  it('writes every form so that it still means the same amount', () => {
    const cases: [number, AmountForm, string][] = [[15_000, 'plain', '1.5'], [15_000, 'wan', '1.5万元'], [15_000, 'wanShort', '1.5万'],
      [15_000, 'yuan', '15000元'], [15_000, 'grouped', '1.50'], [15_000_000, 'grouped', '1,500.00'], [12_345, 'grouped', '1.2345']];
    for (const [yuan, form, text] of cases) {
      expect(renderAmount(yuan, form)).toBe(text);
      expect(readAmountYuan(text)).toBe(yuan);
    }
  });
  it('writes 大写 amounts that no numeric form reads', () => {
    expect(chineseAmount(10_000)).toBe('壹万元整');
    expect(chineseAmount(15_000)).toBe('壹万伍仟元整');
    expect(chineseAmount(1_050)).toBe('壹仟零伍拾元整');
    expect(chineseAmount(100_500)).toBe('壹拾万零伍佰元整');
    expect(readAmountYuan('壹万元整')).toBeNull();
  });
});

describe('decision numbers', () => {
  it('vary in brackets and width, and the factory rules fold every variant back to 〔〕', () => {
    const brackets: Brackets[] = ['〔〕', '［］', '【】', '（）', '()', '[]'];
    for (const b of brackets) {
      for (const fw of [false, true]) {
        const text = renderDocno('津市场监管罚', 2025, 123, b, fw);
        expect(docnoBrackets.apply(halfWidth.apply(text))).toBe('津市场监管罚〔2025〕123号');
      }
    }
    expect(renderDocno('津环罚字', 2024, 7, '【】', true)).toBe('津环罚字【２０２４】７号');
  });
});
