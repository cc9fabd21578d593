// startStrandedBatches: the batches an upload recorded while Temporal could not be reached
// (services/upload.ts answers CDF_ORCHESTRATOR_UNAVAILABLE and keeps the file) get their ingestBatch
// workflows, each under its batch's own id and outliving this sweep, as a pull's do. Started by a
// Temporal schedule every few minutes (runtime/schedules.ts), so it runs as soon as Temporal is back.
// A batch still received only because its workflow waits behind others is found running: skipped.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { ingestWorkflowId } from './contract.ts';
import type { StrandedOutcome, StrandedSweepInput } from './contract.ts';
import { ingestBatch } from './ingest-batch.ts';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } });

export async function startStrandedBatches(input: StrandedSweepInput = {}): Promise<StrandedOutcome> {
  const { batchIds, escalateAfter } = await acts.strandedBatches({ olderThanSeconds: input.olderThanSeconds ?? 120, limit: input.limit ?? 200 });
  const started: string[] = [];
  for (const batchId of batchIds) {
    try {
      await startChild(ingestBatch, {
        workflowId: ingestWorkflowId(batchId), args: [{ batchId, escalateAfter }],
        parentClosePolicy: ParentClosePolicy.ABANDON, workflowIdReusePolicy: 'ALLOW_DUPLICATE_FAILED_ONLY',
      });
      started.push(batchId);
    } catch (e) {
      if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
    }
  }
  return { found: batchIds.length, started };
}
