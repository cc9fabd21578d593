// The operator's views: the quality dashboard, and where the systems beside the factory are (the
// Temporal web UI a batch's run is shown in).
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { qualityDashboard } from '../../services/quality/dashboard.ts';
import { parseRange } from '../../services/quality/range.ts';
import { workflowIdFor } from '../../services/upload.ts';
import { qualityDashboardSchema, systemLinksSchema } from '../schemas/operator.ts';

export function operatorRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const watchers = { roles: ['steward', 'auditor', 'admin'] as const };
  app.get('/api/quality/dashboard', { config: watchers, schema: qualityDashboardSchema }, async (req) => {
    const q = req.query as { by?: string; bucket?: string; from?: string; to?: string };
    return qualityDashboard(ctx.db, req.identity, {
      ...(q.by ? { by: q.by } : {}), ...(q.bucket ? { bucket: q.bucket } : {}), range: parseRange(q), now: ctx.clock.now(),
    });
  });
  app.get('/api/system/links', { config: watchers, schema: systemLinksSchema }, async () => ({
    temporalUi: ctx.config.temporalUiUrl, namespace: ctx.config.temporalNamespace, workflowIdPrefix: workflowIdFor(''),
  }));
}
