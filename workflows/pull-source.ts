// pullSource: one pull of a catalogue entry's source. Land what changed since the cursor, record it
// as a batch (moving the cursor with it), and hand the batch to its own ingestBatch workflow, which
// outlives this one (it may wait days for stewards): the next pull need not wait for it. A source
// that is down is retried with back-off by Temporal, then recorded as failing and the run fails,
// so the schedule shows it; every source has its own schedule and runs, so one down holds no other.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import { DATA_FAILURE_TYPE } from '../domain/errors.ts';
import type { PullSourceInput, PullSourceResult } from './contract.ts';
import { activityCause } from './failures.ts';
import { startIngestChild } from './start-ingest.ts';

// Connectors retry each page themselves; these attempts are for a source down for minutes.
const pullActivities = (retry: { attempts: number; initialSeconds: number } = { attempts: 4, initialSeconds: 10 }) => proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: {
    initialInterval: `${retry.initialSeconds} seconds`, backoffCoefficient: 3, maximumInterval: '5 minutes', maximumAttempts: retry.attempts,
    nonRetryableErrorTypes: [DATA_FAILURE_TYPE],
  },
});
const notes = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', retry: { maximumAttempts: 10 } });

/** What the operator reads for a failed pull: the error's code and both languages when it is ours. */
function described(e: unknown): { code: string; zh: string; en: string } {
  const cause = activityCause(e);
  if (cause instanceof ApplicationFailure) {
    const d = cause.details?.[0] as { code?: string; message?: string; messageEn?: string } | undefined;
    if (d?.code) return { code: d.code, zh: d.message ?? cause.message, en: d.messageEn ?? cause.message };
    return { code: cause.type ?? 'CDF_PULL_FAILED', zh: cause.message, en: cause.message };
  }
  const text = cause instanceof Error ? cause.message : String(cause);
  return { code: 'CDF_PULL_FAILED', zh: text, en: text };
}

export async function pullSource(input: PullSourceInput): Promise<PullSourceResult> {
  const key = { agency: input.agency, dataset: input.dataset, channel: input.channel };
  const pulls = pullActivities(input.retry);
  try {
    const landed = await pulls.pullLand({ ...key, full: input.full });
    const rec = await pulls.pullRecord({ ...landed, by: input.by ?? 'schedule' });
    if (rec.batchId && !rec.duplicate) {
      await startIngestChild({ batchId: rec.batchId, escalateAfter: rec.escalateAfter });
    }
    return { rows: landed.rows, batchId: rec.batchId, duplicate: rec.duplicate, stale: rec.stale };
  } catch (e) {
    await notes.pullFailed({ ...key, error: described(e) });
    throw e;
  }
}
