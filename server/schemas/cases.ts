// Request and response schemas of the joint measures' cases (联合奖惩反馈): a department's list and
// answer, one case, and the figures per department, measure and list.
import { CASE_OUTCOMES, CASE_STATUSES } from '../../domain/cases.ts';
import { bilingual, dateTime, guarded, int, nullableDateTime, nullableInt, nullableNumber, nullableText, numericIdParams, openObject, pageOf, pageQuery,
  text, zhEn } from './common.ts';

const tags = ['deliveries'];
const integer = { type: 'integer' } as const;
const nullableBilingual = { anyOf: [bilingual, { type: 'null' }] } as const;

const caseBody = {
  type: 'object',
  required: ['id', 'department', 'measure', 'dataset', 'goldenId', 'version', 'subscription', 'deliveryKey', 'openedAt', 'dueAt', 'status', 'overdue'],
  properties: {
    id: integer, department: text('被推送的部门（单位代码）', 'the department pushed to (agency code)'), departmentName: nullableBilingual,
    measure: text('措施代码', 'measure code'), measureName: nullableBilingual,
    action: text('prompt 提示 / block 拦截', 'prompt or block', { type: ['string', 'null'] }),
    dataset: text('名单（数据集）', 'the list (dataset)'), goldenId: int('标准记录', 'golden record'), version: int('推送的版本', 'version pushed'),
    subjectUscc: nullableText, subscription: { type: 'string' }, deliveryKey: text('分发的幂等键', 'the delivery\'s idempotency key'),
    deliveryId: nullableInt, batchId: nullableText, openedAt: dateTime, dueAt: text('反馈期限', 'feedback due by', { format: 'date-time' }),
    status: text('open 待反馈、closed 已反馈、overdue 逾期、disputed 异议待裁定', 'open, closed, overdue, disputed', { enum: [...CASE_STATUSES] }),
    overdue: { type: 'boolean' }, outcome: { type: ['string', 'null'] },
    detail: { anyOf: [openObject('反馈说明（where、when、reason、claim、text）', 'the feedback\'s details (where, when, reason, claim, text)'), { type: 'null' }] },
    feedbackBy: nullableText, feedbackAt: nullableDateTime, disputeTaskId: nullableInt,
    resolution: { anyOf: [openObject('数据管理员对异议的裁定', 'the steward\'s decision on the dispute'), { type: 'null' }] },
    resolvedBy: nullableText, resolvedAt: nullableDateTime, workflowId: text('案件的 Temporal 工作流', 'the case\'s Temporal workflow'),
  },
} as const;

const filters = {
  measure: text('措施代码', 'measure code'), dataset: text('名单（数据集）', 'list (dataset)'), department: text('部门（单位代码）', 'department (agency code)'),
} as const;

export const listCasesSchema = {
  operationId: 'listCases', tags, summary: zhEn('联合奖惩案件（分页）', 'measure cases, a page at a time'),
  description: zhEn('逾期的在前，其余按反馈期限；部门只看到推送给本部门的案件', 'overdue first, then by deadline; a department sees only its own'),
  querystring: {
    type: 'object',
    properties: {
      ...pageQuery.properties, ...filters,
      status: text('状态', 'status', { enum: [...CASE_STATUSES] }), overdue: { type: 'boolean', description: zhEn('只看逾期的', 'overdue ones only') },
    },
  },
  response: { 200: pageOf('cases', caseBody), ...guarded() },
} as const;

export const caseSchema = {
  operationId: 'getCase', tags, summary: zhEn('一个联合奖惩案件', 'one measure case'),
  params: numericIdParams('案件 ID', 'case id'),
  response: { 200: caseBody, ...guarded(404) },
} as const;

export const caseFeedbackSchema = {
  operationId: 'caseFeedback', tags, summary: zhEn('部门反馈措施执行情况', 'a department reports back on a measure'),
  description: zhEn(
    '只有被推送的部门可以反馈（本部门账号或令牌）；以 Temporal update 送达案件的工作流。applied 须写 where、when；not_applicable 须写 reason；'
      + 'disputed 须写 claim（转数据管理员裁定）；governance_result 须写 text（基层治理结果）',
    'only the department pushed to may answer (its own account or token); sent to the case\'s workflow as a Temporal update. applied needs where and when; '
      + 'not_applicable a reason; disputed a claim (a steward decides); governance_result a text (a grassroots outcome)'),
  params: numericIdParams('案件 ID', 'case id'),
  body: {
    type: 'object', required: ['outcome'], additionalProperties: false,
    properties: {
      outcome: text('反馈结果', 'the outcome', { enum: [...CASE_OUTCOMES] }),
      detail: {
        type: 'object', additionalProperties: false,
        properties: {
          where: text('实施地点或系统', 'where it was applied', { maxLength: 2000 }), when: text('实施时间', 'when it was applied', { maxLength: 2000 }),
          reason: text('原因', 'why', { maxLength: 2000 }),
          claim: text('异议：主体实际是谁、依据', 'a dispute: who the subject is, and on what grounds', { maxLength: 2000 }),
          text: text('基层治理结果', 'a governance result', { maxLength: 2000 }),
        },
      },
    },
  },
  response: {
    200: {
      type: 'object', required: ['caseId', 'status', 'outcome', 'disputeTaskId'],
      properties: { caseId: integer, status: { type: 'string', enum: [...CASE_STATUSES] }, outcome: { type: ['string', 'null'] }, disputeTaskId: nullableInt },
    },
    ...guarded(404, 409, 422, 503),
  },
} as const;

export const caseFiguresSchema = {
  operationId: 'caseFigures', tags, summary: zhEn('联合奖惩反馈统计', 'measure feedback figures'),
  description: zhEn('按部门、措施、名单：推送（开案）、已反馈、逾期、异议、待反馈、超期反馈数，反馈率，反馈用时中位数与平均数（小时）',
    'per department, measure and list: opened, closed, overdue, disputed, open, answered late, closure rate, median and mean hours to feedback'),
  querystring: { type: 'object', properties: { ...filters } },
  response: {
    200: {
      type: 'object', required: ['figures'],
      properties: {
        figures: {
          type: 'array',
          items: {
            type: 'object',
            required: ['department', 'measure', 'dataset', 'opened', 'closed', 'overdue', 'disputed', 'open', 'late', 'closureRate', 'medianHours',
              'meanHours'],
            properties: {
              department: { type: 'string' }, departmentName: nullableBilingual, measure: { type: 'string' }, measureName: nullableBilingual,
              dataset: { type: 'string' },
              opened: integer, closed: integer, overdue: integer, disputed: integer, open: integer, late: int('超过期限才反馈的', 'answered after the deadline'),
              closureRate: { type: 'number', description: zhEn('已反馈 ÷ 推送', 'closed ÷ opened') }, medianHours: nullableNumber, meanHours: nullableNumber,
            },
          },
        },
      },
    },
    ...guarded(),
  },
} as const;
