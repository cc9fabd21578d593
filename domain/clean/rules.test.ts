import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  amountForm,
  amountInYuan,
  categoryForm,
  excelNumber,
  licenceTypesForm,
  penaltyTypesForm,
  codeForm,
  docnoBrackets,
  halfWidth,
  isoDate,
  ruleLabel,
  RULES_BY_KIND,
  shiftLeft,
  textMarker,
  trimSpaces,
} from './rules.ts';

describe('rule identities', () => {
  it('carries an id and a version', () => {
    expect([trimSpaces, halfWidth, codeForm, docnoBrackets, isoDate, amountForm].map((r) => `${r.id}@${r.version}`)).toEqual([
      'trim_spaces@1', 'half_width@1', 'code_form@1', 'docno_brackets@1', 'iso_date@3', 'amount_form@4',
    ]);
  });
  it('applies the rules of each kind in order', () => {
    const ids = (kind: string) => (RULES_BY_KIND[kind] ?? []).map((r) => r.id);
    expect(ids('text')).toEqual(['trim_spaces']);
    expect(ids('uscc')).toEqual(['text_marker', 'half_width', 'excel_number', 'code_placeholder', 'code_form']);
    expect(ids('code')).toEqual(['text_marker', 'half_width', 'excel_number', 'code_placeholder', 'code_form']);
    expect(ids('subject_category')).toEqual(['trim_spaces', 'category_form']);
    expect(ids('docno')).toEqual(['text_marker', 'half_width', 'docno_form']);
    expect(ids('date')).toEqual(['text_marker', 'half_width', 'trim_spaces', 'value_placeholder', 'indefinite_date', 'iso_date']);
    expect(ids('amount')).toEqual(['text_marker', 'half_width', 'trim_spaces', 'value_placeholder', 'amount_form']);
  });
  it.each([["'91120101MA05L8XK7A"], ['\t91120101MA05L8XK7A'], ['="91120101MA05L8XK7A"'], ['\t\'91120101MA05L8XK7A'], ['’91120101MA05L8XK7A']])(
    'removes the spreadsheet text marker of %j', (v) => {
      expect(textMarker.apply(v)).toBe('91120101MA05L8XK7A');
    });
  it('leaves an apostrophe inside a value alone', () => {
    expect(textMarker.apply("O'Brien")).toBe("O'Brien");
    expect(textMarker.apply('91120101MA05L8XK7A')).toBe('91120101MA05L8XK7A');
  });
  it('names every rule for the variation report', () => {
    for (const rules of Object.values(RULES_BY_KIND)) {
      for (const r of rules) expect(ruleLabel(r.id)).toEqual(r.label);
    }
    expect(ruleLabel('docno_brackets').zh).toBe('文号年份括号');
    expect(ruleLabel('no_such_rule')).toEqual({ zh: 'no_such_rule', en: 'no_such_rule' });
  });
});

describe('trim_spaces', () => {
  it('trims and collapses runs of spaces, tabs, newlines and ideographic spaces', () => {
    expect(trimSpaces.apply('  海河  食品\t有限公司 ')).toBe('海河 食品 有限公司');
    expect(trimSpaces.apply('\u3000张\u3000\u3000建国\u3000')).toBe('张 建国');
    expect(trimSpaces.apply('第一行\r\n第二行')).toBe('第一行 第二行');
  });
  it('leaves a clean value alone', () => {
    expect(trimSpaces.apply('天津市和平区海河食品有限公司')).toBe('天津市和平区海河食品有限公司');
    expect(trimSpaces.apply('')).toBe('');
  });
});

describe('half_width', () => {
  it('turns full-width ASCII and the ideographic space to half width', () => {
    expect(halfWidth.apply('９１１２０１０１３０００１００１６Ｋ')).toBe('91120101300010016K');
    expect(halfWidth.apply('（２０２５）\u3000ａｂｃ')).toBe('(2025) abc');
  });
  it('leaves Chinese text and 〔〕 alone', () => {
    expect(halfWidth.apply('津市场监管罚〔2025〕101号')).toBe('津市场监管罚〔2025〕101号');
  });
});

describe('code_form', () => {
  it('removes spaces and hyphens of every width and upper-cases', () => {
    expect(codeForm.apply(' 9112 0101-3000 1001 6k ')).toBe('91120101300010016K');
    expect(codeForm.apply('D2143569－X')).toBe('D2143569X');
    expect(codeForm.apply('d2143569–x')).toBe('D2143569X');
    expect(codeForm.apply('d2143569—x')).toBe('D2143569X');
  });
});

describe('docno_brackets', () => {
  const expected = '津市场监管罚〔2025〕101号';
  it.each([
    ['〔〕', '津市场监管罚〔2025〕101号'],
    ['［］', '津市场监管罚［2025］101号'],
    ['【】', '津市场监管罚【2025】101号'],
    ['（）', '津市场监管罚（2025）101号'],
    ['()', '津市场监管罚(2025)101号'],
    ['[]', '津市场监管罚[2025]101号'],
    ['spaces', ' 津市场监管罚 ( 2025 ) 101号 '],
  ])('writes the year in 〔〕 whatever the brackets: %s', (_label, input) => {
    expect(docnoBrackets.apply(input)).toBe(expected);
  });
  it('leaves brackets that do not hold a four-digit year', () => {
    expect(docnoBrackets.apply('津市场监管罚(25)101号')).toBe('津市场监管罚(25)101号');
    expect(docnoBrackets.apply('（简易）津罚101号')).toBe('（简易）津罚101号');
  });
});

describe('iso_date', () => {
  it.each([
    ['2023-01-05', '2023-01-05'],
    ['2023/1/5', '2023-01-05'],
    ['2023年1月5日', '2023-01-05'],
    ['20230105', '2023-01-05'],
    ['2023.01.05', '2023-01-05'],
    ['2023-1-5', '2023-01-05'],
    [' 2023/12/31 ', '2023-12-31'],
    ['2023/1/5 14:30', '2023-01-05'],
    ['2023-01-05 08:00:00', '2023-01-05'],
  ])('%s → %s', (input, output) => {
    expect(isoDate.apply(input)).toBe(output);
  });
  it('leaves what it cannot read for the schema to refuse', () => {
    expect(isoDate.apply('05/01/2023')).toBe('05/01/2023');
    expect(isoDate.apply('长期')).toBe('长期');
    expect(isoDate.apply('2023-01')).toBe('2023-01');
  });
});

describe('amount_form (values in 万元)', () => {
  it.each([
    ['1.5万元', '1.5'],
    ['1.5万', '1.5'],
    ['1,500.00', '1500'],
    ['1，500.50', '1500.5'],
    ['15000', '15000'],
    ['0.50', '0.5'],
    ['0.2', '0.2'],
    ['3', '3'],
    [' 12 ', '12'],
  ])('%s → %s', (input, output) => {
    expect(amountForm.apply(input)).toBe(output);
  });
  it('leaves what it cannot read for the schema to refuse', () => {
    expect(amountForm.apply('五千余元')).toBe('五千余元');
    expect(amountForm.apply('若干元')).toBe('若干元');
    expect(amountForm.apply('5千')).toBe('5千');
    expect(amountForm.apply('-1')).toBe('-1');
    expect(amountForm.apply('')).toBe('');
  });
});

describe('amount_form v2: amounts written in 元', () => {
  it.each([
    ['15000元', '1.5'], ['1,500.00元', '0.15'], ['0.5元', '0.00005'], ['100元', '0.01'], ['007元', '0.0007'], ['123456789元', '12345.6789'],
  ])('%s → %s 万元', (input, output) => {
    expect(amountForm.apply(input)).toBe(output);
  });

  it('divides by 10,000 exactly, for any amount in fen', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
      const yuan = `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
      const wan = shiftLeft(yuan, 4);
      // Back to fen with integer arithmetic: wan × 1,000,000 must be the fen we started from.
      const [i = '0', f = ''] = wan.split('.');
      expect(BigInt(i + f.padEnd(6, '0'))).toBe(fen);
    }), { numRuns: 500 });
  });
});

describe('amount_form v4: amounts as copied from the decision', () => {
  it.each([
    ['伍仟元整', '0.5'], ['人民币伍仟元', '0.5'], ['壹万元', '1'], ['叁万伍仟元', '3.5'], ['一万二千五百元', '1.25'], ['贰拾万元', '20'],
    ['5千元', '0.5'], ['1.5千元', '0.15'], ['8百元', '0.08'], ['5000(元)', '0.5'], ['0.5(万元)', '0.5'], ['0.5万元人民币', '0.5'],
    ['罚款5000元', '0.5'], ['处以罚款人民币贰仟元整', '0.2'], ['罚款0.2万元', '0.2'],
  ])('%s → %s 万元', (input, output) => {
    expect(amountForm.apply(input)).toBe(output);
  });
});

describe('iso_date v2: Excel serial numbers', () => {
  it.each([['44931', '2023-01-05'], ['44931.75', '2023-01-05'], ['45717', '2025-03-01'], ['36526', '2000-01-01']])('%s → %s', (input, output) => {
    expect(isoDate.apply(input)).toBe(output);
  });
  it('leaves numbers outside 1954–2119 alone', () => {
    expect(isoDate.apply('12345')).toBe('12345');
    expect(isoDate.apply('99999')).toBe('99999');
  });
});

describe('penalty_types_form', () => {
  it('joins several types with ";" whatever separated them', () => {
    expect(penaltyTypesForm.apply('警告、罚款')).toBe('警告;罚款');
    expect(penaltyTypesForm.apply('警告 ； 罚款，没收违法所得')).toBe('警告;罚款;没收违法所得');
  });
  it('maps the variants agencies write to the standard terms, once each', () => {
    expect(penaltyTypesForm.apply('罚款处罚')).toBe('罚款');
    expect(penaltyTypesForm.apply('没收违法所得和非法财物、罚款')).toBe('没收违法所得;没收非法财物;罚款');
    expect(penaltyTypesForm.apply('罚款;处以罚款')).toBe('罚款');
    expect(penaltyTypesForm.apply('责令停产停业整顿')).toBe('责令停产停业');
  });
  it('v2: reads + / | and 并处 as separators, and drops an amount in brackets after a term', () => {
    expect(penaltyTypesForm.apply('警告+罚款')).toBe('警告;罚款');
    expect(penaltyTypesForm.apply('警告并处罚款')).toBe('警告;罚款');
    expect(penaltyTypesForm.apply('警告/罚款|吊销许可证')).toBe('警告;罚款;吊销许可证件');
    expect(penaltyTypesForm.apply('罚款（2000元）、没收违法所得(0.1万元)')).toBe('罚款;没收违法所得');
  });
  it('v3: reads spaces between terms as a separator, but not in a cell with an 其他 term', () => {
    expect(penaltyTypesForm.version).toBe(3);
    expect(penaltyTypesForm.apply('罚款 警告')).toBe('罚款;警告');
    expect(penaltyTypesForm.apply(' 警告  罚款 没收违法所得 ')).toBe('警告;罚款;没收违法所得');
    expect(penaltyTypesForm.apply('罚款、其他-责令 改正')).toBe('罚款;其他-责令 改正');
  });
  it('leaves an unknown type for the code list to refuse, and "其他-…" as written', () => {
    expect(penaltyTypesForm.apply('没收房产')).toBe('没收房产');
    expect(penaltyTypesForm.apply('其他-责令改正')).toBe('其他-责令改正');
  });
});

describe('amount_form v3 and iso_date v3: what exports and clerks add', () => {
  it.each([['人民币2000元整', '0.2'], ['￥2000', '0.2'], ['RMB 2000元', '0.2'], ['2000元整', '0.2'], ['人民币0.2万元', '0.2'], ['20万元整', '20'],
    ['￥ 1,500.50', '0.15005']])('reads %s as %s 万元', (v, want) => {
    expect(amountForm.apply(v)).toBe(want);
  });
  it('leaves what it cannot read for the schema to refuse', () => {
    expect(amountForm.apply('贰仟余元')).toBe('贰仟余元');
    expect(amountForm.apply('约2000元')).toBe('约2000元');
  });
  it.each([['二〇二四年五月十日', '2024-05-10'], ['二〇二三年十月二十号', '2023-10-20'], ['二〇二四年十二月三十一日', '2024-12-31'], ['2024年5月10号', '2024-05-10']])(
    'reads the date %s written out as %s', (v, want) => {
      expect(isoDate.apply(v)).toBe(want);
    });
  it.each([['2024-05-10T00:00:00'], ['2024-05-10T08:00:00.000Z'], ['2024-05-10T00:00:00+08:00'], ['2024/5/10 0:00:00']])('reads the timestamp %s', (v) => {
    expect(isoDate.apply(v)).toBe('2024-05-10');
  });
});

describe('amount_unit: a column headed in 元', () => {
  it('marks a bare number as yuan for amount_form, and leaves a written unit alone', () => {
    expect(amountInYuan.apply('2000')).toBe('2000元');
    expect(amountForm.apply(amountInYuan.apply('2000'))).toBe('0.2');
    expect(amountInYuan.apply('0.2万元')).toBe('0.2万元');
    expect(amountInYuan.apply('2000元')).toBe('2000元');
  });
});

describe('licence_types_form', () => {
  it.each([
    ['普通许可', '普通'], ['特许许可', '特许'], ['认可', '认可'], ['核准许可', '核准'], ['登记类', '登记'], ['一般许可', '普通'], ['一般', '普通'],
    ['其他许可', '其他'], ['其他（临时许可）', '其他-临时许可'], ['其他-临时许可', '其他-临时许可'],
  ])('%s → %s', (v, want) => {
    expect(licenceTypesForm.apply(v)).toBe(want);
  });
  it('leaves what it does not know for the code list', () => {
    expect(licenceTypesForm.apply('行政许可')).toBe('行政许可');
    expect(licenceTypesForm.apply('特许经营')).toBe('特许经营');
  });
});

describe('category_form and excel_number', () => {
  it.each([
    ['法人及其他组织', '法人及非法人组织'], ['个体户', '个体工商户'], ['个人', '自然人'], ['法人及非法人组织', '法人及非法人组织'],
    // v2: half of the category for the whole, and the clerk's everyday words.
    ['法人', '法人及非法人组织'], ['非法人组织', '法人及非法人组织'], ['其他组织', '法人及非法人组织'], ['企业', '法人及非法人组织'], ['单位', '法人及非法人组织'],
  ])('%s → %s', (v, want) => {
    expect(categoryForm.apply(v)).toBe(want);
  });
  it('leaves what it does not know for the code list', () => {
    expect(categoryForm.version).toBe(2);
    expect(categoryForm.apply('外国人')).toBe('外国人');
    expect(categoryForm.apply('其他')).toBe('其他');
  });
  it.each([['1.20102E+14'], ['1.20101E+17'], ['9.1E+17'], ['1.2e14']])('reads %s as no code', (v) => {
    expect(excelNumber.apply(v)).toBe('');
  });
  it('leaves a code alone', () => {
    expect(excelNumber.apply('120102600123450')).toBe('120102600123450');
    expect(excelNumber.apply('91120101MA05L8XK7E')).toBe('91120101MA05L8XK7E');
  });
});
