// Request and response schemas of the steward routes (server/routes/steward.ts).
import { bilingual, dateTime, guarded, int, nullableDateTime, nullableInt, nullableNumber, nullableText, numericIdParams, openObject, pageQuery, ref, text, zhEn }
  from './common.ts';

const tags = ['steward'];

const KINDS = ['conflict', 'suspected_duplicate', 'uncertain_link', 'case_dispute'];

/** One item of the queue as a page lists it. */
const queueItem = {
  type: 'object',
  required: ['id', 'kind', 'status', 'batchId', 'rowNo', 'agency', 'dataset', 'kindName', 'reasonName', 'createdAt'],
  properties: {
    id: { type: 'integer' }, kind: text('类型', 'kind', { examples: KINDS }), status: text('状态', 'status', { examples: ['open', 'decided'] }),
    batchId: { type: 'string' }, rowNo: { type: 'integer' }, agency: { type: 'string' }, agencyName: { anyOf: [bilingual, { type: 'null' }] },
    dataset: { type: 'string' }, subjectName: nullableText, subjectRegion: nullableText,
    detail: openObject('事项详情（冲突的值、候选主体…）', 'the item\'s detail (values in conflict, candidates…)'),
    createdAt: dateTime, escalatedAt: nullableDateTime, decidedAt: nullableDateTime, decidedBy: nullableText, score: nullableNumber,
    differs: { type: 'array', items: { type: 'string' }, description: zhEn('不一致的字段', 'the fields that differ') },
    kindName: bilingual, reasonName: bilingual,
  },
} as const;

const counts = {
  type: 'object', required: ['byKind', 'byStatus', 'capped'],
  description: zhEn('筛选徽标的计数（按类型、按状态；超过 capped 时只计到 capped+1）', 'badge counts per kind and status (counted up to capped+1)'),
  properties: {
    byKind: { type: 'object', additionalProperties: { type: 'integer' } }, byStatus: { type: 'object', additionalProperties: { type: 'integer' } },
    capped: { type: 'integer' },
  },
} as const;

export const listTasksSchema = {
  operationId: 'listStewardTasks', tags, summary: zhEn('待数据管理员处理的事项（分页）', 'the steward queue, a page at a time'),
  description: zhEn('数据冲突、主体关联待确认、疑似重复；区级只见本区。total 超过一万时为估计（totalIsEstimate）',
    'conflicts, uncertain subject links, suspected duplicates; a district sees its own; total past 10,000 is an estimate (totalIsEstimate)'),
  querystring: {
    type: 'object', additionalProperties: false,
    properties: {
      ...pageQuery.properties,
      status: text('状态（默认待处理）', 'status (open by default)', { enum: ['open', 'decided', 'reopened'] }),
      kind: text('类型', 'kind', { enum: KINDS }),
      dataset: text('数据集', 'dataset', { minLength: 1, maxLength: 100, examples: ['admin_penalty'] }),
      agency: text('上报单位', 'the agency that sent the row', { minLength: 1, maxLength: 100, examples: ['city_market_regulation'] }),
      region: text('主体登记区划（6 位区县代码或前缀）', 'where the subject is registered (a 6-digit district code or a prefix)',
        { pattern: '^[0-9]{2,6}$', examples: ['120101'] }),
      olderThanDays: int('只看超过这么多天的', 'only items older than this many days', { minimum: 0, maximum: 3650 }),
      escalated: { type: 'boolean', description: zhEn('只看已升级（true）或未升级（false）', 'escalated only (true) or not escalated (false)') },
      sort: text('排序：age 等待时长、created 创建时间、dataset 数据集、score 分数', 'sort: age, created, dataset, score',
        { enum: ['age', 'created', 'dataset', 'score'] }),
      order: text('asc 或 desc（默认按排序项：最久、最新、A–Z、最高）', 'asc or desc (default per sort: oldest, newest, A–Z, highest)', { enum: ['asc', 'desc'] }),
    },
  },
  response: {
    200: {
      type: 'object', required: ['total', 'totalIsEstimate', 'tasks', 'counts'],
      properties: { total: { type: 'integer' }, totalIsEstimate: { type: 'boolean' }, tasks: { type: 'array', items: queueItem }, counts },
    },
    ...guarded(),
  },
} as const;

const source = {
  anyOf: [{ type: 'null' }, {
    type: 'object', required: ['batchId', 'rowNo', 'agency', 'channel', 'fileName', 'receivedAt'],
    properties: {
      batchId: { type: 'string' }, rowNo: { type: 'integer' }, agency: { type: 'string' }, agencyName: { anyOf: [bilingual, { type: 'null' }] },
      channel: { type: 'string' }, fileName: { type: 'string' }, receivedAt: dateTime, goldenId: { type: 'integer' }, version: { type: 'integer' },
    },
  }],
} as const;

export const taskViewSchema = {
  operationId: 'getStewardTask', tags, summary: zhEn('一个事项：两侧逐字段并列', 'one item, both sides field by field'),
  description: zhEn('每个字段两侧的值及来源、是否不同、规则与建议的说明、早先的决定',
    'each field on both sides with sources, what differs, the rule and suggestion in words, earlier decisions'),
  params: numericIdParams('事项 ID', 'item id'),
  response: {
    200: {
      type: 'object',
      required: [...queueItem.required, 'rule', 'sides', 'fields', 'subject', 'actions', 'history', 'applied'],
      properties: {
        ...queueItem.properties,
        note: nullableText,
        rule: { type: 'object', required: ['code', 'zh', 'en'], properties: { code: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } } },
        suggestion: {
          anyOf: [{ type: 'null' }, {
            type: 'object', required: ['zh', 'en'],
            properties: { side: { enum: ['a', 'b', null] }, action: nullableText, zh: { type: 'string' }, en: { type: 'string' } },
          }],
        },
        sides: { type: 'object', required: ['a', 'b'], properties: { a: source, b: source } },
        fields: {
          type: 'array',
          items: {
            type: 'object', required: ['name', 'label', 'a', 'b', 'differs', 'material'],
            properties: {
              name: { type: 'string' }, label: bilingual, a: nullableText, b: nullableText, differs: { type: 'boolean' }, material: { type: 'boolean' },
            },
          },
        },
        subject: { type: 'object', required: ['a', 'b', 'differs'], properties: { a: nullableText, b: nullableText, differs: { type: 'boolean' } } },
        candidates: { type: 'array', items: openObject('候选主体', 'a candidate subject') },
        applied: { type: 'boolean', description: zhEn('权威来源的值已先行生效', 'the authoritative values already took effect') },
        dispute: {
          type: 'object', required: ['cases', 'claims'],
          description: zhEn('联合奖惩主体异议：涉及的案件及各部门的说法', 'a measure dispute: its cases and what each department claims'),
          properties: {
            cases: { type: 'array', items: { type: 'integer' } },
            claims: { type: 'array', items: { type: 'object', additionalProperties: true } },
          },
        },
        actions: {
          type: 'array',
          items: {
            type: 'object', required: ['action', 'zh', 'en'], properties: { action: { type: 'string' }, zh: { type: 'string' }, en: { type: 'string' } },
          },
        },
        decision: { anyOf: [{ type: 'null' }, openObject('现行决定', 'the decision in force')] },
        history: {
          type: 'array',
          items: {
            type: 'object', required: ['id', 'taskId', 'action', 'actionName', 'decidedBy', 'decidedAt'],
            properties: {
              id: { type: 'integer' }, taskId: { type: 'integer' }, goldenId: nullableInt, action: { type: 'string' }, actionName: bilingual,
              decision: openObject('决定', 'the decision'), note: nullableText, decidedBy: { type: 'string' }, decidedAt: dateTime,
              undoneAt: nullableDateTime, undoneBy: nullableText, undoNote: nullableText,
            },
          },
        },
      },
    },
    ...guarded(404),
  },
} as const;

const fieldChoices = {
  type: 'object', additionalProperties: {
    type: 'object', required: ['take'], additionalProperties: false,
    properties: { take: { type: 'string', enum: ['a', 'b', 'value'] }, value: { type: 'string', maxLength: 2000 } },
  },
  description: zhEn('逐字段：{ 字段: { take: a|b|value, value } }；关联主体用 $subject',
    'field by field: { field: { take: a|b|value, value } }; $subject for the linked subject'),
  examples: [{ fine_amount: { take: 'b' }, penalty_content: { take: 'a' }, remarks: { take: 'value', value: '经核实' } }],
} as const;

const decisionBody = {
  type: 'object', additionalProperties: true, required: ['action'],
  description: zhEn('处理方式：fields（逐字段）、take_held、take_incoming、set_values（values）、keep_apart、reject、merge、link（uscc）、no_subject',
    'the action: fields (field by field), take_held, take_incoming, set_values (values), keep_apart, reject, merge, link (uscc), no_subject'),
  properties: {
    action: { type: 'string' }, values: { type: 'object', additionalProperties: { type: 'string' } }, uscc: { type: 'string' }, fields: fieldChoices,
  },
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
      decision: decisionBody,
      note: text('理由（随决定保存）', 'why, kept with the decision', { maxLength: 2000 }),
    },
  },
  response: { 200: ref('DecisionOutcome'), ...guarded(404, 409, 422, 503) },
} as const;

const reopenOutcome = {
  type: 'object', required: ['taskId', 'undone', 'action', 'records', 'reopens'],
  properties: {
    taskId: { type: 'integer' }, undone: int('撤销的决定编号', 'the decision undone'), action: { type: 'string' },
    records: {
      type: 'array', description: zhEn('恢复的标准记录及撤销生成的版本', 'records put back, with the version the undo made'),
      items: { type: 'object', required: ['id', 'version'], properties: { id: { type: 'integer' }, version: { type: 'integer' } } },
    },
    reopens: int('该事项被撤销的次数', 'times the item was reopened'),
  },
} as const;

export const reopenTaskSchema = {
  operationId: 'reopenStewardTask', tags, summary: zhEn('撤销一个决定（重新打开事项）', 'undo a decision (reopen the item)'),
  description: zhEn('事项重新待处理；决定改变的标准记录以新版本恢复原值（历史只追加），记入审计',
    'the item is open again; records the decision changed get their earlier values back as new versions (history is appended), audited'),
  params: numericIdParams('事项 ID', 'item id'),
  body: { type: ['object', 'null'], properties: { note: text('撤销理由', 'why it is undone', { maxLength: 2000 }) } },
  response: { 200: reopenOutcome, ...guarded(404, 422, 503) },
} as const;

const bulkBody = {
  type: 'object', required: ['taskId', 'decision'],
  properties: { taskId: int('作为样例的事项', 'the item the decision was made on', { minimum: 1 }), decision: decisionBody },
} as const;

export const bulkPreviewSchema = {
  operationId: 'previewStewardBulk', tags, summary: zhEn('批量应用前预览同类事项', 'preview the similar items a decision would apply to'),
  description: zhEn('同类：同一类型、数据集、规则、同一组不一致字段且每个字段的差异形态相同（仅 A 有值、仅 B 有值、两侧不同）',
    'similar: the same kind, dataset, rule, set of differing fields, and shape of each difference (only A has a value, only B, both differ)'),
  body: bulkBody,
  response: {
    200: {
      type: 'object', required: ['count', 'more', 'ids', 'token', 'pattern', 'decision', 'sample'],
      properties: {
        count: { type: 'integer' }, more: { type: 'boolean' }, ids: { type: 'array', items: { type: 'integer' } }, token: { type: 'string' },
        pattern: {
          type: 'object', required: ['kind', 'kindName', 'dataset', 'datasetName', 'rule', 'ruleName', 'differs'],
          properties: {
            kind: { type: 'string' }, kindName: bilingual, dataset: { type: 'string' }, datasetName: bilingual, rule: { type: 'string' }, ruleName: bilingual,
            differs: { type: 'array', items: { type: 'object', required: ['field', 'label'], properties: { field: { type: 'string' }, label: bilingual } } },
          },
        },
        decision: { type: 'object', required: ['action', 'actionName'], properties: { action: { type: 'string' }, actionName: bilingual } },
        sample: { type: 'array', items: queueItem },
      },
    },
    ...guarded(404, 422),
  },
} as const;

export const bulkApplySchema = {
  operationId: 'applyStewardBulk', tags, summary: zhEn('批量应用一个决定', 'apply a decision to the previewed items'),
  description: zhEn('只处理预览时的那些事项；集合变化则拒绝（CDF_BULK_CHANGED）。每项单独处理、单独审计',
    'decides exactly the previewed items, refused if the set changed (CDF_BULK_CHANGED); each item is decided and audited on its own'),
  body: {
    type: 'object', required: bulkBody.required,
    properties: {
      ...bulkBody.properties,
      token: text('预览的 token', 'the preview\'s token', { maxLength: 64 }),
      expectedIds: { type: 'array', items: { type: 'integer' }, maxItems: 1000, description: zhEn('或：预览的事项编号', 'or: the previewed ids') },
      note: text('理由（随每个决定保存）', 'why, kept with each decision', { maxLength: 2000 }),
    },
  },
  response: {
    200: {
      type: 'object', required: ['applied', 'failed', 'results'],
      properties: {
        applied: { type: 'integer' }, failed: { type: 'integer' },
        results: {
          type: 'array',
          items: {
            type: 'object', required: ['taskId', 'ok'],
            properties: {
              taskId: { type: 'integer' }, ok: { type: 'boolean' }, outcome: ref('DecisionOutcome'),
              error: { type: 'object', properties: { code: { type: 'string' }, message: bilingual } },
            },
          },
        },
      },
    },
    ...guarded(404, 422),
  },
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
