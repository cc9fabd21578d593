// The steward queue's decisions and credit repair: what a steward or an administrator asked for
// that cannot be done to the item or record as it stands.
import type { CodeFamily } from '../text.ts';

export const STEWARD_CODES = {
  CDF_DECISION_INVALID: {
    kind: 'usage',
    title: { zh: '处理决定不完整', en: 'malformed decision' },
    next: { zh: '按事项类型给出决定，如 --take A|B 或 --link USCC', en: 'give a decision that fits the item, e.g. --take A|B or --link USCC' },
  },
  CDF_DECISION_KIND: {
    kind: 'data',
    title: { zh: '决定与事项类型不符', en: 'decision does not fit the item' },
    next: { zh: '使用该类事项可用的处理方式', en: 'use one of the decisions this kind of item takes' },
  },
  CDF_DECISION_VALUES: {
    kind: 'data',
    title: { zh: '录入的值不符合标准', en: 'entered values off the standard' },
    next: { zh: '按数据集标准改正录入的值后再提交', en: 'correct the values after the dataset\'s standard and decide again' },
  },
  CDF_TASK_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '待处理事项不存在', en: 'no such queue item' },
    next: { zh: '刷新队列后重新选择', en: 'reload the queue and choose again' },
  },
  CDF_TASK_DECIDED: {
    kind: 'data',
    title: { zh: '事项已处理', en: 'item already decided' },
    next: { zh: '无需再处理；刷新队列查看结果', en: 'nothing to do: reload the queue to see the outcome' },
  },
  CDF_TASK_CLOSED: {
    kind: 'data',
    title: { zh: '事项所在流程已结束', en: 'the item\'s workflow has ended' },
    next: { zh: '该事项已不能处理：请联系管理员', en: 'it can no longer be decided: ask an administrator' },
  },
  CDF_TASK_NOT_DECIDED: {
    kind: 'data',
    title: { zh: '事项尚未处理', en: 'item not decided' },
    next: { zh: '只有已处理的事项可以撤销；刷新后查看其状态', en: 'only a decided item can be undone: reload it to see its state' },
  },
  CDF_TASK_NOT_REOPENABLE: {
    kind: 'data',
    title: { zh: '该决定不能撤销', en: 'decision cannot be undone' },
    next: { zh: '按说明处理：如请数源单位更正后重新上报', en: 'follow the message, e.g. have the agency correct the row and upload it again' },
  },
  CDF_TASK_REOPEN_STALE: {
    kind: 'data',
    title: { zh: '记录在决定之后已变化', en: 'record changed since the decision' },
    next: { zh: '查看记录的最新版本；需要更正时就最新版本另行处理', en: 'look at the record\'s newest version and correct that one if needed' },
  },
  CDF_BULK_DECISION: {
    kind: 'data',
    title: { zh: '该决定不能批量应用', en: 'decision cannot be applied in bulk' },
    next: {
      zh: '批量应用只用于保留、采用、逐字段选 a/b、合并、分开保留、驳回；录入的值逐条处理',
      en: 'bulk takes keep, take, per-field a/b, merge, keep apart or reject; entered values are decided one by one',
    },
  },
  CDF_BULK_CHANGED: {
    kind: 'data',
    title: { zh: '同类事项已变化', en: 'the similar items changed' },
    next: { zh: '重新预览，确认后再应用', en: 'preview again and apply what it shows' },
  },
  CDF_REPAIR_BASIS: {
    kind: 'usage',
    title: { zh: '信用修复未注明依据', en: 'credit repair without a basis' },
    next: { zh: '用 --basis 注明依据，如《信用修复管理办法》第十条', en: 'name the legal basis with --basis' },
  },
  CDF_REPAIR_NOT_ACTIVE: {
    kind: 'data',
    title: { zh: '记录已不在公示', en: 'record no longer published' },
    next: { zh: '无需信用修复', en: 'no credit repair is needed' },
  },
  CDF_REPAIR_NOT_PUBLISHED: {
    kind: 'data',
    title: { zh: '数据集不公示，无需修复', en: 'dataset not published: nothing to repair' },
    next: { zh: '无需信用修复', en: 'no credit repair is needed' },
  },
  CDF_REPAIR_BY_DATA: {
    kind: 'data',
    title: { zh: '按移出日期或有效期停止公示', en: 'publication ends by removal or validity date' },
    next: { zh: '请认定部门报送移出日期或有效期', en: 'ask the deciding authority to send the removal or validity date' },
  },
  CDF_REPAIR_TOO_EARLY: {
    kind: 'data',
    title: { zh: '最短公示期未满', en: 'minimum publicity not yet over' },
    next: { zh: '最短公示期满后再申请信用修复', en: 'apply for credit repair once the minimum publicity is over' },
  },
  // Joint measures' cases (联合奖惩反馈): a department's answer and who may give it.
  CDF_CASE_UNKNOWN: {
    kind: 'not_found',
    title: { zh: '联合奖惩案件不存在', en: 'no such measure case' },
    next: { zh: '刷新案件列表后重新选择', en: 'reload the list of cases and choose again' },
  },
  CDF_CASE_ANSWERED: {
    kind: 'data',
    title: { zh: '案件已反馈', en: 'case already answered' },
    next: { zh: '一个案件只反馈一次；如反馈有误，请联系市信用办处理', en: 'a case is answered once; if the answer was wrong, ask the city credit office' },
  },
  CDF_CASE_FEEDBACK_INVALID: {
    kind: 'usage',
    title: { zh: '反馈内容不完整', en: 'incomplete feedback' },
    next: { zh: '按提示补全反馈结果和说明后重新提交', en: 'complete the outcome and its details as the message says, then send again' },
  },
} as const satisfies CodeFamily;
