// The agency's own routes: the datasets the catalogue assigns to it (fields explained, frequency,
// last upload, overdue) and each dataset's upload template (CSV with BOM, or XLSX).
import type { FastifyInstance } from 'fastify';
import { assignedDataset, assignedDatasets } from '../../services/agency/datasets.ts';
import { templateCsv, templateFileName, templateXlsx } from '../../services/agency/template.ts';
import type { ServiceContext } from '../../services/context.ts';
import { agencyDatasetsSchema, templateSchema } from '../schemas/agency.ts';

export function agencyRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const agencies = { roles: ['agency', 'admin'] as const };

  app.get('/api/agency/datasets', { config: agencies, schema: agencyDatasetsSchema }, async (req) => {
    const { agency } = req.query as { agency?: string };
    return assignedDatasets(ctx.db, req.identity, ctx.clock.now(), agency, ctx.config.timelinessRealtimeMinutes);
  });

  app.get('/api/agency/datasets/:dataset/template', { config: agencies, schema: templateSchema }, async (req, reply) => {
    const { format = 'csv', agency: asked } = req.query as { format?: 'csv' | 'xlsx'; agency?: string };
    const { agency, def } = await assignedDataset(ctx.db, req.identity, (req.params as { dataset: string }).dataset, asked);
    const body = format === 'xlsx' ? await templateXlsx(def, agency) : templateCsv(def, agency);
    reply.header('content-type', format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${templateFileName(def, format)}"`);
    return reply.send(body);
  });
}
