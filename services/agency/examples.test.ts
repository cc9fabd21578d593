// The template's example rows pass the pipeline's own checks, and the field explanations and the
// reject messages say what was expected in plain words, never in a schema's notation.
import { describe, expect, it } from 'vitest';
import { datasetCodes, datasetDefinition } from '../../catalog/dataset-definition.ts';
import { cleanRow } from '../../domain/clean/clean-row.ts';
import { exampleRow } from './examples.ts';
import { datasetFields } from './fields.ts';

const NOTATION = /[\^$\\]|\{\d|\[0-9|must match/;

describe('the template example rows', () => {
  it.each(datasetCodes())('%s: its example row is accepted as it stands', (code) => {
    const def = datasetDefinition(code);
    const row = exampleRow(code);
    const r = cleanRow(def, def.fields.map((f) => f.name), def.fields.map((f) => row[f.name] ?? ''), { receivedOn: '2026-11-30' });
    expect(r.rejects).toEqual([]);
    expect(r.heldReject).toBeNull();
  });
});

describe('field explanations', () => {
  const fields = new Map(datasetFields('admin_penalty').map((f) => [f.name, f]));

  it('say what a value looks like with an example, and list code lists', () => {
    expect(fields.get('fine_amount')!.format).toEqual({ zh: '数字，最多 6 位小数，例如 0.2', en: 'a number with at most 6 decimals, e.g. 0.2', example: '0.2' });
    expect(fields.get('decision_date')!.format.zh).toBe('真实存在的日期，格式 年-月-日，例如 2026-01-15');
    expect(fields.get('subject_category')!.codeList).toEqual(['法人及非法人组织', '自然人', '个体工商户']);
    expect(fields.get('subject_name')!.required).toBe(true);
    expect(fields.get('legal_rep')!.requiredWhen?.zh).toContain('「行政相对人类别」为「法人及非法人组织」时必填');
  });

  it.each(datasetCodes())('%s: never show a regular expression', (code) => {
    for (const f of datasetFields(code)) expect(`${f.format.zh} ${f.format.en}`, f.name).not.toMatch(NOTATION);
  });

  it('the reject of a bad amount and of an impossible date is plain words with an example', () => {
    const def = datasetDefinition('admin_penalty');
    const row = exampleRow('admin_penalty');
    const clean = (patch: Record<string, string>) => {
      const cells = def.fields.map((f) => patch[f.name] ?? row[f.name] ?? '');
      return cleanRow(def, def.fields.map((f) => f.name), cells, { receivedOn: '2026-11-30' }).rejects;
    };
    const [amount] = clean({ fine_amount: '12.3456789' });
    expect(amount).toMatchObject({ code: 'CDF_ROW_SCHEMA', field: 'fine_amount' });
    expect(amount!.zh).toBe('「罚款金额（万元）」的值「12.3456789」应为数字，最多 6 位小数，例如 1200.50');
    expect(amount!.en).toBe('"Fine (10k yuan)" value "12.3456789" must be a number with at most 6 decimals, e.g. 1200.50');
    const [date] = clean({ decision_date: '2025-02-30' });
    expect(date!.zh).toBe('「处罚决定日期」的值「2025-02-30」应为真实存在的日期，格式 年-月-日，例如 2026-11-30');
    for (const r of [amount!, date!]) expect(`${r.zh} ${r.en}`).not.toMatch(NOTATION);
  });
});
