import type { FastifyInstance } from 'fastify';
import { checkCatalog, parseCatalogText } from '../../catalog/catalog-file.ts';
import { activeCatalog, importCatalog } from '../../db/catalog.ts';
import type { ServiceContext } from '../../services/context.ts';

export function catalogRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  app.get('/api/catalog', { config: { roles: ['agency', 'steward', 'auditor', 'admin'] } }, async () => {
    const v = await activeCatalog(ctx.db);
    return { version: v.id, importedBy: v.importedBy, importedAt: v.importedAt, catalog: v.content };
  });
  app.post('/api/catalog', { config: { roles: ['admin'] } }, async (req) => {
    const name = String((req.query as Record<string, string>).name ?? 'catalog.yaml');
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const file = checkCatalog(parseCatalogText(text, name), name);
    return importCatalog(ctx.db, file, req.identity.user, name);
  });
}
