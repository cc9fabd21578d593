// Request and response schemas of the operator's routes: deliveries paged, the catalogue's tree,
// diff and lists, the quality dashboard and timeliness now, and the links to the systems beside the factory.
import { bilingual, dateTime, guarded, int, nullableDateTime, nullableText, openObject, pageQuery, text, zhEn } from './common.ts';

const versionNo = (zh: string, en: string) => int(zh, en, { minimum: 1 });
const timeParam = (zh: string, en: string) => text(zh, en, { examples: ['2026-11-01', '2026-11-01T12:00:00+08:00'] });
const integer = { type: 'integer' } as const;
const number = { type: 'number' } as const;

const delivery = {
  type: 'object',
  required: ['id', 'subscription', 'status', 'records', 'tombstones', 'withheld', 'attempts', 'createdAt'],
  properties: {
    id: integer, subscription: { type: 'string' }, subscriptionName: { anyOf: [bilingual, { type: 'null' }] }, dataset: nullableText,
    batchId: nullableText, key: { type: 'string' },
    status: text('delivered、withheld:<原因>、failing', 'delivered, withheld:<why>, failing'),
    records: integer, tombstones: integer, withheld: int('未下发的记录数', 'records held back'), attempts: integer,
    lastError: nullableText, location: nullableText, createdAt: dateTime, acknowledgedAt: nullableDateTime,
  },
} as const;

export const deliveriesSchema = {
  operationId: 'listDeliveries', tags: ['deliveries'], summary: zhEn('分发记录（分页）', 'deliveries, a page at a time'),
  description: zhEn(
    '最新的在前。status=withheld：整批按目录规则未下发，或部分记录未下发（withheld>0）；counts 为同样筛选下各状态的条数（部分未下发的同时计入 delivered 与 withheld）',
    'newest first. status=withheld: held back whole by the catalogue\'s rules, or some records held back (withheld>0); counts: per status under the same ' +
      'filters (a partly withheld delivery counts as delivered and as withheld)',
  ),
  querystring: {
    type: 'object',
    properties: {
      ...pageQuery.properties,
      status: text('状态', 'status', { enum: ['delivered', 'withheld', 'failing'] }),
      subscription: text('订阅', 'subscription'), dataset: text('数据集', 'dataset'), batch: text('批次 ID', 'batch id'),
      from: timeParam('起（含）', 'from (included)'), to: timeParam('止（日期含当天）', 'to (a date includes that day)'),
    },
  },
  response: {
    200: {
      type: 'object', required: ['total', 'totalIsEstimate', 'counts', 'deliveries'],
      properties: {
        total: integer,
        totalIsEstimate: text('为 true 时计数只数到最新的 2000 条（区、街道范围）', 'true: counted over the newest 2,000 only (a district\'s or street\'s scope)',
          { type: 'boolean' }),
        counts: {
          type: 'object', required: ['all', 'delivered', 'withheld', 'failing'],
          properties: { all: integer, delivered: integer, withheld: integer, failing: integer },
        },
        deliveries: { type: 'array', items: delivery },
      },
    },
    ...guarded(),
  },
} as const;

export const systemLinksSchema = {
  operationId: 'systemLinks', tags: ['system'], summary: zhEn('相关系统的链接', 'links to the systems beside the factory'),
  description: zhEn('Temporal 网页界面：批次的运行在 <temporalUi>/namespaces/<namespace>/workflows/<workflowIdPrefix><批次ID>',
    'the Temporal web UI: a batch\'s run is at <temporalUi>/namespaces/<namespace>/workflows/<workflowIdPrefix><batch id>'),
  response: {
    200: {
      type: 'object', required: ['temporalUi', 'namespace', 'workflowIdPrefix'],
      properties: { temporalUi: text('Temporal 网页界面地址', 'the Temporal web UI'), namespace: { type: 'string' }, workflowIdPrefix: { type: 'string' } },
    },
    ...guarded(),
  },
} as const;

const versionInfo = {
  version: integer, importedBy: { type: 'string' }, importedAt: dateTime, sourceName: nullableText,
} as const;
const versionRequired = ['version', 'importedBy', 'importedAt'] as const;

export const catalogTreeSchema = {
  operationId: 'catalogTree', tags: ['catalog'], summary: zhEn('目录树：区划 → 单位 → 条目', 'the catalogue as a tree: regions → agencies → entries'),
  description: zhEn('节点平铺，parent 指向上级；区划下为在该区划生效的条目，继承自上级的标 inherited 与 inheritedFrom',
    'nodes listed flat, parent names the node above; under a region the entries in force there, those inherited from above marked inherited, inheritedFrom'),
  querystring: { type: 'object', properties: { version: versionNo('目录版本号（默认生效版本）', 'catalogue version (the one in force by default)') } },
  response: {
    200: {
      type: 'object', required: [...versionRequired, 'nodes'],
      properties: {
        ...versionInfo,
        nodes: {
          type: 'array',
          items: {
            type: 'object', required: ['key', 'parent', 'kind', 'code', 'name', 'inherited'],
            properties: {
              key: { type: 'string' }, parent: nullableText, kind: { type: 'string', enum: ['region', 'agency', 'entry'] }, code: { type: 'string' },
              name: bilingual, level: { type: 'string' }, inherited: { type: 'boolean' }, inheritedFrom: { type: 'string' },
              agency: { type: 'object', properties: { uscc: { type: 'string' }, kind: { type: 'string' }, region: { type: 'string' } } },
              entry: openObject('目录条目', 'a catalogue entry'),
            },
          },
        },
      },
    },
    ...guarded(404),
  },
} as const;

const anyValue = { description: zhEn('条目内容', 'the item') } as const;
const sectionChanges = {
  type: 'object', required: ['added', 'removed', 'changed'],
  properties: {
    added: { type: 'array', items: { type: 'object', required: ['key', 'after'], properties: { key: { type: 'string' }, after: anyValue } } },
    removed: { type: 'array', items: { type: 'object', required: ['key', 'before'], properties: { key: { type: 'string' }, before: anyValue } } },
    changed: {
      type: 'array',
      items: {
        type: 'object', required: ['key', 'before', 'after', 'fields'],
        properties: {
          key: { type: 'string' }, before: anyValue, after: anyValue,
          fields: { type: 'array', items: { type: 'object', required: ['field'], properties: { field: { type: 'string' }, from: anyValue, to: anyValue } } },
        },
      },
    },
  },
} as const;
const SECTIONS = ['regions', 'agencies', 'datasets', 'entries', 'subscriptions', 'grants', 'measures'];

export const catalogDiffSchema = {
  operationId: 'diffCatalogVersions', tags: ['catalog'], summary: zhEn('两个目录版本的差异', 'what changed between two catalogue versions'),
  description: zhEn('按区划、单位、数据集、条目、订阅、授权、惩戒措施分节：新增（内容）、删除（原内容）、修改（前后内容与变化的字段）',
    'section by section (regions, agencies, datasets, entries, subscriptions, grants, measures): added (the item), removed (what it was), ' +
      'changed (before, after, fields)'),
  querystring: {
    type: 'object', required: ['from', 'to'],
    properties: { from: versionNo('起始版本号', 'version from'), to: versionNo('目标版本号', 'version to') },
  },
  response: {
    200: {
      type: 'object', required: ['from', 'to', 'same', 'counts', 'sections'],
      properties: {
        from: { type: 'object', required: versionRequired, properties: versionInfo },
        to: { type: 'object', required: versionRequired, properties: versionInfo },
        same: text('两个版本内容相同', 'the two versions hold the same content', { type: 'boolean' }),
        counts: { type: 'object', required: ['added', 'removed', 'changed'], properties: { added: integer, removed: integer, changed: integer } },
        sections: { type: 'object', required: SECTIONS, properties: Object.fromEntries(SECTIONS.map((s) => [s, sectionChanges])) },
      },
    },
    ...guarded(404),
  },
} as const;

const catalogListSchema = (list: string, operationId: string, zh: string, en: string) => ({
  operationId, tags: ['catalog'], summary: zhEn(`目录中的${zh}（分页）`, `the catalogue's ${en}, a page at a time`),
  description: zhEn('默认为生效的目录版本', 'from the catalogue version in force unless version is given'),
  querystring: { type: 'object', properties: { ...pageQuery.properties, version: versionNo('目录版本号', 'catalogue version') } },
  response: {
    200: {
      type: 'object', required: [...versionRequired, 'total', list],
      properties: { ...versionInfo, total: integer, [list]: { type: 'array', items: openObject(zh, en) } },
    },
    ...guarded(404),
  },
}) as const;

export const catalogSubscriptionsSchema = catalogListSchema('subscriptions', 'catalogSubscriptions', '订阅', 'subscriptions');
export const catalogGrantsSchema = catalogListSchema('grants', 'catalogGrants', '有条件共享授权', 'share grants');
export const catalogMeasuresSchema = catalogListSchema('measures', 'catalogMeasures', '联合惩戒措施', 'joint punishment measures');

const timelinessShape = {
  type: 'object', required: ['expected', 'onTime', 'late', 'missing', 'onTimeRate', 'overdue', 'neverSeen'],
  properties: {
    expected: int('应报期数', 'periods due'), onTime: int('按时', 'on time'), late: int('迟报（下一期内补报）', 'late (in the next period)'),
    missing: int('缺报', 'missing'), onTimeRate: number,
    overdue: int('当前逾期的目录条目数', 'catalogue entries overdue now'), neverSeen: int('从未报送的目录条目数', 'catalogue entries never supplied'),
  },
} as const;
const rejectsShape = { type: 'array', items: { type: 'object', required: ['code', 'rows'], properties: { code: { type: 'string' }, rows: integer } } } as const;
const figures = {
  batches: integer, received: integer, accepted: integer, rejected: integer,
  organisations: int('涉及法人的行', 'rows about an organisation'), withoutUscc: int('未带有效统一社会信用代码的行', 'rows without a valid USCC'),
  converted: int('其中换码成功', 'of those, converted'), codeConflictRows: int('有重错码的行', 'rows with a code conflict'),
  duplicates: integer, outOfResponsibility: integer, conflicts: integer,
  conversionRate: { type: 'number', description: zhEn('换码率 = converted / withoutUscc', 'conversion rate = converted / withoutUscc') },
  wrongCodePerMille: {
    type: 'number', description: zhEn('重错码率（‰）= codeConflictRows / organisations × 1000', 'wrong-code rate (‰) = codeConflictRows / organisations × 1000'),
  },
  doubleReported: int('重复报送 = duplicates + outOfResponsibility', 'double reported = duplicates + outOfResponsibility'),
  doubleReportingRate: { type: 'number', description: zhEn('重复报送 / accepted', 'double reported / accepted') },
} as const;
const figureKeys = Object.keys(figures);

export const qualityDashboardSchema = {
  operationId: 'qualityDashboard', tags: ['quality'], summary: zhEn('质量看板', 'the quality dashboard'),
  description: zhEn('按区划、单位或数据集：换码率、重错码率、重复报送、及时性、拒收原因，以及按日或周的趋势；默认最近 30 天，最长 366 天',
    'by region, agency or dataset: conversion rate, wrong-code rate, double reporting, timeliness, rejects by reason, and a trend by day or week; ' +
      'the last 30 days by default, 366 at most'),
  querystring: {
    type: 'object',
    properties: {
      by: text('分组', 'group by', { enum: ['region', 'agency', 'dataset'] }), bucket: text('趋势粒度', 'trend bucket', { enum: ['day', 'week'] }),
      from: timeParam('起（含）', 'from (included)'), to: timeParam('止（日期含当天）', 'to (a date includes that day)'),
    },
  },
  response: {
    200: {
      type: 'object', required: ['by', 'bucket', 'from', 'to', 'groups', 'totals', 'trend'],
      properties: {
        by: { type: 'string' }, bucket: { type: 'string' }, from: dateTime, to: dateTime,
        groups: {
          type: 'array',
          items: {
            type: 'object', required: ['key', 'name', ...figureKeys, 'timeliness', 'rejectsByReason'],
            properties: { key: { type: 'string' }, name: bilingual, ...figures, timeliness: timelinessShape, rejectsByReason: rejectsShape },
          },
        },
        totals: {
          type: 'object', required: [...figureKeys, 'timeliness', 'rejectsByReason'],
          properties: { ...figures, timeliness: timelinessShape, rejectsByReason: rejectsShape },
        },
        trend: {
          type: 'array',
          items: { type: 'object', required: ['period', ...figureKeys], properties: { period: text('日或周一', 'day, or the week\'s Monday'), ...figures } },
        },
      },
    },
    ...guarded(),
  },
} as const;

const periodCounts = {
  type: 'object', required: ['expected', 'onTime', 'late', 'missing', 'onTimeRate'],
  properties: {
    expected: int('时间范围内应报期数', 'periods due in the window'), onTime: int('按时', 'on time'), late: int('迟报（下一期内补报）', 'late (in the next period)'),
    missing: int('缺报', 'missing'),
    onTimeRate: { type: 'number', description: zhEn('按时率 = 按时 / (按时 + 迟报 + 缺报)', 'on-time rate = onTime / (onTime + late + missing)') },
  },
} as const;
const timelinessRow = {
  type: 'object',
  required: ['agency', 'agencyName', 'dataset', 'datasetName', 'region', 'regionName', 'channel', 'frequency', 'frequencyName', 'status', 'lastArrival',
    'lastArrivalKind', 'lastBatchId', 'due', 'lateSeconds', 'lateText', 'expectedSince', 'pull', 'periods'],
  properties: {
    agency: { type: 'string' }, agencyName: bilingual, dataset: { type: 'string' }, datasetName: bilingual, region: { type: 'string' }, regionName: bilingual,
    channel: { type: 'string' }, frequency: text('报送频率：realtime、daily、weekly、monthly、quarterly', 'frequency: realtime, daily, weekly, monthly, quarterly'),
    frequencyName: bilingual,
    status: text('overdue 逾期、never_seen 从未报送、on_time 按时', 'overdue, never_seen, on_time', { enum: ['overdue', 'never_seen', 'on_time'] }),
    lastArrival: {
      ...nullableDateTime,
      description: zhEn('最近一次到达：未失败的批次，或成功的拉取（即使没有新数据）', 'the last arrival: a batch not failed, or a successful pull (even one that found nothing new)'),
    },
    lastArrivalKind: { type: ['string', 'null'], enum: ['batch', 'pull', null] }, lastBatchId: nullableText,
    due: {
      ...nullableDateTime,
      description: zhEn('下一次报送的截止时间（中国时间的自然周期；实时为容忍时长）', 'when the next supply is due (calendar periods in China time; realtime: the tolerance)'),
    },
    lateSeconds: int('逾期秒数（未到期为 0）', 'seconds past due (0 when not yet due)'),
    lateText: { ...bilingual, description: zhEn('逾期多久，如“逾期 3 天 4 小时”', 'how late in words, e.g. "3 d 4 h overdue"') },
    expectedSince: { ...nullableDateTime, description: zhEn('从未报送时：条目列入目录的时间', 'never seen: since the entry has been in the catalogue') },
    pull: {
      anyOf: [{ type: 'null' }, {
        type: 'object', required: ['lastSuccessAt', 'lastAttemptAt', 'failures', 'failingSince', 'lastError'],
        description: zhEn('由工厂从单位系统拉取的条目：最近成功、最近尝试、连续失败次数',
          'an entry the factory pulls from the agency\'s system: last success, last attempt, consecutive failures'),
        properties: {
          lastSuccessAt: nullableDateTime, lastAttemptAt: nullableDateTime, failures: int('连续失败次数（>0 即当前失败）', 'consecutive failures (>0: failing now)'),
          failingSince: nullableDateTime, lastError: { description: zhEn('最近一次失败的原因', 'why the last attempt failed') },
        },
      }],
    },
    periods: periodCounts,
  },
} as const;

export const qualityTimelinessSchema = {
  operationId: 'qualityTimeliness', tags: ['quality'], summary: zhEn('报送及时性：谁逾期、逾期多久（分页）', 'timeliness: who is late and by how much, a page at a time'),
  description: zhEn(
    '每个目录条目：最近到达、下次截止、状态与逾期时长，以及时间范围内（默认最近 30 天）各期的按时率；逾期的在前（逾期最久的最前），其次从未报送，最后按时。单位只看到本单位的条目，区、街道看到本辖区的',
    'per catalogue entry: last arrival, when the next is due, status and how late, and the on-time rate of its periods in the window (the last 30 days by ' +
      'default); overdue first (most overdue first), then never seen, then on time. An agency sees its own entries, a district or street its region\'s',
  ),
  querystring: {
    type: 'object',
    properties: {
      ...pageQuery.properties,
      region: text('区划（含下级）', 'region (and those within it)'), agency: text('数源单位', 'agency'), dataset: text('数据集', 'dataset'),
      status: text('状态', 'status', { enum: ['overdue', 'never_seen', 'on_time'] }),
      from: timeParam('按时率统计起（含）', 'on-time rate from (included)'), to: timeParam('按时率统计止（日期含当天）', 'on-time rate to (a date includes that day)'),
    },
  },
  response: {
    200: {
      type: 'object', required: ['now', 'from', 'to', 'total', 'counts', 'rows'],
      properties: {
        now: dateTime, from: dateTime, to: dateTime, total: int('符合筛选的条目数', 'entries matching the filters'),
        counts: {
          type: 'object', required: ['all', 'overdue', 'neverSeen', 'onTime'],
          description: zhEn('按状态计数（不受 status 筛选影响）', 'per status (before the status filter)'),
          properties: { all: integer, overdue: integer, neverSeen: integer, onTime: integer },
        },
        rows: { type: 'array', items: timelinessRow },
      },
    },
    ...guarded(),
  },
} as const;
