// A dataset's fields as an agency needs to know them before it uploads: the standard's Chinese
// name (the template's header) and the English one, the column code, whether it is required (and
// when, for the conditional ones), the code list, and what a value must look like in plain words
// with an example (domain/validation.ts explainFormat: the same words a reject uses).
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { FieldKind } from '../../domain/dataset.ts';
import { explainFormat } from '../../domain/validation.ts';
import type { PropertySchema } from '../../domain/validation.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { exampleRow } from './examples.ts';

export interface FieldInfo {
  name: string;
  zh: string;
  en: string;
  column: string;
  kind: FieldKind;
  required: boolean;
  /** For a field required only in some rows: when (e.g. when the subject category is 自然人). */
  requiredWhen: Bilingual | null;
  codeList: string[] | null;
  /** What a value must look like, in plain words, with an example value. */
  format: Bilingual & { example: string };
}

interface JsonSchema {
  properties?: Record<string, PropertySchema & { $ref?: string }>;
  $defs?: Record<string, PropertySchema>;
  allOf?: Array<{ if?: { properties?: Record<string, { const?: string }> }; then?: { required?: string[] } }>;
}

/** What a kind of field holds when its schema says no more (free text, codes checked elsewhere). */
const KIND_WORDS: Partial<Record<FieldKind, Bilingual>> = {
  uscc: { zh: '18 位统一社会信用代码，校验位须正确', en: 'an 18-character unified social credit code with a correct check character' },
  code: { zh: '证照或登记代码，按原样填写', en: 'a licence or registration code, as issued' },
  docno: { zh: '决定文书号，年份写在六角括号〔〕中', en: 'the decision document number, the year in 〔〕 brackets' },
  date: { zh: '日期，格式 年-月-日', en: 'a date written year-month-day' },
  amount: { zh: '金额（万元），数字，最多 6 位小数', en: 'an amount in 10,000 yuan, a number with at most 6 decimals' },
  text: { zh: '文字', en: 'text' },
};

export function datasetFields(dataset: string, agency?: { name: Bilingual; uscc: string }): FieldInfo[] {
  const def = datasetDefinition(dataset);
  const schema = def.validate.schema as JsonSchema;
  const resolve = (p: (PropertySchema & { $ref?: string }) | undefined): PropertySchema | undefined => {
    if (!p?.$ref) return p;
    const target = schema.$defs?.[p.$ref.replace('#/$defs/', '')];
    return { ...target, ...p };
  };
  const example = exampleRow(dataset, agency);
  const conditions = new Map<string, Bilingual>();
  for (const rule of schema.allOf ?? []) {
    const [[on, cond] = []] = Object.entries(rule.if?.properties ?? {});
    if (!on || cond?.const === undefined) continue;
    const label = def.fields.find((f) => f.name === on);
    for (const name of rule.then?.required ?? []) {
      const prior = conditions.get(name);
      const zh = `「${label?.zh ?? on}」为「${cond.const}」时必填`;
      const en = `required when "${label?.en ?? on}" is "${cond.const}"`;
      conditions.set(name, prior ? { zh: `${prior.zh}；${zh}`, en: `${prior.en}; ${en}` } : { zh, en });
    }
  }
  return def.fields.map((f) => {
    const explained = explainFormat(resolve(schema.properties?.[f.name]));
    const words = explained && explained.zh !== '文字，不能为空' ? explained : null;
    const kind = KIND_WORDS[f.kind] ?? KIND_WORDS.text!;
    const sample = example[f.name] || words?.example || '';
    const several = f.kind === 'penalty_types' ? { zh: '；可填多项，用 ; 或 、 分隔', en: '; several separated by ; or 、' } : { zh: '', en: '' };
    const zh = (words ? words.zh.replace(/^应为\s*/, '') : kind.zh) + several.zh;
    const en = (words ? words.en : kind.en) + several.en;
    return {
      name: f.name, zh: f.zh, en: f.en, column: f.column, kind: f.kind,
      required: def.requiredFields.includes(f.name),
      requiredWhen: conditions.get(f.name) ?? null,
      codeList: explained?.codeList ?? null,
      format: { zh: sample ? `${zh}，例如 ${sample}` : zh, en: sample ? `${en}, e.g. ${sample}` : en, example: sample },
    };
  });
}
