import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { maskName, publicFields, publicationOf, publicity, repairAllowed } from './public-view.ts';
import type { PublicityRules } from './public-view.ts';

const RULES: PublicityRules = { version: 1, regimes: [
  { id: 'a', from: '2019-07-01', zh: '', en: '', defaultMonths: 12, maxMonths: 36 },
  { id: 'b', from: '2023-05-01', zh: '', en: '', defaultMonths: 6, maxMonths: 24, repairAfterMonths: 3 },
] };

describe('publicFields', () => {
  const def = datasetDefinition('admin_penalty');
  it('masks ID numbers and a natural person\'s name, and nothing of an organisation', () => {
    expect(publicFields(def, { subject_category: '自然人', subject_name: '王立军', subject_id_no: '11010519491231002X', fine_amount: '0.2' }))
      .toEqual({ subject_category: '自然人', subject_name: '王**', subject_id_no: '110105********002X', fine_amount: '0.2' });
    expect(publicFields(def, { subject_category: '法人及非法人组织', subject_name: '天津市和平区福源科技有限公司', legal_rep: '张建国', legal_rep_id_no: '120104198503120034' }))
      .toEqual({ subject_category: '法人及非法人组织', subject_name: '天津市和平区福源科技有限公司', legal_rep: '张建国', legal_rep_id_no: '120104********0034' });
    expect(maskName('王')).toBe('*');
  });
});

describe('publicity', () => {
  it('chooses the regime by decision date and ends at the record\'s own end, capped by the maximum', () => {
    expect(publicity(RULES, '2023-04-30', undefined, '2024-01-01')).toEqual({ regime: 'a', rulesVersion: 1, until: '2024-04-30', published: true });
    expect(publicity(RULES, '2023-05-01', undefined, '2024-01-01')).toEqual({ regime: 'b', rulesVersion: 1, until: '2023-11-01', published: false });
    expect(publicity(RULES, '2023-05-01', '2030-01-01', '2024-01-01')?.until).toBe('2025-05-01');
    expect(publicity(RULES, '2024-01-31', undefined, '2024-01-01')?.until).toBe('2024-07-31');
    expect(publicity(RULES, '2023-08-31', undefined, '2024-01-01')?.until).toBe('2024-02-29');
  });
  it('publishes nothing decided before any regime', () => {
    expect(publicity(RULES, '2018-01-01', undefined, '2024-01-01')).toBeNull();
  });
});

describe('repairAllowed', () => {
  it('allows credit repair once the minimum period has run, and not where the regime provides none', () => {
    expect(repairAllowed(RULES, '2024-01-10', '2024-04-09')).toEqual({ allowed: false, earliest: '2024-04-10', regime: 'b' });
    expect(repairAllowed(RULES, '2024-01-10', '2024-04-10')).toEqual({ allowed: true, earliest: '2024-04-10', regime: 'b' });
    expect(repairAllowed(RULES, '2020-01-10', '2024-04-10')).toEqual({ allowed: false, earliest: null, regime: 'a' });
  });
});

describe('publicationOf', () => {
  it('applies the penalty regimes, a licence\'s validity and a listing\'s removal', () => {
    expect(publicationOf('penalty_publicity', RULES, { decision_date: '2023-05-01' }, '2023-10-01')).toMatchObject({
      regime: 'b',
      until: '2023-11-01',
      published: true,
    });
    expect(publicationOf('penalty_publicity', RULES, {}, '2023-10-01')).toBeNull();
    expect(publicationOf('licence_validity', null, { valid_until: '2024-01-31' }, '2024-02-01')).toMatchObject({ until: '2024-01-31', published: false });
    expect(publicationOf('licence_validity', null, {}, '2024-02-01')).toMatchObject({ until: '9999-12-31', published: true });
    // Removed on 1 March: the last day of publication is 29 February, even with a later validity.
    expect(publicationOf('list_validity', null, { valid_until: '2025-01-01', removal_date: '2024-03-01' }, '2024-02-29')).toMatchObject({
      until: '2024-02-29',
      published: true,
    });
    expect(publicationOf('list_validity', null, { valid_until: '2025-01-01', removal_date: '2024-03-01' }, '2024-03-01')).toMatchObject({ published: false });
    expect(publicationOf(undefined, null, { valid_until: '2025-01-01' }, '2024-03-01')).toBeNull();
  });
});
