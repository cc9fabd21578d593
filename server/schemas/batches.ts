// Request and response schemas of the batch routes (server/routes/batches.ts).
import type { SwaggerTransform } from '@fastify/swagger';
import { batchIdParams, guarded, listOf, ref, text, zhEn } from './common.ts';
import { variationProps } from './components.ts';

const tags = ['batches'];
const anyBoolText = { type: 'string', enum: ['true', 'false'] } as const;

/** The upload's form, documented in OpenAPI (app.ts adds it): a multipart body is read by the
 * handler as a stream, so fastify does not validate it. Fields may also come in the query. */
export const uploadForm = {
  type: 'object', required: ['file'],
  properties: {
    file: text('抽取文件：CSV（UTF-8/GBK/GB18030）或 .xlsx', 'the extract: CSV (UTF-8/GBK/GB18030) or .xlsx', { format: 'binary' }),
    agency: text('报送单位（默认调用方的单位）', 'agency (defaults to the caller\'s)'),
    dataset: text('数据集', 'dataset'), channel: text('通道', 'channel'),
    wait: { ...anyBoolText, description: zhEn('等待批次处理完', 'wait until the batch is processed') },
  },
} as const;

const uploadAnswer = {
  type: 'object', required: ['batchId', 'workflowId', 'duplicate', 'batch'],
  properties: {
    batchId: { type: 'string' }, workflowId: text('Temporal 工作流 ID', 'Temporal workflow id'),
    duplicate: text('同一文件已接收过，未重复处理', 'this exact file was received before; nothing is processed again', { type: 'boolean' }),
    batch: ref('Batch'),
  },
} as const;

export const uploadSchema = {
  operationId: 'uploadExtract', tags,
  summary: zhEn('上传抽取文件', 'upload an extract'),
  description: zhEn('multipart 字段 file；agency、dataset、channel、wait 可在查询串或表单中。新文件 202，重复文件 200',
    'multipart field file; agency, dataset, channel and wait in the query or the form. 202 for a new file, 200 for a duplicate'),
  consumes: ['multipart/form-data'],
  querystring: {
    type: 'object',
    properties: { agency: { type: 'string' }, dataset: { type: 'string' }, channel: { type: 'string' }, wait: anyBoolText },
  },
  response: { 200: uploadAnswer, 202: uploadAnswer, ...guarded(404, 422, 503) },
} as const;

export const listBatchesSchema = {
  operationId: 'listBatches', tags, summary: zhEn('调用方可读的批次', 'the batches the caller may read'),
  description: zhEn('单位只看到自己的批次', 'an agency sees only its own'),
  response: { 200: listOf('batches', ref('Batch')), ...guarded() },
} as const;

export const getBatchSchema = {
  operationId: 'getBatch', tags, summary: zhEn('批次及其计数', 'a batch and its counts'),
  description: zhEn('无权读取时 403，不存在时 404', '403 when not the caller\'s to read, 404 when unknown'),
  params: batchIdParams, response: { 200: ref('Batch'), ...guarded(404) },
} as const;

export const reportSchema = {
  operationId: 'getValidationReport', tags, summary: zhEn('批次校验报告', 'a batch\'s validation report'),
  description: zhEn('计数、按原因与字段的拒收、版式、清洗与首批拒收行', 'figures, rejects by reason and field, layout, cleaning and the first rejected rows'),
  params: batchIdParams, response: { 200: ref('ValidationReport'), ...guarded(404) },
} as const;

export const variationSchema = {
  operationId: 'qualityVariation', tags: ['quality'], summary: zhEn('各单位需要的规范化', 'normalisations each agency needed'),
  description: zhEn('仅统计调用方可读的批次', 'over the batches the caller may read'),
  querystring: { type: 'object', properties: { agency: text('单位', 'agency'), dataset: text('数据集', 'dataset') } },
  response: {
    200: {
      type: 'object', required: ['agencies'],
      properties: {
        agencies: {
          type: 'array',
          items: {
            type: 'object', required: ['agency', 'dataset', 'batches', 'received', 'layout', 'rules'],
            properties: {
              agency: { type: 'string' }, dataset: { type: 'string' }, batches: { type: 'integer' }, received: { type: 'integer' },
              ...variationProps,
            },
          },
        },
      },
    },
    ...guarded(),
  },
} as const;

export const rejectsSchema = {
  operationId: 'downloadRejects', tags, summary: zhEn('下载拒收行及原因', 'download the rejected rows with their reasons'),
  description: zhEn('CSV（可改后重传）或 NDJSON；未知的 format 按 CSV', 'CSV (fix and send again) or NDJSON; an unknown format means CSV'),
  params: batchIdParams,
  querystring: { type: 'object', properties: { format: text('csv 或 ndjson', 'csv or ndjson', { examples: ['csv', 'ndjson'] }) } },
  produces: ['text/csv', 'application/x-ndjson'],
  response: {
    200: {
      description: zhEn('拒收行', 'the rejected rows'),
      content: {
        'text/csv': { schema: { type: 'string' } },
        'application/x-ndjson': { schema: { type: 'string', description: zhEn('每行一个 JSON 对象', 'one JSON object a line') } },
      },
    },
    ...guarded(404),
  },
} as const;

/** Adds the form to the upload's OpenAPI operation only (route config swaggerTransform). */
export const documentUploadForm: SwaggerTransform = ({ schema, url }) => ({
  schema: { ...schema, body: uploadForm } as typeof schema, url,
});
