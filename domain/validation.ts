// ajv's errors as the factory shows them: each with its path and keyword, and the message in
// Chinese (ajv-i18n) and English (ajv's own), except where those would show the schema's own
// notation (a regular expression, a format's name): there the message says in plain words what
// was expected, with an example. The same explanations describe a field to an agency before it
// uploads (explainFormat). Pure: schemas are compiled in schemas/ajv.ts.
import type { ErrorObject } from 'ajv';
import zhLocalize from 'ajv-i18n/localize/zh/index.js';

export interface SchemaProblem {
  path: string;
  keyword: string;
  params: Record<string, unknown>;
  zh: string;
  en: string;
}

/** What a value was expected to be, in plain words with an example. */
export interface Expected { zh: string; en: string; example: string }

/** The standard's patterns, each said in words. A pattern not listed here is described without
 * its notation (PATTERN_FALLBACK): an agency can act on neither. */
const PATTERNS: Record<string, Expected> = {
  '^\\d+(\\.\\d{1,6})?$': { zh: '应为数字，最多 6 位小数', en: 'a number with at most 6 decimals', example: '1200.50' },
  '^[0-9A-HJ-NPQRTUWXY]{18}$': {
    zh: '应为 18 位统一社会信用代码（数字和大写字母，不含 I、O、S、V、Z）',
    en: 'an 18-character unified social credit code (digits and capital letters other than I, O, S, V, Z)',
    example: '91120116MA05JXYA1N',
  },
  '^[0-9A-Z]{18}$': {
    zh: '应为 18 位统一社会信用代码（数字和大写字母）', en: 'an 18-character unified social credit code (digits and capital letters)',
    example: '91120116MA05JXYA1N',
  },
  '^[0-9A-Z]{8}[0-9X]$': { zh: '应为 9 位组织机构代码（8 位数字或大写字母加 1 位校验码）', en: 'a 9-character organisation code', example: 'MA05JXYA1' },
  '^[1-8]\\d{5}$': { zh: '应为 6 位行政区划代码', en: 'a 6-digit administrative division code', example: '120101' },
  '^\\d{6}(\\d{3})?$': { zh: '应为 6 位或 9 位数字的区划代码', en: 'a region code of 6 or 9 digits', example: '120101' },
  '^[a-z][a-z0-9_]*$': {
    zh: '应以小写英文字母开头，只含小写字母、数字和下划线', en: 'lower-case letters, digits and underscores, starting with a letter', example: 'city_market',
  },
};
const PATTERN_FALLBACK: Expected = { zh: '应符合标准规定的格式', en: 'the form the standard sets', example: '' };

const FORMATS: Record<string, Expected> = {
  date: { zh: '应为真实存在的日期，格式 年-月-日', en: 'a real date written year-month-day', example: '2026-11-30' },
  'date-time': { zh: '应为日期和时间', en: 'a date and time', example: '2026-11-30T08:00:00+08:00' },
  uri: { zh: '应为完整网址', en: 'a full URL', example: 'https://example.gov.cn/hook' },
  email: { zh: '应为电子邮箱地址', en: 'an e-mail address', example: 'name@example.gov.cn' },
};

const withExample = (e: Expected): { zh: string; en: string } => ({
  zh: e.example ? `${e.zh}，例如 ${e.example}` : e.zh,
  en: e.example ? `must be ${e.en}, e.g. ${e.example}` : `must be ${e.en}`,
});

/** The plain words for a keyword whose ajv message shows notation; undefined for the others. */
function plain(e: ErrorObject): { zh: string; en: string } | undefined {
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'pattern') return withExample(PATTERNS[String(p['pattern'])] ?? PATTERN_FALLBACK);
  if (e.keyword === 'format') return withExample(FORMATS[String(p['format'])] ?? { zh: '格式不正确', en: 'in the expected form', example: '' });
  if (e.keyword === 'minLength' && p['limit'] === 1) return { zh: '不能为空', en: 'must not be empty' };
  return undefined;
}

/** ajv's errors with the message in Chinese (ajv-i18n) and English (ajv's own), in plain words. */
export function describeErrors(errors: ErrorObject[] | null | undefined): SchemaProblem[] {
  if (!errors?.length) return [];
  const zh = errors.map((e) => ({ ...e }));
  (zhLocalize as unknown as (errs: ErrorObject[]) => void)(zh);
  return errors.map((e, i) => {
    const words = plain(e);
    return {
      path: e.instancePath || '/',
      keyword: e.keyword,
      params: e.params as Record<string, unknown>,
      zh: words?.zh ?? zh[i]?.message ?? e.message ?? '',
      en: words?.en ?? e.message ?? '',
    };
  });
}

/** A property's schema as far as describing it needs (after $ref resolution by the caller). */
export interface PropertySchema {
  type?: string | string[];
  pattern?: string;
  format?: string;
  enum?: unknown[];
  minLength?: number;
  else?: { enum?: unknown[] };
  description?: string;
}

/** What a value of this property must look like, in plain words with an example; the code list
 * when it has one. Null when anything goes (free text). */
export function explainFormat(schema: PropertySchema | undefined): (Expected & { codeList?: string[] }) | null {
  if (!schema) return null;
  const list = (schema.enum ?? schema.else?.enum)?.map(String);
  if (list) {
    return {
      zh: `应为代码表中的值之一：${list.join('、')}`, en: `one of the code list: ${list.join(', ')}`, example: list[0] ?? '', codeList: list,
    };
  }
  if (schema.format) return FORMATS[schema.format] ?? null;
  if (schema.pattern) return PATTERNS[schema.pattern] ?? PATTERN_FALLBACK;
  if (schema.minLength === 1) return { zh: '文字，不能为空', en: 'text, not empty', example: '' };
  return null;
}
