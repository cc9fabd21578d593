// Lineage and audit over HTTP, for auditors: backward from a record (and a field), forward from a
// batch, and the verification of the audit chain.
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { verifyAuditChain } from '../../services/audit.ts';
import { batchLineage, recordLineage } from '../../services/lineage.ts';
import { listDeliveries } from '../../services/deliveries.ts';
import { auditVerifySchema, batchLineageSchema, deliveriesSchema, recordLineageSchema } from '../schemas/lineage.ts';

export function lineageRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const auditors = { roles: ['auditor', 'steward', 'admin'] as const };
  app.get('/api/lineage/records/:id', { config: auditors, schema: recordLineageSchema }, async (req) => {
    const q = req.query as { field?: string; asOf?: string };
    return recordLineage(ctx.db, req.identity, Number((req.params as { id: string }).id), q.field, q.asOf ? new Date(q.asOf) : undefined);
  });
  app.get('/api/lineage/batches/:id', { config: auditors, schema: batchLineageSchema }, async (req) => {
    const row = (req.query as { row?: string }).row;
    return batchLineage(ctx.db, req.identity, (req.params as { id: string }).id, row ? Number(row) : undefined);
  });
  app.get('/api/deliveries', { config: { roles: ['auditor', 'steward', 'admin'] }, schema: deliveriesSchema }, async (req) => {
    const q = req.query as { status?: string; subscription?: string; limit?: string };
    return listDeliveries(ctx.db, req.identity, {
      ...(q.status ? { status: q.status } : {}),
      ...(q.subscription ? { subscription: q.subscription } : {}),
      ...(q.limit ? { limit: Number(q.limit) } : {}),
    });
  });
  app.get('/api/audit/verify', { config: { roles: ['auditor', 'admin'] }, schema: auditVerifySchema },
    async (req) => verifyAuditChain(ctx.db, req.identity));
}
