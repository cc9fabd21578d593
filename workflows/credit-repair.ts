// creditRepair: the delivery of a repaired record (services/credit-repair.ts commits the repair,
// then starts this). The tombstone goes to every subscriber through an activity, so a subscriber
// that is down is retried by Temporal, and the run is in the history beside the batches'.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';
import type { CreditRepairInput, CreditRepairResult } from './contract.ts';

// The same policy as a batch's distribute step: a delivery is recorded per subscription under its
// key, so a retry sends only what has not arrived.
const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
});

export async function creditRepair(input: CreditRepairInput): Promise<CreditRepairResult> {
  return { delivered: await acts.deliverRepair(input) };
}
