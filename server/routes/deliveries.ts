// Deliveries over HTTP, for operators, auditors and stewards: what the distribution step sent,
// withheld or failed, paginated on the server with the counts per status.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { pageDeliveries } from '../../services/deliveries.ts';
import { parseRange } from '../../services/quality/range.ts';
import { pageOfRequest } from '../paging.ts';
import { deliveriesSchema } from '../schemas/operator.ts';

export function deliveryRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/deliveries', { config: { roles: ['auditor', 'steward', 'admin'] }, schema: deliveriesSchema }, async (req) => {
    const q = req.query as { status?: string; subscription?: string; dataset?: string; batch?: string; from?: string; to?: string };
    return pageDeliveries(ctx.db, req.identity, {
      ...pageOfRequest(req, 50), ...parseRange(q),
      ...(q.status ? { status: q.status } : {}), ...(q.subscription ? { subscription: q.subscription } : {}),
      ...(q.dataset ? { dataset: q.dataset } : {}), ...(q.batch ? { batch: q.batch } : {}),
    });
  });
}
