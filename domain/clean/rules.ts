// Cleaning rules are data: an id, a version and a pure function of one value. A rule that changes
// a value is recorded per row and field (rule id, version, before, after); a new behaviour is a
// new version, so old batches keep the versions they ran with.
import { toHalfWidth } from '../codes/normalize.ts';
import { CHINESE_NUMERAL, chineseNumber } from '../compare/chinese-number.ts';
import { docnoForm as canonicalDocno } from './docno.ts';
import { isCodePlaceholder, isValuePlaceholder } from './placeholders.ts';

export interface CleanRule {
  id: string;
  version: number;
  /** What the rule does, as an agency's variation report names it. */
  label: { zh: string; en: string };
  apply(value: string): string;
}

/** Every rule by id, for reports that name what was normalised (filled as rules are defined). */
export const RULES = new Map<string, CleanRule>();

const rule = (id: string, version: number, label: CleanRule['label'], apply: (v: string) => string): CleanRule => {
  const r = { id, version, label, apply };
  RULES.set(id, r);
  return r;
};

/** The label of a rule id (an id no longer defined is named by itself). */
export const ruleLabel = (id: string): CleanRule['label'] => RULES.get(id)?.label ?? { zh: id, en: id };

// Whitespace that trim_spaces would change: a run, any but a plain space, or at either end.
const UNTIDY = /\s\s|[^\S ]|^\s|\s$/;
export const trimSpaces = rule('trim_spaces', 1, { zh: '多余空格', en: 'extra spaces' },
  (v) => (UNTIDY.test(v) ? v.replace(/[\s\u3000]+/g, ' ').trim() : v));
export const halfWidth = rule('half_width', 1, { zh: '全角字符转半角', en: 'full-width characters made half-width' }, (v) => toHalfWidth(v));
export const codeForm = rule('code_form', 1, { zh: '代码中的空格、连字符、小写', en: 'spaces, hyphens or lower case in codes' }, (v) =>
  v.replace(/[\s\-－–—]/g, '').toUpperCase(),
);
const FORMULA_TEXT = /^\s*="(.*)"\s*$/s;
const LEADING_MARKER = /^\t*['‘’`´]?\t*/;
/** What spreadsheets put before a value to keep it text: a leading apostrophe ('9112…), a tab, or
 * the formula form ="9112…". Not part of the value; removed before anything else looks at it. */
export const textMarker = rule('text_marker', 1, { zh: '表格软件的文本标记（前导单引号、制表符、="…"）', en: "spreadsheet text markers (leading ', tab, =\"…\")" },
  (v) => {
    const formula = FORMULA_TEXT.exec(v);
    if (formula) return formula[1]!;
    const marker = LEADING_MARKER.exec(v)![0];
    return marker ? v.slice(marker.length) : v;
  });
/** Placeholders for an absent code (无, /, ——, N/A, zeros, 00000000000000000X) read as empty. */
export const codePlaceholder = rule('code_placeholder', 1, { zh: '代码栏的占位符（无、/、——、全零等）', en: 'placeholders in code cells (无, /, ——, zeros…)' },
  (v) => (isCodePlaceholder(v) ? '' : v));
/** 无, /, —— in a date or amount cell (no publicity end, no fine): read as empty. */
export const valuePlaceholder = rule('value_placeholder', 1, { zh: '日期、金额栏的占位符（无、/、——等）', en: 'placeholders in date and amount cells (无, /, ——…)' },
  (v) => (isValuePlaceholder(v) ? '' : v));
/** Document numbers v2 (docno_form): the year in 〔〕 whatever bracket or none, spaces of any kind
 * removed, 号 added where forgotten (domain/clean/docno.ts). Version 2: the brackets of titles and
 * quotations around the year too (《2024》). */
export const docnoForm = rule('docno_form', 2, { zh: '文号写法（年份括号、空格、缺“号”）', en: 'document number forms (year brackets, spaces, missing 号)' },
  (v) => canonicalDocno(v));
/** Document numbers v1, kept so batches cleaned with it are still named: bracket forms only. */
export const docnoBrackets = rule('docno_brackets', 1, { zh: '文号年份括号', en: 'year brackets in document numbers' }, (v) =>
  v.replace(/\s+/g, '').replace(/[\[［【（(〔]\s*(\d{4})\s*[\]］】）)〕]/g, '〔$1〕'));

const pad = (n: string): string => n.padStart(2, '0');
const EXCEL_EPOCH = Date.UTC(1899, 11, 30); // serial 1 = 1900-01-01, counting Excel's phantom 1900-02-29

/** Dates in the forms agencies write, to ISO; anything else is left for the schema to refuse.
 * v2: Excel serial numbers (a date cell exported without its format), 20000–80000 = 1954–2119. */
// A date written out in Chinese numerals, as decisions print it (二〇二四年五月十日): digit by digit
// for the year, counted for month and day.
const CN_DIGIT: Readonly<Record<string, string>> = { 〇: '0', 零: '0', 一: '1', 二: '2', 三: '3', 四: '4', 五: '5', 六: '6', 七: '7', 八: '8', 九: '9' };
const CN_DATE = /^([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})[日号]$/;
function cnCount(s: string): string {
  const [tens, ones] = s.includes('十') ? s.split('十') : ['', s];
  return String((s.includes('十') ? (tens ? Number(CN_DIGIT[tens]) : 1) * 10 : 0) + (ones ? Number(CN_DIGIT[ones]) : 0));
}

export const isoDate = rule('iso_date', 3, { zh: '日期写法', en: 'date forms' }, (v) => {
  const cn = CN_DATE.exec(v.trim());
  const s = cn ? `${[...cn[1]!].map((c) => CN_DIGIT[c]).join('')}-${cnCount(cn[2]!)}-${cnCount(cn[3]!)}` : v.trim();
  const serial = /^(\d{5})(?:\.\d+)?$/.exec(s);
  if (serial && Number(serial[1]) >= 20000 && Number(serial[1]) <= 80000) {
    return new Date(EXCEL_EPOCH + Number(serial[1]) * 86_400_000).toISOString().slice(0, 10);
  }
  // v3: a time after the date joined by T too (2024-05-10T00:00:00, a database's ISO timestamp).
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return `${m[1]}-${pad(m[2]!)}-${pad(m[3]!)}`;
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return `${m[1]}-${m[2]}-${m[3]}`;
  return s;
});
/** 长期 / 永久 / 无期限 as an end date: the standard writes an indefinite end as 2099-12-31. */
export const indefiniteDate = rule('indefinite_date', 1, { zh: '“长期”等无期限写法', en: "'长期' and other indefinite end dates" }, (v) =>
  /^(长期|永久|无期限|长期有效)$/.test(v.trim()) ? '2099-12-31' : v,
);

const trimDecimal = (s: string): string => (s.includes('.') ? s.replace(/0+$/, '').replace(/\.$/, '') : s);

/** Moves the decimal point `places` to the left, exactly (no floating point): 15000, 4 → 1.5. */
export function shiftLeft(digits: string, places: number): string {
  const [int = '0', frac = ''] = digits.split('.');
  const all = int + frac;
  const point = int.length - places;
  const padded = point <= 0 ? '0'.repeat(1 - point) + all : all;
  const at = Math.max(point, 1);
  return trimDecimal(`${padded.slice(0, at)}.${padded.slice(at)}`).replace(/^0+(?=\d)/, '');
}

/** Amounts in 万元 (the standard's unit): "1.5万元", "1,500.00" → "1.5", "1500".
 * v2: an amount written in 元 is converted: "15000元" → "1.5". A bare number is taken to be in
 * the column's unit, 万元, as the standard says.
 * v4: what a clerk copies from the decision's own text: Chinese numerals (伍仟元整, 壹万元), a figure
 * counted in 千 or 百 (5千元), the unit in brackets (5000（元）), 人民币 after the figure, 罚款 before it. */
export const amountForm = rule('amount_form', 4, { zh: '金额单位与写法（元/万元）', en: 'amount units and forms (元/万元)' }, (v) => {
  // v3: the currency written around the figure (人民币2000元整, ￥2000, RMB 2000元) is no part of it.
  // A currency sign with no unit after the figure means yuan (￥2000 is 2000 元, not 2000 万元).
  let s = v.replace(/[,，\s]/g, '').replace(/^(?:处以)?罚款/, '').replace(/[（(](万?元)[）)]$/, '$1').replace(/(?:人民币|RMB)$/i, '')
    .replace(/元?整$/, (m) => (m.startsWith('元') ? '元' : ''));
  const currency = /^(人民币|RMB|[¥￥])/i.exec(s);
  if (currency) s = s.slice(currency[0].length) + (/^\d+(\.\d+)?$/.test(s.slice(currency[0].length)) ? '元' : '');
  const numeral = CN_AMOUNT.exec(s);
  const counted = numeral ? chineseNumber(numeral[1]!) : null;
  if (counted !== null) s = `${counted}${numeral![2]}`;
  const yuan = /^(\d+(?:\.\d+)?)([千百]?)元$/.exec(s);
  if (yuan) return shiftLeft(yuan[1]!, 4 - ({ 千: 3, 百: 2 }[yuan[2]!] ?? 0));
  const wan = s.replace(/万元$|万$/, '');
  return /^\d+(\.\d+)?$/.test(wan) ? trimDecimal(wan) : v;
});
// 伍仟元, 叁万伍仟元, 壹万元: the numeral and its unit (万 is part of the numeral where 元 follows it).
const CN_AMOUNT = new RegExp(`^(${CHINESE_NUMERAL})(万元|元)$`);

/** A bare number in a column whose header says 元 (罚款金额（元）) is in yuan: marked as such, so
 * amount_form converts it to the standard's 万元 and lineage shows both steps. Applied by cleanRow
 * to the columns the header names that way (domain/layout/headers.ts yuanColumns), not by kind. */
export const amountInYuan = rule('amount_unit', 1, { zh: '表头注明单位为“元”的金额列', en: 'amount columns headed in 元' },
  (v) => (/^\d+(\.\d+)?$/.test(v.replace(/[,，\s]/g, '')) ? `${v}元` : v));

/** The subject category in the words of older templates and clerks: the 2016 standard's
 * 法人及其他组织, 个体户, 个人. Anything else is left for the code list to refuse.
 * v2: one half of the category named for the whole (法人, 非法人组织, 其他组织) and a clerk's
 * everyday word for it (企业, 单位): each is an organisation, which the standard's category covers. */
export const CATEGORY_VARIANTS: Readonly<Record<string, string>> = {
  法人及其他组织: '法人及非法人组织', 法人和其他组织: '法人及非法人组织', 法人或其他组织: '法人及非法人组织', 法人及非法人组织机构: '法人及非法人组织',
  法人: '法人及非法人组织', 法人组织: '法人及非法人组织', 企业法人: '法人及非法人组织', 非法人组织: '法人及非法人组织', 其他组织: '法人及非法人组织',
  企业: '法人及非法人组织', 单位: '法人及非法人组织',
  个体户: '个体工商户', 个体工商业户: '个体工商户', 个体经营户: '个体工商户', 个人: '自然人', 公民: '自然人',
};
export const categoryForm = rule('category_form', 2, { zh: '行政相对人类别的旧称与别称', en: 'older and local names of the subject category' },
  (v) => CATEGORY_VARIANTS[v] ?? v);

/** A long code a spreadsheet stored as a number and wrote back in scientific notation (1.20102E+14):
 * its digits are gone, so it is no code at all — read as empty, and named so in the report. */
export const excelNumber = rule('excel_number', 1, { zh: '被表格软件转成科学计数法的代码（数字已丢失）', en: 'codes a spreadsheet turned into scientific notation (digits lost)' },
  (v) => (/^\d(\.\d+)?E\+?\d+$/i.test(v.trim()) ? '' : v));

/** Variants agencies write for the Administrative Penalty Law's types (2021, art. 9; older systems
 * still use the 1996 wording), each to the standard's term. A value may expand to several. */
export const PENALTY_TYPE_VARIANTS: Readonly<Record<string, string>> = {
  罚款处罚: '罚款', 处以罚款: '罚款', 警告处罚: '警告', 通报: '通报批评',
  没收违法所得和非法财物: '没收违法所得;没收非法财物', 没收违法所得及非法财物: '没收违法所得;没收非法财物', 非法财物: '没收非法财物',
  暂扣许可证: '暂扣许可证件', 暂扣证照: '暂扣许可证件', 吊销许可证: '吊销许可证件', 吊销证照: '吊销许可证件', 降低资质: '降低资质等级',
  责令停产停业整顿: '责令停产停业', 责令停业整顿: '责令停产停业', 责令停产整顿: '责令停产停业', 拘留: '行政拘留',
};

/** 处罚类别: several types in one cell, separated however the agency liked, to the standard's
 * terms joined by ';', each once, in the order written. "其他-…" keeps its own wording.
 * v2: also + / | and 并处 between terms, and an amount or note in brackets after a term
 * (罚款（2000元）) — the amount belongs to 罚款金额, not to the type.
 * v3: spaces between terms (罚款 警告), unless the cell has an 其他 term, whose own words may hold one. */
export const penaltyTypesForm = rule('penalty_types_form', 3, { zh: '处罚类别的写法与分隔符', en: 'penalty type wording and separators' }, (v) => {
  const separators = v.includes('其他') ? /\s*(?:[;；、,，+＋/|｜\n]|并处)\s*/ : /\s*(?:[;；、,，+＋/|｜\n]|并处)\s*|\s+/;
  const terms = v.trim().split(separators).map((t) => t.replace(/[（(][^）)]*[）)]$/, '').trim()).filter(Boolean)
    .flatMap((t) => (PENALTY_TYPE_VARIANTS[t] ?? t).split(';'));
  return terms.length ? [...new Set(terms)].join(';') : v;
});

/** 许可类别 as the Administrative Licensing Law's own words name the types (普通许可, 特许许可) and
 * clerks shorten or extend them (普通类, 一般许可): the standard's one word. 其他 with its kind in
 * brackets (其他（临时许可）) takes the standard's dash. Anything else is left for the code list. */
export const LICENCE_TYPE_VARIANTS: Readonly<Record<string, string>> = { 一般: '普通', 一般许可: '普通', 其他许可: '其他' };
export const licenceTypesForm = rule('licence_types_form', 1, { zh: '许可类别的写法', en: 'licence type wording' }, (v) => {
  const s = v.trim();
  const named = /^(普通|特许|认可|核准|登记)(?:类)?(?:许可)?(?:类)?$/.exec(s);
  if (named) return named[1]!;
  const other = /^其他[（(]([^）)]+)[）)]$/.exec(s);
  if (other) return `其他-${other[1]}`;
  return LICENCE_TYPE_VARIANTS[s] ?? v;
});

/** Rules applied to a field of each kind, in order. */
export const RULES_BY_KIND: Record<string, readonly CleanRule[]> = {
  text: [trimSpaces],
  uscc: [textMarker, halfWidth, excelNumber, codePlaceholder, codeForm],
  code: [textMarker, halfWidth, excelNumber, codePlaceholder, codeForm],
  subject_category: [trimSpaces, categoryForm],
  docno: [textMarker, halfWidth, docnoForm],
  date: [textMarker, halfWidth, trimSpaces, valuePlaceholder, indefiniteDate, isoDate],
  amount: [textMarker, halfWidth, trimSpaces, valuePlaceholder, amountForm],
  penalty_types: [trimSpaces, penaltyTypesForm],
  licence_types: [trimSpaces, licenceTypesForm],
};
