// Every data label a client shows, from where it is defined: dataset names from the catalogue's
// dataset definitions (catalog/datasets/*.yaml), channel names from the catalogue, error titles and
// next steps from the error table, and the pipeline's steps and states. The UI keeps none of its
// own (GET /api/labels), so a name changed here is changed everywhere.
import { CHANNEL_NAMES } from '../catalog/catalog-file.ts';
import { datasetCodes, datasetDefinition } from '../catalog/dataset-definition.ts';
import { ERROR_CODES } from '../domain/errors.ts';
import type { Bilingual, CodeText, ErrorCode } from '../domain/errors.ts';
import type { PipelinePhase } from '../domain/pipeline.ts';
import { TASK_KINDS, TASK_REASONS } from './steward.ts';

/** The pipeline's steps and the states besides them, as a batch's `step` names them. */
export const STEP_NAMES = {
  receive: { zh: '接收', en: 'receive' },
  clean: { zh: '清洗', en: 'clean' },
  link: { zh: '关联', en: 'link' },
  compare: { zh: '比对', en: 'compare' },
  sync: { zh: '同步', en: 'sync' },
  distribute: { zh: '分发', en: 'distribute' },
  finish: { zh: '收尾', en: 'finishing' },
  done: { zh: '完成', en: 'done' },
  failed: { zh: '失败', en: 'failed' },
  awaiting_stewards: { zh: '等待数据管理员处理', en: 'awaiting the stewards' },
} as const satisfies Record<PipelinePhase, Bilingual>;

/** A batch's status (batches.status). */
export const BATCH_STATUS_NAMES = {
  received: { zh: '已接收', en: 'received' },
  running: { zh: '处理中', en: 'running' },
  done: { zh: '完成', en: 'done' },
  failed: { zh: '失败', en: 'failed' },
} as const satisfies Record<string, Bilingual>;

/** Why a delivery was withheld (deliveries.status `withheld:<reason>`, domain/distribute/policy.ts). */
export const WITHHELD_NAMES = {
  no_grant: { zh: '有条件共享，订阅单位无有效授权', en: 'conditional share without a grant in force' },
  not_shared: { zh: '不予共享', en: 'not shared' },
  not_published: { zh: '该条目不公示', en: 'the entry is not published' },
  no_entry: { zh: '目录中无此提供条目', en: 'no such entry in the catalogue' },
} as const satisfies Record<string, Bilingual>;

export interface Labels {
  datasets: Record<string, Bilingual>;
  /** Each dataset's field names (the standard's Chinese name and its English one), by field code. */
  fields: Record<string, Record<string, Bilingual>>;
  channels: Record<string, Bilingual>;
  steps: Record<PipelinePhase, Bilingual>;
  batchStatuses: Record<string, Bilingual>;
  withheld: Record<string, Bilingual>;
  /** The steward queue's kinds of item and why one was raised (services/steward.ts). */
  stewardKinds: Record<string, Bilingual>;
  stewardReasons: Record<string, Bilingual>;
  errors: Record<ErrorCode, CodeText>;
}

const fieldNames = (dataset: string): Record<string, Bilingual> =>
  Object.fromEntries(datasetDefinition(dataset).fields.map((f) => [f.name, { zh: f.zh, en: f.en }]));

export function labels(): Labels {
  return {
    datasets: Object.fromEntries(datasetCodes().map((c) => [c, datasetDefinition(c).name])),
    fields: Object.fromEntries(datasetCodes().map((c) => [c, fieldNames(c)])),
    channels: CHANNEL_NAMES,
    steps: STEP_NAMES,
    batchStatuses: BATCH_STATUS_NAMES,
    withheld: WITHHELD_NAMES,
    stewardKinds: TASK_KINDS,
    stewardReasons: TASK_REASONS,
    errors: ERROR_CODES,
  };
}
