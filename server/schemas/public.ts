// Request and response schemas of the public view and credit repair (server/routes/public.ts).
import { errors, guarded, int, limitParam, numericIdParams, nullableInt, nullableText, openObject, text, zhEn } from './common.ts';

export const publicRecordsSchema = {
  operationId: 'publicRecords', tags: ['public'], summary: zhEn('公示视图（无需身份）', 'the public view (no identity needed)'),
  description: zhEn('脱敏、仅公示期内；after 为翻页游标', 'masked, within publicity periods; after: the paging cursor'),
  params: { type: 'object', required: ['dataset'], properties: { dataset: text('数据集', 'dataset', { minLength: 1 }) } },
  querystring: {
    type: 'object',
    properties: {
      subject: text('主体的统一社会信用代码', 'the subject\'s USCC'),
      after: int('从此 ID 之后', 'after this id', { minimum: 0 }), limit: limitParam,
    },
  },
  response: {
    200: {
      type: 'object', required: ['records', 'next'],
      properties: {
        records: {
          type: 'array',
          items: {
            type: 'object', required: ['id', 'subjectUscc', 'fields', 'publicity'],
            properties: {
              id: { type: 'integer' }, subjectUscc: nullableText,
              fields: openObject('公示的字段（已脱敏），键为字段名', 'the published fields (masked), keyed by field name'),
              publicity: {
                type: 'object', required: ['regime', 'rulesVersion', 'until', 'published'],
                properties: {
                  regime: { type: 'string' }, rulesVersion: { type: 'integer' }, until: { type: 'string' }, published: { type: 'boolean' },
                },
              },
            },
          },
        },
        next: { ...nullableInt, description: zhEn('下一页的 after，无则为 null', 'the next page\'s after, or null') },
      },
    },
    ...errors(404),
  },
} as const;

export const repairSchema = {
  operationId: 'repairRecord', tags: ['public'], summary: zhEn('信用修复：停止公示并通知订阅方', 'credit repair: end publication and tell subscribers'),
  description: zhEn('须给出依据；未满最短公示期时拒绝', 'a basis is required; refused before the minimum period'),
  params: numericIdParams('标准记录 ID', 'golden record id'),
  body: {
    type: 'object',
    properties: { basis: text('修复依据', 'the basis', { examples: ['《信用修复管理办法》第十条'] }), note: text('备注', 'a note') },
  },
  response: {
    200: {
      type: 'object', required: ['goldenId', 'status', 'version', 'regime', 'delivered', 'deliveryWorkflowId', 'deliveryPending'],
      properties: {
        goldenId: { type: 'integer' }, status: { type: 'string' }, version: { type: 'integer' }, regime: { type: 'string' },
        delivered: int('已送达订阅方的记录数', 'records sent to subscribers'), deliveryWorkflowId: { type: 'string' },
        deliveryPending: { type: 'boolean' },
      },
    },
    ...guarded(404, 409, 422, 503),
  },
} as const;
