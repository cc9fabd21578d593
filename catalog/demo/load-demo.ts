// The demo a newcomer sees on first start: the demo catalogue and one extract from the city's
// market regulator, run through the whole pipeline. Loading it twice changes nothing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importCatalog } from '../../db/catalog.ts';
import type { Batch } from '../../db/batches.ts';
import type { ServiceContext } from '../../services/context.ts';
import { parseIdentity } from '../../services/identity.ts';
import { uploadFile, waitForBatch } from '../../services/upload.ts';
import { checkCatalog, parseCatalogText } from '../catalog-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
export const DEMO_CATALOG = path.join(here, 'catalog.yaml');
export const DEMO_EXTRACT = path.join(here, 'extracts', 'admin_penalty_city_market_regulation.csv');

export async function loadDemo(ctx: ServiceContext): Promise<{ catalogVersion: number; batch: Batch; duplicate: boolean }> {
  const catalog = checkCatalog(parseCatalogText(readFileSync(DEMO_CATALOG, 'utf8'), 'catalog.yaml'), 'catalog.yaml');
  const { version } = await importCatalog(ctx.db, catalog, 'admin@demo', 'catalog/demo/catalog.yaml');
  const uploader = parseIdentity('agency:city_market_regulation@demo');
  const r = await uploadFile(ctx, uploader, DEMO_EXTRACT, { agency: 'city_market_regulation', dataset: 'admin_penalty' });
  return { catalogVersion: version, batch: await waitForBatch(ctx, r.batchId), duplicate: r.duplicate };
}
