// Lineage and audit over HTTP, for auditors: backward from a record (and a field, as of a moment),
// its graph from source rows to deliveries, forward from a batch (paged), and the verification of
// the audit chain. A record id that is not a number is a plain 400 (services/lineage/record-id.ts).
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { verifyAuditChain } from '../../services/audit.ts';
import { batchLineage, parseRecordId, recordLineage } from '../../services/lineage.ts';
import { lineageGraph } from '../../services/lineage/graph.ts';
import { checkAsOf } from '../../services/lineage/record.ts';
import { pageOfRequest } from '../paging.ts';
import { auditVerifySchema, batchLineageSchema, recordGraphSchema, recordLineageSchema } from '../schemas/lineage.ts';

const asOfOf = (v: string | undefined): Date | undefined => {
  const d = v ? new Date(v) : undefined;
  checkAsOf(d);
  return d;
};

export function lineageRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const auditors = { roles: ['auditor', 'steward', 'admin'] as const };
  app.get('/api/lineage/records/:id', { config: auditors, schema: recordLineageSchema }, async (req) => {
    const q = req.query as { field?: string; asOf?: string };
    return recordLineage(ctx.db, req.identity, parseRecordId((req.params as { id: string }).id), q.field, asOfOf(q.asOf));
  });
  app.get('/api/lineage/records/:id/graph', { config: auditors, schema: recordGraphSchema }, async (req) => {
    const q = req.query as { field?: string; asOf?: string };
    return lineageGraph(ctx.db, req.identity, parseRecordId((req.params as { id: string }).id), asOfOf(q.asOf), q.field);
  });
  app.get('/api/lineage/batches/:id', { config: auditors, schema: batchLineageSchema }, async (req) => {
    const row = (req.query as { row?: number }).row;
    return batchLineage(ctx.db, req.identity, (req.params as { id: string }).id, row, pageOfRequest(req, 100));
  });
  app.get('/api/audit/verify', { config: { roles: ['auditor', 'admin'] as const }, schema: auditVerifySchema },
    async (req) => verifyAuditChain(ctx.db, req.identity));
}
