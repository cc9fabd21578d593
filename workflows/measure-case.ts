// measureCase: one joint measure pushed to a department (联合奖惩案件), from the push to its
// feedback. The workflow holds the deadline (a timer on Temporal's clock) and is the writer of the
// case's end: the department's feedback arrives as the `feedback` update (validated before it is
// recorded in the history), is recorded by an activity and answered. At the deadline without
// feedback the case is marked overdue and escalated; it still takes feedback afterwards, which
// closes it. A dispute ends the workflow too: the case is then the steward item's to close.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { checkFeedback } from '../domain/cases.ts';
import type { CaseStatus } from '../domain/cases.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';
import { caseFeedbackUpdate } from './contract.ts';
import { asUpdateFailure, refusing } from './failures.ts';
import type { MeasureCaseInput, MeasureCaseResult } from './contract.ts';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '30 seconds', nonRetryableErrorTypes: [DATA_FAILURE_TYPE] },
});

export async function measureCase({ caseId, dueAt }: MeasureCaseInput): Promise<MeasureCaseResult> {
  let status: CaseStatus = 'open';
  let overdue = false;
  setHandler(caseFeedbackUpdate, async (f) => {
    try {
      const answer = await acts.recordCaseFeedback({ caseId, ...f });
      status = answer.status;
      return answer;
    } catch (e) {
      // The caller gets our reason (already answered, unknown case) as it was raised.
      throw asUpdateFailure(e);
    }
  }, { validator: refusing(checkFeedback) });
  const answered = () => status === 'closed' || status === 'disputed';
  // Date.now() in a workflow is the time of its current task: replay computes the same wait.
  const wait = Math.max(1, Date.parse(dueAt) - Date.now());
  if (!(await condition(answered, wait))) {
    overdue = await acts.escalateMeasureCase({ caseId });
    if (!answered()) status = 'overdue';
    await condition(answered);
  }
  return { caseId, status, overdue };
}
