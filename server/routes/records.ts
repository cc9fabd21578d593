// Golden-record search over HTTP, for auditors, stewards and admins (services/search/).
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { searchRecords } from '../../services/search/index.ts';
import { pageOfRequest } from '../paging.ts';
import { searchRecordsSchema } from '../schemas/records.ts';

export function recordRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/records/search', { config: { roles: ['auditor', 'steward', 'admin'] as const }, schema: searchRecordsSchema }, async (req) => {
    const q = req.query as { q: string; dataset?: string };
    return searchRecords(ctx.db, req.identity, { q: q.q, ...(q.dataset ? { dataset: q.dataset } : {}), ...pageOfRequest(req, 20) });
  });
}
