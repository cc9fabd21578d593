// The files a run writes and how each channel writes them. Agencies upload with the standard's
// Chinese headers in UTF-8 (one with a BOM, as Excel saves it); the national vertical feed uses the
// CF_* column codes; the Binhai platform writes GB18030 with ASCII parentheses in its headers and
// Windows line ends. Field names, Chinese names and codes follow catalog/datasets/admin_penalty.yaml
// (a test checks every header maps to its field there).
import type { Brackets, DateForm } from './formats.ts';
import { AUTHORITIES, RELAYS } from './vocab-penalty.ts';

export type Channel = 'agency_upload' | 'national_vertical' | 'district_platform';

/** field → [Chinese name, column code], in the order the files carry them. */
export const FIELDS = {
  subject_name: ['行政相对人名称', 'CF_XDR_MC'],
  subject_category: ['行政相对人类别', 'CF_XDR_LB'],
  subject_uscc: ['行政相对人代码_1（统一社会信用代码）', 'CF_XDR_SHXYM'],
  subject_regno: ['行政相对人代码_2（工商注册号）', 'CF_XDR_GSZC'],
  subject_orgcode: ['行政相对人代码_3（组织机构代码）', 'CF_XDR_ZZJG'],
  subject_taxno: ['行政相对人代码_4（税务登记号）', 'CF_XDR_SWDJ'],
  legal_rep: ['法定代表人', 'CF_FRDB'],
  subject_id_type: ['证件类型', 'CF_XDR_ZJLX'],
  subject_id_no: ['证件号码', 'CF_XDR_ZJHM'],
  decision_no: ['行政处罚决定书文号', 'CF_WSH'],
  violation_type: ['违法行为类型', 'CF_WFXW'],
  facts: ['违法事实', 'CF_SY'],
  legal_basis: ['处罚依据', 'CF_YJ'],
  penalty_types: ['处罚类别', 'CF_CFLB'],
  penalty_content: ['处罚内容', 'CF_NR'],
  fine_amount: ['罚款金额（万元）', 'CF_NR_FK'],
  confiscated_amount: ['没收违法所得、没收非法财物的金额（万元）', 'CF_NR_WFFF'],
  license_revoked: ['暂扣或吊销证照名称及编号', 'CF_NR_ZKDX'],
  decision_date: ['处罚决定日期', 'CF_JDRQ'],
  valid_until: ['处罚有效期', 'CF_YXQ'],
  publicity_until: ['公示截止期', 'CF_GSJZQ'],
  authority_name: ['处罚机关', 'CF_CFJG'],
  authority_uscc: ['处罚机关统一社会信用代码', 'CF_CFJGDM'],
  source_agency_name: ['数据来源单位', 'CF_SJLY'],
  source_agency_uscc: ['数据来源单位统一社会信用代码', 'CF_SJLYDM'],
  remarks: ['备注', 'BZ'],
} as const;

export type Field = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as Field[];
export const COLUMN = Object.fromEntries(FIELD_NAMES.map((f, k) => [f, k])) as Record<Field, number>;

export interface FileSpec {
  /** File name inside the output folder. */
  file: string;
  channel: Channel;
  /** Catalogue code of the agency that uploads the file. */
  agency: string;
  /** For agency uploads: the deciding authority whose disclosures the file holds. */
  authority: string | null;
  sourceName: string;
  sourceUscc: string;
  encoding: 'utf-8' | 'gb18030';
  bom: boolean;
  eol: '\n' | '\r\n';
  headers: string[];
  /** The file's usual date form and document-number brackets; rows deviate from them as noise. */
  dateForm: DateForm;
  brackets: Brackets;
}

const zhHeaders = FIELD_NAMES.map((f) => FIELDS[f][0]);
const HOUSE_DATES: DateForm[] = ['iso', 'slash', 'cn', 'compact', 'dot', 'iso'];

export const FILE_SPECS: readonly FileSpec[] = [
  ...AUTHORITIES.map((a, k): FileSpec => ({
    file: `admin_penalty_${a.code}.csv`, channel: 'agency_upload', agency: a.code, authority: a.code,
    sourceName: a.name, sourceUscc: a.uscc, encoding: 'utf-8', bom: a.code === 'city_tax', eol: '\n',
    headers: zhHeaders, dateForm: HOUSE_DATES[k % HOUSE_DATES.length]!, brackets: '〔〕',
  })),
  {
    file: 'admin_penalty_national_vertical.csv', channel: 'national_vertical', agency: RELAYS.national_vertical.code,
    authority: null, sourceName: RELAYS.national_vertical.name, sourceUscc: RELAYS.national_vertical.uscc,
    encoding: 'utf-8', bom: false, eol: '\n', headers: FIELD_NAMES.map((f) => FIELDS[f][1]), dateForm: 'iso', brackets: '〔〕',
  },
  {
    file: 'admin_penalty_binhai_platform.csv', channel: 'district_platform', agency: RELAYS.binhai_platform.code,
    authority: null, sourceName: RELAYS.binhai_platform.name, sourceUscc: RELAYS.binhai_platform.uscc,
    encoding: 'gb18030', bom: false, eol: '\r\n', headers: zhHeaders.map((h) => h.replace(/（/g, '(').replace(/）/g, ')')),
    dateForm: 'slash', brackets: '（）',
  },
];

export const specForAuthority = (code: string): FileSpec => FILE_SPECS.find((s) => s.authority === code)!;
export const VERTICAL_SPEC = FILE_SPECS.find((s) => s.channel === 'national_vertical')!;
export const PLATFORM_SPEC = FILE_SPECS.find((s) => s.channel === 'district_platform')!;

/** One CSV line, quoting what needs it (separators, quotes, line breaks, edge spaces). */
export function csvLine(cells: readonly string[], eol: string): string {
  let out = '';
  for (let k = 0; k < cells.length; k++) {
    const c = cells[k]!;
    if (k) out += ',';
    out += /[",\r\n]|^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
  }
  return out + eol;
}
