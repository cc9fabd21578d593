import { describe, expect, it } from 'vitest';
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import { checkUscc, ricCheckChar, usccCheckChar } from '../codes/index.ts';
import { cleanRow } from './clean-row.ts';
import type { RuleChange } from './clean-row.ts';
import { checkPersonId, isResidentIdType, RIC_UPGRADE_RULE } from './identifiers.ts';

const TODAY = new Date(2025, 5, 30);
const withCheck = (first17: string): string => first17 + ricCheckChar(first17)!;
const person = (idNo: string, idType = '身份证'): Record<string, string> =>
  ({ subject_name: '王立军', subject_category: '自然人', subject_id_type: idType, subject_id_no: idNo });

function run(dataset: string, fields: Record<string, string>) {
  const changes: RuleChange[] = [];
  const rejects = checkPersonId(datasetDefinition(dataset), fields, changes, TODAY);
  return { rejects, changes, fields };
}

describe('isResidentIdType', () => {
  it('takes the ways files spell an ID card, and an empty type, as a resident ID', () => {
    const types = ['身份证', '居民身份证', ' 二代身份证 ', '中华人民共和国居民身份证', '公民身份号码', '', undefined];
    for (const t of types) expect(isResidentIdType(t), String(t)).toBe(true);
  });
  it('leaves other documents alone', () => {
    for (const t of ['护照', '港澳居民来往内地通行证', '香港身份证', '台湾居民来往大陆通行证', '军官证']) expect(isResidentIdType(t), t).toBe(false);
  });
});

describe('checkPersonId', () => {
  it.each(['admin_penalty', 'admin_licence', 'red_list', 'black_list'])('applies to %s', (dataset) => {
    expect(datasetDefinition(dataset).subject).toMatchObject({ idType: 'subject_id_type', idNo: 'subject_id_no' });
    expect(run(dataset, person('110105194912310021')).rejects.map((r) => r.code)).toEqual(['CDF_ID_INVALID']);
  });

  it('accepts a valid 18-character ID unchanged (lower-case x is left to the code_form rule)', () => {
    expect(run('admin_penalty', person('11010519491231002X'))).toMatchObject({ rejects: [], changes: [] });
  });

  it('converts a valid 15-digit ID to 18 digits and records the change', () => {
    const r = run('admin_penalty', person('120107490101001'));
    expect(r.rejects).toEqual([]);
    expect(r.fields['subject_id_no']).toBe('120107194901010018');
    expect(r.changes).toEqual([{
      field: 'subject_id_no', ruleId: RIC_UPGRADE_RULE.id, ruleVersion: 1, before: '120107490101001', after: '120107194901010018',
    }]);
  });

  it('refuses a failing ID naming the field, with the value masked and the reason in both languages', () => {
    const [reject] = run('admin_penalty', person('110105194912310021')).rejects;
    expect(reject).toMatchObject({ field: 'subject_id_no', code: 'CDF_ID_INVALID', path: '/subject_id_no', value: '110105********0021' });
    expect(reject!.zh).toBe('「证件号码」110105********0021 不是有效的公民身份号码（应为 18 位，或第一代 15 位）：第18位校验码应为 X，实为 1');
    expect(reject!.en).toContain('"Subject ID number" 110105********0021 is not a valid resident ID number');
    expect(reject!.en).toContain('check character at position 18 should be X, found 1');
  });

  it('refuses an unknown division and does not print the hidden birth date of a bad one', () => {
    const division = run('admin_penalty', person(withCheck('99010519491231002'))).rejects[0]!;
    expect(division.zh).toContain('地址码 990105 不是 GB/T 2260 中的行政区划代码');
    const date = run('admin_penalty', person(withCheck('11010517991231002'))).rejects[0]!;
    expect(date.zh).toContain('出生日期不是 1800 年至今天之间的真实日期');
    expect(JSON.stringify(date)).not.toContain('1799');
  });

  it('accepts the 1880-born example of the standard, under a division retired before 2002', () => {
    expect(run('admin_penalty', person('440524188001010014')).rejects).toEqual([]);
  });

  it('leaves organisations, other document types and missing numbers to the other checks', () => {
    expect(run('admin_penalty', { ...person('110105194912310021'), subject_category: '法人及非法人组织' }).rejects).toEqual([]);
    expect(run('admin_penalty', person('E12345678', '护照')).rejects).toEqual([]);
    const { subject_id_no: _, ...noNumber } = person('x');
    expect(run('admin_penalty', noNumber).rejects).toEqual([]);
    expect(run('legal_person_registry', { name: '王立军' }).rejects).toEqual([]);
  });
});

describe('cleanRow with identifiers', () => {
  const def = datasetDefinition('admin_penalty');
  const BASE: Record<string, string> = {
    subject_name: '天津市和平区海河食品有限公司', subject_category: '法人及非法人组织', subject_uscc: '91120101300010016K', legal_rep: '张建国',
    decision_no: '津市场监管罚〔2025〕101号', violation_type: '食品安全', facts: '销售超过保质期的食品', legal_basis: '《中华人民共和国食品安全法》第一百二十四条',
    penalty_types: '警告;罚款', penalty_content: '警告并处罚款5000元', fine_amount: '0.5', decision_date: '2025-03-12', valid_until: '2026-03-11',
    authority_name: '市市场监督管理委员会', authority_uscc: '111200000000100140',
    source_agency_name: '市市场监督管理委员会', source_agency_uscc: '111200000000100140',
  };
  const clean = (fields: Record<string, string>) => {
    const columns = Object.keys(fields);
    return cleanRow(def, columns, columns.map((c) => fields[c]!));
  };

  it('accepts a USCC whose embedded organisation code fails (nonconforming), and still refuses a typo', () => {
    const nonconforming = '91120101300010017' + usccCheckChar('91120101300010017')!;
    expect(checkUscc(nonconforming).status).toBe('nonconforming');
    const r = clean({ ...BASE, subject_uscc: nonconforming });
    expect(r.rejects).toEqual([]);
    expect(r.heldReject).toBeNull();
    expect(r.fields['subject_uscc']).toBe(nonconforming);
    // Flagged for the link step, which lists it as a code conflict for a person to confirm.
    expect(r.nonconforming).toEqual(['subject_uscc']);
    expect(clean(BASE).nonconforming).toEqual([]);
    const typo = clean({ ...BASE, authority_uscc: '111200000000100141' });
    expect(typo.rejects.map((x) => x.code)).toEqual(['CDF_CODE_INVALID']);
  });

  it('converts a natural person\'s 15-digit ID and records it among the changes', () => {
    const { subject_uscc: _, legal_rep: __, ...rest } = BASE;
    const r = clean({ ...rest, subject_name: '王立军', subject_category: '自然人', subject_id_type: '身份证', subject_id_no: '120107490101001' });
    expect(r.rejects).toEqual([]);
    expect(r.fields['subject_id_no']).toBe('120107194901010018');
    expect(r.changes.filter((c) => c.ruleId === 'ric_upgrade')).toHaveLength(1);
  });
});
