// Request and response schemas of the agency routes (server/routes/agency.ts): the datasets the
// catalogue assigns to an agency, with their fields explained, and each dataset's upload template.
import { bilingual, dateTime, guarded, int, nullableDateTime, text, zhEn } from './common.ts';

const tags = ['agency'];
const strings = { type: 'array', items: { type: 'string' } } as const;
const example = { ...bilingual, required: ['zh', 'en', 'example'], properties: { ...bilingual.properties, example: { type: 'string' } } } as const;

const field = {
  type: 'object', required: ['name', 'zh', 'en', 'column', 'kind', 'required', 'requiredWhen', 'codeList', 'format'],
  properties: {
    name: text('字段代码', 'field code'), zh: text('标准中文名（模板表头）', 'the standard\'s Chinese name (the template header)'),
    en: { type: 'string' }, column: text('列代码', 'column code'), kind: text('字段类型', 'field kind'),
    required: { type: 'boolean' },
    requiredWhen: { anyOf: [bilingual, { type: 'null' }], description: zhEn('条件必填时的条件', 'when a conditionally required field is required') },
    codeList: { anyOf: [strings, { type: 'null' }], description: zhEn('代码表取值', 'code list values') },
    format: { ...example, description: zhEn('取值要求（白话）及示例', 'what a value must look like, in plain words, with an example') },
  },
} as const;

const assigned = {
  type: 'object',
  required: ['dataset', 'name', 'standard', 'channels', 'frequency', 'lastUpload', 'overdue', 'fields', 'templates'],
  properties: {
    dataset: { type: 'string' }, name: bilingual,
    standard: {
      type: 'object', required: ['zh', 'en', 'version'], properties: { zh: { type: 'string' }, en: { type: 'string' }, version: { type: 'string' } },
    },
    channels: {
      type: 'array',
      items: {
        type: 'object', required: ['channel', 'name', 'authoritative'],
        properties: { channel: { type: 'string' }, name: bilingual, authoritative: { type: 'boolean' } },
      },
    },
    frequency: {
      type: 'object', required: ['code', 'zh', 'en', 'days'],
      properties: {
        code: text('报送频率', 'frequency', { examples: ['daily'] }), zh: { type: 'string' }, en: { type: 'string' }, days: int('周期天数', 'days in a period'),
      },
    },
    lastUpload: {
      anyOf: [
        { type: 'object', required: ['batchId', 'at', 'status'], properties: { batchId: { type: 'string' }, at: dateTime, status: { type: 'string' } } },
        { type: 'null' },
      ],
    },
    overdue: {
      type: 'object', required: ['overdue', 'dueAt', 'days'],
      properties: {
        overdue: text('已逾期（从未上报也算）', 'overdue (never sent counts too)', { type: 'boolean' }), dueAt: nullableDateTime,
        days: int('逾期天数', 'days overdue'),
      },
    },
    fields: { type: 'array', items: field },
    templates: { type: 'object', required: ['csv', 'xlsx'], properties: { csv: { type: 'string' }, xlsx: { type: 'string' } } },
  },
} as const;

const agencyQuery = { type: 'object', properties: { agency: text('单位（仅管理员）', 'agency (admins only)') } } as const;

export const agencyDatasetsSchema = {
  operationId: 'listAgencyDatasets', tags,
  summary: zhEn('本单位须报送的数据集', 'the datasets the agency must supply'),
  description: zhEn('目录分配给调用方单位的数据集：字段说明、频率、最近上报、是否逾期、模板链接。管理员用 agency 指明单位',
    'the datasets the catalogue assigns to the caller\'s agency: fields explained, frequency, last upload, overdue, template links. Admins name the agency'),
  querystring: agencyQuery,
  response: {
    200: {
      type: 'object', required: ['agency', 'agencyName', 'datasets'],
      properties: { agency: { type: 'string' }, agencyName: bilingual, datasets: { type: 'array', items: assigned } },
    },
    ...guarded(),
  },
} as const;

export const templateSchema = {
  operationId: 'downloadTemplate', tags,
  summary: zhEn('下载上报模板', 'download the upload template'),
  description: zhEn('标准中文表头和一行可通过校验的示例；CSV 为带 BOM 的 UTF-8，XLSX 单元格均为文本',
    'the standard\'s Chinese headers and one example row that passes validation; CSV in UTF-8 with a BOM, XLSX cells as text'),
  params: { type: 'object', required: ['dataset'], properties: { dataset: text('数据集', 'dataset', { minLength: 1 }) } },
  querystring: {
    type: 'object',
    properties: {
      format: { type: 'string', enum: ['csv', 'xlsx'], description: zhEn('csv（默认）或 xlsx', 'csv (default) or xlsx') }, agency: agencyQuery.properties.agency,
    },
  },
  produces: ['text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  response: {
    200: {
      description: zhEn('模板文件', 'the template file'),
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } },
      },
    },
    ...guarded(404),
  },
} as const;
