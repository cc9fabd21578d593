// The payloads several routes share, registered once with app.addSchema and referenced by $ref;
// the OpenAPI document lists them under components.schemas by their $id. Every property the CLI,
// the UI and the tests read is declared: fastify serializes through these schemas and drops what
// is not. Objects keyed by data (counts by code, a record's fields) stay open.
import type { FastifyInstance } from 'fastify';
import {
  bilingual, dateTime, ErrorBody, int, nullableDateTime, nullableInt, nullableNumber, nullableText, openObject, text, zhEn,
} from './common.ts';

const strings = { type: 'array', items: { type: 'string' } } as const;
const labelled = (more: Record<string, unknown>, required: string[]) => ({
  type: 'object', required: [...required, 'zh', 'en'], properties: { ...more, zh: { type: 'string' }, en: { type: 'string' } },
}) as const;

export const Batch = {
  $id: 'Batch', type: 'object',
  description: zhEn('批次：某单位经某通道上报的某数据集的一次抽取', 'a batch: one extract of a dataset from an agency through a channel'),
  required: ['id', 'dataset', 'agency', 'channel', 'status', 'counts', 'createdAt'],
  properties: {
    id: text('批次 ID', 'batch id'), dataset: { type: 'string' }, agency: { type: 'string' }, channel: { type: 'string' },
    fileName: { type: 'string' }, fileSha256: { type: 'string' }, fileBytes: { type: 'integer' }, format: { type: 'string' },
    encoding: { type: 'string' }, headers: strings, columnMap: { type: 'array', items: nullableText },
    layout: { type: ['object', 'null'], additionalProperties: true, description: zhEn('表头位置与跳过的行', 'header line and skipped lines') },
    catalogVersion: { type: 'integer' }, landingPath: { type: 'string' },
    status: text('状态', 'status', { examples: ['running', 'done', 'failed'] }), step: nullableText,
    counts: openObject('各环节计数（received、accepted、rejected、rejectedByCode…）',
      'counts per step (received, accepted, rejected, rejectedByCode…)'),
    error: { description: zhEn('失败原因（失败时）', 'why it failed, when it did') },
    createdBy: { type: 'string' }, createdAt: dateTime, finishedAt: nullableDateTime, updatedAt: dateTime,
    origin: {
      description: zhEn('抽取得来的批次：连接器、数据源、查询与游标范围（上传的批次为 null）',
        'a pulled batch: connector, source, query and cursor range (null for an upload)'),
      anyOf: [{ type: 'null' }, {
        type: 'object',
        properties: {
          connector: { type: 'string' }, source: { type: 'string' }, query: { type: 'string' }, cursorFrom: nullableText, cursorTo: nullableText,
          rows: { type: 'integer' }, full: { type: 'boolean' },
        },
      }],
    },
  },
} as const;

export const variationProps = {
  layout: { type: 'array', items: labelled({ kind: { type: 'string' }, lines: { type: 'integer' } }, ['kind', 'lines']) },
  rules: {
    type: 'array',
    items: labelled({
      rule: { type: 'string' }, cells: { type: 'integer' }, rows: { type: 'integer' },
      fields: { type: 'array', items: labelled({ field: { type: 'string' }, cells: { type: 'integer' } }, ['field', 'cells']) },
    }, ['rule', 'cells', 'rows', 'fields']),
  },
} as const;

export const Variation = {
  $id: 'Variation', type: 'object', required: ['layout', 'rules'], properties: variationProps,
  description: zhEn('需要的规范化：版式与清洗规则', 'normalisations needed: layout and clean rules'),
} as const;

export const ValidationReport = {
  $id: 'ValidationReport', type: 'object',
  description: zhEn('批次校验报告', 'a batch\'s validation report'),
  required: ['batch', 'figures', 'byReason', 'byField', 'layout', 'variation', 'sample'],
  properties: {
    batch: { $ref: 'Batch#' },
    figures: {
      type: 'object', required: ['received', 'accepted', 'rejected', 'acceptedShare'],
      properties: {
        received: { type: 'integer' }, accepted: { type: 'integer' }, rejected: { type: 'integer' }, acceptedShare: { type: 'number' },
      },
    },
    byReason: {
      type: 'array',
      items: labelled({
        code: { type: 'string' }, rows: { type: 'integer' },
        next: { ...bilingual, description: zhEn('单位应当怎么做', 'what the agency should do') },
      }, ['code', 'rows']),
    },
    byField: { type: 'array', items: labelled({ field: { type: 'string' }, rows: { type: 'integer' } }, ['field', 'rows']) },
    layout: {
      type: 'object', required: ['headerLine', 'skipped'],
      properties: {
        headerLine: { type: 'integer' },
        skipped: {
          type: 'array',
          items: labelled({ line: { type: 'integer' }, kind: { type: 'string' }, text: { type: 'string' } }, ['line', 'kind', 'text']),
        },
      },
    },
    variation: { $ref: 'Variation#' },
    sample: {
      type: 'array',
      items: labelled({
        row: int('行号', 'row number'), line: int('文件中的物理行', 'physical line in the file'), field: nullableText,
        fieldZh: nullableText, fieldEn: nullableText, code: { type: 'string' }, value: nullableText, path: nullableText,
      }, ['row', 'line', 'code']),
    },
  },
} as const;

export const DecisionOutcome = {
  $id: 'DecisionOutcome', type: 'object', required: ['taskId', 'action', 'open'],
  properties: {
    taskId: { type: 'integer' }, action: { type: 'string' }, goldenId: nullableInt, version: nullableInt,
    open: int('该批次仍待处理的事项数', 'items of the batch still open'),
  },
} as const;

export const Delivery = {
  $id: 'Delivery', type: 'object',
  description: zhEn('分发：已送达、按目录规则未下发（withheld:原因）或投递失败（failing）', 'a delivery: delivered, withheld:<why>, or failing'),
  required: ['id', 'subscription', 'status'],
  properties: {
    id: { type: 'integer' }, subscription: { type: 'string' }, batchId: nullableText, key: { type: 'string' }, status: { type: 'string' },
    records: { type: 'integer' }, tombstones: { type: 'integer' }, withheld: { type: 'integer' }, attempts: { type: 'integer' },
    lastError: nullableText, location: nullableText, createdAt: dateTime, acknowledgedAt: nullableDateTime,
  },
} as const;

export const CodeCheck = {
  $id: 'CodeCheck', type: 'object',
  description: zhEn('代码按其标准的校验结果', 'a code checked against its standard'),
  required: ['input', 'normalized', 'kind', 'valid', 'status', 'reasons', 'parts'],
  properties: {
    input: { type: 'string' }, normalized: { type: 'string' }, kind: { type: 'string' }, valid: { type: 'boolean' },
    status: { type: 'string' },
    reasons: { type: 'array', items: { type: 'object', additionalProperties: true, description: zhEn('不通过的原因', 'why it fails') } },
    parts: openObject('可读出的组成部分（区划、组织机构代码…）', 'the named pieces read (division, orgcode…)'),
    placeholder: { type: 'boolean' },
  },
} as const;

export const CodeMapping = {
  $id: 'CodeMapping', type: 'object',
  required: ['input', 'normalized', 'kind', 'valid', 'uscc', 'candidates', 'zh', 'en'],
  properties: {
    input: { type: 'string' }, normalized: { type: 'string' }, kind: { type: 'string' }, valid: { type: 'boolean' },
    uscc: nullableText, method: nullableText, confidence: nullableNumber, name: nullableText,
    candidates: { type: 'array', items: { type: 'object', properties: { uscc: { type: 'string' }, name: { type: 'string' } } } },
    zh: { type: 'string' }, en: { type: 'string' },
  },
} as const;

export const CatalogVersionInfo = {
  $id: 'CatalogVersionInfo', type: 'object', required: ['id', 'sha256', 'importedBy', 'importedAt'],
  properties: {
    id: { type: 'integer' }, sha256: { type: 'string' }, importedBy: { type: 'string' }, importedAt: dateTime, sourceName: nullableText,
    restores: { ...nullableInt, description: zhEn('恢复了哪个早先版本的内容', 'the earlier version whose content this one restores') },
  },
} as const;

export const COMPONENTS = [
  ErrorBody, Batch, Variation, ValidationReport, DecisionOutcome, Delivery, CodeCheck, CodeMapping, CatalogVersionInfo,
] as const;

export function registerComponents(app: FastifyInstance): void {
  for (const schema of COMPONENTS) app.addSchema(schema);
}
