import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { checkDecision } from './decision.ts';
import { chooseFields, unchosen, valueProblem } from './fields.ts';

const PENALTY = datasetDefinition('admin_penalty');
const held = { decision_no: '津市场监管罚〔2025〕1号', fine_amount: '0.2', penalty_types: '罚款', penalty_content: '罚款2000元', remarks: '旧' };
const incoming = { decision_no: '津市场监管罚〔2025〕1号', fine_amount: '0.3', penalty_types: '警告;罚款', penalty_content: '警告并处罚款3000元' };

describe('a field-by-field decision', () => {
  it('takes a, b or the entered value per field and keeps the rest as held', () => {
    expect(chooseFields(held, incoming, { fine_amount: { take: 'a' }, penalty_types: { take: 'b' }, penalty_content: { take: 'value', value: '罚款2500元' } }))
      .toEqual({ ...held, penalty_types: '警告;罚款', penalty_content: '罚款2500元' });
    // B without a value empties the field; the linked subject is not a field.
    expect(chooseFields(held, incoming, { remarks: { take: 'b' }, $subject: { take: 'b' } })).not.toHaveProperty('remarks');
    expect(unchosen(['fine_amount', 'penalty_types', '$subject'], { fine_amount: { take: 'a' } })).toEqual(['penalty_types', '$subject']);
  });

  it('names the field, what was expected and an example when an entered value is off the standard', () => {
    expect(valueProblem(PENALTY, { ...held, fine_amount: '八千元' }, { fine_amount: { take: 'value', value: '八千元' } })).toEqual({
      field: 'fine_amount', value: '八千元',
      zh: '「罚款金额（万元）」的值「八千元」应为数字，最多 6 位小数，例如 1200.50',
      en: '"Fine (10k yuan)" value "八千元" must be a number with at most 6 decimals, e.g. 1200.50',
    });
    expect(valueProblem(PENALTY, held, { colour: { take: 'a' } })?.en).toBe('dataset "Administrative penalty" has no field colour');
  });

  it('is refused when malformed, in both languages', () => {
    expect(checkDecision({ taskId: 1, decision: { action: 'fields', fields: { fine_amount: { take: 'b' } } } })).toBeNull();
    expect(checkDecision({ taskId: 1, decision: { action: 'fields', fields: {} } })?.zh).toContain('fields');
    expect(checkDecision({ taskId: 1, decision: { action: 'fields', fields: { fine_amount: { take: 'c' } } } })?.en).toContain('a (keep), b');
    expect(checkDecision({ taskId: 1, decision: { action: 'fields', fields: { fine_amount: { take: 'value' } } } })?.en).toContain('give its value');
    expect(checkDecision({ taskId: 1, decision: { action: 'fields', fields: { $subject: { take: 'value', value: 'x' } } } })?.zh).toContain('关联主体');
  });
});
