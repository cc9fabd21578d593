import { describe, expect, it } from 'vitest';
import { naturalKey } from '../../domain/clean/clean-row.ts';
import { docnoForm } from '../../domain/clean/docno.ts';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { detectQuery } from './detect.ts';

describe('detectQuery', () => {
  it('reads digits as a record id, never as a USCC or a number to round', () => {
    expect(detectQuery(' 1024 ')).toEqual({ kind: 'id', key: '1024' });
  });

  it('reads 18 characters as a USCC, kept as a string, its check character verified', () => {
    expect(detectQuery('91120104300010024R')).toEqual({ kind: 'uscc', key: '91120104300010024R', valid: true });
    // All digits: still a string; the last digits are not rounded (…013799 stays …013799).
    const digits = detectQuery('911201040000013799');
    expect(digits).toMatchObject({ kind: 'uscc', key: '911201040000013799' });
    expect(detectQuery('91120104300010024r').key).toBe('91120104300010024R');
    const wrong = detectQuery('91120104300010024A');
    expect(wrong).toMatchObject({ kind: 'uscc', valid: false });
    expect(wrong.hint?.en).toContain('check character');
  });

  it('reads a document number in any bracket to the natural key\'s document-number part', () => {
    const def = datasetDefinition('admin_penalty');
    const held = naturalKey(def, { decision_no: docnoForm('津市监罚[2026]12号'), authority_uscc: '111200000000100140' }, true).split('|')[0];
    for (const typed of ['津市监罚〔2026〕12号', '津市监罚[2026]12号', '津市监罚（2026）12号', '津市监罚【2026】第012号', ' 津市监罚 (2026) 12 号']) {
      expect(detectQuery(typed), typed).toEqual({ kind: 'docno', key: held });
    }
    expect(detectQuery('津应急罚2024125号').kind).toBe('docno');
  });

  it('reads anything else as part of a name, and says when it is too short to search by', () => {
    expect(detectQuery('鸿运商贸')).toEqual({ kind: 'name', key: '鸿运商贸' });
    expect(detectQuery('鸿运').hint?.zh).toBe('按名称查找至少需要 3 个字');
  });
});
