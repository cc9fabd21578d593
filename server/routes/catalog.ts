import type { FastifyInstance } from 'fastify';
import { checkCatalog, parseCatalogText } from '../../catalog/catalog-file.ts';
import { diffCatalogs } from '../../catalog/diff.ts';
import { effectiveEntries } from '../../catalog/inheritance.ts';
import { activeCatalog, catalogVersion, importCatalog, listCatalogVersions } from '../../db/catalog.ts';
import type { ServiceContext } from '../../services/context.ts';
import { catalogDiffSchema, catalogVersionsSchema, getCatalogSchema, importCatalogSchema } from '../schemas/catalog.ts';

export function catalogRoutes(app: FastifyInstance, ctx: ServiceContext): void {
  const readers = { roles: ['agency', 'steward', 'auditor', 'admin'] as const };
  app.get('/api/catalog', { config: readers, schema: getCatalogSchema }, async (req) => {
    const q = req.query as { version?: string; region?: string };
    const v = q.version ? await catalogVersion(ctx.db, Number(q.version)) : await activeCatalog(ctx.db);
    return {
      version: v.id,
      importedBy: v.importedBy,
      importedAt: v.importedAt,
      catalog: v.content,
      ...(q.region ? { entries: effectiveEntries(v.content, q.region) } : {}),
    };
  });
  app.get('/api/catalog/versions', { config: readers, schema: catalogVersionsSchema },
    async () => ({ versions: await listCatalogVersions(ctx.db) }));
  app.get('/api/catalog/diff', { config: readers, schema: catalogDiffSchema }, async (req) => {
    const q = req.query as { from?: string; to?: string };
    return diffCatalogs((await catalogVersion(ctx.db, Number(q.from))).content, (await catalogVersion(ctx.db, Number(q.to))).content);
  });
  app.post('/api/catalog', { config: { roles: ['admin'] }, schema: importCatalogSchema }, async (req) => {
    const name = String((req.query as Record<string, string>).name ?? 'catalog.yaml');
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const file = checkCatalog(parseCatalogText(text, name), name);
    return importCatalog(ctx.db, file, req.identity.user, name, ctx.config);
  });
}
