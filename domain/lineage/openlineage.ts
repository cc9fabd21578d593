// A batch's run through the pipeline as OpenLineage run events: for each step a START and a
// COMPLETE (or FAIL where the batch failed), built from what PostgreSQL recorded — the batch, and
// each completed step's stats and time — never from the clock, so exporting a run twice gives the
// same events with the same ids.
//
// Jobs are named `<dataset>.<step>` (admin_penalty.clean), not `<step>`: a job in OpenLineage is
// something whose runs are comparable, and the clean step of penalties reads and writes different
// datasets, with different columns, from the clean step of licences. One job `clean` for all would
// make a lineage server version the job at every batch of another dataset and draw every dataset
// through one node. The runs of one batch share a parent: the batch's own run of `<dataset>.ingestBatch`.
import type { PipelineStep } from '../pipeline.ts';
import { uuidV5, URL_NAMESPACE } from './name-uuid.ts';
import { EventType, facet, PRODUCER, SPEC_URL } from './openlineage-facets.ts';
import type { Facet, RunEvent } from './openlineage-facets.ts';
import { stepDatasets } from './step-datasets.ts';
import type { LineageDataset } from './step-datasets.ts';

export type { RunEvent } from './openlineage-facets.ts';

export const JOB_NAMESPACE = 'credit-data-factory';

/** What each step does, for the job's documentation facet; the keys are every pipeline step. */
const STEPS: Record<PipelineStep, string> = {
  receive: '接收：文件逐行写入不可变的原始行 / receive: the file streamed into immutable raw rows',
  clean: '清洗：映射表头、规范化、校验，拒收不合格行 / clean: headers mapped, values normalised and validated, bad rows rejected',
  link: '关联：主体解析为统一社会信用代码 / link: subjects resolved to a USCC',
  compare: '比对：按自然键与标准记录和本批其他行比较 / compare: rows classified against golden records and the rest of the batch',
  sync: '同步：择优后写入标准记录及其版本 / sync: survivorship applied, golden records and versions written',
  distribute: '分发：变更投递给每个订阅 / distribute: changes delivered to each subscription',
};

export interface StepRecord {
  step: PipelineStep;
  stats: Record<string, number>;
  doneAt: Date;
}

/** The batch as the pipeline recorded it: what the events say of it (db/batches.ts's Batch has it all). */
export interface BatchSummary {
  id: string; dataset: string; agency: string; channel: string; fileName: string; fileSha256: string; catalogVersion: number;
  headers: string[]; columnMap: (string | null)[]; status: string; step: string | null; error: unknown;
  createdAt: Date; finishedAt: Date | null; updatedAt: Date;
  /** The completed steps, from batch_steps. */
  steps: StepRecord[];
};

export interface RunEventsInput {
  batch: BatchSummary;
  dataset: LineageDataset;
  registry?: LineageDataset;
  subscriptions: string[];
}

// One namespace UUID for the project, derived from its producer URI, so our run ids cannot
// collide with another producer's name-based ids for the same batch id.
const RUN_ID_NAMESPACE = uuidV5(URL_NAMESPACE, PRODUCER);
export const batchRunId = (batchId: string): string => uuidV5(RUN_ID_NAMESPACE, `batch/${batchId}`);
export const stepRunId = (batchId: string, step: PipelineStep): string => uuidV5(RUN_ID_NAMESPACE, `batch/${batchId}/${step}`);
export const jobName = (dataset: string, step: PipelineStep | 'ingestBatch'): string => `${dataset}.${step}`;

export function buildRunEvents(input: RunEventsInput): RunEvent[] {
  const b = input.batch;
  // Only pipeline steps are runs; anything else batch_steps may hold is not one.
  const done = b.steps.filter((s) => Object.hasOwn(STEPS, s.step)).sort((x, y) => x.doneAt.getTime() - y.doneAt.getTime());
  const events: RunEvent[] = [];
  // A step starts when the one before it is done (the first when the batch was received).
  let startedAt = b.createdAt;
  for (const s of done) {
    events.push(runEvent(input, EventType.start, startedAt, s.step), runEvent(input, EventType.complete, s.doneAt, s.step, s.stats));
    startedAt = s.doneAt;
  }
  const current = b.step;
  if (current && Object.hasOwn(STEPS, current) && !done.some((s) => s.step === current)) {
    const step = current as PipelineStep;
    events.push(runEvent(input, EventType.start, startedAt, step));
    if (b.status === 'failed') events.push(runEvent(input, EventType.fail, b.updatedAt, step, undefined, failureMessage(b.error)));
  }
  return events;
}

function runEvent(input: RunEventsInput, eventType: EventType, at: Date, step: PipelineStep, stats?: Record<string, number>, error?: string): RunEvent {
  const b = input.batch;
  const { inputs, outputs } = stepDatasets(step, { ...b, dataset: input.dataset, registry: input.registry, subscriptions: input.subscriptions });
  const facets: Record<string, Facet> = {
    parent: facet(SPEC_URL.parent, { run: { runId: batchRunId(b.id) }, job: { namespace: JOB_NAMESPACE, name: jobName(b.dataset, 'ingestBatch') } }),
    cdf_rowLineage: rowLineageFacet(b, step, stats),
    ...(error !== undefined ? { errorMessage: facet(SPEC_URL.errorMessage, { message: error, programmingLanguage: 'TypeScript' }) } : {}),
  };
  return {
    eventType, eventTime: at.toISOString(), producer: PRODUCER, schemaURL: SPEC_URL.runEvent,
    run: { runId: stepRunId(b.id, step), facets },
    job: {
      namespace: JOB_NAMESPACE, name: jobName(b.dataset, step),
      facets: {
        jobType: facet(SPEC_URL.jobType, { processingType: 'BATCH', integration: 'CREDIT_DATA_FACTORY', jobType: 'TASK' }),
        documentation: facet(SPEC_URL.documentation, { description: STEPS[step] }),
      },
    },
    inputs, outputs,
  };
}

/** Our custom facet: where the row-level lineage of this run is, and the step's row counts. */
function rowLineageFacet(b: BatchSummary, step: PipelineStep, stats?: Record<string, number>): Facet {
  // Timings kept with some steps' stats (link's msUscc, fuzzyLookupMs) are not row counts, and
  // differ between runs of the same data.
  const rowCounts = stats && Object.fromEntries(Object.entries(stats).filter(([k, v]) => typeof v === 'number' && !/^ms[A-Z]|Ms$/.test(k)));
  return facet(SPEC_URL.rowLineage, {
    batchId: b.id, step, api: `/api/lineage/batches/${encodeURIComponent(b.id)}`, cli: `cdf lineage --batch ${b.id}`,
    agency: b.agency, channel: b.channel, fileName: b.fileName, fileSha256: b.fileSha256, catalogVersion: b.catalogVersion,
    ...(b.finishedAt ? { batchFinishedAt: b.finishedAt.toISOString() } : {}),
    ...(rowCounts ? { rowCounts } : {}),
  });
}

/** The batch's recorded error (a CdfError's JSON, or a plain message) as one line, zh-CN first. */
function failureMessage(error: unknown): string {
  const e = (error ?? {}) as { code?: unknown; message?: unknown; messageEn?: unknown };
  const text =
    typeof e.message === 'string'
      ? typeof e.messageEn === 'string' && e.messageEn !== e.message
        ? `${e.message} / ${e.messageEn}`
        : e.message
      : JSON.stringify(error ?? null);
  return typeof e.code === 'string' ? `${e.code}: ${text}` : text;
}
