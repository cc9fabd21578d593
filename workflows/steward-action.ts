// stewardAction: a steward's decision once its batch's run has ended (an item reopened after all
// its batch's items were decided), and every undo (reopen). The change is one activity (one
// transaction), then the records it changed are delivered, retried by Temporal like any delivery.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';
import type { DecisionOutcome } from '../domain/steward/decision.ts';
import type { ReopenOutcome, StewardActionInput } from './contract.ts';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
});

export async function stewardAction(input: StewardActionInput): Promise<DecisionOutcome | ReopenOutcome> {
  if (input.op === 'decide') {
    const outcome = await acts.applyDecision({ batchId: input.batchId, ...input.decision });
    await acts.distributeDecision({ batchId: input.batchId, taskId: input.decision.taskId, goldenId: outcome.goldenId });
    return outcome;
  }
  const outcome = await acts.reopenDecision({ batchId: input.batchId, taskId: input.taskId, by: input.by, reopens: input.reopens,
    ...(input.note ? { note: input.note } : {}) });
  for (const r of outcome.records) {
    await acts.distributeDecision({ batchId: input.batchId, taskId: input.taskId, goldenId: r.id, key: `task${input.taskId}u${outcome.reopens}` });
  }
  return outcome;
}
