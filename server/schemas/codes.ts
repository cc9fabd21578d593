// Request and response schemas of the identifier routes (server/routes/codes.ts).
import { guarded, listOf, ref, text, zhEn } from './common.ts';

const tags = ['codes'];

// One code or several (code=A&code=B); ajv turns a single value into a list. The handler still
// refuses an empty list and more than 1,000 with its own messages.
const codesQuery = {
  type: 'object',
  properties: {
    code: { type: 'array', items: { type: 'string' }, description: zhEn('代码，可重复（最多 1000 个）', 'a code; repeat it (at most 1,000)') },
  },
} as const;

export const checkCodesSchema = {
  operationId: 'checkCodes', tags, summary: zhEn('按标准校验代码', 'check codes against their standard'),
  description: zhEn('统一社会信用代码、组织机构代码、注册号、税号、公民身份号码', 'USCC, organisation code, registration number, tax number, resident ID'),
  querystring: codesQuery,
  response: { 200: listOf('results', ref('CodeCheck')), ...guarded() },
} as const;

export const mapCodesSchema = {
  operationId: 'mapCodes', tags, summary: zhEn('经法人登记信息把旧代码换成统一社会信用代码', 'map legacy codes to the USCC through the registry'),
  description: zhEn('给出方法和置信度；多个主体共用时列出候选', 'with the method and confidence; candidates when several subjects share it'),
  querystring: codesQuery,
  response: { 200: listOf('results', ref('CodeMapping')), ...guarded() },
} as const;

export const linkQualitySchema = {
  operationId: 'qualityLink', tags: ['quality'], summary: zhEn('各单位的关联质量（换码率、重错码率）', 'link quality per agency'),
  description: zhEn('仅统计调用方可读的批次', 'over the batches the caller may read'),
  querystring: { type: 'object', properties: { agency: text('单位', 'agency') } },
  response: {
    200: {
      type: 'object', required: ['agencies'],
      properties: {
        agencies: {
          type: 'array',
          items: {
            type: 'object', required: ['agency', 'batches'],
            properties: {
              agency: { type: 'string' }, batches: { type: 'integer' },
              organisations: { type: 'integer' }, withoutUscc: { type: 'integer' },
              converted: { type: 'integer' }, codeConflictRows: { type: 'integer' }, conversionRate: { type: 'number' },
              wrongCodePerMille: { type: 'number' },
            },
          },
        },
      },
    },
    ...guarded(),
  },
} as const;
