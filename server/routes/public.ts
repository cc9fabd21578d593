// The public disclosure view: no identity needed, masked and within publicity periods.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { publicRecords } from '../../services/public-view.ts';

export function publicRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/public/:dataset', { config: { roles: 'public' } }, async (req) => {
    const q = req.query as { subject?: string; after?: string; limit?: string };
    return publicRecords(ctx.db, (req.params as { dataset: string }).dataset, {
      ...(q.subject ? { subject: q.subject } : {}), ...(q.after ? { after: Number(q.after) } : {}), ...(q.limit ? { limit: Number(q.limit) } : {}),
    });
  });
}
