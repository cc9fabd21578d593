// Pulls as the operator runs and watches them: every catalogue entry with a pull, with how its last
// pulls went (failing first), and a pull run by hand now, optionally from the beginning (a full
// re-read: what did not change is recognised as such by compare, and the cursor moves on).
import { randomUUID } from 'node:crypto';
import { pulledEntry } from '../../catalog/pull-entry.ts';
import { activeCatalog } from '../../db/catalog.ts';
import { allPullSources } from '../../db/queries/pulls.ts';
import type { PullSourceRow } from '../../db/queries/pulls.ts';
import { CHANNEL_NAMES } from '../../domain/catalog.ts';
import type { Bilingual } from '../../domain/errors.ts';
import { pullSource } from '../../workflows/index.ts';
import type { PullSourceResult } from '../../workflows/contract.ts';
import type { ServiceContext } from '../context.ts';
import { requireRole } from '../identity.ts';
import type { Identity } from '../identity.ts';
import { pullScheduleId } from './schedules.ts';

export { syncPullSchedules } from './schedules.ts';

export interface PullRun { agency: string; dataset: string; channel?: string; full?: boolean; wait?: boolean }

export interface PullListRow {
  agency: string; agencyName: Bilingual; dataset: string; channel: string; channelName: Bilingual; frequency: string;
  connector: string; scheduleId: string;
  state: Omit<PullSourceRow, 'agency' | 'dataset' | 'channel' | 'connector' | 'updated_at'> | null;
}

const operatorOnly = (who: Identity, action: Bilingual) => requireRole(who, ['admin'], action);

/** Starts a pull of the entry now; with `wait`, returns what it did. */
export async function runPull(ctx: ServiceContext, who: Identity, req: PullRun): Promise<{ workflowId: string; result?: PullSourceResult }> {
  operatorOnly(who, { zh: '运行抽取', en: 'run a pull' });
  const entry = pulledEntry(await activeCatalog(ctx.db), req);
  const workflowId = `pull-${ctx.config.taskQueue}-${entry.agency}-${entry.dataset}-by-hand-${randomUUID().slice(0, 8)}`;
  const handle = await ctx.temporal.workflow.start(pullSource, {
    taskQueue: ctx.config.taskQueue, workflowId,
    args: [{ agency: entry.agency, dataset: entry.dataset, channel: entry.channel, full: req.full, by: who.user, retry: ctx.config.pullRetry }],
  });
  return req.wait ? { workflowId, result: await handle.result() } : { workflowId };
}

/** The catalogue's pulls with their state, failing first (longest failing first), paged here. */
export async function listPulls(ctx: ServiceContext, who: Identity, page: { limit: number; offset: number }): Promise<{ total: number; rows: PullListRow[] }> {
  requireRole(who, ['admin', 'steward', 'auditor'], { zh: '查看抽取', en: 'see the pulls' });
  const catalog = (await activeCatalog(ctx.db)).content;
  const names = new Map(catalog.agencies.map((a) => [a.code, a.name]));
  const states = new Map((await allPullSources(ctx.db)).map((s) => [`${s.agency}|${s.dataset}|${s.channel}`, s]));
  const rows = catalog.entries.filter((e) => e.pull).map((e): PullListRow => {
    const s = states.get(`${e.agency}|${e.dataset}|${e.channel}`);
    return {
      agency: e.agency, agencyName: names.get(e.agency) ?? { zh: e.agency, en: e.agency }, dataset: e.dataset, channel: e.channel,
      channelName: CHANNEL_NAMES[e.channel], frequency: e.frequency, connector: e.pull!.connector, scheduleId: pullScheduleId(ctx.config.taskQueue, e),
      state: s ? {
        cursor: s.cursor, last_attempt_at: s.last_attempt_at, last_success_at: s.last_success_at, last_rows: s.last_rows,
        last_batch_id: s.last_batch_id, failures: s.failures, failing_since: s.failing_since, last_error: s.last_error,
      } : null,
    };
  });
  const since = (r: PullListRow) => r.state?.failing_since?.getTime() ?? Infinity;
  rows.sort((a, b) => since(a) - since(b) || a.agency.localeCompare(b.agency) || a.dataset.localeCompare(b.dataset));
  return { total: rows.length, rows: rows.slice(page.offset, page.offset + page.limit) };
}
