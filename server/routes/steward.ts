// The steward queue over HTTP: a page of what waits (filters, sort, counts), one item side by side,
// decide it (sent to its batch's workflow as a Temporal update; the answer is the workflow's),
// undo a decision, and apply one decision to the similar items a preview showed.
import type { FastifyInstance } from 'fastify';
import type { StewardDecision } from '../../domain/steward/decision.ts';
import type { ServiceContext } from '../../services/context.ts';
import { decideStewardTask, reopenStewardTask } from '../../services/steward.ts';
import { applyBulk, previewBulk } from '../../services/steward/bulk.ts';
import { listQueue, taskView } from '../../services/steward/queue.ts';
import type { QueueFilter, QueueSort } from '../../db/steward-queue.ts';
import { pageOfRequest } from '../paging.ts';
import { exportGolden } from '../../services/golden-export.ts';
import { usageError } from '../../domain/errors.ts';
import { Readable } from 'node:stream';
import { bulkApplySchema, bulkPreviewSchema, decideTaskSchema, goldenExportSchema, listTasksSchema, reopenTaskSchema, taskViewSchema }
  from '../schemas/steward.ts';

interface QueueQuery {
  status?: string; kind?: string; dataset?: string; agency?: string; region?: string; olderThanDays?: number; escalated?: boolean;
  sort?: QueueSort; order?: 'asc' | 'desc';
}
type Decision = StewardDecision['decision'];

export function stewardRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const readers = { roles: ['steward', 'auditor', 'admin'] as const };
  const deciders = { roles: ['steward', 'admin'] as const };
  app.get('/api/steward/tasks', { config: readers, schema: listTasksSchema }, async (req) => {
    const q = req.query as QueueQuery;
    const f: QueueFilter = {
      ...(q.status ? { status: q.status } : {}), ...(q.kind ? { kind: q.kind } : {}), ...(q.dataset ? { dataset: q.dataset } : {}),
      ...(q.agency ? { agency: q.agency } : {}), ...(q.region ? { regionPrefix: q.region.replace(/(00)+$/, '') || q.region } : {}),
      ...(q.olderThanDays !== undefined ? { olderThanDays: q.olderThanDays } : {}), ...(q.escalated !== undefined ? { escalated: q.escalated } : {}),
    };
    return listQueue(ctx.db, req.identity, f, q.sort ?? 'age', q.order, pageOfRequest(req, 50));
  });
  app.get('/api/steward/tasks/:id', { config: readers, schema: taskViewSchema }, async (req) =>
    taskView(ctx.db, req.identity, Number((req.params as { id: string }).id)));
  app.post('/api/steward/tasks/:id/decision', { config: deciders, schema: decideTaskSchema }, async (req) => {
    const body = (req.body ?? {}) as { decision?: Decision; note?: string };
    return decideStewardTask(ctx, req.identity, Number((req.params as { id: string }).id), body.decision as Decision, body.note);
  });
  app.post('/api/steward/tasks/:id/reopen', { config: deciders, schema: reopenTaskSchema }, async (req) => {
    const body = (req.body ?? {}) as { note?: string };
    return reopenStewardTask(ctx, req.identity, Number((req.params as { id: string }).id), body.note);
  });
  app.post('/api/steward/bulk/preview', { config: deciders, schema: bulkPreviewSchema }, async (req) => {
    const body = req.body as { taskId: number; decision: Decision };
    return previewBulk(ctx, req.identity, body.taskId, body.decision);
  });
  app.post('/api/steward/bulk/apply', { config: deciders, schema: bulkApplySchema }, async (req) =>
    applyBulk(ctx, req.identity, req.body as { taskId: number; decision: Decision; token?: string; expectedIds?: number[]; note?: string }));
  app.get('/api/golden', { config: { roles: ['steward', 'auditor', 'admin'] }, schema: goldenExportSchema }, async (req, reply) => {
    const q = req.query as { dataset?: string; format?: string; asOf?: string };
    if (!q.dataset) throw usageError('CDF_EXPORT_ARGS', { zh: '需要 dataset 参数', en: 'the dataset parameter is required' });
    const asOf = q.asOf ? new Date(q.asOf) : undefined;
    if (asOf && Number.isNaN(asOf.getTime()))
      throw usageError('CDF_EXPORT_ARGS', { zh: `asOf 应为日期或时间：${q.asOf}`, en: `asOf must be a date or time: ${q.asOf}` });
    const format = q.format === 'csv' ? 'csv' : 'ndjson';
    reply.header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    return reply.send(Readable.from(exportGolden(ctx.db, req.identity, q.dataset, format, asOf ? { asOf } : {})));
  });
}
