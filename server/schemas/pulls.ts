// Request and response schemas of the pulls: the catalogue's pull sources with how their last pulls
// went (failing first), and a pull run by hand.
import { bilingual, guarded, int, nullableDateTime, nullableInt, nullableText, openObject, pageOf, pageQuery, text, zhEn } from './common.ts';

const pullRow = {
  type: 'object',
  required: ['agency', 'agencyName', 'dataset', 'channel', 'channelName', 'frequency', 'connector', 'scheduleId', 'state'],
  properties: {
    agency: { type: 'string' }, agencyName: bilingual, dataset: { type: 'string' }, channel: { type: 'string' }, channelName: bilingual,
    frequency: text('目录规定的报送频率', 'how often the catalogue says it is supplied'),
    connector: text('连接器：sql-pull 或 http-pull', 'connector: sql-pull or http-pull'),
    scheduleId: text('Temporal 中的计划', 'its Temporal schedule'),
    state: {
      anyOf: [{ type: 'null' }, {
        type: 'object',
        properties: {
          cursor: { ...nullableText, description: zhEn('下次抽取的起点（连接器的游标）', 'where the next pull starts (the connector\'s cursor)') },
          last_attempt_at: nullableDateTime, last_success_at: nullableDateTime, last_rows: nullableInt, last_batch_id: nullableText,
          failures: int('连续失败次数', 'failed pulls in a row'), failing_since: nullableDateTime,
          last_error: { anyOf: [{ type: 'null' }, openObject('最近一次失败（code、zh、en）', 'the last failure (code, zh, en)')] },
        },
      }],
    },
  },
} as const;

export const listPullsSchema = {
  operationId: 'listPulls', tags: ['pulls'], summary: zhEn('从数源单位系统的抽取（分页）', 'pulls from agencies\' systems, a page at a time'),
  description: zhEn('目录中配置了 pull 的条目及其状态；失败中的在前', 'the catalogue entries with a pull and how their pulls went; failing ones first'),
  querystring: pageQuery,
  response: { 200: pageOf('pulls', pullRow), ...guarded() },
} as const;

export const runPullSchema = {
  operationId: 'runPull', tags: ['pulls'], summary: zhEn('立即运行一次抽取', 'run a pull now'),
  description: zhEn('full=true 从头重读全部数据（未变的记录比对为重复，不产生新版本）；wait=true 等抽取完成再返回',
    'full=true reads everything again (unchanged records compare as duplicates: no new versions); wait=true answers when the pull is done'),
  body: {
    type: 'object', required: ['agency', 'dataset'], additionalProperties: false,
    properties: {
      agency: { type: 'string' }, dataset: { type: 'string' }, channel: { type: 'string' },
      full: { type: 'boolean' }, wait: { type: 'boolean' },
    },
  },
  response: {
    200: {
      type: 'object', required: ['workflowId'],
      properties: {
        workflowId: { type: 'string' },
        result: {
          type: 'object',
          properties: { rows: { type: 'integer' }, batchId: nullableText, duplicate: { type: 'boolean' }, stale: { type: 'boolean' } },
        },
      },
    },
    ...guarded(404),
  },
} as const;
