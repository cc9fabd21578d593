// The names of the catalogue's own words (fields of entries, subscriptions, grants and measures,
// and the values they take), so a page never shows a code such as `frequency` or `conditional`.
import type { Lang } from '../../i18n/index.tsx';

type Words = Record<string, { zh: string; en: string }>;

export const FIELD_NAMES: Words = {
  code: { zh: '代码', en: 'Code' }, name: { zh: '名称', en: 'Name' }, level: { zh: '层级', en: 'Level' }, parent: { zh: '上级', en: 'Parent' },
  uscc: { zh: '统一社会信用代码', en: 'USCC' }, region: { zh: '区划', en: 'Region' }, kind: { zh: '类型', en: 'Kind' },
  agency: { zh: '数源单位', en: 'Agency' }, dataset: { zh: '数据集', en: 'Dataset' }, channel: { zh: '报送通道', en: 'Channel' },
  frequency: { zh: '更新频率', en: 'Frequency' }, authoritative: { zh: '权威来源', en: 'Authoritative' }, share: { zh: '共享类型', en: 'Sharing' },
  publish: { zh: '公示', en: 'Published' }, id: { zh: '编号', en: 'Id' }, sink: { zh: '投递方式', en: 'Sink' }, config: { zh: '投递配置', en: 'Sink settings' },
  subscriber: { zh: '订阅单位', en: 'Subscriber' }, regions: { zh: '区划范围', en: 'Regions' }, filter: { zh: '筛选条件', en: 'Filter' },
  public: { zh: '对外公示', en: 'Public' }, provider: { zh: '提供单位', en: 'Provider' }, purpose: { zh: '用途', en: 'Purpose' },
  basis: { zh: '依据', en: 'Basis' }, grantedBy: { zh: '授权机关', en: 'Granted by' }, from: { zh: '起始日期', en: 'From' }, until: { zh: '截止日期', en: 'Until' },
  department: { zh: '实施部门', en: 'Department' }, action: { zh: '措施方式', en: 'Action' }, listTypes: { zh: '名单类型', en: 'List types' },
  dishonestyTypes: { zh: '失信类型', en: 'Dishonesty types' },
};

export const VALUE_NAMES: Words = {
  city: { zh: '市级', en: 'city' }, district: { zh: '区级', en: 'district' }, street: { zh: '街乡镇', en: 'street' },
  realtime: { zh: '实时', en: 'real time' }, daily: { zh: '每日', en: 'daily' }, weekly: { zh: '每周', en: 'weekly' },
  monthly: { zh: '每月', en: 'monthly' }, quarterly: { zh: '每季度', en: 'quarterly' },
  none: { zh: '不予共享', en: 'not shared' }, conditional: { zh: '有条件共享', en: 'conditional' }, unconditional: { zh: '无条件共享', en: 'unconditional' },
  prompt: { zh: '提示', en: 'prompt' }, block: { zh: '拦截', en: 'block' }, file: { zh: '文件', en: 'file' }, webhook: { zh: '接口推送', en: 'webhook' },
  sql: { zh: '数据库', en: 'database' }, true: { zh: '是', en: 'yes' }, false: { zh: '否', en: 'no' },
};

export const SECTION_NAMES: Words = {
  regions: { zh: '区划', en: 'Regions' }, agencies: { zh: '数源单位', en: 'Agencies' }, datasets: { zh: '数据集', en: 'Datasets' },
  entries: { zh: '目录条目', en: 'Entries' }, subscriptions: { zh: '订阅', en: 'Subscriptions' }, grants: { zh: '共享授权', en: 'Grants' },
  measures: { zh: '联合惩戒措施', en: 'Measures' },
};

export const fieldName = (lang: Lang, field: string): string => FIELD_NAMES[field]?.[lang] ?? field;

/** A catalogue value as words: named values, yes/no, lists and bilingual names; nested settings as "key: value". */
export function valueText(lang: Lang, v: unknown, name: (table: 'channels' | 'datasets', code: string) => string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return VALUE_NAMES[String(v)]![lang];
  if (typeof v === 'string') {
    const channel = name('channels', v);
    if (channel !== v) return channel;
    const dataset = name('datasets', v);
    if (dataset !== v) return dataset;
    return VALUE_NAMES[v]?.[lang] ?? v;
  }
  if (Array.isArray(v)) return v.map((x) => valueText(lang, x, name)).join('、');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.zh === 'string' && typeof o.en === 'string') return lang === 'zh' ? o.zh : o.en;
    return Object.entries(o).map(([k, x]) => `${fieldName(lang, k)}: ${valueText(lang, x, name)}`).join('; ');
  }
  return String(v);
}
