// Request and response schemas of the lineage and audit routes (server/routes/lineage.ts).
import { batchIdParams, bilingual, dateTime, guarded, int, limitParam, nullableDateTime, nullableInt, nullableNumber, nullableText, openObject, ref, text, zhEn }
  from './common.ts';

const tags = ['lineage'];
/** A record id as typed: checked by the service (a plain 400 for anything but digits, never a 500). */
const recordIdParams = {
  type: 'object', required: ['id'],
  properties: { id: text('标准记录 ID（数字）', 'golden record id (digits)', { minLength: 1, maxLength: 200, examples: ['1024'] }) },
} as const;
const asOf = text('某一时刻：日期或带时区的时间', 'a moment: a date, or a time with its offset', { examples: ['2026-11-01', '2026-11-01T12:00:00+08:00'] });

const cleanChange = {
  type: 'object', required: ['field', 'ruleId', 'ruleVersion'],
  properties: { field: { type: 'string' }, ruleId: { type: 'string' }, ruleVersion: { type: 'integer' }, before: nullableText, after: nullableText },
} as const;
const mergeLink = {
  type: 'object', required: ['goldenId', 'at', 'taskId'],
  description: zhEn('合并：另一条记录、时间、决定事项、决定人', 'a merge: the other record, when, the decision item, who decided'),
  properties: { goldenId: { type: 'integer' }, at: dateTime, taskId: { type: 'integer' }, decidedBy: nullableText, note: nullableText },
} as const;
const mergeFields = {
  mergedInto: { anyOf: [mergeLink, { type: 'null' }], description: zhEn('本记录被合并到的记录', 'the record this one was merged into') },
  mergedFrom: { type: 'array', items: mergeLink, description: zhEn('合并到本记录的记录', 'records merged into this one') },
} as const;

const recordLineageBody = {
  type: 'object',
  description: zhEn('标准记录的血缘：版本、来源（当时的角色）、清洗、关联、人工决定、合并', 'a golden record\'s lineage: versions, sources (roles then), cleaning, link, decisions, merges'),
  required: ['record', 'versions', 'sources', 'decisions', 'mergedInto', 'mergedFrom'],
  properties: {
    record: {
      type: 'object', required: ['id', 'dataset', 'status', 'version'],
      properties: {
        id: { type: 'integer' }, dataset: { type: 'string' }, naturalKey: { type: 'string' }, subjectUscc: nullableText,
        status: { type: 'string' }, version: { type: 'integer' }, value: nullableText,
      },
    },
    field: { type: 'string' }, asOf: dateTime,
    versions: {
      type: 'array',
      items: {
        type: 'object', required: ['version', 'validFrom', 'batchId', 'rowNo'],
        properties: {
          version: { type: 'integer' }, validFrom: dateTime, batchId: { type: 'string' }, rowNo: { type: 'integer' }, value: nullableText,
          fieldSource: openObject('该字段值的来源（非本行时）', 'where the field\'s value came from, when not its own row'),
        },
      },
    },
    sources: {
      type: 'array',
      items: {
        type: 'object', required: ['batchId', 'rowNo', 'role'],
        properties: {
          batchId: { type: 'string' }, rowNo: { type: 'integer' }, role: text('当时的角色', 'its role at the moment asked'), agency: { type: 'string' },
          channel: { type: 'string' }, fileName: { type: 'string' }, fileSha256: { type: 'string' }, catalogVersion: { type: 'integer' },
          receivedAt: dateTime, value: nullableText, received: nullableText, cleanChanges: { type: 'array', items: cleanChange },
          origin: {
            type: 'object', description: zhEn('抽取得来的行：数据源、查询与游标范围（上传的行没有）', 'a pulled row: source, query and cursor range (none for an upload)'),
            properties: {
              connector: { type: 'string' }, source: { type: 'string' }, query: { type: 'string' }, cursorFrom: nullableText, cursorTo: nullableText,
              rows: { type: 'integer' }, full: { type: 'boolean' },
            },
          },
          movedTo: {
            type: 'object', description: zhEn('该行已转到的记录及其角色', 'the record the row has moved to, and its role there'),
            properties: { goldenId: { type: 'integer' }, role: { type: 'string' } },
          },
          link: { type: 'object', properties: { method: nullableText, confidence: nullableNumber, subjectUscc: nullableText } },
        },
      },
    },
    decisions: {
      type: 'array',
      items: {
        type: 'object', required: ['id', 'kind', 'status'],
        properties: {
          id: { type: 'integer' }, kind: { type: 'string' }, status: { type: 'string' }, action: nullableText,
          decision: { description: zhEn('人工决定（原样）', 'the decision as taken') },
          decidedBy: nullableText, decidedAt: nullableDateTime, note: nullableText, batchId: { type: 'string' }, rowNo: { type: 'integer' },
        },
      },
    },
    ...mergeFields,
    cases: {
      type: 'array', description: zhEn('联合奖惩：推送该记录时触发的措施案件及部门反馈（记录 → 分发 → 措施 → 反馈）',
        'joint measures: the cases opened by this record\'s deliveries and the departments\' feedback (record → delivery → measure → feedback)'),
      items: {
        type: 'object', required: ['id', 'deliveryKey', 'department', 'measure', 'status', 'openedAt', 'dueAt'],
        properties: {
          id: { type: 'integer' }, deliveryKey: { type: 'string' }, deliveryId: nullableInt, subscription: { type: 'string' }, department: { type: 'string' },
          measure: { type: 'string' }, version: { type: 'integer' }, openedAt: dateTime, dueAt: dateTime, status: { type: 'string' }, outcome: nullableText,
          departmentName: { anyOf: [bilingual, { type: 'null' }] }, measureName: { anyOf: [bilingual, { type: 'null' }] },
          detail: { anyOf: [openObject('反馈说明', 'the feedback\'s details'), { type: 'null' }] }, feedbackBy: nullableText, feedbackAt: nullableDateTime,
          disputeTaskId: nullableInt, resolution: { anyOf: [openObject('异议的裁定', 'the decision on a dispute'), { type: 'null' }] },
        },
      },
    },
  },
} as const;

export const recordLineageSchema = {
  operationId: 'recordLineage', tags, summary: zhEn('标准记录的血缘', 'a golden record\'s lineage'),
  description: zhEn('版本、原始单元格、清洗规则、关联方式、人工决定、合并；asOf 为某一时刻的血缘（各来源行当时的角色）',
    'versions, cells received, clean rules, link, decisions, merges; asOf: as it stood then (each source row\'s role then)'),
  params: recordIdParams,
  querystring: { type: 'object', properties: { field: text('字段名', 'field name'), asOf } },
  response: { 200: recordLineageBody, ...guarded(404) },
} as const;

const node = {
  type: 'object', required: ['id', 'column', 'kind', 'title', 'fields', 'evidence'],
  properties: {
    id: { type: 'string' }, column: { type: 'string' }, kind: { type: 'string' }, title: bilingual,
    code: text('代码（角色、方式、处理方式、状态）', 'the code (role, method, action, status)'), codeName: bilingual, at: nullableDateTime,
    fields: { type: 'array', items: { type: 'string' }, description: zhEn('涉及的字段（空：整行）', 'the fields it concerns (none: the whole row)') },
    evidence: openObject('证据：原始行、前后值、决定人与时间、版本字段、分发结果', 'evidence: the raw row, before/after, who decided and when, fields, outcome'),
  },
} as const;
const labelTable = { type: 'object', additionalProperties: bilingual } as const;

export const recordGraphSchema = {
  operationId: 'recordLineageGraph', tags, summary: zhEn('标准记录的血缘图', 'a golden record\'s lineage graph'),
  description: zhEn('源数据行 → 清洗 → 关联 → 决定 → 版本 → 分发，每个节点带证据；field 给出该字段值的来路（trace）',
    'source rows → clean → link → decisions → versions → deliveries, each node with its evidence; field: the path of that field\'s value (trace)'),
  params: recordIdParams,
  querystring: { type: 'object', properties: { asOf, field: text('追溯的字段', 'the field to trace') } },
  response: {
    200: {
      type: 'object', required: ['record', 'columns', 'nodes', 'edges', 'mergedInto', 'mergedFrom', 'labels'],
      properties: {
        record: { ...recordLineageBody.properties.record, properties: { ...recordLineageBody.properties.record.properties, statusName: bilingual } },
        asOf: dateTime,
        columns: { type: 'array', items: { type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: bilingual } } },
        nodes: { type: 'array', items: node },
        edges: {
          type: 'array',
          items: {
            type: 'object', required: ['from', 'to', 'kind'], properties: { from: { type: 'string' }, to: { type: 'string' }, kind: { type: 'string' } },
          },
        },
        ...mergeFields,
        trace: {
          type: 'object', required: ['field', 'nodes'],
          properties: { field: { type: 'string' }, value: nullableText, nodes: { type: 'array', items: { type: 'string' } } },
        },
        labels: {
          type: 'object', description: zhEn('各代码的中英文名称', 'the names of the codes'),
          properties: {
            roles: labelTable, statuses: labelTable, actions: labelTable, linkMethods: labelTable, taskStatuses: labelTable, deliveryStatuses: labelTable,
            columns: labelTable,
          },
        },
      },
    },
    ...guarded(404),
  },
} as const;

export const batchLineageSchema = {
  operationId: 'batchLineage', tags, summary: zhEn('批次的正向血缘', 'a batch\'s forward lineage'),
  description: zhEn('生成的记录（分页）、版本与分发；row 只看一行；total 超过 10000 时为下限（totalIsEstimate）',
    'records made (paged), versions and deliveries; row: one row only; total beyond 10,000 is a floor (totalIsEstimate)'),
  params: batchIdParams,
  querystring: {
    type: 'object',
    properties: { row: int('行号', 'row number', { minimum: 1 }), limit: limitParam, offset: int('跳过条数', 'skip this many', { minimum: 0 }) },
  },
  response: {
    200: {
      type: 'object', required: ['batchId', 'rows', 'records', 'roleNames', 'versions', 'deliveries', 'subscriptionNames', 'total', 'totalIsEstimate'],
      properties: {
        batchId: { type: 'string' }, total: { type: 'integer' }, totalIsEstimate: { type: 'boolean' },
        rows: {
          type: 'array',
          items: { type: 'object', properties: { rowNo: { type: 'integer' }, goldenId: { type: 'integer' }, role: { type: 'string' } } },
        },
        records: {
          type: 'array', description: zhEn('这些行所属的记录及其当前状态', 'the records these rows are sources of, and their status now'),
          items: { type: 'object', properties: { goldenId: { type: 'integer' }, status: { type: 'string' }, statusName: bilingual } },
        },
        roleNames: { type: 'object', additionalProperties: bilingual, description: zhEn('本页各角色的名称', 'the names of the roles on this page') },
        subscriptionNames: { type: 'object', additionalProperties: bilingual, description: zhEn('各订阅的名称', 'the subscriptions\' names') },
        versions: {
          type: 'array',
          items: {
            type: 'object', properties: { goldenId: { type: 'integer' }, version: { type: 'integer' }, rowNo: { type: 'integer' }, validFrom: dateTime },
          },
        },
        deliveries: { type: 'array', items: ref('Delivery') },
      },
    },
    ...guarded(404),
  },
} as const;

export const auditVerifySchema = {
  operationId: 'verifyAuditChain', tags: ['audit'], summary: zhEn('校验审计哈希链', 'verify the audit hash chain'),
  description: zhEn('result：intact（完整）或 broken（断开）；broken 为第一处断裂（无则为 null）', 'result: intact or broken; broken: the first break, or null'),
  response: {
    200: {
      type: 'object', required: ['result', 'resultName', 'entries', 'broken', 'firstAt', 'lastAt'],
      properties: {
        result: { type: 'string', enum: ['intact', 'broken'] }, resultName: bilingual,
        entries: int('校验通过的条目数', 'entries verified'),
        firstAt: { ...nullableText, description: zhEn('第一条记录的时间', 'when the first entry was written') },
        lastAt: { ...nullableText, description: zhEn('最后一条校验通过的记录的时间', 'when the last verified entry was written') },
        broken: {
          anyOf: [{
            type: 'object', required: ['seq', 'reason', 'zh', 'en'],
            properties: {
              seq: { type: 'integer' }, reason: { type: 'string', enum: ['hash', 'prev', 'gap'] }, zh: { type: 'string' }, en: { type: 'string' },
              at: nullableText, kind: nullableText, actor: nullableText,
            },
          }, { type: 'null' }],
          description: zhEn('第一处断裂：序号、原因、该处记录的时间、类别、操作者', 'the first break: entry number, why, and the entry found there'),
        },
      },
    },
    ...guarded(),
  },
} as const;
