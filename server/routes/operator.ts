// The operator's views: the quality dashboard, timeliness now (which agencies are late), and where the systems beside the factory are (the
// Temporal web UI a batch's run is shown in).
import type { FastifyInstance } from 'fastify';
import type { ServiceContext } from '../../services/context.ts';
import { qualityDashboard } from '../../services/quality/dashboard.ts';
import { parseRange } from '../../services/quality/range.ts';
import { timelinessList } from '../../services/quality/timeliness.ts';
import { workflowIdFor } from '../../services/upload.ts';
import { pageOfRequest } from '../paging.ts';
import { qualityDashboardSchema, qualityTimelinessSchema, systemLinksSchema } from '../schemas/operator.ts';

export function operatorRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const watchers = { roles: ['steward', 'auditor', 'admin'] as const };
  app.get('/api/quality/dashboard', { config: watchers, schema: qualityDashboardSchema }, async (req) => {
    const q = req.query as { by?: string; bucket?: string; from?: string; to?: string };
    return qualityDashboard(ctx.db, req.identity, {
      ...(q.by ? { by: q.by } : {}), ...(q.bucket ? { bucket: q.bucket } : {}), range: parseRange(q), now: ctx.clock.now(),
      realtimeMinutes: ctx.config.timelinessRealtimeMinutes,
    });
  });
  // An agency may ask too: it sees its own entries (the service's scope).
  app.get('/api/quality/timeliness', { config: { roles: [...watchers.roles, 'agency'] }, schema: qualityTimelinessSchema }, async (req) => {
    const q = req.query as { region?: string; agency?: string; dataset?: string; status?: string; from?: string; to?: string };
    return timelinessList(ctx.db, req.identity, {
      ...(q.region ? { region: q.region } : {}), ...(q.agency ? { agency: q.agency } : {}), ...(q.dataset ? { dataset: q.dataset } : {}),
      ...(q.status ? { status: q.status } : {}), page: pageOfRequest(req), range: parseRange(q), now: ctx.clock.now(),
      realtimeMinutes: ctx.config.timelinessRealtimeMinutes,
    });
  });
  app.get('/api/system/links', { config: watchers, schema: systemLinksSchema }, async () => ({
    temporalUi: ctx.config.temporalUiUrl, namespace: ctx.config.temporalNamespace, workflowIdPrefix: workflowIdFor(''),
  }));
}
