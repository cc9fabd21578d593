// Request and response schemas of the lineage and audit routes (server/routes/lineage.ts).
import { batchIdParams, guarded, int, limitParam, numericIdParams, ref, text, zhEn } from './common.ts';

export const recordLineageSchema = {
  operationId: 'recordLineage', tags: ['lineage'], summary: zhEn('标准记录的血缘', 'a golden record\'s lineage'),
  description: zhEn('版本、原始单元格、清洗规则、关联方式、人工决定；asOf 为某一时刻的血缘',
    'versions, cells received, clean rules, link, decisions; asOf: as it stood then'),
  params: numericIdParams('标准记录 ID', 'golden record id'),
  querystring: {
    type: 'object',
    properties: { field: text('字段名', 'field name'), asOf: text('日期或时间', 'a date or time', { examples: ['2026-11-01'] }) },
  },
  response: { 200: ref('RecordLineage'), ...guarded(404) },
} as const;

export const batchLineageSchema = {
  operationId: 'batchLineage', tags: ['lineage'], summary: zhEn('批次的正向血缘', 'a batch\'s forward lineage'),
  description: zhEn('生成的记录、版本与分发；row 只看一行', 'records, versions and deliveries made; row: one row only'),
  params: batchIdParams,
  querystring: { type: 'object', properties: { row: int('行号', 'row number', { minimum: 1 }) } },
  response: { 200: ref('BatchLineage'), ...guarded(404) },
} as const;

export const deliveriesSchema = {
  operationId: 'listDeliveries', tags: ['deliveries'], summary: zhEn('分发记录', 'deliveries'),
  description: zhEn('送达、按目录规则未下发（原因）、投递失败（次数、错误）', 'delivered, withheld by the catalogue\'s rules (why), failing (attempts, error)'),
  querystring: {
    type: 'object',
    properties: {
      status: text('状态', 'status', { examples: ['delivered', 'withheld', 'failing'] }),
      subscription: text('订阅', 'subscription'), limit: limitParam,
    },
  },
  response: { 200: { type: 'array', items: ref('Delivery') }, ...guarded() },
} as const;

export const auditVerifySchema = {
  operationId: 'verifyAuditChain', tags: ['audit'], summary: zhEn('校验审计哈希链', 'verify the audit hash chain'),
  description: zhEn('broken 为第一处断裂（无则为 null）', 'broken: the first break, or null'),
  response: {
    200: {
      type: 'object', required: ['entries', 'broken'],
      properties: {
        entries: int('校验通过的条目数', 'entries verified'),
        broken: { type: ['object', 'null'], additionalProperties: true, description: zhEn('断裂处', 'where the chain breaks') },
      },
    },
    ...guarded(),
  },
} as const;
