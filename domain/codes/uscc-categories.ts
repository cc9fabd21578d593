// Registration-authority (position 1) and organisation-category (position 2) codes of the USCC.
// The printed GB 32100-2015 table has 1, 5, 9 and Y; the others were issued later and are listed
// consistently by third-party sources (docs/standards.md). Category names are
// given only where the reference names them; null means "allowed, name not recorded".

export interface UsccAuthority {
  zh: string;
  en: string;
  categories: Readonly<Record<string, string | null>>;
}

export const USCC_AUTHORITIES: Readonly<Record<string, UsccAuthority>> = {
  '1': {
    zh: '机构编制',
    en: 'establishment administration',
    categories: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { zh: '外交', en: 'foreign affairs', categories: { '1': null, '9': '其他' } },
  '3': {
    zh: '司法行政',
    en: 'justice administration',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { zh: '文化', en: 'culture', categories: { '1': null, '9': '其他' } },
  '5': {
    zh: '民政',
    en: 'civil affairs',
    categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': { zh: '旅游', en: 'tourism', categories: { '1': null, '2': null, '9': '其他' } },
  '7': { zh: '宗教', en: 'religious affairs', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { zh: '工会', en: 'trade unions', categories: { '1': '基层工会', '9': '其他' } },
  '9': {
    zh: '工商',
    en: 'industry and commerce',
    categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
  },
  A: {
    zh: '中央军委改革和编制办公室',
    en: 'CMC reform and establishment office',
    categories: { '1': '军队事业单位', '9': '其他' },
  },
  N: {
    zh: '农业',
    en: 'agriculture',
    categories: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { zh: '其他', en: 'other', categories: { '1': null } },
};

/** Is `authority`+`category` a pair some registering authority may issue? */
export function isUsccPair(authority: string, category: string): boolean {
  const a = USCC_AUTHORITIES[authority];
  return a !== undefined && Object.hasOwn(a.categories, category);
}
