// startStrandedBatches: the batches an upload recorded while Temporal could not be reached
// (services/upload.ts answers CDF_ORCHESTRATOR_UNAVAILABLE and keeps the file) get their ingestBatch
// workflows, each under its batch's own id and outliving this sweep, as a pull's do. Started by a
// Temporal schedule every few minutes (runtime/schedules.ts), so it runs as soon as Temporal is back.
// A batch still received only because its workflow waits behind others is found running: skipped.
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import type { StrandedOutcome, StrandedSweepInput } from './contract.ts';
import { startIngestChild } from './start-ingest.ts';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 5 } });

export async function startStrandedBatches(input: StrandedSweepInput = {}): Promise<StrandedOutcome> {
  const { batchIds, escalateAfter } = await acts.strandedBatches({ olderThanSeconds: input.olderThanSeconds ?? 120, limit: input.limit ?? 200 });
  // Every start in one workflow task, not one task per batch.
  const starts = await Promise.allSettled(batchIds.map((batchId) => startIngestChild({ batchId, escalateAfter })));
  const refused = starts.find((s): s is PromiseRejectedResult => s.status === 'rejected' && !(s.reason instanceof WorkflowExecutionAlreadyStartedError));
  if (refused) throw refused.reason;
  return { found: batchIds.length, started: batchIds.filter((_, i) => starts[i]!.status === 'fulfilled') };
}
