// One Temporal Schedule per catalogue entry with a pull, at the entry's frequency, kept in step with
// the active catalogue: a new entry gets its schedule, a changed one (frequency, connector, config,
// column map) has it updated, a removed one has it deleted. Called after every catalogue import and
// when a worker starts. Times are China time; daily and longer runs start at 01:00 plus a minute
// taken from the entry's id, so a city's hundreds of pulls do not all start at once. `realtime` is a
// short interval (CDF_REALTIME_PULL_SECONDS, 60 s by default), not a push endpoint: an agency's
// system need not know the factory, and a pull that finds nothing makes no batch.
import { createHash } from 'node:crypto';
import { ScheduleAlreadyRunning, ScheduleNotFoundError, ScheduleOverlapPolicy } from '@temporalio/client';
import type { Client, ScheduleOptionsStartWorkflowAction, ScheduleSpec } from '@temporalio/client';
import { activeCatalog } from '../../db/catalog.ts';
import type { Db } from '../../db/connect.ts';
import { forgetPullSchedule, pullSchedules, recordPullSchedule } from '../../db/queries/pulls.ts';
import type { PullKey } from '../../db/queries/pulls.ts';
import type { CatalogFile } from '../../domain/catalog.ts';
import type { Config } from '../../runtime/config.ts';
import { pullSource } from '../../workflows/index.ts';

type Entry = CatalogFile['entries'][number];

/** Schedules of one factory: factories sharing a namespace (the tests' many) differ by task queue. */
export const pullSchedulePrefix = (taskQueue: string): string => `cdf-pull-${taskQueue}-`;
export const pullScheduleId = (taskQueue: string, k: PullKey): string => `${pullSchedulePrefix(taskQueue)}${k.agency}-${k.dataset}-${k.channel}`;

/** When the entry is pulled: its frequency as a China-time calendar, or realtime's short interval. */
export function pullSpec(frequency: string, scheduleId: string, realtimeSeconds: number): ScheduleSpec {
  if (frequency === 'realtime') return { intervals: [{ every: `${realtimeSeconds} seconds` }] };
  const minute = createHash('sha256').update(scheduleId).digest().readUInt16BE(0) % 60;
  const at = { hour: 1, minute, comment: `${frequency} pull` };
  const calendar = {
    daily: at,
    weekly: { ...at, dayOfWeek: 'MONDAY' as const },
    monthly: { ...at, dayOfMonth: 1 },
    quarterly: { ...at, dayOfMonth: 1, month: ['JANUARY', 'APRIL', 'JULY', 'OCTOBER'] as Array<'JANUARY' | 'APRIL' | 'JULY' | 'OCTOBER'> },
  }[frequency] ?? at;
  return { calendars: [calendar], timezone: 'Asia/Shanghai' };
}

const specHash = (e: Entry, config: Config): string => createHash('sha256')
  .update(JSON.stringify([e.frequency, e.pull, config.realtimePullSeconds, config.pullRetry])).digest('hex');

function options(e: Entry, scheduleId: string, config: Config) {
  const key = { agency: e.agency, dataset: e.dataset, channel: e.channel };
  return {
    spec: pullSpec(e.frequency, scheduleId, config.realtimePullSeconds),
    action: {
      type: 'startWorkflow', workflowType: pullSource, taskQueue: config.taskQueue, workflowId: `pull-${config.taskQueue}-${key.agency}-${key.dataset}`,
      args: [{ ...key, by: 'schedule', retry: config.pullRetry }],
    } satisfies ScheduleOptionsStartWorkflowAction<typeof pullSource>,
    // A run still going when the next is due is not doubled; a run missed while the server was down
    // is caught up once, within the entry's own period.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: e.frequency === 'realtime' ? '1 minute' : '1 day' },
  };
}

export interface ScheduleSync { created: string[]; updated: string[]; deleted: string[]; unchanged: number }

/** Makes the schedules match the active catalogue's pulls. */
export async function syncPullSchedules(temporal: Client, db: Db, config: Config): Promise<ScheduleSync> {
  const catalog = (await activeCatalog(db).catch(() => null))?.content;
  const wanted = new Map((catalog?.entries ?? []).filter((e) => e.pull).map((e) => [pullScheduleId(config.taskQueue, e), e]));
  const known = new Map((await pullSchedules(db, pullSchedulePrefix(config.taskQueue))).map((r) => [r.schedule_id, r]));
  const out: ScheduleSync = { created: [], updated: [], deleted: [], unchanged: 0 };
  for (const [id, e] of wanted) {
    const hash = specHash(e, config);
    const opts = options(e, id, config);
    const handle = temporal.schedule.getHandle(id);
    const exists = await handle.describe().then(() => true, (err: unknown) => {
      if (err instanceof ScheduleNotFoundError) return false;
      throw err;
    });
    // Workers starting together (compose's replicas) each find the schedule missing: the one that
    // creates it second finds it there, made by the same catalogue, and leaves it.
    const created = !exists && await temporal.schedule.create({ scheduleId: id, ...opts }).then(() => true, (err: unknown) => {
      if (err instanceof ScheduleAlreadyRunning) return false;
      throw err;
    });
    if (created) {
      out.created.push(id);
    } else if (!exists) {
      out.unchanged++;
    } else if (known.get(id)?.spec_sha256 !== hash) {
      await handle.update((prev) => ({ ...prev, ...opts }));
      out.updated.push(id);
    } else out.unchanged++;
    await recordPullSchedule(db, { schedule_id: id, agency: e.agency, dataset: e.dataset, channel: e.channel, spec_sha256: hash });
  }
  for (const id of known.keys()) {
    if (wanted.has(id)) continue;
    await temporal.schedule.getHandle(id).delete().catch((err: unknown) => {
      if (!(err instanceof ScheduleNotFoundError)) throw err;
    });
    await forgetPullSchedule(db, id);
    out.deleted.push(id);
  }
  return out;
}
