import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { duplicateColumns, foldHeader, mapHeaders } from './headers.ts';

const def = datasetDefinition('admin_penalty');

// The fourteen fields the schema requires whatever the subject (standards.md §5.1 "yes").
const UNCONDITIONAL = [
  'subject_name', 'subject_category', 'decision_no', 'violation_type', 'facts', 'legal_basis', 'penalty_types',
  'penalty_content', 'decision_date', 'valid_until', 'authority_name', 'authority_uscc', 'source_agency_name', 'source_agency_uscc',
];

const zhOf = (name: string): string => {
  const f = def.fields.find((x) => x.name === name);
  if (!f) throw new Error(`no field ${name}`);
  return f.zh;
};

/** A header row carrying every unconditionally required field by its standard Chinese name. */
const requiredZh = (): string[] => UNCONDITIONAL.map(zhOf);

describe('dataset definition admin_penalty', () => {
  it('requires exactly the unconditional fields of the standard', () => {
    expect([...def.requiredFields].sort()).toEqual([...UNCONDITIONAL].sort());
  });
  it('has the 30 fields of the standard with their column codes', () => {
    expect(def.fields).toHaveLength(30);
    expect(def.fields.find((f) => f.name === 'subject_uscc')).toMatchObject({ column: 'CF_XDR_SHXYM', kind: 'uscc', zh: '行政相对人代码_1（统一社会信用代码）' });
  });
  it('maps every field back to itself by its name, Chinese name, English name and column code', () => {
    for (const f of def.fields) {
      for (const h of [f.name, f.zh, f.en, f.column, ...f.aliases]) {
        expect(mapHeaders(def, [h]).columns, `${h} → ${f.name}`).toEqual([f.name]);
      }
    }
  });
});

describe('foldHeader', () => {
  it('folds width, parentheses, underscores, spaces, case and a BOM', () => {
    expect(foldHeader('\uFEFF行政相对人代码_1（统一社会信用代码）')).toBe('行政相对人代码1(统一社会信用代码)');
    expect(foldHeader(' 行政相对人代码_1 (统一社会信用代码) ')).toBe('行政相对人代码1(统一社会信用代码)');
    expect(foldHeader('CF_XDR_SHXYM')).toBe('cfxdrshxym');
    expect(foldHeader('ＣＦ＿ＸＤＲ＿ＳＨＸＹＭ')).toBe('cfxdrshxym');
  });
});

describe('mapHeaders (admin_penalty)', () => {
  it('maps the standard Chinese names with full-width parentheses', () => {
    const m = mapHeaders(def, ['行政相对人代码_1（统一社会信用代码）', '行政相对人代码_2（工商注册号）', '罚款金额（万元）']);
    expect(m.columns).toEqual(['subject_uscc', 'subject_regno', 'fine_amount']);
    expect(m.unknown).toEqual([]);
  });

  it('maps the Chinese names with ASCII parentheses', () => {
    const m = mapHeaders(def, ['行政相对人代码_1(统一社会信用代码)', '没收违法所得、没收非法财物的金额(万元)']);
    expect(m.columns).toEqual(['subject_uscc', 'confiscated_amount']);
  });

  it('maps column codes in upper and lower case', () => {
    expect(mapHeaders(def, ['CF_XDR_SHXYM', 'cf_xdr_shxym']).columns).toEqual(['subject_uscc', null]);
    expect(mapHeaders(def, ['cf_xdr_shxym', 'CF_WSH', 'cf_jdrq']).columns).toEqual(['subject_uscc', 'decision_no', 'decision_date']);
  });

  it('maps our own field names', () => {
    expect(mapHeaders(def, ['subject_uscc', 'decision_no', 'fine_amount']).columns).toEqual(['subject_uscc', 'decision_no', 'fine_amount']);
  });

  it('maps "罚款金额" sent without its unit', () => {
    expect(mapHeaders(def, ['罚款金额']).columns).toEqual(['fine_amount']);
    // The same holds for a field whose only name has the unit: the bare name is an alias too.
    expect(mapHeaders(def, ['没收违法所得、没收非法财物的金额']).columns).toEqual(['confiscated_amount']);
  });

  it('ignores a BOM on the first header', () => {
    const m = mapHeaders(def, ['\uFEFF行政相对人名称', '行政相对人类别']);
    expect(m.columns).toEqual(['subject_name', 'subject_category']);
    expect(m.unknown).toEqual([]);
  });

  it('reports unknown headers as written, and ignores blank ones', () => {
    const m = mapHeaders(def, ['行政相对人名称', '联系电话', '', '  ', 'Foo Bar']);
    expect(m.columns).toEqual(['subject_name', null, null, null, null]);
    expect(m.unknown).toEqual(['联系电话', 'Foo Bar']);
  });

  it('reports a field named by two columns and maps only the first', () => {
    const m = mapHeaders(def, ['行政处罚决定书文号', '行政相对人名称', 'CF_WSH']);
    expect(m.columns).toEqual(['decision_no', 'subject_name', null]);
    expect(m.duplicated).toEqual(['decision_no']);
    expect(m.unknown).toEqual([]);
  });

  it('lists no missing field when every required one is present', () => {
    const m = mapHeaders(def, requiredZh());
    expect(m.missingRequired).toEqual([]);
    expect(m.columns).toEqual(UNCONDITIONAL);
  });

  it('lists exactly the unconditionally required fields that are absent', () => {
    const headers = requiredZh().filter((h) => h !== '行政处罚决定书文号' && h !== '处罚机关统一社会信用代码');
    // Conditionally required fields (USCC, legal representative) and optional ones are never listed.
    const m = mapHeaders(def, headers);
    expect(m.missingRequired.map((f) => f.name)).toEqual(['decision_no', 'authority_uscc']);
    expect(m.missingRequired.map((f) => f.zh)).toEqual(['行政处罚决定书文号', '处罚机关统一社会信用代码']);
  });

  it('lists every required field for an empty header row', () => {
    expect(mapHeaders(def, []).missingRequired.map((f) => f.name)).toEqual(UNCONDITIONAL);
  });

  it('does not count a duplicated column twice towards the required fields', () => {
    const m = mapHeaders(def, ['行政相对人名称', 'subject_name']);
    expect(m.missingRequired.map((f) => f.name)).not.toContain('subject_name');
    expect(m.missingRequired).toHaveLength(UNCONDITIONAL.length - 1);
  });
});

describe('foldHeader: what templates add to a name', () => {
  it.each([['*行政相对人名称'], ['行政相对人名称*'], ['※行政相对人名称'], ['行政相对人名称（必填）'], ['行政相对人名称(必填)'], ['1.行政相对人名称'],
    ['1、行政相对人名称'], ['（一）行政相对人名称'], ['行政相对人\n名称'], ['★行政相对人名称（必填项）']])('%j is 行政相对人名称', (h) => {
    expect(foldHeader(h)).toBe(foldHeader('行政相对人名称'));
  });
  it('keeps a column code and a unit', () => {
    expect(foldHeader('CF_XDR_MC')).toBe('cfxdrmc');
    expect(foldHeader('罚款金额（万元）')).toBe('罚款金额(万元)');
  });
});

describe('yuanColumns: amount columns headed in 元', () => {
  it('maps 罚款金额（元） to the fine and says it is in yuan; the standard header is not', async () => {
    const { yuanColumns } = await import('./headers.ts');
    expect(mapHeaders(def, ['罚款金额（元）']).columns).toEqual(['fine_amount']);
    expect(yuanColumns(def, ['行政相对人名称', '罚款金额（元）'])).toEqual(['fine_amount']);
    expect(yuanColumns(def, ['罚款金额（万元）', '罚款金额'].slice(0, 1))).toEqual([]);
  });
});

describe('duplicateColumns: two columns naming one field', () => {
  const def = datasetDefinition('admin_penalty');
  it('names both columns, however each is written', () => {
    expect(duplicateColumns(def, ['行政相对人名称', '处罚类别', 'CF_XDR_MC'])).toEqual([
      { field: 'subject_name', columns: [{ at: 0, name: '行政相对人名称' }, { at: 2, name: 'CF_XDR_MC' }] },
    ]);
    expect(duplicateColumns(def, ['罚款金额（万元）', '罚款金额（元）'])).toEqual([
      { field: 'fine_amount', columns: [{ at: 0, name: '罚款金额（万元）' }, { at: 1, name: '罚款金额（元）' }] },
    ]);
  });
  it('finds none in a header naming each field once, unknown columns repeated or not', () => {
    expect(duplicateColumns(def, ['行政相对人名称', '内部编号', '内部编号', '处罚类别'])).toEqual([]);
  });
});
