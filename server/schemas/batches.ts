// Request and response schemas of the batch routes (server/routes/batches.ts).
import type { SwaggerTransform } from '@fastify/swagger';
import { batchIdParams, bilingual, guarded, int, nullableNumber, nullableText, pageOf, pageQuery, ref, text, zhEn } from './common.ts';
import { Batch, variationProps } from './components.ts';

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

const figureInts = [
  'rows', 'accepted', 'rejected', 'duplicates', 'suspectedDuplicates', 'conflicts', 'outOfResponsibility', 'newRecords', 'newVersions', 'delivered',
];
const figures = {
  type: 'object', required: [...figureInts, 'conversionRate', 'variation'],
  description: zhEn('质量数字：疑似重复与冲突分列，新建标准记录与已有记录的新版本分列',
    'quality figures: suspected duplicates apart from conflicts, new golden records apart from new versions of records held'),
  properties: {
    ...Object.fromEntries(figureInts.map((k) => [k, { type: 'integer' }])),
    conversionRate: { ...nullableNumber, description: zhEn('换码率（未关联时为空）', 'conversion rate (null when not linked)') },
    variation: text('变化报告地址', 'the variation report\'s address'),
  },
} as const;

/** A batch in a list: the batch without what only its report needs (headers, layout), and its figures. */
const batchListItem = {
  type: 'object', required: [...Batch.required, 'figures'],
  properties: {
    id: Batch.properties.id, dataset: Batch.properties.dataset, agency: Batch.properties.agency, channel: Batch.properties.channel,
    fileName: Batch.properties.fileName, fileBytes: Batch.properties.fileBytes, status: Batch.properties.status, step: Batch.properties.step,
    counts: Batch.properties.counts, createdAt: Batch.properties.createdAt, finishedAt: Batch.properties.finishedAt, updatedAt: Batch.properties.updatedAt,
    origin: Batch.properties.origin, figures,
  },
} as const;

export const listBatchesSchema = {
  operationId: 'listBatches', tags, summary: zhEn('调用方可读的批次（分页，新的在前）', 'the batches the caller may read (paged, newest first)'),
  description: zhEn('单位只看到自己的批次；可按数据集、状态（及单位）筛选', 'an agency sees only its own; filter by dataset, status (and agency)'),
  querystring: {
    type: 'object',
    properties: {
      ...pageQuery.properties, dataset: text('数据集', 'dataset'), status: text('状态', 'status', { examples: ['done', 'failed', 'running'] }),
      agency: text('单位', 'agency'),
    },
  },
  response: { 200: pageOf('batches', batchListItem), ...guarded() },
} as const;

export const batchEventsSchema = {
  operationId: 'streamBatchEvents', tags,
  summary: zhEn('批次实时进度（服务器推送事件）', 'a batch\'s live progress (server-sent events)'),
  description: zhEn(
    'text/event-stream：每当读取行数、接受、拒收、当前环节或状态变化时发送 progress 事件，最后发送 final 事件（完成或失败）后结束；' +
      '每个事件的 data 为 JSON：batchId、status、step、stepName、received、cleaned、accepted、rejected、final、figures、error',
    'text/event-stream: a progress event whenever rows read, accepted, rejected, the current step or the status change, ' +
      'then a final event (done or failed) and the end; ' +
      'each event\'s data is JSON: batchId, status, step, stepName, received, cleaned, accepted, rejected, final, figures, error',
  ),
  params: batchIdParams,
  produces: ['text/event-stream'],
  response: {
    200: { description: zhEn('事件流', 'the event stream'), content: { 'text/event-stream': { schema: { type: 'string' } } } },
    ...guarded(404),
  },
} as const;

const expected = {
  type: 'object', required: ['zh', 'en', 'example'],
  properties: { zh: { type: 'string' }, en: { type: 'string' }, example: { type: 'string' } },
} as const;

export const reportReasonsSchema = {
  operationId: 'getReportByReason', tags, summary: zhEn('校验报告：按原因分组', 'the validation report grouped by reason'),
  description: zhEn('每个原因：白话说明、怎么改、拒收行数与单元格数、各字段应填什么（含示例）',
    'per reason: plain words, what to do, rows and cells refused, what each field expected with an example'),
  params: batchIdParams,
  response: {
    200: {
      type: 'object', required: ['batchId', 'figures', 'reasons'],
      properties: {
        batchId: { type: 'string' },
        figures: figures,
        reasons: {
          type: 'array',
          items: {
            type: 'object', required: ['code', 'title', 'next', 'rows', 'cells', 'fields'],
            properties: {
              code: { type: 'string' }, title: bilingual, next: bilingual, rows: { type: 'integer' }, cells: { type: 'integer' },
              fields: {
                type: 'array',
                items: {
                  type: 'object', required: ['field', 'zh', 'en', 'rows', 'cells', 'expected'],
                  properties: {
                    field: nullableText, zh: { type: 'string' }, en: { type: 'string' }, rows: { type: 'integer' }, cells: { type: 'integer' }, expected,
                  },
                },
              },
            },
          },
        },
      },
    },
    ...guarded(404),
  },
} as const;

export const reportCellsSchema = {
  operationId: 'listReportCells', tags, summary: zhEn('校验报告：某原因的拒收单元格（分页）', 'the validation report: the cells refused for one reason (paged)'),
  params: batchIdParams,
  querystring: {
    type: 'object', required: ['reason'],
    properties: { ...pageQuery.properties, reason: text('原因（错误代码）', 'the reason (error code)', { minLength: 1, examples: ['CDF_ROW_SCHEMA'] }) },
  },
  response: {
    200: pageOf('cells', {
      type: 'object', required: ['row', 'line', 'field', 'fieldZh', 'fieldEn', 'value', 'zh', 'en'],
      properties: {
        row: int('行号（从表头起算）', 'row (from the header)'), line: int('文件中的行', 'line in the file'), field: nullableText,
        fieldZh: { type: 'string' }, fieldEn: { type: 'string' }, value: { ...nullableText, description: zhEn('文件中的原值', 'the value as received') },
        zh: { type: 'string' }, en: { type: 'string' },
      },
    }),
    ...guarded(404),
  },
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
