import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { maskCells, maskDeep, maskFields, maskNaturalKey, maskText, maskValue, personalValues } from './personal.ts';

const penalty = datasetDefinition('admin_penalty');
const black = datasetDefinition('black_list');
const person = { subject_category: '自然人', subject_name: '王立军', subject_id_no: '11010519491231002X', fine_amount: '0.2' };

describe('personal data masking', () => {
  it('masks ID numbers always and a name only when the subject is a natural person', () => {
    expect(maskFields(penalty, person)).toEqual({ ...person, subject_name: '王**', subject_id_no: '110105********002X' });
    const company = { subject_category: '法人及非法人组织', subject_name: '天津市和平区福源科技有限公司', legal_rep_id_no: '120104198503120034' };
    expect(maskFields(penalty, company)).toEqual({ ...company, legal_rep_id_no: '120104********0034' });
    expect(maskValue(penalty, 'subject_name', '王立军', false)).toBe('王立军');
    expect(maskValue(penalty, null, '11010519491231002X', true)).toBe('11010519491231002X');
  });

  it('masks the ID number inside a list\'s natural key', () => {
    expect(maskNaturalKey(black, 'd1|111200000000100140||11010519491231002X')).toBe('d1|111200000000100140||110105********002X');
    expect(maskNaturalKey(penalty, 'd1|111200000000100140')).toBe('d1|111200000000100140');
  });

  it('masks cells by the column map, nested values at any depth and quotes of a value in text', () => {
    const map = ['subject_name', 'subject_category', 'subject_id_no', null];
    expect(maskCells(penalty, map, ['王立军', '自然人', '11010519491231002X', '11010519491231002X']))
      .toEqual(['王**', '自然人', '110105********002X', '11010519491231002X']);
    expect(maskDeep(penalty, { held: { values: { subject_id_no: '11010519491231002X', fine_amount: '1' } }, differs: ['subject_id_no'] }, false))
      .toEqual({ held: { values: { subject_id_no: '110105********002X', fine_amount: '1' } }, differs: ['subject_id_no'] });
    expect(maskText('「证件号码」11010519491231002X 与王立军不符', personalValues(penalty, person))).toBe('「证件号码」110105********002X 与王**不符');
  });
});

describe('masking what is already masked', () => {
  it('leaves a masked number as it is and never garbles a message with a short broken number', () => {
    expect(maskValue(penalty, 'subject_id_no', '110105********0021', true)).toBe('110105********0021');
    expect(maskText('第12位应为数字', personalValues(penalty, { subject_id_no: '12' }))).toBe('第12位应为数字');
    expect(maskText('李四的证件号码', personalValues(penalty, { subject_category: '自然人', subject_name: '李四' }))).toBe('李*的证件号码');
  });
});
