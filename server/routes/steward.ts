// The steward queue over HTTP: list what waits, decide an item (sent to its batch's workflow as a
// Temporal update; the answer is the workflow's).
import type { FastifyInstance } from 'fastify';
import type { StewardDecision } from '../../domain/steward/decision.ts';
import type { ServiceContext } from '../../services/context.ts';
import { decideStewardTask, listStewardTasks } from '../../services/steward.ts';
import { exportGolden } from '../../services/golden-export.ts';
import { usageError } from '../../domain/errors.ts';
import { Readable } from 'node:stream';
import { decideTaskSchema, goldenExportSchema, listTasksSchema } from '../schemas/steward.ts';

export function stewardRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/steward/tasks', { config: { roles: ['steward', 'auditor', 'admin'] }, schema: listTasksSchema }, async (req) => {
    const q = req.query as { status?: string; kind?: string; limit?: string };
    return {
      tasks: await listStewardTasks(ctx.db, req.identity, {
        ...(q.status ? { status: q.status } : {}),
        ...(q.kind ? { kind: q.kind } : {}),
        ...(q.limit ? { limit: Number(q.limit) } : {}),
      }),
    };
  });
  app.post('/api/steward/tasks/:id/decision', { config: { roles: ['steward', 'admin'] }, schema: decideTaskSchema }, async (req) => {
    const body = (req.body ?? {}) as { decision?: StewardDecision['decision']; note?: string };
    return decideStewardTask(ctx, req.identity, Number((req.params as { id: string }).id), body.decision as StewardDecision['decision'], body.note);
  });
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
