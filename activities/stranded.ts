// The batches whose upload was recorded while Temporal could not be reached (services/upload.ts):
// received, never begun. The stranded-batch sweep (workflows/start-stranded.ts) starts their
// workflows; a batch merely queued behind others already has one, which the sweep finds running.
import { strandedBatchIds } from '../db/queries/batches.ts';
import type { ActivityDeps } from './deps.ts';

export interface StrandedInput {
  /** Batches received at least this long ago: a fresh upload is still starting its own. */
  olderThanSeconds: number;
  limit: number;
}
export interface StrandedBatches { batchIds: string[]; escalateAfter: number }

export async function strandedBatches(deps: ActivityDeps, input: StrandedInput): Promise<StrandedBatches> {
  return { batchIds: await strandedBatchIds(deps.db, input.olderThanSeconds, input.limit), escalateAfter: deps.config.stewardEscalateAfter };
}
