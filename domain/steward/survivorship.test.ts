import { describe, expect, it } from 'vitest';
import { recordHash } from '../clean/clean-row.ts';
import { surviving } from './survivorship.ts';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';

const PENALTY = datasetDefinition('admin_penalty');

describe('surviving', () => {
  it('takes the winning row\'s values and keeps the record\'s where the winner has none', () => {
    expect(surviving({ fine_amount: '0.5', publicity_until: '2026-03-14', remarks: '旧' }, { fine_amount: '0.2', remarks: '新' }))
      .toEqual({ fine_amount: '0.2', publicity_until: '2026-03-14', remarks: '新' });
  });
});

describe('recordHash', () => {
  it('changes with a material field and with the linked subject, not with a non-material one', () => {
    const f = { decision_no: '津市场监管罚〔2025〕1号', fine_amount: '0.2', subject_name: '甲' };
    const h = recordHash(PENALTY, f, '91120104300010024R');
    expect(recordHash(PENALTY, { ...f, subject_name: '乙' }, '91120104300010024R')).toBe(h);
    expect(recordHash(PENALTY, { ...f, fine_amount: '0.3' }, '91120104300010024R')).not.toBe(h);
    expect(recordHash(PENALTY, f, '91120116738681113N')).not.toBe(h);
    // Not linked: the codes and name the row carries stand for the subject; a natural person is one kind.
    expect(recordHash(PENALTY, { ...f, subject_orgcode: '300010024' }, null)).not.toBe(recordHash(PENALTY, f, null));
    expect(recordHash(PENALTY, { ...f, subject_category: '自然人' }, null)).toBe(recordHash(PENALTY, { ...f, subject_category: '自然人', subject_name: '乙' }, null));
  });
});
