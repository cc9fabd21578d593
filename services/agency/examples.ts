// One example row per dataset, the template's second line: every value passes the dataset's
// checks (a test cleans each row with the pipeline's own domain code), and the deciding authority
// and source agency are the agency asking, so the row is its own responsibility (一数一源).
import { datasetDefinition } from '../../catalog/dataset-definition.ts';
import type { Bilingual } from '../../domain/errors.ts';

/** A subject that passes the USCC check (a made-up Binhai trading company). */
export const EXAMPLE_SUBJECT_USCC = '91120116MA05JXYA1J';
const EXAMPLE_AUTHORITY = { name: { zh: '市市场监督管理委员会', en: 'City Market Regulation Commission' }, uscc: '111200000000100140' };

const COMMON: Record<string, string> = {
  subject_name: '天津示例商贸有限公司',
  subject_category: '法人及非法人组织',
  subject_uscc: EXAMPLE_SUBJECT_USCC,
  legal_rep: '张三',
  decision_date: '2026-01-15',
  valid_until: '2027-01-14',
  remarks: '',
};

const BY_DATASET: Record<string, Record<string, string>> = {
  admin_penalty: {
    decision_no: '津示例罚〔2026〕1号', violation_type: '价格违法', facts: '未明码标价', legal_basis: '《中华人民共和国价格法》第四十二条',
    penalty_types: '警告;罚款', penalty_content: '警告并处罚款2000元', fine_amount: '0.2',
  },
  admin_licence: {
    licence_doc_name: '准予行政许可决定书', decision_no: '津示例许〔2026〕1号', licence_types: '普通', certificate_name: '食品经营许可证',
    licence_no: 'JY11201160000001', licence_content: '预包装食品销售', valid_from: '2026-01-15', status: '有效',
  },
  red_list: { list_name: '守信激励对象名单', list_type: '守信激励', basis: '《天津市社会信用条例》', decision_no: '津示例认〔2026〕1号' },
  black_list: {
    list_name: '严重失信主体名单', list_type: '严重失信', basis: '《天津市社会信用条例》', dishonesty_type: '拒不履行法定义务',
    measures: '限制参与政府采购', decision_no: '津示例认〔2026〕1号', list_date: '2026-01-15',
  },
  legal_person_registry: {
    uscc: EXAMPLE_SUBJECT_USCC, name: '天津示例商贸有限公司', legal_rep: '张三', district: '120116', subject_type: '有限责任公司',
    established: '2020-05-20', status: '存续', address: '天津市滨海新区示例路 1 号',
  },
};

/** The example row of a dataset by field name ('' where a field is best left empty). */
export function exampleRow(dataset: string, agency: { name: Bilingual; uscc: string } = EXAMPLE_AUTHORITY): Record<string, string> {
  const def = datasetDefinition(dataset);
  const own: Record<string, string> = {
    authority_name: agency.name.zh, authority_uscc: agency.uscc, source_agency_name: agency.name.zh, source_agency_uscc: agency.uscc,
  };
  const values = { ...COMMON, ...own, ...BY_DATASET[dataset] };
  return Object.fromEntries(def.fields.map((f) => [f.name, values[f.name] ?? '']));
}
