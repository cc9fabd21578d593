// ingestBatch: one batch through receive → clean → link → compare → sync → distribute. Only ids
// and counts pass through Temporal; the rows stay in PostgreSQL. Each step is an idempotent
// activity that heartbeats, so a worker lost mid-step is replaced and the step resumes.
import { ApplicationFailure, defineQuery, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';

// Link runs before compare: whether two copies of a disclosure agree depends on the subject they
// link to, not on which code each copy carried. Histories recorded with the first order replay it.
export const PIPELINE_STEPS = ['receive', 'clean', 'link', 'compare', 'sync', 'distribute'] as const;
export type PipelineStep = (typeof PIPELINE_STEPS)[number];
const FIRST_ORDER: readonly PipelineStep[] = ['receive', 'clean', 'compare', 'link', 'sync', 'distribute'];

export interface IngestBatchInput {
  batchId: string;
}

export interface IngestProgress {
  step: PipelineStep | 'finish' | 'done' | 'failed';
  completed: Partial<Record<PipelineStep, Record<string, number>>>;
}

export const progressQuery = defineQuery<IngestProgress>('progress');

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
});

export async function ingestBatch({ batchId }: IngestBatchInput) {
  const progress: IngestProgress = { step: 'receive', completed: {} };
  setHandler(progressQuery, () => progress);
  try {
    for (const step of patched('link-before-compare') ? PIPELINE_STEPS : FIRST_ORDER) {
      progress.step = step;
      progress.completed[step] = await acts[step]({ batchId });
    }
    progress.step = 'finish';
    const counts = await acts.finish({ batchId });
    progress.step = 'done';
    return { batchId, counts };
  } catch (e) {
    progress.step = 'failed';
    const cause = e instanceof Error && 'cause' in e && e.cause instanceof ApplicationFailure ? e.cause : e;
    const details = cause instanceof ApplicationFailure ? cause.details?.[0] : undefined;
    await acts.fail({ batchId, error: details ?? { message: e instanceof Error ? e.message : String(e) } });
    throw e;
  }
}
