// ingestBatch: one batch through receive → clean → link → compare → sync → distribute. Only ids
// and counts pass through Temporal; the rows stay in PostgreSQL. Each step is an idempotent
// activity that heartbeats, so a worker lost mid-step is replaced and the step resumes.
import { ApplicationFailure, condition, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { ActivityOptions } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';
import { partsTaskQueue } from '../domain/pipeline.ts';
import { checkDecision } from '../domain/steward/decision.ts';
import { decideUpdate, PIPELINE_STEPS, progressQuery } from './contract.ts';
import { asUpdateFailure, refusing } from './failures.ts';
import type { IngestBatchInput, IngestBatchResult, IngestProgress, PipelineStep } from './contract.ts';

// The step list, inputs, progress and the update/query definitions are the contract's
// (workflows/contract.ts); these re-exports keep older importers (bench, tests) working.
export { decideUpdate, PIPELINE_STEPS, progressQuery } from './contract.ts';
export type { IngestBatchInput, IngestProgress, PipelineStep } from './contract.ts';

// Histories recorded before link moved ahead of compare replay the first order.
const FIRST_ORDER: readonly PipelineStep[] = ['receive', 'clean', 'compare', 'link', 'sync', 'distribute'];

const STEP_OPTIONS: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
};
const acts = proxyActivities<Activities>(STEP_OPTIONS);
// A lineage server may be down for hours: its events are retried slowly and hold up nothing else.
const lineage = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
});

/** Clean, split into row ranges that run at once on every worker polling the parts queue. */
async function cleanInParts(batchId: string): Promise<Record<string, number>> {
  const parts = await acts.cleanPlan({ batchId });
  // On the parts queue, which each worker polls with as many slots as it cleans parts at once
  // (partsTaskQueue); histories from before it replay the batch's own queue.
  const run = patched('parts-queue')
    ? proxyActivities<Activities>({ ...STEP_OPTIONS, taskQueue: partsTaskQueue(workflowInfo().taskQueue) }) : acts;
  await Promise.all(parts.map((p) => run.cleanPart({ batchId, ...p })));
  return acts.cleanFinish({ batchId });
}

/** Compare, split into ranges of natural keys that run at once on every worker, then a finish
 * that sees the batch whole. */
async function compareInParts(batchId: string): Promise<Record<string, number>> {
  const parts = await acts.comparePlan({ batchId });
  // On the batch's own queue: a range's work is PostgreSQL's, whichever process sends it, and a
  // process sends at most its slots of them at once (sqlSlots).
  await Promise.all(parts.map((p) => acts.comparePart({ batchId, ...p })));
  return acts.compareFinish({ batchId });
}

/** Distribute, each subscription its own activity, all at once. */
async function distributeInParts(batchId: string): Promise<Record<string, number>> {
  const subscriptions = await acts.distributePlan({ batchId });
  const parts = await Promise.all(subscriptions.map((subscription) => acts.distributeTo({ batchId, subscription })));
  const done = await acts.distributeFinish({ batchId, parts });
  // Each measure pushed to a department opens a case with a workflow of its own (measureCase).
  if (patched('measure-cases')) await acts.openCases({ batchId });
  return done;
}

export async function ingestBatch({ batchId, escalateAfter = '72 hours' }: IngestBatchInput): Promise<IngestBatchResult> {
  const progress: IngestProgress = { step: 'receive', completed: {} };
  setHandler(progressQuery, () => progress);
  // Decisions may arrive as soon as an item exists (the link step queues some before sync); they
  // are applied once the batch's own steps are through, so a decision never races its sync.
  let pipelineDone = false;
  let open = 0;
  setHandler(decideUpdate, async (d) => {
    await condition(() => pipelineDone);
    try {
      const outcome = await acts.applyDecision({ batchId, ...d });
      await acts.distributeDecision({ batchId, taskId: d.taskId, goldenId: outcome.goldenId });
      // A decided record delivered to a department with a measure opens cases like the batch's own delivery.
      if (patched('measure-cases-decisions')) await acts.openCases({ batchId });
      open = outcome.open;
      return outcome;
    } catch (e) {
      // The caller gets the reason (unknown item, already decided, values off the standard); the
      // workflow goes on waiting for the other items.
      throw asUpdateFailure(e);
    }
  }, { validator: refusing(checkDecision) });
  try {
    for (const step of patched('link-before-compare') ? PIPELINE_STEPS : FIRST_ORDER) {
      progress.step = step;
      progress.completed[step] = step === 'clean' && patched('clean-in-parts') ? await cleanInParts(batchId)
        : step === 'compare' && patched('compare-in-parts') ? await compareInParts(batchId)
        : step === 'distribute' && patched('distribute-per-subscription') ? await distributeInParts(batchId)
        : await acts[step]({ batchId });
    }
    progress.step = 'finish';
    const counts = await acts.finish({ batchId });
    progress.step = 'done';
    // Not awaited until the end: the run's lineage events go out while stewards decide.
    const emitted = patched('openlineage') ? lineage.emitOpenLineage({ batchId }) : Promise.resolve(0);
    if (patched('steward-wait')) {
      // Rows waiting for a steward did not hold the batch; the workflow now waits for their
      // decisions (each one released through sync and distribute by the update handler), and
      // escalates what stays undecided.
      open = await acts.openTasks({ batchId });
      pipelineDone = true;
      if (open > 0) progress.step = 'awaiting_stewards';
      while (open > 0) {
        if (!(await condition(() => open === 0, escalateAfter))) await acts.escalate({ batchId });
      }
      progress.step = 'done';
    }
    await emitted;
    return { batchId, counts };
  } catch (e) {
    progress.step = 'failed';
    const cause = e instanceof Error && 'cause' in e && e.cause instanceof ApplicationFailure ? e.cause : e;
    const details = cause instanceof ApplicationFailure ? cause.details?.[0] : undefined;
    await acts.fail({ batchId, error: details ?? { message: e instanceof Error ? e.message : String(e) } });
    throw e;
  }
}
