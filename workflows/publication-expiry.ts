// publicationExpiry: the daily end-of-publication sweep (activities/publication-expiry.ts), started
// by a Temporal schedule every morning in China's time zone (runtime/schedules.ts) or on demand by
// `cdf publication expire`. The workflow only sequences; the activity reads and delivers.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities/index.ts';
import type { ExpiryInput, ExpiryOutcome } from './contract.ts';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function publicationExpiry(input: ExpiryInput = {}): Promise<ExpiryOutcome> {
  return acts.expirePublications(input);
}
