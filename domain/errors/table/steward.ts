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
} as const satisfies CodeFamily;
