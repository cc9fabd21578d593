// Request and response schemas of the steward routes (server/routes/steward.ts).
import { guarded, limitParam, listOf, numericIdParams, ref, text, zhEn } from './common.ts';

const tags = ['steward'];

export const listTasksSchema = {
  operationId: 'listStewardTasks', tags, summary: zhEn('待数据管理员处理的事项', 'the steward queue'),
  description: zhEn('数据冲突、主体关联待确认、疑似重复', 'conflicts, uncertain subject links, suspected duplicates'),
  querystring: {
    type: 'object',
    properties: {
      status: text('状态（默认待处理）', 'status (open by default)', { examples: ['open', 'decided'] }),
      kind: text('类型', 'kind', { examples: ['conflict', 'uncertain_link', 'suspected_duplicate'] }),
      limit: limitParam,
    },
  },
  response: { 200: listOf('tasks', ref('StewardItem')), ...guarded() },
} as const;

// The decision's own shape is checked by the workflow's update validator, which names what is
// wrong in both languages (CDF_DECISION_INVALID): the schema only asks for an object.
export const decideTaskSchema = {
  operationId: 'decideStewardTask', tags, summary: zhEn('处理一个事项', 'decide an item'),
  description: zhEn('以 Temporal update 送达该批次的工作流，答复来自工作流',
    'sent to the batch\'s workflow as a Temporal update; the answer is the workflow\'s'),
  params: numericIdParams('事项 ID', 'item id'),
  body: {
    type: 'object', required: ['decision'],
    properties: {
      decision: {
        type: 'object', additionalProperties: true, required: ['action'],
        description: zhEn('处理方式：take_held、take_incoming、set_values（values）、keep_apart、reject、merge、link（uscc）、no_subject',
          'the action: take_held, take_incoming, set_values (values), keep_apart, reject, merge, link (uscc), no_subject'),
        properties: {
          action: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'string' } }, uscc: { type: 'string' },
        },
      },
      note: text('理由（随决定保存）', 'why, kept with the decision'),
    },
  },
  response: { 200: ref('DecisionOutcome'), ...guarded(404, 409, 422, 503) },
} as const;

export const goldenExportSchema = {
  operationId: 'exportGolden', tags, summary: zhEn('导出标准记录及其全部来源', 'export golden records with their sources'),
  description: zhEn('NDJSON（默认）或 CSV；asOf 为某一时刻的状态', 'NDJSON (default) or CSV; asOf: as they stood then'),
  querystring: {
    type: 'object', required: ['dataset'],
    properties: {
      dataset: text('数据集', 'dataset', { minLength: 1 }),
      format: text('ndjson 或 csv', 'ndjson or csv', { examples: ['ndjson', 'csv'] }),
      asOf: text('日期或时间', 'a date or time', { examples: ['2026-11-01', '2026-11-01T08:00:00+08:00'] }),
    },
  },
  produces: ['application/x-ndjson', 'text/csv'],
  response: {
    200: {
      description: zhEn('标准记录', 'the golden records'),
      content: {
        'application/x-ndjson': { schema: { type: 'string', description: zhEn('每行一条记录', 'one record a line') } },
        'text/csv': { schema: { type: 'string' } },
      },
    },
    ...guarded(404),
  },
} as const;
