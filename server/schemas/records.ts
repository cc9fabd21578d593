// Request and response schemas of golden-record search (server/routes/records.ts).
import { bilingual, dateTime, guarded, int, limitParam, nullableNumber, nullableText, text, zhEn } from './common.ts';

export const searchRecordsSchema = {
  operationId: 'searchRecords', tags: ['records'], summary: zhEn('查询标准记录', 'search golden records'),
  description: zhEn(
    '一个输入框：记录编号、统一社会信用代码（18 位，按国家标准校验）、文号（任意括号写法，按规范化后的文号查找）或名称（模糊）；自动识别；分页；' +
      '区级只见本区登记的主体；个人信息脱敏；total 超过 1000 时为下限（totalIsEstimate）',
    'one box: a record id, a USCC (18 characters, its check character verified), a document number (any bracket, found by its canonical key) or part of ' +
      'a name (fuzzy); detected; paged; a district sees its own subjects only; personal data masked; total beyond 1,000 is a floor (totalIsEstimate)',
  ),
  querystring: {
    type: 'object', required: ['q'],
    properties: {
      q: text('查询内容', 'what to look for', { minLength: 1, maxLength: 200, examples: ['津市监罚〔2026〕12号', '91120104300010024R', '鸿运商贸'] }),
      dataset: text('数据集', 'dataset', { examples: ['admin_penalty'] }),
      limit: { ...limitParam, maximum: 200 }, offset: int('跳过条数', 'skip this many', { minimum: 0, maximum: 100000 }),
    },
  },
  response: {
    200: {
      type: 'object', required: ['query', 'kind', 'kindName', 'key', 'total', 'totalIsEstimate', 'items'],
      properties: {
        query: { type: 'string' },
        kind: { type: 'string', enum: ['id', 'uscc', 'docno', 'name'], description: zhEn('识别出的查询类别', 'what the query was read as') },
        kindName: bilingual, key: text('实际查找的值（文号为规范化后的键）', 'what was looked up (a document number: its canonical key)'),
        valid: { type: 'boolean', description: zhEn('统一社会信用代码校验位是否正确', 'whether a USCC passes its check') },
        hint: bilingual, total: { type: 'integer' }, totalIsEstimate: { type: 'boolean' },
        items: {
          type: 'array',
          items: {
            type: 'object', required: ['id', 'dataset', 'status', 'statusName', 'version'],
            properties: {
              id: { type: 'integer' }, dataset: { type: 'string' }, status: { type: 'string' }, statusName: bilingual, version: { type: 'integer' },
              subjectName: nullableText, subjectUscc: nullableText, documentNumber: nullableText, updatedAt: dateTime, score: nullableNumber,
            },
          },
        },
      },
    },
    ...guarded(),
  },
} as const;
