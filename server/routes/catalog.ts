import type { FastifyInstance } from 'fastify';
import { checkCatalog, parseCatalogText } from '../../catalog/catalog-file.ts';
import { effectiveEntries } from '../../catalog/inheritance.ts';
import { activeCatalog, catalogVersion, importCatalog, listCatalogVersions } from '../../db/catalog.ts';
import { syncPullSchedules } from '../../services/pulls/schedules.ts';
import { catalogDiffView, catalogListPage, catalogTreeView } from '../../services/catalog-view/index.ts';
import type { CatalogList } from '../../services/catalog-view/index.ts';
import type { ServiceContext } from '../../services/context.ts';
import { pageOfRequest } from '../paging.ts';
import { catalogVersionsSchema, getCatalogSchema, importCatalogSchema } from '../schemas/catalog.ts';
import { catalogDiffSchema, catalogGrantsSchema, catalogMeasuresSchema, catalogSubscriptionsSchema, catalogTreeSchema } from '../schemas/operator.ts';

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
  app.get('/api/catalog/tree', { config: readers, schema: catalogTreeSchema }, async (req) => {
    const { version } = req.query as { version?: number };
    return catalogTreeView(ctx.db, version);
  });
  app.get('/api/catalog/diff', { config: readers, schema: catalogDiffSchema }, async (req) => {
    const q = req.query as { from: number; to: number };
    return catalogDiffView(ctx.db, q.from, q.to);
  });
  // Subscriptions, grants and measures name departments and their systems: not for agencies.
  const lists: Array<[CatalogList, object]> = [
    ['subscriptions', catalogSubscriptionsSchema], ['grants', catalogGrantsSchema], ['measures', catalogMeasuresSchema],
  ];
  for (const [list, schema] of lists) {
    app.get(`/api/catalog/${list}`, { config: { roles: ['steward', 'auditor', 'admin'] }, schema }, async (req) => {
      const { version } = req.query as { version?: number };
      const page = await catalogListPage(ctx.db, list, { ...pageOfRequest(req), ...(version ? { version } : {}) });
      const { items, ...rest } = page;
      return { ...rest, [list]: items };
    });
  }
  app.post('/api/catalog', { config: { roles: ['admin'] }, schema: importCatalogSchema }, async (req) => {
    const name = String((req.query as Record<string, string>).name ?? 'catalog.yaml');
    const text = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const file = checkCatalog(parseCatalogText(text, name), name);
    const imported = await importCatalog(ctx.db, file, req.identity.user, name, ctx.config);
    // The pulls' schedules follow the catalogue at once (a worker starting later would too).
    await syncPullSchedules(ctx.temporal, ctx.db, ctx.config);
    return imported;
  });
}
