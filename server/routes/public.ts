// The public disclosure view (no identity needed, masked, within publicity periods) and credit
// repair, which ends a record's publication.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { repairRecord } from '../../services/credit-repair.ts';
import { publicRecords } from '../../services/public-view.ts';
import { publicRecordsSchema, repairSchema } from '../schemas/public.ts';

export function publicRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/public/:dataset', { config: { roles: 'public' }, schema: publicRecordsSchema }, async (req) => {
    const q = req.query as { subject?: string; after?: string; limit?: string };
    return publicRecords(ctx.db, (req.params as { dataset: string }).dataset, {
      ...(q.subject ? { subject: q.subject } : {}), ...(q.after ? { after: Number(q.after) } : {}), ...(q.limit ? { limit: Number(q.limit) } : {}),
    });
  });
  app.post('/api/records/:id/repair', { config: { roles: ['steward', 'admin'] }, schema: repairSchema }, async (req) => {
    const body = (req.body ?? {}) as { basis?: string; note?: string };
    return repairRecord(ctx, req.identity, Number((req.params as { id: string }).id), { basis: body.basis ?? '', ...(body.note ? { note: body.note } : {}) });
  });
}
