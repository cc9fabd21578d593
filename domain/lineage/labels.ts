// The names auditors read for lineage's codes: the role a source row plays in a record, a record's
// status, a steward's action, how a subject was linked, the graph's columns. Served with every
// lineage graph (and by code to the UI), so no page shows `superseded` or `{"action":…}`.
import type { Bilingual } from '../errors.ts';

export const SOURCE_ROLE_NAMES = {
  chosen: { zh: '当前来源', en: 'current source' },
  superseded: { zh: '已被新版本取代', en: 'superseded by a newer version' },
  duplicate: { zh: '重复来源（内容一致）', en: 'duplicate source (same content)' },
  decided: { zh: '人工决定采用', en: 'taken by a steward\'s decision' },
  overruled: { zh: '人工决定未采用', en: 'overruled by a steward' },
  rejected_by_steward: { zh: '数据管理员拒收', en: 'rejected by a steward' },
} as const satisfies Record<string, Bilingual>;

export const RECORD_STATUS_NAMES = {
  active: { zh: '有效', en: 'in force' },
  merged: { zh: '已合并到另一条记录', en: 'merged into another record' },
  repaired: { zh: '已信用修复（停止公示）', en: 'credit repaired (no longer published)' },
} as const satisfies Record<string, Bilingual>;

export const ACTION_NAMES = {
  take_held: { zh: '保留原值', en: 'kept the value held' },
  take_incoming: { zh: '采用新值', en: 'took the incoming value' },
  set_values: { zh: '录入复核值', en: 'entered reviewed values' },
  keep_apart: { zh: '分开保留', en: 'kept apart' },
  reject: { zh: '拒收', en: 'rejected' },
  merge: { zh: '合并', en: 'merged' },
  link: { zh: '关联到主体', en: 'linked to a subject' },
  no_subject: { zh: '不关联主体', en: 'linked to no subject' },
} as const satisfies Record<string, Bilingual>;

export const LINK_METHOD_NAMES = {
  uscc: { zh: '统一社会信用代码', en: 'USCC' },
  uscc_repaired: { zh: '修复校验位的统一社会信用代码', en: 'USCC with its check character repaired' },
  orgcode: { zh: '组织机构代码（经登记信息）', en: 'organisation code (via the registry)' },
  regno: { zh: '注册号（经登记信息）', en: 'registration number (via the registry)' },
  taxno: { zh: '税号（经登记信息）', en: 'tax number (via the registry)' },
  name: { zh: '名称精确匹配', en: 'exact name' },
  name_fuzzy: { zh: '名称模糊匹配', en: 'fuzzy name match' },
  copy: { zh: '同一披露的其他副本', en: 'another copy of the same disclosure' },
  steward: { zh: '数据管理员确认', en: 'confirmed by a steward' },
} as const satisfies Record<string, Bilingual>;

export const TASK_STATUS_NAMES = {
  open: { zh: '待处理', en: 'open' },
  decided: { zh: '已决定', en: 'decided' },
} as const satisfies Record<string, Bilingual>;

export const DELIVERY_STATUS_NAMES = {
  delivered: { zh: '已送达', en: 'delivered' },
  withheld: { zh: '按目录规则未下发', en: 'withheld by the catalogue\'s rules' },
  failing: { zh: '投递失败，重试中', en: 'failing, being retried' },
} as const satisfies Record<string, Bilingual>;

/** The graph's columns, left to right. */
export const GRAPH_COLUMNS = ['source', 'clean', 'link', 'decision', 'version', 'delivery'] as const;
export type GraphColumn = (typeof GRAPH_COLUMNS)[number];

export const COLUMN_NAMES = {
  source: { zh: '源数据行', en: 'source rows' },
  clean: { zh: '清洗', en: 'clean' },
  link: { zh: '关联', en: 'link' },
  decision: { zh: '决定', en: 'decisions' },
  version: { zh: '版本', en: 'versions' },
  delivery: { zh: '分发', en: 'deliveries' },
} as const satisfies Record<GraphColumn, Bilingual>;

export interface LineageLabels {
  roles: Record<string, Bilingual>; statuses: Record<string, Bilingual>; actions: Record<string, Bilingual>;
  linkMethods: Record<string, Bilingual>; taskStatuses: Record<string, Bilingual>; deliveryStatuses: Record<string, Bilingual>;
  columns: Record<string, Bilingual>;
}

export const LINEAGE_LABELS: LineageLabels = {
  roles: SOURCE_ROLE_NAMES, statuses: RECORD_STATUS_NAMES, actions: ACTION_NAMES, linkMethods: LINK_METHOD_NAMES,
  taskStatuses: TASK_STATUS_NAMES, deliveryStatuses: DELIVERY_STATUS_NAMES, columns: COLUMN_NAMES,
};

/** A code's name, or the code itself in both languages when it is new (never nothing). */
export const nameOf = (table: Record<string, Bilingual>, code: string | null | undefined): Bilingual =>
  (code && table[code.split(':')[0]!]) || { zh: code ?? '—', en: code ?? '—' };
