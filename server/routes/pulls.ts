// The pulls from agencies' own systems: listed with their state for the operator, and run by hand.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { listPulls, runPull } from '../../services/pulls/index.ts';
import type { PullRun } from '../../services/pulls/index.ts';
import { pageOfRequest } from '../paging.ts';
import { listPullsSchema, runPullSchema } from '../schemas/pulls.ts';

export function pullRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/pulls', { config: { roles: ['steward', 'auditor', 'admin'] as const }, schema: listPullsSchema }, async (req) => {
    const { total, rows } = await listPulls(ctx, req.identity, pageOfRequest(req));
    return { total, pulls: rows };
  });
  app.post('/api/pulls/run', { config: { roles: ['admin'] as const }, schema: runPullSchema }, async (req) =>
    runPull(ctx, req.identity, req.body as PullRun));
}
