// Temporal schedules the factory relies on, created when a worker starts if they do not exist yet
// (so a fresh installation has them, and a schedule an operator paused stays paused).
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleOptionsStartWorkflowAction } from '@temporalio/client';
import { publicationExpiry } from '../workflows/index.ts';

/** One schedule per factory: factories sharing a Temporal namespace (staging beside production,
 * the test suite's many) are told apart by their task queue. */
export const expiryScheduleId = (taskQueue: string): string => `cdf-publication-expiry-${taskQueue}`;

/** The daily end-of-publication sweep at 00:10 China time: a record's last day of publication is a
 * Chinese calendar day. A missed day (server down) is caught up within a day; runs never overlap. */
export async function ensureExpirySchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: expiryScheduleId(taskQueue),
      spec: { calendars: [{ hour: 0, minute: 10, comment: '每日公示期满撤下 / daily end of publication' }], timezone: 'Asia/Shanghai' },
      // The workflow by reference, its args checked against its signature: a rename fails the typecheck.
      action: { type: 'startWorkflow', workflowType: publicationExpiry, taskQueue, args: [{}] } satisfies
        ScheduleOptionsStartWorkflowAction<typeof publicationExpiry>,
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    });
    return 'created';
  } catch (e) {
    if (e instanceof ScheduleAlreadyRunning) return 'exists';
    throw e;
  }
}
