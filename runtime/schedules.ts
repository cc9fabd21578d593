// Temporal schedules the factory relies on, created when a worker starts if they do not exist yet
// (so a fresh installation has them, and a schedule an operator paused stays paused).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleOptions, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { publicationExpiry, startStrandedBatches } from '../workflows/index.ts';

/** One schedule per factory: factories sharing a Temporal namespace (staging beside production,
 * the test suite's many) are told apart by their task queue. */
export const expiryScheduleId = (taskQueue: string): string => `cdf-publication-expiry-${taskQueue}`;
export const strandedScheduleId = (taskQueue: string): string => `cdf-start-stranded-${taskQueue}`;

async function createOnce(client: Client, options: ScheduleOptions): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}

/** The daily end-of-publication sweep at 00:10 China time: a record's last day of publication is a
 * Chinese calendar day. A missed day (server down) is caught up within a day; runs never overlap. */
export async function ensureExpirySchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createOnce(client, {
    scheduleId: expiryScheduleId(taskQueue),
    spec: { calendars: [{ hour: 0, minute: 10, comment: '每日公示期满撤下 / daily end of publication' }], timezone: 'Asia/Shanghai' },
    // The workflow by reference, its args checked against its signature: a rename fails the typecheck.
    action: { type: 'startWorkflow', workflowType: publicationExpiry, taskQueue, args: [{}] } satisfies
      ScheduleOptionsStartWorkflowAction<typeof publicationExpiry>,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
  });
}

/** Every five minutes: batches received while Temporal was down get their workflows (their uploads
 * answered CDF_ORCHESTRATOR_UNAVAILABLE). Missed runs are not caught up: the next one sees them all. */
export async function ensureStrandedSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  return createOnce(client, {
    scheduleId: strandedScheduleId(taskQueue),
    spec: { intervals: [{ every: '5 minutes' }] },
    action: { type: 'startWorkflow', workflowType: startStrandedBatches, taskQueue, args: [{}] } satisfies
      ScheduleOptionsStartWorkflowAction<typeof startStrandedBatches>,
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 minute' },
  });
}
