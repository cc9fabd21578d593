// Every dataset definition in catalog/datasets: it loads, its schema compiles and agrees with its
// fields, its headers map back (Chinese names with either parentheses, column codes, aliases), and
// a realistic complete row cleans with no reject while each missing required field, each bad code
// is reported as exactly one reject naming it.
import { describe, expect, it } from 'vitest';
import { docnoKey } from '../../domain/clean/docno.ts';
import { makeRegistry, REGISTRY_HEADER, registryCells } from '../../bench/generate/registry.ts';
import { cleanRow } from '../../domain/clean/clean-row.ts';
import type { CleanedRow } from '../../domain/clean/clean-row.ts';
import { usccCheckChar } from '../../domain/codes/index.ts';
import { datasetDefinition, LINKED_SUBJECT } from '../dataset-definition.ts';
import type { DatasetDefinition } from '../dataset-definition.ts';
import { mapHeaders } from '../../domain/layout/headers.ts';

// Agencies' USCCs from catalog/demo/catalog.yaml (valid, check characters per GB 32100).
const CITY_MARKET = '111200000000100140';
const CITY_TAX = '11120000000010030M';
const CREDIT_CENTER = '12120000000030015F';
const HEPING_MARKET = '1112010100002001XQ';

// A subject: 和平区, organisation code MA05T8PX-0, USCC check character computed (see the test below).
const SUBJECT_ORG = {
  subject_name: '天津市和平区福源科技有限公司',
  subject_category: '法人及非法人组织',
  subject_uscc: '91120101MA05T8PX0R',
  subject_regno: '120101000123456',
  subject_orgcode: 'MA05T8PX0',
  subject_taxno: '120101MA05T8PX0',
  subject_inst_cert: '112010100001234',
  subject_social_org_cert: '51120103MJ0012342C',
  legal_rep: '张建国',
  legal_rep_id_type: '身份证',
  legal_rep_id_no: '120104198503120034',
  subject_id_type: '身份证',
  subject_id_no: '120104198503120034',
};

/** The subject fields of a natural person: no codes, an ID type and number. */
const SUBJECT_PERSON = {
  subject_name: '王立军',
  subject_category: '自然人',
  subject_id_type: '身份证',
  subject_id_no: '120101197605210010',
};
const ORG_CODE_FIELDS = [
  'subject_uscc',
  'subject_regno',
  'subject_orgcode',
  'subject_taxno',
  'subject_inst_cert',
  'subject_social_org_cert',
  'legal_rep',
  'legal_rep_id_type',
  'legal_rep_id_no',
];

interface Case {
  code: string;
  /** A complete valid row, every field filled, already in cleaned form. */
  row: Record<string, string>;
  /** A field with a code list and a value outside it, or null when the dataset has none. */
  badCode: [string, string] | null;
  /** The column-code prefix of the double-disclosure subject fields, when the dataset has them. */
  prefix: string | null;
}

const CASES: Case[] = [
  {
    code: 'admin_penalty',
    prefix: 'CF_',
    badCode: ['subject_category', '外国企业'],
    row: {
      ...SUBJECT_ORG,
      decision_no: '津市场监管罚〔2025〕101号',
      violation_type: '食品安全',
      facts: '销售超过保质期的食品',
      legal_basis: '《中华人民共和国食品安全法》第一百二十四条',
      penalty_types: '警告;罚款;没收违法所得',
      penalty_content: '警告，罚款5000元，没收违法所得1200元',
      fine_amount: '0.5',
      confiscated_amount: '0.12',
      license_revoked: '无',
      decision_date: '2025-03-12',
      valid_until: '2026-03-11',
      publicity_until: '2026-03-11',
      authority_name: '市市场监督管理委员会',
      authority_uscc: CITY_MARKET,
      source_agency_name: '市市场监督管理委员会',
      source_agency_uscc: CITY_MARKET,
      remarks: '已履行',
    },
  },
  {
    code: 'admin_licence',
    prefix: 'XK_',
    badCode: ['licence_types', '临时'],
    row: {
      ...SUBJECT_ORG,
      licence_doc_name: '食品经营许可决定书',
      decision_no: '津和平审批许〔2025〕0123号',
      licence_types: '普通',
      certificate_name: '食品经营许可证',
      licence_no: 'JY11201010012345',
      licence_content: '预包装食品销售（不含冷藏冷冻食品）',
      decision_date: '2025-04-08',
      valid_from: '2025-04-08',
      valid_until: '2030-04-07',
      authority_name: '和平区市场监督管理局',
      authority_uscc: HEPING_MARKET,
      status: '有效',
      source_agency_name: '和平区市场监督管理局',
      source_agency_uscc: HEPING_MARKET,
      remarks: '新办',
    },
  },
  {
    code: 'legal_person_registry',
    prefix: null,
    badCode: null,
    row: {
      uscc: '91120101MA05T8PX0R',
      name: '天津市和平区福源科技有限公司',
      regno: '120101000123456',
      orgcode: 'MA05T8PX0',
      legal_rep: '张建国',
      district: '120101',
      subject_type: '有限责任公司（自然人投资或控股）',
      established: '2016-05-12',
      status: '存续',
      address: '天津市和平区南京路100号',
    },
  },
  {
    code: 'red_list',
    prefix: 'HMD_',
    badCode: ['subject_category', '境外组织'],
    row: {
      ...SUBJECT_ORG,
      list_name: '纳税信用A级纳税人名单',
      list_type: '纳税信用A级纳税人',
      basis: '《纳税信用管理办法（试行）》',
      authority_name: '市税务局',
      authority_uscc: CITY_TAX,
      decision_no: '津税发〔2025〕8号',
      decision_date: '2025-04-20',
      valid_until: '2026-04-19',
      source_agency_name: '市公共信用信息中心',
      source_agency_uscc: CREDIT_CENTER,
      remarks: '2024年度评价',
    },
  },
  {
    code: 'black_list',
    prefix: 'SXMD_',
    badCode: ['subject_category', '外国人'],
    row: {
      ...SUBJECT_ORG,
      list_name: '市场监督管理严重违法失信名单',
      list_type: '严重违法失信',
      basis: '《市场监督管理严重违法失信名单管理办法》第十条',
      dishonesty_type: '食品安全严重违法',
      measures: '限制参与政府采购；实施重点监管',
      authority_name: '市市场监督管理委员会',
      authority_uscc: CITY_MARKET,
      decision_no: '津市场监管信〔2025〕5号',
      decision_date: '2025-05-06',
      list_date: '2025-05-08',
      removal_date: '2028-05-07',
      valid_until: '2028-05-07',
      status: '已移出',
      source_agency_name: '市市场监督管理委员会',
      source_agency_uscc: CITY_MARKET,
      remarks: '信用修复后移出',
    },
  },
];

/** The standard's Chinese names as headers, in field order; so column i carries field i. */
const zhHeaders = (def: DatasetDefinition): string[] => def.fields.map((f) => f.zh);
const asciiParens = (h: string): string => h.replace(/（/g, '(').replace(/）/g, ')');

function clean(def: DatasetDefinition, row: Record<string, string>): CleanedRow {
  const { columns } = mapHeaders(def, zhHeaders(def));
  return cleanRow(def, columns, def.fields.map((f) => row[f.name] ?? ''));
}

const without = (row: Record<string, string>, ...names: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(row).filter(([k]) => !names.includes(k)));
const summary = (r: CleanedRow): string[] => r.rejects.map((x) => `${x.code} ${x.field}`);

/** Fields a schema's `allOf` conditions may require. */
function conditionallyRequired(def: DatasetDefinition): Set<string> {
  const schema = def.validate.schema as { allOf?: Array<{ then?: { required?: string[] } }> };
  return new Set((schema.allOf ?? []).flatMap((r) => r.then?.required ?? []));
}

describe('the test data', () => {
  it('uses a subject USCC whose check character is computed per GB 32100', () => {
    expect('91120101MA05T8PX0' + usccCheckChar('91120101MA05T8PX0')).toBe(SUBJECT_ORG.subject_uscc);
  });
  it('covers every dataset definition with a complete row', () => {
    for (const c of CASES) {
      expect(Object.keys(c.row).sort(), c.code).toEqual(datasetDefinition(c.code).fields.map((f) => f.name).sort());
    }
  });
});

describe.each(CASES)('dataset $code', ({ code, row, badCode, prefix }) => {
  const def = datasetDefinition(code);
  const names = def.fields.map((f) => f.name);

  describe('definition', () => {
    it('loads with a compiled schema', () => {
      expect(def.code).toBe(code);
      expect(def.schema).toBe(`datasets/${code}.schema.json`);
      expect(typeof def.validate).toBe('function');
      expect((def.validate.schema as { $id: string }).$id).toBe(`https://credit-data-factory.local/schemas/datasets/${code}.schema.json`);
    });

    it('has unique field names and unique column codes', () => {
      expect(new Set(names).size).toBe(names.length);
      const columns = def.fields.map((f) => f.column);
      expect(new Set(columns).size).toBe(columns.length);
    });

    it('names only its own fields in the natural key, material, subject codes and required lists', () => {
      const subjectFields = Object.entries(def.subject ?? {}).filter(([k]) => k !== 'person').map(([, v]) => v);
      // `$subject` in material is the linked subject, not a field.
      const material = def.material.filter((n) => n !== LINKED_SUBJECT);
      for (const list of [def.naturalKey, material, def.subjectCodeFields, def.requiredFields, [...conditionallyRequired(def)], subjectFields]) {
        expect(list.filter((n) => !names.includes(n))).toEqual([]);
      }
      expect(def.naturalKey.length).toBeGreaterThan(0);
    });

    it('has a schema property for every field and no other', () => {
      const properties = Object.keys((def.validate.schema as { properties: object }).properties);
      expect(properties.sort()).toEqual([...names].sort());
      expect((def.validate.schema as { additionalProperties: unknown }).additionalProperties).toBe(false);
    });

    it('requires every natural-key field, unconditionally or for the subjects it identifies', () => {
      const conditional = conditionallyRequired(def);
      expect(def.naturalKey.filter((k) => !def.requiredFields.includes(k) && !conditional.has(k))).toEqual([]);
    });

    it('marks the ID numbers personal and nothing else', () => {
      expect(def.fields.filter((f) => f.personal).map((f) => f.name)).toEqual(prefix ? ['legal_rep_id_no', 'subject_id_no'] : []);
    });

    if (prefix) {
      it(`has the penalty's subject fields under the column prefix ${prefix}`, () => {
        const penalty = datasetDefinition('admin_penalty');
        for (const p of penalty.fields.slice(0, 13)) {
          const f = def.fields.find((x) => x.name === p.name);
          expect(f, p.name).toMatchObject({ zh: p.zh, kind: p.kind, personal: p.personal, column: p.column.replace(/^CF_/, prefix) });
        }
        expect(def.subjectCodeFields).toEqual(penalty.subjectCodeFields);
        expect(def.fields.filter((f) => f.column !== 'BZ').every((f) => f.column.startsWith(prefix))).toBe(true);
      });
    }
  });

  describe('headers', () => {
    it('maps every field back to itself by its name, Chinese name, English name, column code and aliases', () => {
      for (const f of def.fields) {
        for (const h of [f.name, f.zh, f.en, f.column, ...f.aliases]) {
          expect(mapHeaders(def, [h]).columns, `${h} → ${f.name}`).toEqual([f.name]);
        }
      }
    });

    it('maps the Chinese names with full-width parentheses, nothing unknown or missing', () => {
      const m = mapHeaders(def, zhHeaders(def));
      expect(m).toEqual({ columns: names, missingRequired: [], unknown: [], duplicated: [] });
    });

    it('maps the Chinese names with ASCII parentheses', () => {
      const m = mapHeaders(def, zhHeaders(def).map(asciiParens));
      expect(m).toEqual({ columns: names, missingRequired: [], unknown: [], duplicated: [] });
    });

    it('maps the column codes, upper or lower case', () => {
      expect(mapHeaders(def, def.fields.map((f) => f.column))).toEqual({ columns: names, missingRequired: [], unknown: [], duplicated: [] });
      expect(mapHeaders(def, def.fields.map((f) => f.column.toLowerCase())).columns).toEqual(names);
    });

    it('reports a required field without a column', () => {
      for (const r of def.requiredFields) {
        const m = mapHeaders(def, def.fields.filter((f) => f.name !== r).map((f) => f.zh));
        expect(m.missingRequired.map((f) => f.name)).toEqual([r]);
      }
    });
  });

  describe('cleanRow', () => {
    it('accepts the complete row as it is', () => {
      const r = clean(def, row);
      expect(summary(r)).toEqual([]);
      expect(r.changes).toEqual([]);
      expect(r.fields).toEqual(row);
      // A document number is keyed by its matching form (leading zeros and 第 folded).
      const keyOf = (k: string) => (def.fields.find((f) => f.name === k)?.kind === 'docno' ? docnoKey(row[k]!) : row[k]!);
      expect(r.naturalKey).toBe(def.naturalKey.map((k) => keyOf(k).toUpperCase()).join('|'));
    });

    it('reports each missing required field as exactly one CDF_ROW_REQUIRED naming it', () => {
      expect(def.requiredFields.length).toBeGreaterThan(0);
      for (const name of def.requiredFields) {
        const r = clean(def, without(row, name));
        expect(summary(r), name).toEqual([`CDF_ROW_REQUIRED ${name}`]);
      }
    });

    if (badCode) {
      it(`reports ${badCode[0]} = "${badCode[1]}" as a CDF_ROW_CODELIST`, () => {
        const r = clean(def, { ...row, [badCode[0]]: badCode[1] });
        expect(summary(r)).toEqual([`CDF_ROW_CODELIST ${badCode[0]}`]);
        expect(r.rejects[0]!.zh).toContain(badCode[1]);
      });
    }

    if (prefix) {
      it('requires the legal representative of an organisation, and its USCC only where the natural key holds it', () => {
        // Otherwise a legacy code or the name will do: the link step converts them to the USCC.
        const keyed = def.naturalKey.includes('subject_uscc');
        expect(summary(clean(def, without(row, 'subject_uscc')))).toEqual(keyed ? ['CDF_ROW_REQUIRED subject_uscc'] : []);
        expect(summary(clean(def, without(row, 'legal_rep')))).toEqual(['CDF_ROW_REQUIRED legal_rep']);
      });

      it('accepts a natural person with an ID type and number, and requires them', () => {
        const person = { ...without(row, ...ORG_CODE_FIELDS, 'subject_name', 'subject_category', 'subject_id_type', 'subject_id_no'), ...SUBJECT_PERSON };
        expect(summary(clean(def, person))).toEqual([]);
        expect(summary(clean(def, without(person, 'subject_id_no')))).toEqual(['CDF_ROW_REQUIRED subject_id_no']);
        expect(summary(clean(def, without(person, 'subject_id_type', 'subject_id_no')))).toEqual([
          'CDF_ROW_REQUIRED subject_id_type',
          'CDF_ROW_REQUIRED subject_id_no',
        ]);
      });

      it('accepts the individual-business placeholder USCC only with a registration number', () => {
        const shop = { ...row, subject_category: '个体工商户', subject_uscc: '00000000000000000X' };
        expect(summary(clean(def, shop))).toEqual([]);
        expect(summary(clean(def, without(shop, 'subject_regno')))).toEqual(['CDF_ROW_REQUIRED subject_regno']);
        expect(summary(clean(def, without(shop, 'legal_rep')))).toEqual(['CDF_ROW_REQUIRED legal_rep']);
      });

      it('refuses a subject USCC whose check character is wrong (after the link step looked for the subject meant, unless the key holds it)', () => {
        const r = clean(def, { ...row, subject_uscc: '91120101MA05T8PX0A' });
        const held = r.heldReject ? [`held ${r.heldReject.code} ${r.heldReject.field}`] : [];
        const keyed = def.naturalKey.includes('subject_uscc');
        expect([...summary(r), ...held]).toEqual([keyed ? 'CDF_CODE_INVALID subject_uscc' : 'held CDF_CODE_INVALID subject_uscc']);
      });
    }
  });
});

describe('admin_licence', () => {
  const def = datasetDefinition('admin_licence');
  const row = CASES.find((c) => c.code === 'admin_licence')!.row;

  it('requires what §5.2 marks required, the subject fields and the key authority', () => {
    expect(def.requiredFields).toEqual(['subject_name', 'subject_category', 'licence_doc_name', 'decision_no', 'licence_types', 'authority_uscc']);
  });

  it('is keyed by the decision number (or the licence number in its place) and the authority', () => {
    expect(def.naturalKey).toEqual(['decision_no', 'authority_uscc']);
    // The key folds the sequence's leading zero; the field keeps it as written.
    expect(clean(def, row).naturalKey).toBe(`津和平审批许〔2025〕123号|${HEPING_MARKET}`);
    expect(clean(def, row).fields.decision_no).toBe('津和平审批许〔2025〕0123号');
    const noDecision = { ...row, decision_no: 'jy1120101 0012345' };
    const r = clean(def, noDecision);
    expect(summary(r)).toEqual([]);
    expect(r.naturalKey).toBe(`JY11201010012345|${HEPING_MARKET}`);
  });

  it('accepts 2099-12-31 (indefinite) as valid_until, in any of the usual spellings', () => {
    for (const v of ['2099-12-31', '2099/12/31', '2099年12月31日', '20991231']) {
      const r = clean(def, { ...row, valid_until: v });
      expect(summary(r), v).toEqual([]);
      expect(r.fields.valid_until).toBe('2099-12-31');
    }
  });

  it('reads 长期 as the standard\'s indefinite end, and refuses a valid_until that is not a date', () => {
    expect(summary(clean(def, { ...row, valid_until: '长期' }))).toEqual([]);
    expect(clean(def, { ...row, valid_until: '长期' }).fields.valid_until).toBe('2099-12-31');
    expect(summary(clean(def, { ...row, valid_until: '下个月' }))).toEqual(['CDF_ROW_SCHEMA valid_until']);
    expect(summary(clean(def, { ...row, valid_until: '2099-02-30' }))).toEqual(['CDF_ROW_SCHEMA valid_until']);
  });

  it('accepts each licence type of §5.3 and 其他 with the kind named', () => {
    for (const v of ['普通', '特许', '认可', '核准', '登记', '其他', '其他-临时许可', '其他－临时许可', '其他：备案', '其他:备案', '其他—临时许可']) {
      expect(summary(clean(def, { ...row, licence_types: v })), v).toEqual([]);
    }
  });

  it('refuses 其他 with a separator but no kind, and anything else outside the list, as a code-list reject', () => {
    expect(summary(clean(def, { ...row, licence_types: '其他-' }))).toEqual(['CDF_ROW_CODELIST licence_types']);
    expect(summary(clean(def, { ...row, licence_types: '其它' }))).toEqual(['CDF_ROW_CODELIST licence_types']);
    expect(summary(clean(def, { ...row, licence_types: '普通;特许' }))).toEqual(['CDF_ROW_CODELIST licence_types']);
  });

  it('accepts the status words and digit codes seen in public implementations, nothing else', () => {
    for (const v of ['有效', '无效', '正常', '撤销', '撤回', '注销', '吊销', '异议', '其他', '0', '1', '2', '3', '4']) {
      expect(summary(clean(def, { ...row, status: v })), v).toEqual([]);
    }
    expect(summary(clean(def, { ...row, status: '过期' }))).toEqual(['CDF_ROW_CODELIST status']);
  });

  it('cleans a licence number as a document number', () => {
    const r = clean(def, { ...row, licence_no: ' 津环许（2024） 3号' });
    expect(summary(r)).toEqual([]);
    expect(r.fields.licence_no).toBe('津环许〔2024〕3号');
  });
});

describe('legal_person_registry', () => {
  const def = datasetDefinition('legal_person_registry');
  const row = CASES.find((c) => c.code === 'legal_person_registry')!.row;

  it('is keyed by the USCC and requires it with the name', () => {
    expect(def.naturalKey).toEqual(['uscc']);
    expect(def.requiredFields).toEqual(['uscc', 'name']);
    expect(def.material).toEqual(names(def).filter((n) => n !== 'address'));
  });

  it('maps the header of the generator\'s registry.csv completely', () => {
    const m = mapHeaders(def, REGISTRY_HEADER);
    expect(m).toEqual({ columns: [...REGISTRY_HEADER], missingRequired: [], unknown: [], duplicated: [] });
  });

  it('cleans generated registry rows with no reject', () => {
    const registry = makeRegistry(20261121, 400);
    const { columns } = mapHeaders(def, REGISTRY_HEADER);
    for (let i = 0; i < registry.size; i++) {
      const s = registry.subject(i);
      const r = cleanRow(def, columns, registryCells(s));
      expect(summary(r), `${i} ${s.kind} ${s.uscc}`).toEqual([]);
      expect(r.naturalKey).toBe(s.uscc);
    }
  });

  it('refuses the individual-business placeholder as a registry key', () => {
    // Read as no code at all, so the registry row lacks its key.
    expect(summary(clean(def, { ...row, uscc: '00000000000000000X' }))).toEqual(['CDF_ROW_REQUIRED uscc']);
  });

  it('refuses a USCC whose check character is wrong', () => {
    expect(summary(clean(def, { ...row, uscc: '91120101MA05T8PX0A' }))).toEqual(['CDF_CODE_INVALID uscc']);
  });

  it('checks the form of the district and the organisation code', () => {
    expect(summary(clean(def, { ...row, district: '12010' }))).toEqual(['CDF_ROW_SCHEMA district']);
    expect(summary(clean(def, { ...row, district: '100000' }))).toEqual([]);
    expect(summary(clean(def, { ...row, orgcode: 'MA05T8PX' }))).toEqual(['CDF_ROW_SCHEMA orgcode']);
    const hyphen = clean(def, { ...row, orgcode: 'ma05t8px-0' });
    expect(summary(hyphen)).toEqual([]);
    expect(hyphen.fields.orgcode).toBe('MA05T8PX0');
  });

  it('maps the market-regulation exchange names', () => {
    expect(mapHeaders(def, ['UNISCID', 'ENTNAME', 'REGNO', 'LEREP', 'ESTDATE', 'REGSTATE', 'DOM', 'ENTTYPE']).columns)
      .toEqual(['uscc', 'name', 'regno', 'legal_rep', 'established', 'status', 'address', 'subject_type']);
  });
});

describe.each(['red_list', 'black_list'])('%s', (code) => {
  const def = datasetDefinition(code);
  const row = CASES.find((c) => c.code === code)!.row;

  it('is keyed by the decision, the authority and the subject', () => {
    expect(def.naturalKey).toEqual(['decision_no', 'authority_uscc', 'subject_uscc', 'subject_id_no']);
  });

  it('keeps apart two subjects named by one decision', () => {
    const other = {
      ...row,
      subject_name: '天津市南开区宏达商贸有限公司',
      subject_uscc: '91120104MA06B2KL7X',
      subject_orgcode: 'MA06B2KL7',
      subject_taxno: '120104MA06B2KL7',
    };
    const a = clean(def, row);
    const b = clean(def, other);
    expect(summary(b)).toEqual([]);
    expect(a.naturalKey).not.toBe(b.naturalKey);
  });

  it('keys a natural person by the ID number', () => {
    const person = { ...without(row, ...ORG_CODE_FIELDS, 'subject_name', 'subject_category', 'subject_id_type', 'subject_id_no'), ...SUBJECT_PERSON };
    const r = clean(def, person);
    expect(summary(r)).toEqual([]);
    expect(r.naturalKey).toBe(`${row.decision_no}|${row.authority_uscc}||${SUBJECT_PERSON.subject_id_no}`);
  });
});

function names(def: DatasetDefinition): string[] {
  return def.fields.map((f) => f.name);
}

describe('publication rules', () => {
  it('says for every dataset whether it is published, in both languages', () => {
    for (const code of ['admin_penalty', 'admin_licence', 'legal_person_registry', 'red_list', 'black_list']) {
      const p = datasetDefinition(code).publication;
      expect(typeof p.public, code).toBe('boolean');
      expect(p.zh.length, code).toBeGreaterThan(0);
      expect(p.en.length, code).toBeGreaterThan(0);
    }
    expect(datasetDefinition('legal_person_registry').publication.public).toBe(false);
    expect(datasetDefinition('admin_penalty').publication.period).toBe('penalty_publicity');
  });
});
